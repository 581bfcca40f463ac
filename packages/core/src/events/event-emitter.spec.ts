import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from './event-emitter.js';

describe('EventEmitter', () => {
  it('calls every listener until it is disposed', () => {
    const emitter = new EventEmitter<number>();
    const seen: number[] = [];
    const subscription = emitter.event((n) => seen.push(n));
    emitter.emit(1);
    subscription.dispose();
    subscription.dispose();
    emitter.emit(2);
    expect(seen).toEqual([1]);
    expect(emitter.hasListeners).toBe(false);
  });

  it('still reaches later listeners when one disposes itself during emit', () => {
    const emitter = new EventEmitter<string>();
    const seen: string[] = [];
    const first = emitter.event(() => first.dispose());
    emitter.event((s) => seen.push(s));
    emitter.emit('a');
    expect(seen).toEqual(['a']);
  });

  it('keeps going when a listener throws, and reports the error asynchronously', async () => {
    const emitter = new EventEmitter<string>();
    const seen: string[] = [];
    const reported = vi.fn();
    const queue = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => {
      try {
        task();
      } catch (error) {
        reported(error);
      }
    });
    emitter.event(() => {
      throw new Error('listener bug');
    });
    emitter.event((s) => seen.push(s));
    emitter.emit('a');
    queue.mockRestore();
    expect(seen).toEqual(['a']);
    expect(reported).toHaveBeenCalledWith(new Error('listener bug'));
  });
});
