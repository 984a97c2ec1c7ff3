import { describe, expect, it } from 'vitest';
import type { ResearchChannel } from '../src/research/index.js';
import {
  appendLimitViolations,
  batchBlocks,
  blockContent,
  blockPlainText,
  buildResearchSectionBlocks,
  countBlocks,
  dividerBlock,
  findNotionPages,
  nestingDepth,
  notionIdFromUrlOrId,
  pageIdFromResult,
  pageTitleFromTask,
  pickPageByTitle,
  rawBlocksFromSimplified,
  reportChannelsFromResearch,
  richText,
  simplifiedFromRawBlocks,
  splitText,
  textBlocks,
  type NotionBlock,
  type ReportChannel,
} from '../src/notion-report/index.js';

const generatedAt = new Date('2024-06-10T09:05:59Z');

const corey: ReportChannel = {
  id: 'UCCezIgC97PvUuR4_gbFUs5g',
  title: 'Corey Schafer',
  customUrl: '@coreyms',
  subscriberCount: 1_234_567,
  videoCount: 232,
  score: 8.4,
  reason: "1.2M subscribers, last upload 5 days ago, title matches 'python'",
  sampleVideo: { id: 'YYXdXT2l-Gg', title: 'Python Tutorial for Beginners 1' },
};

describe('splitText and richText', () => {
  it('splits long text into pieces of at most 2000 characters that join back exactly', () => {
    const text = 'word '.repeat(1000) + 'x'.repeat(4500);
    const items = richText(text);
    expect(items.length).toBeGreaterThan(2);
    expect(items.every((item) => item.text.content.length <= 2000)).toBe(true);
    expect(items.map((item) => item.text.content).join('')).toBe(text);
  });

  it('prefers to split after whitespace and never inside a surrogate pair', () => {
    expect(splitText('aaaa bbbb cccc', 6)).toEqual(['aaaa ', 'bbbb ', 'cccc']);
    const emoji = '😀'.repeat(3); // six UTF-16 units
    const pieces = splitText(`a${emoji}`, 4);
    expect(pieces.join('')).toBe(`a${emoji}`);
    expect(pieces.every((piece) => piece.length <= 4 && !/[\uD800-\uDBFF]$/.test(piece))).toBe(true);
  });

  it('links every piece, and drops links Notion would reject while keeping the text', () => {
    const linked = richText('x'.repeat(2500), { url: 'https://example.com', bold: true });
    expect(linked).toHaveLength(2);
    expect(
      linked.every((item) => item.text.link?.url === 'https://example.com' && item.annotations?.bold === true),
    ).toBe(true);
    expect(richText('click', { url: 'javascript:alert(1)' })[0]?.text.link).toBeNull();
    expect(richText('long', { url: `https://example.com/${'a'.repeat(2000)}` })[0]?.text.link).toBeNull();
  });

  it('splits a block whose rich text exceeds 100 items and keeps children on the last part', () => {
    const child = textBlocks('bulleted_list_item', 'child');
    const blocks = textBlocks('paragraph', 'y'.repeat(2000 * 150), child);
    expect(blocks).toHaveLength(2);
    expect(blockContent(blocks[0]!).richText).toHaveLength(100);
    expect(blockContent(blocks[0]!).children).toEqual([]);
    expect(blockContent(blocks[1]!).children).toEqual(child);
  });
});

