import type { ChaosProcess } from '../support/chaos-process.js';
import { waitUntil } from '../support/monotonic-time.js';
import type { Term } from './election-checks.js';
import type { WorkerEvent } from './election.types.js';

/** Names one term: an elector may be elected again, with a new token each time. */
export interface TermRef {
  readonly id: string;
  readonly token: number;
  readonly at: number;
}

interface OpenTerm extends Omit<Term, 'endAt' | 'paused'> {
  endAt: number | undefined;
  /** The process that reported it: its pauses decide whether the term counts as paused. */
  readonly process: ChaosProcess<WorkerEvent>;
}

const keyOf = (id: string, token: number): string => `${id}#${token}`;

/** Every term the workers of a run reported, in the order they were elected, closed by revocation or by a kill. */
export class TermLog {
  private readonly terms = new Map<string, OpenTerm>();
  private readonly elections: TermRef[] = [];

  /**
   * Records what a worker reported.
   *
   * @param process the worker's process
   * @param event its report
   * @returns the term it opened, for `elected`
   */
  record(process: ChaosProcess<WorkerEvent>, event: WorkerEvent): TermRef | undefined {
    if (event.type === 'elected') {
      this.terms.set(keyOf(event.id, event.token), { id: event.id, token: event.token, electedAt: event.at, endAt: undefined, process });
      const term = { id: event.id, token: event.token, at: event.at };
      this.elections.push(term);
      return term;
    }
    if (event.type === 'revoked') {
      const term = this.terms.get(keyOf(event.id, event.token));
      if (term && term.endAt === undefined) term.endAt = event.at;
    }
    return undefined;
  }

  /**
   * Ends the open terms of a process that was killed.
   *
   * @param process the killed process
   * @param at when the signal was sent
   */
  killed(process: ChaosProcess<WorkerEvent>, at: number): void {
    for (const term of this.terms.values()) if (term.process === process && term.endAt === undefined) term.endAt = at;
  }

  /**
   * Waits for an election after `afterAt`, of anyone but `excludeId`.
   *
   * @returns the election
   * @throws Error when none comes within `timeoutMs`
   */
  waitForElection(afterAt: number | undefined, timeoutMs: number, excludeId?: string): Promise<TermRef> {
    const found = (): TermRef | undefined => this.elections.find((term) => (afterAt === undefined || term.at > afterAt) && term.id !== excludeId);
    return waitUntil('a new leader', found, timeoutMs, 5);
  }

  /** @returns whether the term ended within `timeoutMs` */
  waitForEnd(term: TermRef, timeoutMs: number): Promise<boolean> {
    const ended = (): true | undefined => (this.terms.get(keyOf(term.id, term.token))?.endAt === undefined ? undefined : true);
    return waitUntil('the term to end', ended, timeoutMs, 10).catch(() => false);
  }

  /** @returns every term; one never closed lasts forever, which the checks then report */
  closed(): Term[] {
    const never = Number.POSITIVE_INFINITY;
    return [...this.terms.values()].map(({ id, token, electedAt, endAt = never, process }) => ({
      id,
      token,
      electedAt,
      endAt,
      paused: process.pauses.some((pause) => pause.from < endAt && (pause.to ?? never) > electedAt),
    }));
  }
}
