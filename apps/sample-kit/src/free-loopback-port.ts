import { createServer } from 'node:net';

/** The port a Redis the developer may be running listens on: never handed out. */
const REDIS_DEFAULT_PORT = 6379;

/**
 * Finds a free loopback port, never 6379.
 *
 * @returns a port that was free a moment ago (another process may still take it: retry on failure)
 * @throws Error when the OS reports no port
 * @example
 * const port = await freeLoopbackPort();
 */
export async function freeLoopbackPort(): Promise<number> {
  for (;;) {
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    if (address === null || typeof address === 'string') throw new Error('could not read a free loopback port');
    if (address.port !== REDIS_DEFAULT_PORT) return address.port;
  }
}