describe('buildResearchSectionBlocks', () => {
  const blocks = buildResearchSectionBlocks({
    topic: 'python tutorial',
    task: 'Find python channels',
    method: 'formula',
    generatedAt,
    channels: [corey, { id: 'UChidden000000000000000', title: 'Shy', subscribersHidden: true }],
    notes: ['1 search variation(s) skipped.'],
  });

  it('opens with a dated heading and the task and method', () => {
    expect(blocks[0]?.type).toBe('heading_2');
    expect(blockPlainText(blocks[0]!)).toBe('YouTube research: python tutorial — 2024-06-10 09:05 UTC');
    expect(blocks[1]?.type).toBe('paragraph');
    expect(blockPlainText(blocks[1]!)).toMatch(
      /^Task: Find python channels\nMethod: ranked without an LLM by a transparent formula: score 0–10 = 45% relevance/,
    );
  });

  it('writes one numbered item per channel with linked name, figures, reason and sample video', () => {
    const items = blocks.filter((block) => block.type === 'numbered_list_item');
    expect(items).toHaveLength(2);
    const { richText: title, children } = blockContent(items[0]!);
    expect(title[0]?.text).toEqual({
      content: 'Corey Schafer',
      link: { url: 'https://www.youtube.com/channel/UCCezIgC97PvUuR4_gbFUs5g' },
    });
    expect(title.some((item) => item.text.link?.url === 'https://www.youtube.com/@coreyms')).toBe(true);
    expect(blockPlainText(items[0]!)).toBe('Corey Schafer (@coreyms) — score 8.4/10');
    expect(children.map(blockPlainText)).toEqual([
      'Subscribers: 1.2M · Videos: 232',
      "Why: 1.2M subscribers, last upload 5 days ago, title matches 'python'",
      'Sample video: Python Tutorial for Beginners 1',
    ]);
    expect(blockContent(children[2]!).richText[1]?.text.link?.url).toBe('https://www.youtube.com/watch?v=YYXdXT2l-Gg');
    expect(blockContent(items[1]!).children.map(blockPlainText)).toEqual(['Subscribers: hidden']);
  });

  it('ends with notes and a divider and stays within Notion limits', () => {
    expect(blocks.at(-1)).toEqual(dividerBlock());
    expect(blocks.map(blockPlainText)).toContain('1 search variation(s) skipped.');
    expect(appendLimitViolations(blocks)).toEqual([]);
    expect(nestingDepth(blocks)).toBe(1);
  });

  it('splits an oversized reason instead of truncating it', () => {
    const reason = 'r'.repeat(5000);
    const section = buildResearchSectionBlocks({
      topic: 't',
      method: 'claude',
      generatedAt,
      channels: [{ ...corey, reason }],
    });
    expect(appendLimitViolations(section)).toEqual([]);
    const item = section.find((block) => block.type === 'numbered_list_item')!;
    expect(blockContent(item).children.map(blockPlainText)).toContain(`Why: ${reason}`);
  });

  it('says so when no channel matched, and includes a summary for Claude runs', () => {
    const section = buildResearchSectionBlocks({
      topic: 't',
      method: 'claude',
      generatedAt,
      channels: [],
      summary: 'First.\n\nSecond.',
    });
    const texts = section.map(blockPlainText);
    expect(texts).toContain('No channels matched the search and filters.');
    expect(texts).toContain('First.');
    expect(texts).toContain('Second.');
    expect(texts[1]).toMatch(/^Method: Claude searched YouTube/);
  });

  it('maps research results to report entries', () => {
    const research: ResearchChannel[] = [
      {
        channel: {
          id: 'UC1',
          title: 'One',
          description: '',
          subscribersHidden: false,
          subscriberCount: 10,
          videoCount: 2,
        },
        score: {
          score: 5,
          reason: 'because',
          components: { relevance: 1, audience: 1, activity: 1 },
          matchedTerms: [],
        },
        sampleVideo: { id: 'v', title: 'V', publishedAt: '2024-01-01T00:00:00.000Z' },
      },
    ];
    expect(reportChannelsFromResearch(research)).toEqual([
      {
        id: 'UC1',
        title: 'One',
        subscriberCount: 10,
        subscribersHidden: false,
        videoCount: 2,
        score: 5,
        reason: 'because',
        sampleVideo: { id: 'v', title: 'V' },
      },
    ]);
  });
});

