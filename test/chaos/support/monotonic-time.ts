/**
 * Milliseconds on the machine's monotonic clock, comparable across processes on one Linux machine.
 *
 * `process.hrtime.bigint()` reads libuv's `uv_hrtime()`, which is `clock_gettime(CLOCK_MONOTONIC)`
 * on Linux: one clock for the whole system (time since boot, not counting suspend), not a
 * per-process counter, and unaffected by NTP steps. So a reading taken in one process can be
 * compared with a reading taken in another, which is what the election checks do. Not so for
 * `performance.now()`, which counts from each process's own start. `monotonic-time.spec.ts`
 * verifies the claim on the machine running the suite: a child's reading falls between two
 * readings of its parent.
 *
 * @returns milliseconds, with microsecond resolution
 * @example
 * const at = monotonicMs(); // e.g. 4146576.315
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

/**
 * Waits `ms` of real time. The chaos suite runs real processes against real servers, so it waits
 * for real; everything it waits for is bounded.
 *
 * @param ms how long
 * @returns a promise settled after `ms`
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/**
 * Polls `check` until it returns a value other than `undefined`, or fails after `timeoutMs`.
 *
 * @param what what is awaited, for the error message
 * @param check returns the awaited value, or `undefined` while not there yet
 * @param timeoutMs the most it may take
 * @param intervalMs the pause between checks @default 20
 * @returns the first defined value
 * @throws Error naming `what` and the timeout
 */
export async function waitUntil<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, intervalMs = 20): Promise<T> {
  const deadline = monotonicMs() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (monotonicMs() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
