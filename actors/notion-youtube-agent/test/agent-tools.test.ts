import { RateLimitError, NotFoundError } from '@anthropic-ai/sdk';
import { AuthorizationLostError } from '@repo/auth-gate';
import { pageTitle, type NotionPage } from '@repo/notion-client';
import { describe, expect, it } from 'vitest';
import { AgentLoopError, createToolDispatcher } from '../src/agent/index.js';
import { ChargeLimitReached, describeLoopFailure, isFatalToolError } from '../src/agent-run.js';
import { createAgentTools, readableBlocks, type AgentToolDeps } from '../src/agent-tools.js';
import { ExpectedFailure } from '../src/errors.js';
import { YOUTUBE_TOOLS } from '../src/research/index.js';
import { blockObject, pageObject } from './support/notion-objects.js';

const PARENT_ID = '11111111-1111-4111-8111-111111111111';

function page(id: string, title: string, parentId?: string): NotionPage {
  return pageObject(id, title, parentId);
}

/** A small in-memory Notion behind the client methods the tools use. */
function fakeNotion(): AgentToolDeps['notion'] & { pages: NotionPage[]; created: NotionPage[] } {
  const pages = [page(PARENT_ID, 'Research')];
  const created: NotionPage[] = [];
  let next = 1;
  return {
    pages,
    created,
    getPage: (id) => {
      const found = pages.find((p) => p.id === id);
      return found ? Promise.resolve(found) : Promise.reject(new Error(`no page ${id}`));
    },
    findPageByTitle: (title) => Promise.resolve(pages.find((p) => pageTitle(p) === title)),
    createPage: (input) => {
      const parentId = input.parent.type === 'page_id' ? input.parent.page_id : undefined;
      const made = page(
        `22222222-2222-4222-8222-${String(next++).padStart(12, '0')}`,
        input.title ?? 'Untitled',
        parentId,
      );
      pages.push(made);
      created.push(made);
      return Promise.resolve(made);
    },
    appendChildren: (_id, children) => Promise.resolve(children.map((_, i) => blockObject(`b${i}`, 'paragraph'))),
  };
}

