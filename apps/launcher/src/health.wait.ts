import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 100;

/**
 * Waits until a service's `/health` answers 200.
 *
 * @param baseUrl the service's URL, e.g. `http://127.0.0.1:3000`
 * @param timeoutMs how long to keep asking
 * @returns once `/health` answered 200
 * @throws Error naming the URL and the last answer when the time runs out
 * @example
 * await waitForHealth('http://127.0.0.1:3001', 15_000);
 */
export async function waitForHealth(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(POLL_MS);
  }
  throw new Error(`${baseUrl}/health did not answer 200 within ${timeoutMs} ms (last: ${last}).`);
}
