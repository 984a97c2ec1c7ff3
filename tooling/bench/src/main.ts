import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderTable, round, type Figure } from './figures.js';
import { agentBench } from './scenarios/agent-bench.js';
import { authBench } from './scenarios/auth-bench.js';
import { crawlBench } from './scenarios/crawl-bench.js';
import { digestBench } from './scenarios/digest-bench.js';
import { extractBench } from './scenarios/extract-bench.js';
import { faultsBench } from './scenarios/faults-bench.js';

const RESULTS = fileURLToPath(new URL('../../../bench-results.json', import.meta.url));

const scenarios: [string, () => Promise<Figure[]>][] = [
  ['auth', authBench],
  ['agent', agentBench],
  ['digest', digestBench],
  ['crawl', crawlBench],
  ['extract', extractBench],
  ['faults', faultsBench],
];

const figures: Figure[] = [];
for (const [name, run] of scenarios) {
  process.stderr.write(`bench: ${name}…\n`);
  figures.push(...(await run()));
}
console.log(renderTable(figures));
await writeFile(
  RESULTS,
  `${JSON.stringify(Object.fromEntries(figures.map((f) => [f.name, round(f.value, 3)])), null, 2)}\n`,
);
console.log(`\nWrote ${RESULTS}`);