describe('batchBlocks', () => {
  const paragraphs = (n: number): NotionBlock[] =>
    Array.from({ length: n }, (_, i) => textBlocks('paragraph', `p${i}`)[0]!);

  it('splits into requests of at most 100 blocks, in order', () => {
    const blocks = paragraphs(250);
    const batches = batchBlocks(blocks, 100);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(blocks);
    expect(batchBlocks([], 100)).toEqual([]);
  });

  it('also caps nested block elements at 1000 per request', () => {
    const withChildren = Array.from(
      { length: 30 },
      () => textBlocks('bulleted_list_item', 'parent', paragraphs(49))[0]!,
    );
    const batches = batchBlocks(withChildren, 100);
    expect(batches.every((batch) => countBlocks(batch) <= 1000)).toBe(true);
    expect(batches.map((b) => b.length)).toEqual([20, 10]);
  });

  it('rejects batch sizes Notion does not accept', () => {
    expect(() => batchBlocks([], 101)).toThrow(RangeError);
    expect(() => batchBlocks([], 0)).toThrow(RangeError);
  });
});

describe('appendLimitViolations', () => {
  it('reports too deep nesting and oversized rich text', () => {
    const deep = textBlocks(
      'bulleted_list_item',
      'a',
      textBlocks('bulleted_list_item', 'b', textBlocks('bulleted_list_item', 'c', textBlocks('paragraph', 'd'))),
    );
    expect(appendLimitViolations(deep)).toEqual(['3 levels of nesting (max 2)']);
    const oversized: NotionBlock = {
      object: 'block',
      type: 'paragraph',
      paragraph: { rich_text: [{ type: 'text', text: { content: 'x'.repeat(2001), link: null } }] },
    };
    expect(appendLimitViolations([oversized])).toEqual([
      'blocks[0] paragraph: rich text of 2001 characters (max 2000)',
    ]);
  });
});

describe('simplified blocks', () => {
  it('converts the agent format to raw blocks with links', () => {
    const raw = rawBlocksFromSimplified([
      { type: 'heading_2', text: 'Results' },
      { type: 'bulleted_list_item', text: 'Corey', url: 'https://www.youtube.com/@coreyms' },
      { type: 'paragraph', text: '', url: 'https://example.com' },
      { type: 'code', text: 'print(1)', language: 'python' },
      { type: 'divider' },
    ]);
    expect(raw.map((block) => block.type)).toEqual(['heading_2', 'bulleted_list_item', 'paragraph', 'code', 'divider']);
    expect(blockContent(raw[1]!).richText[0]?.text.link?.url).toBe('https://www.youtube.com/@coreyms');
    expect(blockPlainText(raw[2]!)).toBe('https://example.com');
    expect(raw[3]).toEqual({
      object: 'block',
      type: 'code',
      code: { rich_text: richText('print(1)'), language: 'python' },
    });
  });

  it("writes a code block's language as Notion names it, and one Notion does not know as plain text", () => {
    const languages = rawBlocksFromSimplified([
      { type: 'code', text: 'x', language: ' TypeScript ' },
      { type: 'code', text: 'x', language: 'brainfuck' },
      { type: 'code', text: 'x' },
    ]).map((block) => (block.type === 'code' ? block.code.language : block.type));
    expect(languages).toEqual(['typescript', 'plain text', 'plain text']);
  });

  it('flattens raw blocks for the simplified append tool without losing links or text', () => {
    const section = buildResearchSectionBlocks({ topic: 'x', method: 'formula', generatedAt, channels: [corey] });
    const simplified = simplifiedFromRawBlocks(section);
    expect(simplified.map((block) => block.type)).toEqual([
      'heading_2',
      'paragraph',
      'numbered_list_item',
      'bulleted_list_item',
      'bulleted_list_item',
      'bulleted_list_item',
      'divider',
    ]);
    expect(simplified[2]?.text).toContain('Corey Schafer (https://www.youtube.com/channel/UCCezIgC97PvUuR4_gbFUs5g)');
    expect(simplified[5]?.text).toBe(
      'Sample video: Python Tutorial for Beginners 1 (https://www.youtube.com/watch?v=YYXdXT2l-Gg)',
    );
    const long = simplifiedFromRawBlocks(textBlocks('quote', 'q'.repeat(4100)));
    expect(long.map((block) => [block.type, block.text?.length])).toEqual([
      ['quote', 2000],
      ['quote', 2000],
      ['quote', 100],
    ]);
  });
});

