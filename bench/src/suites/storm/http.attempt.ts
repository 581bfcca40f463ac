import { Agent, request } from 'node:http';
import { HttpStatusError } from './http-status.error.js';

/** One HTTP request to the dependency: resolves on 200, rejects otherwise. */
export type Attempt = () => Promise<void>;

/** A request that has not answered by then is abandoned; the dependency never queues, so it is a safety net. */
const ATTEMPT_TIMEOUT_MS = 2_000;

/**
 * Builds the single attempt every strategy wraps: `GET /` on the dependency over a keep-alive
 * connection pool.
 *
 * @param port the dependency's loopback port
 * @param agent the connection pool, one per run
 * @returns the attempt; it rejects with `HttpStatusError` on a non-200 status, or a socket error
 * @example
 * const attempt = httpAttempt(dependency.port, new Agent({ keepAlive: true }));
 */
export function httpAttempt(port: number, agent: Agent): Attempt {
  const options = { host: '127.0.0.1', port, path: '/', agent, timeout: ATTEMPT_TIMEOUT_MS };
  return () =>
    new Promise<void>((resolve, reject) => {
      const call = request(options, (response) => {
        response.resume();
        response.once('end', () => (response.statusCode === 200 ? resolve() : reject(new HttpStatusError(response.statusCode ?? 0))));
      });
      call.once('timeout', () => call.destroy(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`)));
      call.once('error', reject);
      call.end();
    });
}
