// Rewrites the generated section of docs/reliability.md from the results the scenarios saved in
// test/chaos/results/. Run by `npm run test:chaos` after the suite passes:
//   node --conditions=source --import <ts-loader> test/chaos/report/write-reliability-report.ts
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadScenarioResults } from '../support/chaos-results.js';
import { updateReliabilityDocument } from './reliability-report.js';

const DOCUMENT = fileURLToPath(new URL('../../../docs/reliability.md', import.meta.url));

const results = await loadScenarioResults();
if (results.length === 0) throw new Error('No chaos results in test/chaos/results/: run the scenarios first.');
await writeFile(DOCUMENT, updateReliabilityDocument(await readFile(DOCUMENT, 'utf8'), results));
console.info(`docs/reliability.md: results of ${results.length} scenarios written.`);
