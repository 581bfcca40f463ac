import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isTimeoutError } from '../errors/timeout.error.js';
import { CommandDeadlines } from './command-deadlines.js';

const never = (): Promise<never> => new Promise<never>(() => {});

/** Collects how each call settled, as `'value'`, `'timeout'` or the error's message. */
function outcome(call: Promise<unknown>): { settled?: string } {
  const seen: { settled?: string } = {};
  call.then(
    (value) => (seen.settled = String(value)),
    (error: unknown) => (seen.settled = isTimeoutError(error) ? `timeout after ${error.timeoutMs}` : String(error)),
  );
  return seen;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('CommandDeadlines', () => {
  it('passes a value or an error through when the command settles in time', async () => {
    const deadlines = new CommandDeadlines(100);
    await expect(deadlines.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
    await expect(deadlines.run(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(
      deadlines.run(() => {
        throw new Error('thrown before any promise');
      }),
    ).rejects.toThrow('thrown before any promise');
  });

  it('gives up on each overlapping command at its own deadline, with a TimeoutError', async () => {
    const deadlines = new CommandDeadlines(100);
    const first = outcome(deadlines.run(never));
    await vi.advanceTimersByTimeAsync(30);
    const second = outcome(deadlines.run(never));
    const third = outcome(deadlines.run(() => new Promise((resolve) => setTimeout(resolve, 50, 'late but in time'))));
    await vi.advanceTimersByTimeAsync(69);
    expect([first.settled, second.settled, third.settled]).toEqual([undefined, undefined, 'late but in time']);
    await vi.advanceTimersByTimeAsync(1);
    expect(first.settled).toBe('timeout after 100');
    await vi.advanceTimersByTimeAsync(29);
    expect(second.settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(second.settled).toBe('timeout after 100');
  });

  it('keeps timing out commands that start long after earlier ones finished', async () => {
    const deadlines = new CommandDeadlines(100);
    await deadlines.run(() => Promise.resolve(1));
    await vi.advanceTimersByTimeAsync(1_000);
    const late = outcome(deadlines.run(never));
    await vi.advanceTimersByTimeAsync(99);
    expect(late.settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(late.settled).toBe('timeout after 100');
  });

  it('times out only the commands still pending when others finish out of order', async () => {
    const deadlines = new CommandDeadlines(100);
    const finish: Array<(value: string) => void> = [];
    const calls = [0, 1, 2, 3, 4].map((i) => outcome(deadlines.run(() => new Promise<string>((resolve) => (finish[i] = resolve)))));
    for (const i of [2, 0, 4]) finish[i](`done ${i}`);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls.map((call) => call.settled)).toEqual(['done 0', 'timeout after 100', 'done 2', 'timeout after 100', 'done 4']);
    const next = outcome(deadlines.run(never));
    await vi.advanceTimersByTimeAsync(100);
    expect(next.settled).toBe('timeout after 100');
  });

  it('ignores a command that settles after it timed out', async () => {
    const deadlines = new CommandDeadlines(100);
    const slow = outcome(deadlines.run(() => new Promise((resolve) => setTimeout(resolve, 150, 'too late'))));
    await vi.advanceTimersByTimeAsync(200);
    expect(slow.settled).toBe('timeout after 100');
  });
});
