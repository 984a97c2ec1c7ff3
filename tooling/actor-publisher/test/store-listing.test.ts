// Every actor under actors/ is ready for its Store listing, and the check finds each kind of gap
// (on a copy of a real actor with one thing broken at a time).

import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { storeListingProblems } from '../src/store-listing.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const actors = (await readdir(join(REPO_ROOT, 'actors'), { withFileTypes: true }))
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

describe.each(actors)('Store listing of %s', (actor) => {
  it('has no problem', async () => {
    expect(await storeListingProblems(join(REPO_ROOT, 'actors', actor))).toEqual([]);
  });
});

describe('storeListingProblems', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A copy of gmail-digest's listing files (it charges two events) with `edit` applied. */
  async function brokenCopy(edit: (dir: string) => Promise<void>): Promise<string[]> {
    dir = await mkdtemp(join(tmpdir(), 'listing-'));
    for (const part of ['.actor', 'src', 'README.md', 'INPUT.example.json'])
      await cp(join(REPO_ROOT, 'actors', 'gmail-digest', part), join(dir, part), { recursive: true });
    expect(await storeListingProblems(dir)).toEqual([]);
    await edit(dir);
    return storeListingProblems(dir);
  }

  async function editJson(path: string, change: (value: Record<string, unknown>) => void): Promise<void> {
    const value = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    change(value);
    await writeFile(path, JSON.stringify(value));
  }

  async function editText(path: string, change: (text: string) => string): Promise<void> {
    await writeFile(path, change(await readFile(path, 'utf8')));
  }

  it('finds a wrong $schema reference', async () => {
    const problems = await brokenCopy((d) =>
      editJson(join(d, '.actor', 'dataset_schema.json'), (v) => {
        v['$schema'] = 'https://example.com/schema.json';
      }),
    );
    expect(problems).toEqual([
      '.actor/dataset_schema.json: "$schema" must be "https://apify.com/schemas/v1/dataset.json" (the Console and editors validate against it).',
    ]);
  });

  it('finds an input example the schema refuses, or one with a field the schema lacks', async () => {
    const problems = await brokenCopy((d) =>
      editJson(join(d, 'INPUT.example.json'), (v) => {
        v['maxMessages'] = 'many';
        v['colour'] = 'blue';
      }),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^INPUT\.example\.json: \/maxMessages must be/);
    expect(problems[1]).toBe('INPUT.example.json: "colour" is not in the input schema.');
  });

  it('finds an event the code charges but nobody priced, and one priced but never charged', async () => {
    const problems = await brokenCopy((d) =>
      editJson(join(d, '.actor', 'pay_per_event.json'), (v) => {
        v['page-written'] = { eventTitle: 'Page', eventDescription: 'A page.', eventPriceUsd: 0.002 };
        delete v['digest-created'];
      }),
    );
    expect(problems).toContain('src charges "digest-created", which .actor/pay_per_event.json does not price.');
    expect(problems).toContain('.actor/pay_per_event.json prices "page-written", which src never charges.');
    expect(problems).toContain('README.md: the Pricing section must list `page-written` at $0.002.');
  });

  it('finds a README without a Store section, with an H1, or without the daily-test note', async () => {
    const problems = await brokenCopy((d) =>
      editText(
        join(d, 'README.md'),
        (text) => `# Gmail digest\n\n${text.replace(/^## FAQ/m, '## Questions').replaceAll('support@apify.com', 'us')}`,
      ),
    );
    expect(problems).toEqual([
      'README.md: no "## …FAQ…" section (a Store page has: What does, Who is it for, Input, Output, Authorization, Pricing, Limits, FAQ, Privacy).',
      'README.md: no H1 heading: the Store shows the Actor title as the H1.',
      'README.md: say how to keep the Actor out of the daily Store test (support@apify.com).',
    ]);
  });
});