function deps(overrides: Partial<AgentToolDeps> = {}): AgentToolDeps & { youtubeCalls: string[] } {
  const youtubeCalls: string[] = [];
  return {
    youtubeCalls,
    notion: fakeNotion(),
    notionTool: () => Promise.resolve({ results: [] }),
    youtubeTool: (name) => {
      youtubeCalls.push(name);
      return Promise.reject(new Error('quotaExceeded'));
    },
    defaultParent: undefined,
    quotaUnits: 1000,
    now: () => new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

describe('agent tools', () => {
  it('counts every YouTube call against the run quota, also those of a research that failed, and refuses calls beyond it', async () => {
    const d = deps({ quotaUnits: 250 });
    const { handlers, state } = createAgentTools(d);
    const run = createToolDispatcher(handlers);
    await expect(run('youtube_research', { topic: 'python tutorial', count: 10 })).rejects.toThrow(
      'Every YouTube search failed',
    );
    expect(d.youtubeCalls.every((name) => name === YOUTUBE_TOOLS.search)).toBe(true);
    expect(state.quotaUnitsUsed).toBe(d.youtubeCalls.length * 100);
    expect(state.quotaUnitsUsed).toBeLessThanOrEqual(250);

    const callsBefore = d.youtubeCalls.length;
    await expect(run('youtube_search', { query: 'python' })).rejects.toThrow(
      `only ${250 - state.quotaUnitsUsed} of this run's 250 are left`,
    );
    await expect(run('youtube_research', { topic: 'python', count: 3 })).rejects.toThrow(
      /needs at least \d+ YouTube quota units/,
    );
    expect(d.youtubeCalls).toHaveLength(callsBefore);
  });

  it('finds a page by title or creates it under the configured parent; without a parent it tells the model what to do', async () => {
    const without = createToolDispatcher(createAgentTools(deps()).handlers);
    await expect(without('notion_find_or_create_page', { title: 'Python channels' })).rejects.toThrow(
      'find a suitable page with notion_search_pages',
    );

    const d = deps({ defaultParent: 'Research' });
    const notion = d.notion as ReturnType<typeof fakeNotion>;
    const run = createToolDispatcher(createAgentTools(d).handlers);
    const first = (await run('notion_find_or_create_page', { title: 'Python channels' })) as {
      id: string;
      created: boolean;
    };
    expect(first.created).toBe(true);
    expect(notion.created[0]!.parent).toEqual({ type: 'page_id', page_id: PARENT_ID });
    const again = (await run('notion_find_or_create_page', { title: 'Python channels' })) as {
      id: string;
      created: boolean;
    };
    expect(again).toMatchObject({ id: first.id, created: false });
    expect(notion.created).toHaveLength(1);
  });

  it('records the page appended to, for OUTPUT and the dataset', async () => {
    const d = deps({ defaultParent: PARENT_ID });
    const tools = createAgentTools(d);
    const run = createToolDispatcher(tools.handlers);
    const made = (await run('notion_create_page', { title: 'Notes' })) as { id: string; url: string };
    const appended = await run('notion_append_blocks', {
      page_id: made.id,
      blocks: [{ type: 'heading_2', text: 'Hi' }, { type: 'divider' }],
    });
    expect(appended).toEqual({ appended: 2, page_id: made.id, page_url: made.url });
    expect(tools.state.writtenPage).toMatchObject({ id: made.id, title: 'Notes' });
    expect(tools.state.appendedBlocks).toBe(2);
  });

  it('reads Notion block lists as {type, text} lines with links written out', () => {
    expect(
      readableBlocks({
        results: [
          { type: 'heading_2', heading_2: { rich_text: [{ plain_text: 'Findings' }] }, has_children: false },
          {
            type: 'paragraph',
            paragraph: {
              rich_text: [{ plain_text: 'See ' }, { plain_text: 'the survey', href: 'https://example.com/s' }],
            },
            has_children: true,
          },
          { type: 'divider', divider: {} },
          'not a block',
        ],
      }),
    ).toEqual([
      { type: 'heading_2', text: 'Findings' },
      { type: 'paragraph', text: 'See the survey (https://example.com/s)', has_children: true },
      { type: 'divider', text: '' },
    ]);
  });
});

describe('agent failures', () => {
  const partial = { steps: [], usage: { iterations: 1, inputTokens: 10, outputTokens: 1 }, messages: [] };

  it('turns Anthropic API errors into messages that say what to do', () => {
    const limited = describeLoopFailure(
      new AgentLoopError('Model call 1 failed', partial, {
        cause: new RateLimitError(
          429,
          { error: { type: 'rate_limit_error', message: 'slow down' } },
          undefined,
          new Headers(),
        ),
      }),
      { model: 'claude-x' },
      2,
    );
    expect(limited).toBeInstanceOf(ExpectedFailure);
    expect((limited as ExpectedFailure).message).toBe(
      "Anthropic rate limited the requests (429), also on the SDK's 2 retries. Run again later, or raise the rate limits of your Anthropic organization. The agent stopped.",
    );
    const unknownModel = describeLoopFailure(
      new AgentLoopError('Model call 1 failed', partial, {
        cause: new NotFoundError(
          404,
          { error: { type: 'not_found_error', message: 'model: claude-x' } },
          undefined,
          new Headers(),
        ),
      }),
      { model: 'claude-x' },
      2,
    );
    expect((unknownModel as ExpectedFailure).message).toContain('does not know the model "claude-x"');
  });

  it('keeps auth-gate errors as they are, so reportFailure can write AWAITING_AUTH and the like', () => {
    const lost = new AuthorizationLostError('notion', 'EXPIRED');
    expect(describeLoopFailure(new AgentLoopError('Tool failed', partial, { cause: lost }), { model: 'm' }, 2)).toBe(
      lost,
    );
    expect(isFatalToolError(lost)).toBe(true);
    expect(isFatalToolError(new ChargeLimitReached())).toBe(true);
    expect(isFatalToolError(new ExpectedFailure('NOTION_PAGE_NOT_FOUND', 'not shared'))).toBe(false);
    expect(isFatalToolError(new Error('anything else'))).toBe(false);
  });
});
