import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderTable, round, type Figure } from './figures.js';
import { agentBench } from './scenarios/agent-bench.js';
import { authBench } from './scenarios/auth-bench.js';
import { crawlBench } from './scenarios/crawl-bench.js';
import { crawlScaleBench } from './scenarios/crawl-scale-bench.js';
import { digestBench } from './scenarios/digest-bench.js';
import { extractBench } from './scenarios/extract-bench.js';
import { faultsBench } from './scenarios/faults-bench.js';

const RESULTS = fileURLToPath(new URL('../../../bench-results.json', import.meta.url));

const scenarios: [string, () => Promise<Figure[]>][] = [
  ['auth', authBench],
  ['agent', agentBench],
  ['digest', digestBench],
  ['crawl', crawlBench],
  ['crawl-scale', crawlScaleBench],
  ['extract', extractBench],
  ['faults', faultsBench],
];

// `pnpm bench crawl-scale extract` runs only the scenarios named.
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !scenarios.some(([known]) => known === name));
if (unknown.length > 0) {
  console.error(`Unknown scenario ${unknown.join(', ')}; the scenarios are ${scenarios.map(([n]) => n).join(', ')}.`);
  process.exit(2);
}

const figures: Figure[] = [];
for (const [name, run] of scenarios.filter(([n]) => wanted.length === 0 || wanted.includes(n))) {
  process.stderr.write(`bench: ${name}…\n`);
  figures.push(...(await run()));
}
console.log(renderTable(figures));
await writeFile(
  RESULTS,
  `${JSON.stringify(Object.fromEntries(figures.map((f) => [f.name, round(f.value, 3)])), null, 2)}\n`,
);
console.log(`\nWrote ${RESULTS}`);
