import type { ResourceAttempt } from './election.types.js';

/** One term of leadership, as the workers reported it and the harness closed it. */
export interface Term {
  /** The elector's id, `<slot>.<generation>.<n>`. */
  readonly id: string;
  /** The token it wrote with. */
  readonly token: number;
  /** When its worker learnt it leads (monotonic ms, system-wide). */
  readonly electedAt: number;
  /** When it stopped believing so: revoked, or the moment its process was killed. */
  readonly endAt: number;
  /** Whether its process was paused (SIGSTOP) at some time during the term. */
  readonly paused: boolean;
}

/** How long it took from a fault to the next leader. */
export interface Failover {
  readonly fault: string;
  readonly faultAt: number;
  /** When another elector was elected; undefined when none was within the wait. */
  readonly electedAt: number | undefined;
}

/** Everything a run of the election harness observed. */
export interface ElectionObservations {
  readonly terms: readonly Term[];
  /** The resource's log, in the order it applied the writes. */
  readonly attempts: readonly ResourceAttempt[];
  readonly failovers: readonly Failover[];
  /** lease + 1.2 × retry period + margin. */
  readonly failoverBoundMs: number;
  /** Whether exactly one leader, known to every worker, existed once the faults stopped. */
  readonly leaderAtEnd: boolean;
}

/** Which property a run broke. */
export type ViolationKind =
  | 'accepted-token-decreased'
  | 'token-of-two-terms'
  | 'token-of-no-term'
  | 'term-token-not-increasing'
  | 'leaders-overlap'
  | 'valid-leader-refused'
  | 'slow-failover'
  | 'no-leader-at-end';

/** One broken property, with what shows it. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly detail: string;
}

/**
 * Checks a run against the election's promises:
 * - the resource accepted tokens in non-decreasing order, and each accepted token is the token of
 *   exactly one term, the writer's;
 * - a later term has a larger token than every earlier one;
 * - no two terms of unpaused processes were believed valid at the same time;
 * - a leader that was never paused is never refused (its token is the largest yet);
 * - every failover took at most the bound, and a leader existed once the faults stopped.
 *
 * @param run what the harness observed
 * @returns every violation found; empty when the run kept every promise
 */
export function checkElection(run: ElectionObservations): Violation[] {
  return distinct([
    ...acceptedTokensNeverDecrease(run.attempts),
    ...acceptedTokensBelongToOneTerm(run.attempts, run.terms),
    ...termTokensIncrease(run.terms),
    ...unpausedLeadersNeverOverlap(run.terms),
    ...unpausedLeadersNeverRefused(run.attempts, run.terms),
    ...failoversWithinBound(run.failovers, run.failoverBoundMs),
    ...(run.leaderAtEnd ? [] : [{ kind: 'no-leader-at-end' as const, detail: 'no single leader, known to every worker, once the faults stopped' }]),
  ]);
}

/** One entry per distinct violation, so a stale writer that kept trying shows once, with a count. */
function distinct(violations: readonly Violation[]): Violation[] {
  const counts = new Map<string, { violation: Violation; count: number }>();
  for (const violation of violations) {
    const key = `${violation.kind}\0${violation.detail}`;
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { violation, count: 1 });
  }
  return [...counts.values()].map(({ violation, count }) => (count === 1 ? violation : { ...violation, detail: `${violation.detail} (${count} times)` }));
}

function acceptedTokensNeverDecrease(attempts: readonly ResourceAttempt[]): Violation[] {
  const violations: Violation[] = [];
  let highest = -Infinity;
  let highestWriter = '';
  for (const { token, writer, accepted } of attempts) {
    if (!accepted) continue;
    if (token < highest) violations.push({ kind: 'accepted-token-decreased', detail: `accepted token ${token} from ${writer} after token ${highest} from ${highestWriter}` });
    if (token >= highest) [highest, highestWriter] = [token, writer];
  }
  return violations;
}

function acceptedTokensBelongToOneTerm(attempts: readonly ResourceAttempt[], terms: readonly Term[]): Violation[] {
  const violations: Violation[] = [];
  const termKeys = new Set(terms.map((term) => `${term.id}#${term.token}`));
  const writersOf = new Map<number, Set<string>>();
  for (const { token, writer, accepted } of attempts) {
    if (!accepted) continue;
    if (!termKeys.has(`${writer}#${token}`)) violations.push({ kind: 'token-of-no-term', detail: `accepted token ${token} from ${writer}, which was never elected with it` });
    const writers = writersOf.get(token) ?? new Set<string>();
    writers.add(writer);
    writersOf.set(token, writers);
  }
  for (const [token, writers] of writersOf) {
    if (writers.size > 1) violations.push({ kind: 'token-of-two-terms', detail: `token ${token} accepted from ${[...writers].join(' and ')}` });
  }
  return violations;
}

function termTokensIncrease(terms: readonly Term[]): Violation[] {
  const violations: Violation[] = [];
  let previous: Term | undefined;
  for (const term of byElection(terms)) {
    if (previous && term.token <= previous.token) {
      violations.push({ kind: 'term-token-not-increasing', detail: `${term.id} was elected with token ${term.token} after ${previous.id} with token ${previous.token}` });
    }
    if (!previous || term.token > previous.token) previous = term;
  }
  return violations;
}

function unpausedLeadersNeverOverlap(terms: readonly Term[]): Violation[] {
  const violations: Violation[] = [];
  const unpaused = byElection(terms.filter((term) => !term.paused));
  for (let i = 0; i < unpaused.length; i++) {
    for (let j = i + 1; j < unpaused.length && unpaused[j].electedAt < unpaused[i].endAt; j++) {
      const overlapMs = (unpaused[i].endAt - unpaused[j].electedAt).toFixed(1);
      violations.push({ kind: 'leaders-overlap', detail: `${unpaused[j].id} was elected ${overlapMs} ms before ${unpaused[i].id}'s term ended` });
    }
  }
  return violations;
}

function unpausedLeadersNeverRefused(attempts: readonly ResourceAttempt[], terms: readonly Term[]): Violation[] {
  const unpaused = new Set(terms.filter((term) => !term.paused).map((term) => `${term.id}#${term.token}`));
  const refused = attempts.filter((attempt) => !attempt.accepted && unpaused.has(`${attempt.writer}#${attempt.token}`));
  const writers = [...new Set(refused.map((attempt) => `${attempt.writer} (token ${attempt.token})`))];
  return writers.map((writer) => ({ kind: 'valid-leader-refused', detail: `the resource refused ${writer}, a leader that was never paused` }));
}

function failoversWithinBound(failovers: readonly Failover[], boundMs: number): Violation[] {
  return failovers
    .filter(({ faultAt, electedAt }) => electedAt === undefined || electedAt - faultAt > boundMs)
    .map(({ fault, faultAt, electedAt }) => ({
      kind: 'slow-failover',
      detail: electedAt === undefined ? `no new leader after ${fault}` : `${fault}: a new leader after ${(electedAt - faultAt).toFixed(0)} ms (bound ${boundMs} ms)`,
    }));
}

function byElection(terms: readonly Term[]): Term[] {
  return [...terms].sort((a, b) => a.electedAt - b.electedAt);
}
