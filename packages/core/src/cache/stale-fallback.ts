/**
 * @internal Answers with a refresh's value, or with the stale value when the refresh fails or
 * outlasts `softTimeoutMs` (it then goes on in the background, its failure already reported by
 * the loader). Never rejects.
 *
 * @param loading the refresh
 * @param stale the expired value, still within its grace
 * @param softTimeoutMs how long to wait for the refresh; `Infinity` waits for it
 * @param onStale told when and why the stale value answered
 */
export function withStaleFallback<T>(
  loading: Promise<T>,
  stale: T,
  softTimeoutMs: number,
  onStale: (reason: 'error' | 'soft-timeout', error?: unknown) => void,
): Promise<T> {
  return new Promise<T>((resolve) => {
    let answered = false;
    const timer =
      softTimeoutMs === Infinity
        ? undefined
        : setTimeout(() => {
            answered = true;
            onStale('soft-timeout');
            resolve(stale);
          }, softTimeoutMs);
    loading.then(
      (value) => {
        clearTimeout(timer);
        if (!answered) resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (answered) return;
        onStale('error', error);
        resolve(stale);
      },
    );
  });
}
