/** @internal What a node said in time, or why it said nothing usable. */
export type NodeAnswer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * @internal Waits for one node's reply, but no longer than `timeoutMs`: a stalled node (paused,
 * partitioned, swapping) must not hold up the others. A late reply is ignored.
 *
 * @param pending the command in flight
 * @param timeoutMs the per-node command timeout
 * @returns the reply, or the error or timeout that replaced it
 */
export function answerWithin<T>(pending: Promise<T>, timeoutMs: number): Promise<NodeAnswer<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, error: new Error(`no answer within ${timeoutMs} ms`) }), timeoutMs);
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve({ ok: true, value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ ok: false, error });
      },
    );
  });
}
