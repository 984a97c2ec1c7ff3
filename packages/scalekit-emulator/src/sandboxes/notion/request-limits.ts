import type { JsonValue } from '../sandbox.js';
import { describeValue, fieldError, validationError } from './notion-errors.js';
import { isObject } from '../../json-object.js';
import { blockTypeOf } from './model.js';

/** Notion's published request limits (developers.notion.com/reference/request-limits, patch-block-children). */
export const NOTION_LIMITS = {
  /** Elements of any block children array in one request. */
  childrenPerArray: 100,
  /** Levels of blocks one request may carry: top-level blocks, their children and grandchildren. */
  blockLevels: 3,
  /** Block elements in one payload. */
  blocksPerRequest: 1000,
  /** Whole payload; read as 500,000 bytes of JSON (the stricter reading of "500KB"). */
  payloadBytes: 500_000,
  textContent: 2000,
  linkUrl: 2000,
  equationExpression: 1000,
  richTextItems: 100,
  url: 2000,
  email: 200,
  phoneNumber: 200,
  multiSelectOptions: 100,
} as const;

export function checkMaxItems(count: number, max: number, path: string): void {
  if (count > max) throw fieldError(`${path}.length`, `should be ≤ \`${max}\``, count);
}

export function checkMaxLength(text: string, max: number, path: string): void {
  if (text.length > max) throw fieldError(`${path}.length`, `should be ≤ \`${max}\``, text.length);
}

export function checkPayloadSize(body: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(body ?? {}), 'utf8');
  if (bytes > NOTION_LIMITS.payloadBytes) {
    throw validationError(
      `body failed validation: the request body should be ≤ \`${NOTION_LIMITS.payloadBytes}\` bytes (500KB), instead was \`${bytes}\`.`,
    );
  }
}

/** The nested children array of a request block, wherever Notion expects it (inside the type object). */
function nestedChildren(block: JsonValue): { type: string; children: JsonValue } | undefined {
  if (!isObject(block)) return undefined;
  const type = blockTypeOf(block);
  if (type === undefined) return undefined;
  const payload = block[type];
  if (!isObject(payload) || payload['children'] === undefined) return undefined;
  return { type, children: payload['children'] };
}

/**
 * Checks a request's block tree against the size limits before anything is parsed or written:
 * at most 100 children per array, three levels of blocks, 1000 block elements in all.
 */
export function checkBlockTree(children: readonly JsonValue[], path: string): void {
  let total = 0;
  const walk = (list: readonly JsonValue[], listPath: string, level: number): void => {
    checkMaxItems(list.length, NOTION_LIMITS.childrenPerArray, listPath);
    list.forEach((block, index) => {
      total += 1;
      const nested = nestedChildren(block);
      if (nested === undefined || !Array.isArray(nested.children)) return;
      const childPath = `${listPath}[${index}].${nested.type}.children`;
      if (level >= NOTION_LIMITS.blockLevels) {
        throw validationError(
          `body failed validation: ${childPath} should be not present, instead was \`${describeValue(nested.children)}\`.`,
        );
      }
      walk(nested.children, childPath, level + 1);
    });
  };
  walk(children, path, 1);
  if (total > NOTION_LIMITS.blocksPerRequest) {
    throw validationError(
      `body failed validation: the request should carry ≤ \`${NOTION_LIMITS.blocksPerRequest}\` block elements, instead was \`${total}\`.`,
    );
  }
}
