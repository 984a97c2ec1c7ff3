import { describe, expect, it } from 'vitest';
import {
  AGENT_TOOLS,
  createToolDispatcher,
  ToolInputError,
  validateAgentToolInput,
  type AgentToolHandlers,
} from '../src/agent/index.js';

const pageId = '1429989f-e8ac-4eff-bc8f-57f56486db54';

describe('AGENT_TOOLS', () => {
  it('defines every tool with an object schema the Messages API accepts', () => {
    expect(AGENT_TOOLS.map((tool) => tool.name)).toEqual([
      'notion_search_pages',
      'notion_read_page',
      'notion_find_or_create_page',
      'notion_append_blocks',
      'notion_create_page',
      'youtube_search',
      'youtube_channel_details',
      'youtube_research',
    ]);
    for (const tool of AGENT_TOOLS) {
      expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(tool.description?.length).toBeGreaterThan(20);
      expect(tool.input_schema.type).toBe('object');
      expect(tool.input_schema).not.toHaveProperty('$schema');
    }
  });

  it('marks only arguments without defaults as required', () => {
    const schemaOf = (name: string): Record<string, unknown> =>
      AGENT_TOOLS.find((tool) => tool.name === name)!.input_schema;
    expect(schemaOf('youtube_search').required).toEqual(['query']);
    expect(schemaOf('youtube_research').required).toEqual(['topic']);
    expect(schemaOf('notion_append_blocks').required).toEqual(['page_id', 'blocks']);
    expect(schemaOf('notion_find_or_create_page').required).toEqual(['title']);
  });
});

describe('validateAgentToolInput', () => {
  it('returns typed input with defaults applied and ids normalised', () => {
    expect(validateAgentToolInput('youtube_search', { query: ' python ' })).toEqual({
      ok: true,
      name: 'youtube_search',
      input: { query: 'python', type: 'video', max_results: 10, order: 'relevance' },
    });
    expect(
      validateAgentToolInput('notion_read_page', {
        page_id: 'https://www.notion.so/Notes-1429989fe8ac4effbc8f57f56486db54',
      }),
    ).toEqual({
      ok: true,
      name: 'notion_read_page',
      input: { page_id: pageId },
    });
    const research = validateAgentToolInput('youtube_research', { topic: 'python', count: 5, min_subscribers: 10000 });
    expect(research).toEqual({
      ok: true,
      name: 'youtube_research',
      input: { topic: 'python', count: 5, min_subscribers: 10000 },
    });
    const details = validateAgentToolInput('youtube_channel_details', { channel_ids: ['UC1', 'UC1', 'UC2'] });
    expect(details.ok && details.name === 'youtube_channel_details' ? details.input.channel_ids : undefined).toEqual([
      'UC1',
      'UC2',
    ]);
  });

  it('turns malformed arguments into messages naming each problem', () => {
    const result = validateAgentToolInput('youtube_search', { query: '', max_results: 500, maxResults: 5 });
    expect(result.ok).toBe(false);
    const error = result.ok ? '' : result.error;
    expect(error).toMatch(/^Invalid arguments for youtube_search: /);
    expect(error).toContain('query: ');
    expect(error).toContain('max_results: ');
    expect(error).toContain('maxResults');
    expect(error).toMatch(/call youtube_search again\.$/);
  });

  it('rejects bad ids, dates, blocks, non-objects and unknown tools without throwing', () => {
    const error = (name: string, input: unknown): string => {
      const result = validateAgentToolInput(name, input);
      return result.ok ? 'ok' : result.error;
    };
    expect(error('notion_read_page', { page_id: 'Research Notes' })).toContain(
      'page_id: "Research Notes" is not a Notion page id or URL',
    );
    expect(error('youtube_search', { query: 'x', published_after: '2024-01-01' })).toContain(
      'published_after: must be RFC 3339',
    );
    expect(error('youtube_search', { query: 'x', published_after: '2024-02-31T00:00:00Z' })).toContain(
      'published_after',
    );
    expect(error('youtube_channel_details', { channel_ids: ['@coreyms'] })).toContain(
      'channel_ids.0: must be a channel id',
    );
    expect(error('notion_append_blocks', { page_id: pageId, blocks: [{ type: 'paragraph' }] })).toContain(
      'blocks.0.text: text is required',
    );
    expect(error('notion_append_blocks', { page_id: pageId, blocks: [{ type: 'table', text: 'x' }] })).toContain(
      'blocks.0.type',
    );
    expect(error('notion_append_blocks', { page_id: pageId, blocks: [] })).toContain('blocks');
    expect(error('youtube_research', 'python')).toContain('Invalid arguments for youtube_research');
    expect(error('youtube_research', { topic: 'x', count: 2.5 })).toContain('count');
    expect(error('delete_everything', {})).toMatch(
      /^Unknown tool "delete_everything"\. Available tools: notion_search_pages, /,
    );
    expect(error('notion_append_blocks', { page_id: pageId, blocks: [{ type: 'divider' }] })).toBe('ok');
  });
});

describe('createToolDispatcher', () => {
  const handlers = (): AgentToolHandlers & { seen: unknown[] } => {
    const seen: unknown[] = [];
    const record = (input: unknown): Promise<unknown> => {
      seen.push(input);
      return Promise.resolve({ ok: true });
    };
    return {
      seen,
      notion_search_pages: record,
      notion_read_page: record,
      notion_find_or_create_page: record,
      notion_append_blocks: record,
      notion_create_page: record,
      youtube_search: record,
      youtube_channel_details: record,
      youtube_research: (input) => {
        seen.push(['research', input.topic, input.count]);
        return Promise.resolve({ channels: [] });
      },
    };
  };

  it('hands each handler its validated input', async () => {
    const h = handlers();
    const execute = createToolDispatcher(h);
    await expect(execute('youtube_research', { topic: 'python' })).resolves.toEqual({ channels: [] });
    expect(h.seen).toEqual([['research', 'python', 10]]);
  });

  it('throws ToolInputError for invalid input without calling a handler', async () => {
    const h = handlers();
    const execute = createToolDispatcher(h);
    await expect(execute('youtube_research', { count: 3 })).rejects.toBeInstanceOf(ToolInputError);
    await expect(execute('nope', {})).rejects.toThrow(/Unknown tool "nope"/);
    expect(h.seen).toEqual([]);
  });
});
