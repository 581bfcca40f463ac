import type { ResultFile } from '../../harness/result.file.js';
import type { Section, SectionWriter } from '../section.js';
import { coreSection } from './core.section.js';
import { evictionSection } from './eviction.section.js';
import { genericSection } from './generic.section.js';
import { nestSection } from './nest.section.js';
import { stormSection } from './storm.section.js';

/** Suites with a dedicated section; any other suite gets its saved table. */
const WRITERS: Readonly<Record<string, SectionWriter>> = {
  core: coreSection,
  nest: nestSection,
  storm: stormSection,
  eviction: evictionSection,
  // The cache suite's one lower-bound target (hits per second, higher is better).
  cache: (result) => genericSection(result, ['l1_hit_vs_cache_manager']),
};

/**
 * Renders one suite's saved result: its dedicated section, or its saved table for a suite without one.
 *
 * @param result the saved result
 * @returns the markdown and the charts
 * @example
 * const { markdown, charts } = renderSection(JSON.parse(readFileSync('bench/results/storm.json', 'utf8')));
 */
export function renderSection(result: ResultFile): Section {
  return (WRITERS[result.suite] ?? genericSection)(result);
}
