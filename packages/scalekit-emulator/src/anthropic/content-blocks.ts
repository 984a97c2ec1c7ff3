import type { ContentBlockParam, JsonValue, MessageParam } from './messages-types.js';
import { isObject } from '../json-object.js';

/** A message's content as blocks: a plain string is one text block. */
export function contentBlocks(message: MessageParam): ContentBlockParam[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

/** A block's string field, or '' when absent or not a string (validation has already run). */
export function stringField(block: ContentBlockParam, key: string): string {
  const value = block[key];
  return typeof value === 'string' ? value : '';
}

/** Text of a content value: a string, or its text blocks joined by newlines. */
export function textOf(content: JsonValue | ContentBlockParam[] | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) =>
      isObject(block) && block['type'] === 'text' && typeof block['text'] === 'string' ? block['text'] : '',
    )
    .filter((t) => t !== '')
    .join('\n');
}
