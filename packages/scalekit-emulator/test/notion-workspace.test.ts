import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../src/sandboxes/sandbox.js';
import {
  notionErrorOf,
  startNotion,
  text,
  titleOf,
  type BlockOut,
  type ListOut,
  type NotionFixture,
  type NotionUser,
  type PageOut,
} from './notion-fixture.js';

async function pageByTitle(user: NotionUser, title: string): Promise<PageOut> {
  const found = await user.request<ListOut<PageOut>>('POST', '/v1/search', {
    query: title,
    filter: { property: 'object', value: 'page' },
  });
  const page = found.results.find((p) => titleOf(p) === title);
  expect(page).toBeDefined();
  return page!;
}

describe('Notion workspaces: isolation, determinism and the admin views', () => {
  let fx: NotionFixture;
  beforeAll(async () => {
    fx = await startNotion({ seed: 11 });
  });
  afterAll(() => fx.close());

  it('keeps two identifiers apart: each has its own seeded workspace and sees only its own writes', async () => {
    const alice = await fx.user('alice');
    const bob = await fx.user('bob');
    const aliceResearch = await pageByTitle(alice, 'Research');
    const bobResearch = await pageByTitle(bob, 'Research');
    expect(aliceResearch.id).not.toBe(bobResearch.id);

    const secret = await alice.request<PageOut>('POST', '/v1/pages', {
      parent: { page_id: aliceResearch.id },
      properties: { title: [text('Alice only')] },
    });
    expect((await bob.request<ListOut<PageOut>>('POST', '/v1/search', { query: 'Alice only' })).results).toEqual([]);
    const { body } = await notionErrorOf(bob.request('GET', `/v1/pages/${secret.id}`));
    expect(body.code).toBe('object_not_found');
  });

  it('seeds the same data, ids and timestamps included, for the same seed; other seeds differ', async () => {
    const twin = await startNotion({ seed: 11 });
    const other = await startNotion({ seed: 12 });
    try {
      const read = async (f: NotionFixture) => {
        const user = await f.user('same-user');
        const search = await user.request<ListOut<PageOut>>('POST', '/v1/search', {});
        const research = search.results.find((p) => p.object === 'page' && titleOf(p) === 'Research')!;
        const blocks = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${research.id}/children`);
        return { search, blocks };
      };
      const [first, second, third] = [await read(fx), await read(twin), await read(other)];
      expect(second).toEqual(first);
      expect(third.search.results.map((r) => r.id)).not.toEqual(first.search.results.map((r) => r.id));
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('scales the seeded meeting notes with the pages option', async () => {
    const count = async (pages: number) => {
      const f = await startNotion({ notion: { pages } });
      try {
        const user = await f.user('scaled');
        const notes = await pageByTitle(user, 'Meeting notes');
        const children = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${notes.id}/children`);
        return children.results.filter((b) => b.type === 'child_page').length;
      } finally {
        await f.close();
      }
    };
    expect(await count(2)).toBe(2);
    expect(await count(9)).toBe(9);
  });

  it('snapshots pages with their block trees and renders the workspace as escaped HTML', async () => {
    const carol = await fx.user('carol');
    const roadmap = await pageByTitle(carol, 'Roadmap');
    const hostile = await carol.request<PageOut>('POST', '/v1/pages', {
      parent: { page_id: roadmap.id },
      properties: { title: [text('<script>alert(1)</script>')] },
      children: [
        {
          type: 'paragraph',
          paragraph: {
            rich_text: [{ type: 'text', text: { content: 'click', link: { url: 'javascript:alert(1)' } } }],
          },
        },
        { type: 'heading_2', heading_2: { rich_text: [text('Tom & "Jerry"')] } },
      ],
    });
    const sandbox = fx.emulator.environment.sandboxes.find('notion', 'carol')!;

    const snapshot = sandbox.snapshot() as {
      pages: (JsonObject & { id: string; children: { type: string }[] })[];
      databases: JsonObject[];
    };
    const stored = snapshot.pages.find((p) => p.id === hostile.id)!;
    expect(stored.children.map((c) => c.type)).toEqual(['paragraph', 'heading_2']);
    expect(snapshot.databases).toHaveLength(1);

    const html = sandbox.renderHtml!();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<h4>Tom &amp; &quot;Jerry&quot;</h4>');
    // Pages read as pages: seeded headings, lists, code and the database as a table.
    expect(html).toContain('<pre data-language="python"><code>');
    expect(html).toMatch(/<ul><li>[^<]+<ul><li>Strongest among teams/);
    expect(html).toContain('<section class="notion-database"><h3>Projects</h3><table><thead><tr><th>Name</th>');
  });
});

describe('Notion workspace persistence', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'notion-state-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('restores pages, blocks and the id sequence from the exported state after a restart', async () => {
    const persistPath = join(dir, 'state.json');
    const first = await startNotion({ seed: 3, persistPath });
    const dave = await first.user('dave');
    const research = await pageByTitle(dave, 'Research');
    const written = await dave.request<PageOut>('POST', '/v1/pages', {
      parent: { page_id: research.id },
      properties: { title: [text('Survives restarts')] },
      children: [{ type: 'to_do', to_do: { rich_text: [text('check me')], checked: true } }],
    });
    await first.close();

    const second = await startNotion({ seed: 3, persistPath });
    try {
      // A gRPC call first, so the fresh client holds a token before its first proxy request.
      await second.client.actions.getConnectedAccount({ connectionName: 'notion', identifier: 'dave' });
      const user = second.handle('dave');
      const restored = await user.request<PageOut>('GET', `/v1/pages/${written.id}`);
      expect(titleOf(restored)).toBe('Survives restarts');
      const blocks = await user.request<ListOut<BlockOut>>('GET', `/v1/blocks/${written.id}/children`);
      expect(blocks.results[0]).toMatchObject({ type: 'to_do', to_do: { checked: true } });
      const next = await user.request<PageOut>('POST', '/v1/pages', {
        parent: { page_id: research.id },
        properties: { title: [text('After')] },
      });
      const all = await user.request<ListOut<PageOut>>('POST', '/v1/search', {
        filter: { property: 'object', value: 'page' },
      });
      expect(new Set(all.results.map((p) => p.id)).size).toBe(all.results.length);
      expect(all.results.map((p) => p.id)).toContain(next.id);
      // The id generator resumed where it stopped instead of replaying the seed (which would reissue the bot's id).
      const me = await user.request<{ id: string }>('GET', '/v1/users/me');
      expect(next.id).not.toBe(me.id);
    } finally {
      await second.close();
    }
  });
});
