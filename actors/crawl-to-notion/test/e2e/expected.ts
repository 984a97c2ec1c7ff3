// What the actor should have written for a page of the sample site, computed with the actor's own
// pure conversion from the HTML the site serves: the end-to-end tests then check that the blocks
// in Notion are exactly these, in this order, however many requests they took.

import { convertPage } from '../../src/notion-blocks/index.js';
import { sourceBlock } from '../../src/notion/source-block.js';
import { outlineOf } from '../support/stack.js';

export async function expectedOutline(
  url: string,
  options: { sourceBlock: boolean } = { sourceBlock: true },
): Promise<{ title: string; outline: string[] }> {
  const html = await (await fetch(url)).text();
  const converted = convertPage(html, url);
  const blocks = options.sourceBlock ? [sourceBlock(url), ...converted.blocks] : converted.blocks;
  return { title: converted.page.title, outline: outlineOf(blocks as unknown as Record<string, unknown>[]) };
}
