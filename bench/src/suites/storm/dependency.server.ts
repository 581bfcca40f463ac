import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenBucket } from './token.bucket.js';

/** How a request to the dependency ended: served (200), over capacity or down (503 at once). */
export type Outcome = 'accepted' | 'over-capacity' | 'down';

/** Every request the dependency received, in arrival order. */
export interface RequestLog {
  /** Arrival times, `performance.now()` milliseconds, ascending. */
  readonly times: number[];
  /** The outcome of each request, by index. */
  readonly outcomes: Outcome[];
}

/** A running dependency. */
export interface Dependency {
  readonly port: number;
  readonly log: RequestLog;
  /** Starts (`true`) or ends (`false`) the outage: while down, every request gets 503. */
  setDown(down: boolean): void;
  /** Closes the server and every connection. */
  stop(): Promise<void>;
}

const BODY: Readonly<Record<Outcome, string>> = { accepted: 'ok', 'over-capacity': 'over capacity', down: 'down' };

/**
 * Starts the dependency of the storm simulation: a real HTTP server on a free loopback port with a
 * fixed capacity (a token bucket; the excess gets 503 at once, without queueing) and a switch for
 * an outage (503 for everything). It logs every request it receives.
 *
 * @param capacityPerSecond requests served per second
 * @param burst requests that may be served at once after a quiet spell
 * @returns the running dependency
 * @throws when the server cannot listen
 * @example
 * const dependency = await startDependency(200, 20);
 * dependency.setDown(true);
 */
export async function startDependency(capacityPerSecond: number, burst: number): Promise<Dependency> {
  const bucket = new TokenBucket(capacityPerSecond, burst, performance.now());
  const log: RequestLog = { times: [], outcomes: [] };
  let down = false;
  const handle = (_request: IncomingMessage, response: ServerResponse): void => {
    const now = performance.now();
    // Outage requests take no token: a dependency that is down serves nothing either way.
    const outcome = down ? 'down' : bucket.take(now) ? 'accepted' : 'over-capacity';
    log.times.push(now);
    log.outcomes.push(outcome);
    const body = BODY[outcome];
    response.writeHead(outcome === 'accepted' ? 200 : 503, { 'content-type': 'text/plain', 'content-length': body.length });
    response.end(body);
  };
  const server: Server = createServer({ keepAlive: true }, handle);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    setDown: (value) => void (down = value),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
