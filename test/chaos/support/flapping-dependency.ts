import { createServer, type Server } from 'node:http';
import type { ChaosRandom } from './chaos-random.js';

/** How the dependency behaves during one phase. */
export type DependencyMode =
  | { readonly kind: 'healthy' }
  | { readonly kind: 'down' }
  | { readonly kind: 'flaky'; readonly errorRate: number }
  | { readonly kind: 'slow'; readonly latencyMs: number };

/** One phase of a flapping schedule. */
export interface DependencyPhase {
  readonly mode: DependencyMode;
  readonly durationMs: number;
}

/**
 * A seeded flapping schedule: healthy, down, flaky and slow phases in a random order, ending
 * healthy for `recoveryMs` so the caller can show it recovers.
 *
 * @param random the scenario's generator
 * @param totalMs how long the flapping lasts, before the final healthy phase
 * @param recoveryMs the final healthy phase
 * @param slowLatencyMs a slow answer's latency: above the caller's timeout
 * @returns the phases
 */
export function flappingSchedule(random: ChaosRandom, totalMs: number, recoveryMs: number, slowLatencyMs: number): DependencyPhase[] {
  const modes = (): DependencyMode[] => [{ kind: 'healthy' }, { kind: 'down' }, { kind: 'flaky', errorRate: random.int(20, 45) / 100 }, { kind: 'slow', latencyMs: slowLatencyMs }];
  const phases: DependencyPhase[] = [];
  // Rounds of every mode in a random order, so each run sees each kind of trouble.
  for (let elapsed = 0; elapsed < totalMs; ) {
    for (const mode of random.shuffle(modes())) {
      const durationMs = random.int(400, 1_200);
      phases.push({ mode, durationMs });
      elapsed += durationMs;
    }
  }
  phases.push({ mode: { kind: 'healthy' }, durationMs: recoveryMs });
  return phases;
}

/** An HTTP dependency on a loopback port whose behaviour a test switches: `GET /` answers 200, 500 or 503, or late. */
export class FlappingDependency {
  /** Requests that reached it, failed ones included. */
  requests = 0;
  /** The same, by the mode it was in. */
  readonly requestsByMode: Record<string, number> = {};
  mode: DependencyMode = { kind: 'healthy' };
  private readonly server: Server;

  /** @param random decides which requests fail while flaky */
  constructor(private readonly random: ChaosRandom) {
    this.server = createServer((request, response) => {
      this.requests++;
      const mode = this.mode;
      this.requestsByMode[mode.kind] = (this.requestsByMode[mode.kind] ?? 0) + 1;
      const answer = (status: number): void => void response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'failed');
      if (mode.kind === 'down') answer(503);
      else if (mode.kind === 'flaky') answer(this.random.chance(mode.errorRate) ? 500 : 200);
      else if (mode.kind === 'slow') setTimeout(() => answer(200), mode.latencyMs).unref();
      else answer(200);
    });
    // Keep-alive sockets would hold `close()` open; every response closes its connection's idle timer quickly.
    this.server.keepAliveTimeout = 100;
  }

  /** @returns its URL once it listens */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/`;
  }

  /** Runs a schedule of phases, switching the mode at each. */
  async play(phases: readonly DependencyPhase[]): Promise<void> {
    for (const phase of phases) {
      this.mode = phase.mode;
      await new Promise((resolve) => setTimeout(resolve, phase.durationMs));
    }
  }

  /** Stops listening and drops open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
