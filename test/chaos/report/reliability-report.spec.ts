import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../support/chaos-results.js';
import { composeResults, RESULTS_END, RESULTS_START, updateReliabilityDocument } from './reliability-report.js';

const result = (overrides: Partial<ScenarioResult>): ScenarioResult => ({
  number: 2,
  id: 'leader-election',
  title: 'Leader-election nemesis',
  seed: 42,
  long: false,
  finishedAt: '2026-12-04T17:00:00.000Z',
  durationMs: 64_000,
  faults: { 'kill-leader': 3, 'pause-leader': 2 },
  calls: 500,
  failedCalls: 2,
  failovers: { count: 5, longestMs: 2_790, boundMs: 3_610 },
  violations: [],
  measurements: { terms: 6 },
  ...overrides,
});

describe('the reliability report', () => {
  it('shows one row per scenario, totals, the seed, and what each measured', () => {
    const markdown = composeResults([
      result({ number: 1, id: 'cache', title: 'Cache', failovers: undefined, faults: { crash: 1 }, calls: 1_000, failedCalls: 0 }),
      result({ number: 3, id: 'canaries', title: 'Canaries', canaries: [{ name: 'fencing off', triggered: true, violations: 2, example: 'accepted-token-decreased: ...' }] }),
    ]);
    expect(markdown).toContain('Seed **42**: `CHAOS_SEED=42 npm run test:chaos` replays the same fault schedules.');
    expect(markdown).toContain('| 1 | Cache | 42 | 64 s | 1 | 1000 | 0 | — | 0 | — |');
    expect(markdown).toContain('| 3 | Canaries | 42 | 64 s | 5 | 500 | 2 | 5 (2790 / 3610 ms) | 0 | 1 of 1 |');
    expect(markdown).toContain('| | **Total** | | **128 s** | **6** | **1500** | **2** | **5** (2790 ms) | **0** | **1 of 1** |');
    expect(markdown).toContain('- canary "fencing off": triggered (accepted-token-decreased: ...)');
    expect(markdown).toContain('- terms: 6');
  });

  it('rewrites only the generated section of the document', () => {
    const document = `# Reliability\n\nProse.\n\n${RESULTS_START}\nold table\n${RESULTS_END}\n\nMore prose.\n`;
    const updated = updateReliabilityDocument(document, [result({})]);
    expect(updated.startsWith(`# Reliability\n\nProse.\n\n${RESULTS_START}\n\nSeed **42**`)).toBe(true);
    expect(updated).not.toContain('old table');
    expect(updated.endsWith(`${RESULTS_END}\n\nMore prose.\n`)).toBe(true);
  });

  it('refuses a document without the generated section, saying which lines to keep', () => {
    expect(() => updateReliabilityDocument('# Reliability\n', [result({})])).toThrow(`keep the lines ${RESULTS_START} and ${RESULTS_END}`);
  });
});
