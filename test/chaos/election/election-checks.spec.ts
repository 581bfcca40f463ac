import { describe, expect, it } from 'vitest';
import { checkElection, type ElectionObservations, type Term } from './election-checks.js';

/** A clean run: w1 leads, is killed, w2 takes over within the bound and writes with a larger token. */
const term = (id: string, token: number, electedAt: number, endAt: number, paused = false): Term => ({ id, token, electedAt, endAt, paused });
const clean: ElectionObservations = {
  terms: [term('w1.0.1', 1, 0, 1_000), term('w2.0.1', 2, 3_500, 9_000)],
  attempts: [
    { at: 10, token: 1, writer: 'w1.0.1', accepted: true },
    { at: 3_600, token: 2, writer: 'w2.0.1', accepted: true },
  ],
  failovers: [{ fault: 'kill-leader', faultAt: 1_000, electedAt: 3_500 }],
  failoverBoundMs: 3_610,
  leaderAtEnd: true,
};

describe('checkElection', () => {
  it('finds nothing wrong with a run that kept every promise', () => {
    expect(checkElection(clean)).toEqual([]);
  });

  it.each([
    ['accepted-token-decreased', { attempts: [...clean.attempts, { at: 3_700, token: 1, writer: 'w1.0.1', accepted: true }] }],
    ['token-of-two-terms', { terms: [...clean.terms, term('w3.0.1', 2, 9_500, 9_900)], attempts: [...clean.attempts, { at: 9_600, token: 2, writer: 'w3.0.1', accepted: true }] }],
    ['token-of-no-term', { attempts: [...clean.attempts, { at: 3_700, token: 7, writer: 'w2.0.1', accepted: true }] }],
    ['term-token-not-increasing', { terms: [term('w1.0.1', 5, 0, 1_000), term('w2.0.1', 4, 3_500, 9_000)], attempts: [] }],
    ['leaders-overlap', { terms: [term('w1.0.1', 1, 0, 4_000), term('w2.0.1', 2, 3_500, 9_000)] }],
    ['valid-leader-refused', { attempts: [...clean.attempts, { at: 3_700, token: 2, writer: 'w2.0.1', accepted: false }] }],
    ['slow-failover', { failovers: [{ fault: 'partition-leader', faultAt: 1_000, electedAt: 5_000 }] }],
    ['slow-failover', { failovers: [{ fault: 'pause-leader', faultAt: 1_000, electedAt: undefined }] }],
    ['no-leader-at-end', { leaderAtEnd: false }],
  ] as const)('reports %s', (kind, change) => {
    expect(checkElection({ ...clean, ...change }).map((violation) => violation.kind)).toContain(kind);
  });

  it('tolerates what fencing exists for: a paused leader overlapping its successor, its stale write refused', () => {
    const run = {
      ...clean,
      terms: [term('w1.0.1', 1, 0, 5_000, true), term('w2.0.1', 2, 3_500, 9_000)],
      attempts: [...clean.attempts, { at: 4_900, token: 1, writer: 'w1.0.1', accepted: false }],
    };
    expect(checkElection(run)).toEqual([]);
  });

  it('reports a repeated violation once, with a count', () => {
    const stale = { at: 3_700, token: 1, writer: 'w1.0.1', accepted: true };
    const violations = checkElection({ ...clean, attempts: [...clean.attempts, stale, stale, stale] });
    expect(violations).toEqual([{ kind: 'accepted-token-decreased', detail: 'accepted token 1 from w1.0.1 after token 2 from w2.0.1 (3 times)' }]);
  });
});
