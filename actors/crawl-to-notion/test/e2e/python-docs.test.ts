// A real documentation site end to end: the Python 3.11 documentation (Sphinx, about 530 pages,
// Debian's python3.11-doc) served on loopback and crawled by the built actor, as a local Apify run,
// into the emulator's Notion. Every page reachable from the start page is written, none is refused
// by Notion's limits or lost on the way, and on representative pages the headings, nested lists,
// tables, code blocks with their language and the links between pages are checked against the
// HTML itself (read here with cheerio, not through the actor's converter). Skipped, with one
// message, where the package is not installed.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import type { RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertPage } from '../../src/notion-blocks/index.js';
import { sourceBlock } from '../../src/notion/source-block.js';
import { serveFolder, type StaticSite } from '../support/static-site.js';
import {
  childPages,
  outlineOf,
  PARENT,
  pageTitled,
  runActor,
  startStack,
  titleOf,
  USER,
  type Finished,
  type NotionSnapshot,
  type SnapshotBlock,
  type SnapshotPage,
} from '../support/stack.js';

const DOCS = '/usr/share/doc/python3.11/html';
const INSTALLED = existsSync(join(DOCS, 'index.html'));
if (!INSTALLED) {
  console.warn(
    `python-docs.test.ts skipped: ${DOCS} is absent. Install Debian's python3.11-doc ` +
      '(apt-get install -y --no-install-recommends python3.11-doc; .ci/run does) to crawl a real Sphinx site.',
  );
}

// About 530 pages and 100,000 blocks: a few minutes on a loaded 2-core machine (Notion's rate limit
// lifted in the emulator and in the actor), far beyond the 60 s default for a test or hook.
const RUN_TIMEOUT_MS = 15 * 60_000;
const CHECK_TIMEOUT_MS = 5 * 60_000;
/** The actor's switch for benchmarks against the emulator: no rate limit on its Notion calls. */
const UNLIMITED_NOTION = { CRAWL_TO_NOTION_BENCH_REQUESTS_PER_SECOND: '0' };

// ---- the site as a crawler following its links sees it, read from the files

interface SiteMap {
  /** HTML pages reachable from the start page: the pages that must be written. */
  pages: Set<string>;
  /** Reachable URLs that are files but not HTML (skipped by the actor). */
  files: Set<string>;
  /** Reachable URLs with no file behind them (broken links of the site). */
  missing: Set<string>;
}

function withoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/** Breadth first from the start page over every `<a href>` to the same host, as the crawl goes. */
function reachableFrom(siteUrl: string, start: string): SiteMap {
  const map: SiteMap = { pages: new Set(), files: new Set(), missing: new Set() };
  const { host } = new URL(siteUrl);
  const seen = new Set([start]);
  const queue = [start];
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    const file = join(DOCS, decodeURIComponent(new URL(url).pathname));
    if (!existsSync(file)) {
      map.missing.add(url);
      continue;
    }
    if (!file.endsWith('.html')) {
      map.files.add(url);
      continue;
    }
    map.pages.add(url);
    const $ = load(readFileSync(file, 'utf8'));
    for (const a of $('a[href]').toArray()) {
      const target = withoutFragment(new URL($(a).attr('href')!, url).href);
      if (new URL(target).host !== host || seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return map;
}

// ---- the run, and Notion after it

let emulator: RunningEmulator | undefined;
let site: StaticSite | undefined;
let run: Finished;
let snapshot: NotionSnapshot;
let expected: SiteMap;
/** Source URL (fragment removed) -> the Notion page written for it. */
const written = new Map<string, SnapshotPage>();
/** Notion page URL -> the source URL it was written from. */
const sourceOfNotionUrl = new Map<string, string>();

beforeAll(async () => {
  if (!INSTALLED) return;
  emulator = await startStack(0);
  site = await serveFolder(DOCS);
  const start = `${site.url}/index.html`;
  expected = reachableFrom(site.url, start);
  run = await runActor(emulator, {
    input: { startUrls: [{ url: start }], parentPage: PARENT, maxPages: 5000, maxDepth: 100 },
    approve: true,
    env: UNLIMITED_NOTION,
    timeoutMs: RUN_TIMEOUT_MS,
  });
  // In process: the admin API would serialize some 150 MB of JSON for the whole workspace.
  const sandbox = emulator.environment.sandboxes.find('notion', USER);
  snapshot = (sandbox?.snapshot() ?? { pages: [], databases: [] }) as unknown as NotionSnapshot;
  const byId = new Map(snapshot.pages.map((p) => [p.id, p]));
  for (const item of run.items) {
    const page = item.notionPageId === null ? undefined : byId.get(item.notionPageId);
    if (page === undefined) continue;
    written.set(withoutFragment(item.url), page);
    sourceOfNotionUrl.set(page.url, withoutFragment(item.url));
  }
  console.log(
    `python-docs: ${expected.pages.size} pages reachable, ${run.out?.created ?? 0} written, ` +
      `${run.out?.pagesNotWritten ?? '?'} not written, ${run.out?.brokenLinks ?? '?'} broken links, ` +
      `${run.out?.notionRequests ?? '?'} Notion requests in ${run.out?.durationSecs ?? '?'} s`,
  );
}, RUN_TIMEOUT_MS);

afterAll(async () => {
  await site?.close();
  await emulator?.close();
});

// ---- reading both sides

const live = (blocks: readonly SnapshotBlock[]): SnapshotBlock[] => blocks.filter((b) => b.archived !== true);

/** Every block of the tree, depth first (table rows are children of their table). */
function allBlocks(blocks: readonly SnapshotBlock[]): SnapshotBlock[] {
  return live(blocks).flatMap((b) => [b, ...allBlocks(b.children)]);
}

interface TextItem {
  plain_text: string;
  href?: string | null;
}

const itemsOf = (block: SnapshotBlock): TextItem[] =>
  (block[block.type] as { rich_text?: TextItem[] } | undefined)?.rich_text ?? [];
const plain = (items: readonly TextItem[]): string => items.map((t) => t.plain_text).join('');
const cellsOf = (row: SnapshotBlock): TextItem[][] => (row['table_row'] as { cells: TextItem[][] }).cells;
const normal = (text: string): string => text.replace(/\s+/g, ' ').trim();

function pageOf(path: string): SnapshotPage {
  const page = written.get(`${site!.url}/${path}`);
  if (page === undefined) throw new Error(`${path} was not written`);
  return page;
}

/** Sphinx's article (the content the page is about), its "¶" permalinks removed. */
function article(path: string): { $: CheerioAPI; body: ReturnType<CheerioAPI> } {
  const $ = load(readFileSync(join(DOCS, path), 'utf8'));
  const body = $('div.body[role="main"]');
  body.find('a.headerlink').remove();
  return { $, body };
}

/** Text as it reads: block elements separated, whitespace collapsed. */
function readText($: CheerioAPI, el: Parameters<CheerioAPI>[0]): string {
  const copy = $(el).clone();
  copy.find('p, li, div, br, dt, dd').after(' ');
  return normal(copy.text());
}

const REPRESENTATIVE = [
  'library/functions.html',
  'tutorial/controlflow.html',
  'library/stdtypes.html',
  'reference/datamodel.html',
];

/** The Notion language each Sphinx highlighter class stands for on the representative pages. */
function sphinxLanguage(classes: string | undefined): string {
  if (classes === undefined) return 'plain text'; // a grammar (productionlist): no highlighter
  if (/\bdoctest\b/.test(classes)) return 'python'; // `doctest highlight-default`: `>>>` sessions
  const name = /\bhighlight-(\S+)/.exec(classes)?.[1];
  const names: Record<string, string> = { python3: 'python', python: 'python', pycon: 'python', none: 'plain text' };
  return (name !== undefined ? names[name] : undefined) ?? `unexpected highlighter ${classes}`;
}

/** Link targets in order, runs of the same target counted once (a link split by formatting is one link). */
function collapseRuns(targets: readonly string[]): string[] {
  return targets.filter((t, i) => t !== targets[i - 1]);
}

describe.skipIf(!INSTALLED)('the Python 3.11 documentation crawled into Notion', () => {
  it('writes every page reachable from the start page, once, and none is refused or lost', () => {
    expect(run.exitCode, run.printed.slice(-5000)).toBe(0);
    const byStatus = (status: string) =>
      run.items
        .filter((i) => i.status === status)
        .map((i) => withoutFragment(i.url))
        .sort();
    expect(byStatus('created')).toEqual([...expected.pages].sort());
    // Debian leaves out the changelog page that whatsnew/ links to: a broken link of the site.
    expect(byStatus('failed')).toEqual([...expected.missing].sort());
    expect(byStatus('skipped')).toEqual([...expected.files].sort());
    for (const item of run.items.filter((i) => i.status === 'failed'))
      expect(item.error).toMatch(/^Broken link: HTTP 404/);
    expect(run.out).toMatchObject({
      status: 'SUCCEEDED',
      created: expected.pages.size,
      pagesNotWritten: 0,
      brokenLinks: expected.missing.size,
    });

    // Each page is in Notion under the parent, starting with its source, with every block the run wrote.
    const parent = pageTitled(snapshot, PARENT);
    const fromSite = childPages(snapshot, parent).filter((p) =>
      outlineOf(live(p.children).slice(0, 1))[0]?.startsWith(`callout: Source: ${site!.url}/`),
    );
    expect(fromSite).toHaveLength(expected.pages.size);
    for (const item of run.items.filter((i) => i.status === 'created')) {
      const page = written.get(withoutFragment(item.url));
      expect(page, item.url).toBeDefined();
      expect(page!.parent.page_id).toBe(parent.id);
      expect(outlineOf(live(page!.children).slice(0, 1))).toEqual([`callout: Source: ${item.url}`]);
      expect(allBlocks(page!.children).length, item.url).toBe(item.blocks); // the source block counts
    }
  });

  it('Notion refused none of its requests', async () => {
    const calls = (await emulator!.admin.calls({ kind: 'proxy' })).filter((call) => call.connector === 'notion');
    expect(calls).toHaveLength(run.out!.notionRequests);
    expect(calls.filter((call) => !call.status.startsWith('2')).map((call) => `${call.status} ${call.name}`)).toEqual(
      [],
    );
  });

  it('no page had to be degraded to fit Notion', () => {
    const degraded = run.items.filter((i) => i.warnings.length > 0).map((i) => `${i.url}: ${i.warnings[0]}`);
    expect(degraded).toEqual([]);
  });

  it(
    'writes exactly what the converter made of the largest pages, however many requests they took',
    () => {
      const largest = run.items
        .filter((i) => i.status === 'created')
        .sort((a, b) => (b.blocks ?? 0) - (a.blocks ?? 0))
        .slice(0, 4);
      for (const item of largest) {
        const page = written.get(withoutFragment(item.url))!;
        // From the file rather than over HTTP: converting a 2.5 MB page keeps this process busy
        // for seconds, long enough for a kept-alive connection to the site to be reset.
        const html = readFileSync(join(DOCS, new URL(item.url).pathname), 'utf8');
        const blocks = [sourceBlock(item.url), ...convertPage(html, item.url).blocks];
        expect(outlineOf(page.children), item.url).toEqual(outlineOf(blocks as unknown as Record<string, unknown>[]));
      }
    },
    CHECK_TIMEOUT_MS,
  );

  // faq/design.html: docutils wraps every heading of a page with a contents list in a.toc-backref.
  it.each(['tutorial/controlflow.html', 'library/stdtypes.html', 'reference/datamodel.html', 'faq/design.html'])(
    '%s: the title and every heading, in order',
    (path) => {
      const { $, body } = article(path);
      const page = pageOf(path);
      expect(titleOf(page)).toBe(readText($, body.find('h1').first()));
      const headings = body
        .find('h2, h3, h4, h5, h6')
        .toArray()
        .map((h) => readText($, h));
      expect(headings.length).toBeGreaterThan(3);
      const inNotion = allBlocks(page.children)
        .filter((b) => /^heading_[123]$/.test(b.type))
        .map((b) => normal(plain(itemsOf(b))));
      expect(inNotion).toEqual(headings);
    },
  );

  it.each(REPRESENTATIVE)('%s: every code block, with its text and language', (path) => {
    const { $, body } = article(path);
    const code = body
      .find('pre')
      .toArray()
      .map((pre) => ({
        language: sphinxLanguage($(pre).closest('div[class*="highlight-"]').attr('class')),
        text: $(pre)
          .text()
          .replace(/^(?:[ \t]*\n)+/, '')
          .replace(/\s+$/, ''),
      }));
    expect(code.length).toBeGreaterThan(10);
    const inNotion = allBlocks(pageOf(path).children)
      .filter((b) => b.type === 'code')
      .map((b) => ({ language: (b['code'] as { language: string }).language, text: plain(itemsOf(b)) }));
    expect(inNotion).toEqual(code);
  });

  it.each(['library/stdtypes.html', 'library/datetime.html', 'reference/datamodel.html', 'library/functions.html'])(
    '%s: every table, with its header row and the text of every cell',
    (path) => {
      const { $, body } = article(path);
      const tables = body
        .find('table.docutils')
        .toArray()
        .map((table) => ({
          header: $(table).find('thead').length > 0,
          rows: $(table)
            .find('tr')
            .toArray()
            .map((tr) =>
              $(tr)
                .children('th, td')
                .toArray()
                // Notion has no merged cells: a spanning cell leaves the positions it covers empty.
                .flatMap((cell) => [
                  readText($, cell),
                  ...Array<string>(Number($(cell).attr('colspan') ?? 1) - 1).fill(''),
                ]),
            ),
        }));
      expect(tables.length).toBeGreaterThan(0);
      const inNotion = allBlocks(pageOf(path).children)
        .filter((b) => b.type === 'table')
        .map((b) => ({
          header: (b['table'] as { has_column_header: boolean }).has_column_header,
          rows: live(b.children).map((row) => cellsOf(row).map((cell) => normal(plain(cell)))),
        }));
      expect(inNotion).toEqual(tables);
    },
  );

  it('tutorial/index.html: the nested table of contents as nested bulleted lists', () => {
    const { $, body } = article('tutorial/index.html');
    type Tree = { text: string; children: Tree[] };
    const fromHtml = (ul: Parameters<CheerioAPI>[0]): Tree[] =>
      $(ul)
        .children('li')
        .toArray()
        .map((li) => ({
          text: normal($(li).children('a').text()),
          children: $(li).children('ul').toArray().flatMap(fromHtml),
        }));
    const fromNotion = (blocks: readonly SnapshotBlock[]): Tree[] =>
      live(blocks)
        .filter((b) => b.type === 'bulleted_list_item')
        .map((b) => ({ text: normal(plain(itemsOf(b))), children: fromNotion(b.children) }));
    const toc = fromHtml(body.find('div.toctree-wrapper > ul').first());
    expect(toc.length).toBeGreaterThan(10);
    expect(toc.some((item) => item.children.some((child) => child.children.length > 0))).toBe(true);
    expect(fromNotion(pageOf('tutorial/index.html').children)).toEqual(toc);
  });

  it('links between pages point to the Notion page of their target where it was written, every other link stays', () => {
    let toNotion = 0;
    let total = 0;
    for (const path of REPRESENTATIVE) {
      const pageUrl = `${site!.url}/${path}`;
      const { $, body } = article(path);
      // What the HTML links to, in order; links within the page have no place to go in Notion.
      const inHtml = body
        .find('a[href]')
        .toArray()
        .map((a) => new URL($(a).attr('href')!, pageUrl))
        .filter((target) => withoutFragment(target.href) !== pageUrl)
        .map((target) => (target.origin === site!.url ? withoutFragment(target.href) : target.href));
      const page = pageOf(path);
      const hrefs = allBlocks(page.children)
        .slice(1) // the source block
        .flatMap((b) => (b.type === 'table_row' ? cellsOf(b).flat() : itemsOf(b)))
        .flatMap((t) => (t.href ? [t.href] : []));
      const inNotion = hrefs.map((href) => {
        const source = sourceOfNotionUrl.get(href);
        if (source !== undefined) return source;
        return href.startsWith(`${site!.url}/`) ? withoutFragment(href) : href;
      });
      expect(collapseRuns(inNotion), path).toEqual(collapseRuns(inHtml));
      // A link into Notion leads to the page written for its target, never to another one.
      for (const href of hrefs.filter((h) => sourceOfNotionUrl.has(h))) {
        expect(written.get(sourceOfNotionUrl.get(href)!)!.url).toBe(href);
      }
      toNotion += hrefs.filter((h) => sourceOfNotionUrl.has(h)).length;
      total += hrefs.filter((h) => h.startsWith(`${site!.url}/`) || sourceOfNotionUrl.has(h)).length;
    }
    // Pages written before the linking page are linked in Notion; the rest keep their site address.
    expect(toNotion).toBeGreaterThan(0);
    console.log(`python-docs: ${toNotion} of ${total} links between pages point into Notion`);
  });
});
