/**
 * The whole pure pipeline for one fetched page: main content, blocks within Notion's limits,
 * and the hash that tells a re-run whether the page changed.
 */
import { extractMainContent, type ExtractedPage } from '../content/extract-main-content.js';
import type { NotionBlock } from './block-types.js';
import { getRichText } from './block-tree.js';
import { enforceNotionLimits } from './block-limits.js';
import { contentHash } from './content-hash.js';
import { htmlToBlocks } from './html-to-blocks.js';
import { plainText } from './rich-text.js';

export interface ConvertPageOptions {
  /** See `LinkContext.resolveLink`: links to crawled pages can point to their Notion pages. */
  resolveLink?: ((absoluteUrl: string) => string | undefined) | undefined;
  /** Drop a first heading that repeats the title (the Notion page shows the title already). Default true. */
  dropTitleHeading?: boolean;
}

export interface ConvertedPage {
  page: ExtractedPage;
  blocks: NotionBlock[];
  /** Content that had to be degraded to fit Notion's limits; empty in the common case. */
  warnings: string[];
  contentHash: string;
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function convertPage(html: string, pageUrl: string, options: ConvertPageOptions = {}): ConvertedPage {
  const page = extractMainContent(html, pageUrl);
  let blocks = htmlToBlocks(page.contentHtml, { baseUrl: page.baseUrl, pageUrl, resolveLink: options.resolveLink });
  const first = blocks[0];
  if (options.dropTitleHeading !== false && first?.type === 'heading_1') {
    if (comparable(plainText(getRichText(first) ?? [])) === comparable(page.title)) blocks = blocks.slice(1);
  }
  const limited = enforceNotionLimits(blocks);
  return { page, blocks: limited.blocks, warnings: limited.warnings, contentHash: contentHash(limited.blocks) };
}