describe('notionIdFromUrlOrId', () => {
  const uuid = '1429989f-e8ac-4eff-bc8f-57f56486db54';

  it('accepts ids and hyphenated UUIDs', () => {
    expect(notionIdFromUrlOrId('1429989fe8ac4effbc8f57f56486db54')).toBe(uuid);
    expect(notionIdFromUrlOrId(' 1429989F-E8AC-4EFF-BC8F-57F56486DB54 ')).toBe(uuid);
  });

  it('reads page URLs in their common forms', () => {
    expect(notionIdFromUrlOrId('https://www.notion.so/myteam/Research-Notes-1429989fe8ac4effbc8f57f56486db54')).toBe(
      uuid,
    );
    expect(notionIdFromUrlOrId('https://www.notion.so/1429989fe8ac4effbc8f57f56486db54?pvs=4#heading')).toBe(uuid);
    expect(notionIdFromUrlOrId('notion.so/Page-1429989fe8ac4effbc8f57f56486db54')).toBe(uuid);
    expect(notionIdFromUrlOrId('https://acme.notion.site/Public-1429989fe8ac4effbc8f57f56486db54')).toBe(uuid);
    expect(
      notionIdFromUrlOrId(
        'https://www.notion.so/team/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?v=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb&p=1429989fe8ac4effbc8f57f56486db54&pm=s',
      ),
    ).toBe(uuid);
  });

  it('returns undefined for anything else', () => {
    for (const input of [
      '',
      'Research Notes',
      '1429989fe8ac4effbc8f57f56486db5',
      'https://example.com/Page-1429989fe8ac4effbc8f57f56486db54',
      'https://www.notion.so/myteam',
      'ftp://notion.so/1429989fe8ac4effbc8f57f56486db54',
    ]) {
      expect(notionIdFromUrlOrId(input)).toBeUndefined();
    }
  });
});

describe('page titles', () => {
  it('uses a page the task names, quoted or not', () => {
    expect(pageTitleFromTask("Find python channels and add them to my page called 'YouTube Ideas'.")).toBe(
      'YouTube Ideas',
    );
    expect(pageTitleFromTask('Put the results in the doc named “Q3 research”')).toBe('Q3 research');
    expect(pageTitleFromTask('Write to a page titled Channel scouting. Thanks')).toBe('Channel scouting');
  });

  it('falls back to the fallback, then to a short title from the task', () => {
    expect(pageTitleFromTask('find python channels', { fallback: 'YouTube research: python' })).toBe(
      'YouTube research: python',
    );
    expect(pageTitleFromTask('find the best python channels. Then summarise.')).toBe('Find the best python channels');
    const long = pageTitleFromTask(`research ${'very '.repeat(30)}long topic`, { maxLength: 40 });
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('Notion page results', () => {
  const page = (id: string, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    object: 'page',
    id,
    url: `https://www.notion.so/${id}`,
    properties: {
      Name: { id: 'title', type: 'title', title: [{ type: 'text', text: { content: title }, plain_text: title }] },
    },
    ...extra,
  });

  it('finds pages in wrapped search results and picks the exact title', () => {
    const result = {
      data: {
        object: 'list',
        results: [
          page('p1', 'YouTube Ideas (old)'),
          page('p2', 'youtube   ideas', { archived: true }),
          page('p3', 'YouTube Ideas'),
          { object: 'database', id: 'd1', title: [{ plain_text: 'YouTube Ideas' }] },
        ],
        has_more: false,
      },
    };
    const pages = findNotionPages(result);
    expect(pages.map((p) => [p.id, p.object, p.title])).toEqual([
      ['p1', 'page', 'YouTube Ideas (old)'],
      ['p2', 'page', 'youtube   ideas'],
      ['p3', 'page', 'YouTube Ideas'],
      ['d1', 'database', 'YouTube Ideas'],
    ]);
    expect(pickPageByTitle(pages, ' youtube ideas ')?.id).toBe('p3');
    expect(pickPageByTitle(pages, 'Missing')).toBeUndefined();
  });

  it('reads the id of a single created page', () => {
    expect(pageIdFromResult({ data: page('new-id', 'Fresh') })).toBe('new-id');
    expect(pageIdFromResult({ data: { ok: true } })).toBeUndefined();
  });
});
