import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { machineInfo, type ResultFile } from '../src/harness/result.file.js';
import { TINY_OPTIONS, type SuiteResult } from '../src/harness/suite.js';
import { renderSection } from '../src/report/sections/section.writers.js';
import { suites } from '../src/suites/suite.registry.js';

/** What a suite's summary must carry besides its name, for the suites whose figures docs/performance.md reads. */
const CHECKS: Readonly<Record<string, (result: SuiteResult) => void>> = {
  storm: (result) => {
    expect(result).toHaveProperty('outage_requests_vs_naive');
    expect(result).toHaveProperty('recovery_s');
    expect(Object.keys(result.strategies as object)).toEqual(['no_retry', 'naive', 'backoff', 'bulwark']);
  },
  eviction: (result) => {
    // Bélády's is the ceiling; the L1 is LRU inside, so it matches the LRU reference exactly.
    for (const key of ['bulwark_l1_vs_belady', 'lru_vs_belady', 'lfu_vs_belady']) expect(result[key]).toBeGreaterThan(0);
    for (const key of ['bulwark_l1_vs_belady', 'lru_vs_belady', 'lfu_vs_belady']) expect(result[key]).toBeLessThanOrEqual(1);
    expect(result.bulwark_l1_vs_belady).toBe(result.lru_vs_belady);
  },
};

/**
 * Suites left out of the smoke run, each with its reason. A suite leaves this list once its tiny
 * run is quick: the whole smoke run should stay under about 20 s.
 */
const NOT_SMOKE_TESTED: Readonly<Record<string, string>> = {};

// Keeps every suite runnable: each runs once at --tiny size, and its summary is checked for shape
// only. Never for timing: a tiny run's numbers mean nothing.
describe('every bench suite at --tiny size', () => {
  beforeEach(() => {
    // Suites print their tables; the test only needs what they return.
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(Object.keys(suites).filter((name) => !Object.hasOwn(NOT_SMOKE_TESTED, name)))('%s runs, returns a one-line JSON summary and renders on the performance page', async (name) => {
    const suite = await suites[name].load();
    const result = await suite.run(TINY_OPTIONS);
    expect(result.suite).toBe(name);
    const { details, ...line } = result;
    expect(JSON.parse(JSON.stringify(line))).toEqual(line);
    expect(JSON.stringify(line)).not.toContain('\n');
    CHECKS[name]?.(result);
    const table = vi.mocked(console.log).mock.calls.map((args) => args.join(' ')).join('\n');
    const file: ResultFile = { suite: name, summary: line, details, table, command: `npm run bench -- ${name} --tiny`, machine: machineInfo() };
    const section = renderSection(file);
    expect(section.markdown).toContain(`### ${name}`);
    for (const chart of section.charts) expect(chart.svg).toMatch(/^<svg [^]*<\/svg>\n$/);
  }, 30_000);
});
