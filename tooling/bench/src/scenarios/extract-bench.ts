import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import {
  extractMainContent,
  htmlToText,
  meanScore,
  tokenOverlap,
  type TokenScore,
} from 'crawl-to-notion/dist/content/index.js';
import { parseHTML } from 'linkedom';
import type { Figure } from '../figures.js';

/** Mozilla Readability's test pages, kept beside the project (see ../shared/corpora/README.md). */
const PROJECT_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CORPUS = resolve(PROJECT_ROOT, '../shared/corpora/readability-test-pages');
/** The URL Readability's own test suite gives its pages. */
const PAGE_URL = 'http://fakehost/test/page.html';

interface CorpusPage {
  name: string;
  source: string;
  expected: string;
}

function readCorpus(dir: string): CorpusPage[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'source.html')))
    .map((e) => e.name)
    .sort()
    .map((name) => ({
      name,
      source: readFileSync(join(dir, name, 'source.html'), 'utf8'),
      expected: readFileSync(join(dir, name, 'expected.html'), 'utf8'),
    }));
}

/** Readability as its users call it: default options, on linkedom (the DOM crawl-to-notion gives it too). */
function readabilityContent(html: string): string {
  const { document } = parseHTML(html) as unknown as { document: ConstructorParameters<typeof Readability>[0] };
  return new Readability(document).parse()?.content ?? '';
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

function notMeasured(reason: string): Figure[] {
  const names = ['extract.f1', 'extract.precision', 'extract.recall', 'extract.readability_f1', 'extract.ms_per_page'];
  return names.map((name) => ({ name, value: Number.NaN, unit: '', kind: 'ref', bound: undefined, note: reason }));
}

const percent = (x: number): number => 100 * x;

/**
 * Main-content extraction of crawl-to-notion on 130 real pages (news, blogs, forums, docs, many
 * languages) against the content Readability's maintainers expect: token precision, recall and
 * F1 averaged over pages, beside Mozilla Readability's own F1 on the same pages, and the time
 * each takes per page.
 */
export function extractBench(): Promise<Figure[]> {
  if (!existsSync(CORPUS)) {
    const reason = `not measured: corpus missing at ${CORPUS} (the readability test pages of ../shared/corpora)`;
    process.stderr.write(`bench: extract ${reason}\n`);
    return Promise.resolve(notMeasured(reason));
  }
  const pages = readCorpus(CORPUS);
  if (pages.length === 0) return Promise.resolve(notMeasured(`not measured: no pages under ${CORPUS}`));

  const ours: TokenScore[] = [];
  const readability: TokenScore[] = [];
  let oursMs = 0;
  let readabilityMs = 0;
  const byExtractor = new Map<string, number>();
  for (const page of pages) {
    const expected = htmlToText(page.expected);
    const extracted = timed(() => extractMainContent(page.source, PAGE_URL));
    const reference = timed(() => readabilityContent(page.source));
    oursMs += extracted.ms;
    readabilityMs += reference.ms;
    ours.push(tokenOverlap(htmlToText(extracted.result.contentHtml), expected));
    readability.push(tokenOverlap(htmlToText(reference.result), expected));
    const source = extracted.result.source;
    const label = source.kind === 'documentation' ? source.generator : source.kind;
    byExtractor.set(label, (byExtractor.get(label) ?? 0) + 1);
  }
  const mine = meanScore(ours);
  const theirs = meanScore(readability);
  const paths = [...byExtractor].map(([label, count]) => `${label} ${count}`).join(', ');
  return Promise.resolve([
    {
      name: 'extract.f1',
      value: percent(mine.f1),
      unit: '%',
      kind: 'min',
      // Readability's F1, rounded up: the bound is never looser than Readability itself.
      bound: Math.ceil(percent(theirs.f1) * 1000) / 1000,
      note: `token F1 vs expected.html, mean over ${pages.length} pages; bound: Readability's F1 (${paths})`,
    },
    {
      name: 'extract.precision',
      value: percent(mine.precision),
      unit: '%',
      kind: 'ref',
      bound: Math.round(percent(theirs.precision) * 1000) / 1000,
      note: "token precision (share of extracted words that are content); reference: Readability's",
    },
    {
      name: 'extract.recall',
      value: percent(mine.recall),
      unit: '%',
      kind: 'ref',
      bound: Math.round(percent(theirs.recall) * 1000) / 1000,
      note: "token recall (share of content words extracted); reference: Readability's",
    },
    {
      name: 'extract.readability_f1',
      value: percent(theirs.f1),
      unit: '%',
      kind: 'ref',
      bound: undefined,
      note: 'Mozilla Readability (default options, linkedom) on the same pages',
    },
    {
      name: 'extract.ms_per_page',
      value: oursMs / pages.length,
      unit: 'ms',
      kind: 'ref',
      bound: Math.round((readabilityMs / pages.length) * 10) / 10,
      note: "mean time of extractMainContent per page (parse, metadata, content); reference: Readability's parse alone",
    },
  ]);
}
