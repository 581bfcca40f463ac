import { setTimeout as sleep } from 'node:timers/promises';
import type { Attempt } from './http.attempt.js';

/** How a fleet of clients behaves. */
export interface FleetOptions {
  /** Concurrent clients, each a loop: call, think, call again. */
  readonly clients: number;
  /** The mean think time between a client's calls (exponentially distributed), in milliseconds. */
  readonly thinkMeanMs: number;
  /** No client starts a call at or after this time (`performance.now()`). */
  readonly stopAt: number;
  /** Seeded, for think times. */
  readonly random: () => number;
}

/** What the clients saw. */
export interface FleetTally {
  calls: number;
  succeeded: number;
}

/**
 * Runs a closed-loop client fleet: every client calls, waits an exponential think time, and
 * calls again until `stopAt`. Each starts after a think time of its own, so arrivals are spread
 * from the start (exponential think times make the fleet's arrivals Poisson-like).
 *
 * @param call what a client does per call (a strategy around one HTTP attempt)
 * @param options clients, think time, stop time and random source
 * @returns the calls made and how many succeeded, once every client has finished
 * @example
 * const tally = await runFleet(call, { clients: 200, thinkMeanMs: 1_333, stopAt, random });
 */
export async function runFleet(call: Attempt, options: FleetOptions): Promise<FleetTally> {
  const tally: FleetTally = { calls: 0, succeeded: 0 };
  const think = (): number => -options.thinkMeanMs * Math.log(1 - options.random());
  // Returns false instead of sleeping past stopAt, so the run ends on time.
  const pause = async (): Promise<boolean> => {
    const ms = think();
    if (performance.now() + ms >= options.stopAt) return false;
    await sleep(ms);
    return true;
  };
  const client = async (): Promise<void> => {
    while (await pause()) {
      tally.calls++;
      try {
        await call();
        tally.succeeded++;
      } catch {
        // A failed call is counted by what did not succeed; the client carries on like a user would.
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return tally;
}
