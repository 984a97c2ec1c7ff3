import type { NotionBlock } from '@repo/notion-client';
import { describe, expect, it } from 'vitest';
import { sectionState } from '../src/run-progress.js';
import { blockObject } from './support/notion-objects.js';

const HEADING = 'YouTube research: python — 2026-01-02 10:00 UTC';

function block(id: string, type: string, text = ''): NotionBlock {
  return blockObject(id, type, text);
}

/** A complete section of 4 top-level blocks: heading, intro, one channel, divider. */
const section = (prefix: string, heading = HEADING): NotionBlock[] => [
  block(`${prefix}h`, 'heading_2', heading),
  block(`${prefix}p`, 'paragraph', 'Method: ...'),
  block(`${prefix}n`, 'numbered_list_item', 'Channel'),
  block(`${prefix}d`, 'divider'),
];

describe('sectionState: what an interrupted append left on the page', () => {
  it('absent when nothing after the anchor carries the heading (the append never reached Notion)', () => {
    expect(sectionState([block('a', 'paragraph', 'older')], 'a', HEADING, 4)).toEqual({ kind: 'absent' });
    expect(sectionState([], null, HEADING, 4)).toEqual({ kind: 'absent' });
  });

  it('complete when the whole section follows the anchor, also on a page that was empty', () => {
    expect(sectionState([block('a', 'paragraph'), ...section('x')], 'a', HEADING, 4)).toEqual({ kind: 'complete' });
    expect(sectionState(section('x'), null, HEADING, 4)).toEqual({ kind: 'complete' });
  });

  it('ignores an earlier section with the same heading before the anchor', () => {
    expect(sectionState([...section('old')], 'oldd', HEADING, 4)).toEqual({ kind: 'absent' });
  });

  it('partial when the append was cut short: the blocks of this section only, up to the next section', () => {
    const cut = section('x').slice(0, 2);
    expect(sectionState([block('a', 'paragraph'), ...cut], 'a', HEADING, 4)).toEqual({
      kind: 'partial',
      blockIds: ['xh', 'xp'],
    });
    const other = section('y', 'YouTube research: cooking — 2026-01-02 10:00 UTC');
    expect(sectionState([block('a', 'paragraph'), ...cut, ...other], 'a', HEADING, 4)).toEqual({
      kind: 'partial',
      blockIds: ['xh', 'xp'],
    });
  });
});
