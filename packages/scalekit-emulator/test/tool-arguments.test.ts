import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../src/sandboxes/sandbox.js';
import { unknownArguments } from '../src/sandboxes/tool-arguments.js';
import { connectAccount, startWithClient, type EmulatorFixture } from './support/connected-client.js';

const ME = 'tool-arguments';

interface SearchOut {
  items: { id: { videoId?: string; channelId?: string } }[];
}

describe('unknownArguments', () => {
  const schema = { type: 'object', properties: { q: { type: 'string' }, max_results: { type: 'integer' } } };

  it('lists the arguments the schema does not declare, sorted', () => {
    expect(unknownArguments(schema, { q: 'x', zeta: 1, part: 'snippet' })).toEqual(['part', 'zeta']);
    expect(unknownArguments(schema, { q: 'x', max_results: 5 })).toEqual([]);
  });

  it("counts Scalekit's internal version strings as known, and a schema without properties declares nothing", () => {
    expect(unknownArguments(schema, { schema_version: '1', tool_version: '2' })).toEqual([]);
    expect(unknownArguments({ type: 'object' }, { a: 1 })).toEqual(['a']);
    // An inherited name is not a declared property.
    expect(unknownArguments(schema, { toString: 'x' })).toEqual(['toString']);
  });
});

describe('tool arguments a tool does not declare, through the real SDK', () => {
  let fx: EmulatorFixture;
  beforeAll(async () => {
    fx = await startWithClient({ seed: 3 });
    for (const connection of ['notion', 'gmail', 'youtube']) await connectAccount(fx.client, connection, ME);
  });
  afterAll(() => fx.emulator.close());

  async function run(toolName: string, toolInput: JsonObject): Promise<JsonObject> {
    const response = await fx.client.actions.executeTool({ toolName, identifier: ME, toolInput });
    return response.data as JsonObject;
  }

  /** The call-log entries of one tool, newest last. */
  async function logged(toolName: string) {
    return (await fx.emulator.admin.calls({ identifier: ME })).filter((e) => e.name === toolName);
  }

  it('youtube_search accepts part: "snippet" (as a public actor sends it) and answers as without it', async () => {
    const plain = (await run('youtube_search', {
      q: 'fitness',
      type: 'video',
      max_results: 5,
    })) as unknown as SearchOut;
    const withPart = (await run('youtube_search', {
      q: 'fitness',
      type: 'video',
      max_results: 5,
      part: 'snippet',
    })) as unknown as SearchOut;
    expect(withPart.items.length).toBe(5);
    expect(withPart.items.map((i) => i.id.videoId)).toEqual(plain.items.map((i) => i.id.videoId));
    const entries = await logged('youtube_search');
    expect(entries.at(-1)?.unknownArguments).toEqual(['part']);
    expect(entries.at(-2)?.unknownArguments).toBeUndefined();
  });

  it('an unknown argument never changes what a YouTube list tool does, even one named like a REST parameter', async () => {
    const found = (await run('youtube_search', {
      q: 'cooking',
      type: 'channel',
      max_results: 3,
    })) as unknown as SearchOut;
    const ids = found.items.map((i) => i.id.channelId!).join(',');
    // maxResults (camelCase) is the REST name, not the tool's; it must not cap the list at 1.
    const channels = (await run('youtube_channels_list', { part: 'snippet', id: ids, maxResults: 1 })) as {
      items: unknown[];
    };
    expect(channels.items).toHaveLength(3);
    expect((await logged('youtube_channels_list')).at(-1)?.unknownArguments).toEqual(['maxResults']);
  });

  it('Notion and Gmail tools follow the same rule', async () => {
    const pages = (await run('notion_page_search', { query: '', page_size: 2, filter_type: 'page' })) as {
      results: unknown[];
    };
    expect(pages.results).toHaveLength(2);
    expect((await logged('notion_page_search')).at(-1)?.unknownArguments).toEqual(['filter_type']);

    const profile = (await run('gmail_get_profile', { user_id: 'me', schema_version: '1', tool_version: '1' })) as {
      emailAddress: string;
    };
    expect(profile.emailAddress).toContain('@');
    // The internal version strings are known arguments; only user_id is reported.
    expect((await logged('gmail_get_profile')).at(-1)?.unknownArguments).toEqual(['user_id']);
  });

  it('a tool that fails still reports the unknown arguments it was given', async () => {
    await expect(run('notion_page_get', { page_id: 'not-a-page', verbose: true })).rejects.toThrow();
    expect((await logged('notion_page_get')).at(-1)?.unknownArguments).toEqual(['verbose']);
  });

  it('no listed tool schema forbids additional properties', async () => {
    for (const provider of ['NOTION', 'GMAIL', 'YOUTUBE']) {
      const { tools } = await fx.client.tools.listTools({ filter: { provider } });
      expect(tools.length).toBeGreaterThan(0);
      for (const tool of tools) {
        const schema = tool.definition?.['input_schema'] as JsonObject | undefined;
        expect(schema?.['type']).toBe('object');
        expect(schema?.['additionalProperties'], JSON.stringify(tool.definition?.['name'])).not.toBe(false);
      }
    }
  });

  it('the calls page shows the ignored arguments, escaped', async () => {
    await run('youtube_search', { q: 'x', max_results: 1, '<b>odd</b>': 1 });
    const html = await (await fetch(`${fx.emulator.envUrl}/ui/calls?identifier=${ME}`)).text();
    expect(html).toContain('data-testid="call-unknown-arguments">ignored: &lt;b&gt;odd&lt;/b&gt;</small>');
    expect(html).toContain('ignored: part');
    expect(html).not.toContain('<b>odd</b>');
  });
});
