import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAccount, startWithClient, type EmulatorFixture } from './support/connected-client.js';

const CHROMIUM = '/usr/bin/chromium';
const NOTION = { 'Notion-Version': '2022-06-28' };

let f: EmulatorFixture;
let browser: Browser;
let pageUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium`);
  f = await startWithClient({ sandboxes: { notion: { rateLimitPerSecond: 0 } } });
  await connectAccount(f.client, 'notion', 'ui-reader');
  // A page written through the proxy, as an actor writes it: under the seeded "Research" page.
  const search = await f.client.actions.request({
    connectionName: 'notion',
    identifier: 'ui-reader',
    path: '/v1/search',
    method: 'POST',
    body: { query: 'Research', filter: { property: 'object', value: 'page' } },
    headers: NOTION,
  });
  const research = (search.data as { results: { id: string }[] }).results[0]!;
  await f.client.actions.request({
    connectionName: 'notion',
    identifier: 'ui-reader',
    path: '/v1/pages',
    method: 'POST',
    headers: NOTION,
    body: {
      parent: { page_id: research.id },
      properties: { title: { title: [{ text: { content: 'Written by a test <b>bold?</b>' } }] } },
      children: [
        { type: 'heading_2', heading_2: { rich_text: [{ text: { content: 'Findings' } }] } },
        {
          type: 'bulleted_list_item',
          bulleted_list_item: {
            rich_text: [{ text: { content: 'First finding', link: { url: 'https://example.com/1' } } }],
          },
        },
      ],
    },
  });
  pageUrl = `${f.emulator.envUrl}/ui/sandboxes/notion/ui-reader`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await f?.emulator.close();
});

describe('the web UI shows a Notion page a test wrote through the proxy', () => {
  it('over HTTP, as escaped markup', async () => {
    const html = await (await fetch(pageUrl)).text();
    expect(html).toContain('Written by a test &lt;b&gt;bold?&lt;/b&gt;');
    expect(html).toContain('Findings');
    expect(html).toContain('https://example.com/1');
  });

  it('in headless Chromium, as a person reads it', async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    await expect(page.getByText('Written by a test <b>bold?</b>').first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'First finding' }).getAttribute('href')).resolves.toBe(
      'https://example.com/1',
    );
    await page.close();
  });
});
