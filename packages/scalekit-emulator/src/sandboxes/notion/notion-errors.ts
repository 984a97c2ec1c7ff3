import { ProviderError, type JsonObject } from '../sandbox.js';

/** A Notion error: the proxy relays `body` as is, the tool layer turns it into a TOOL_ERROR. */
export function notionError(status: number, code: string, message: string, retryAfterSeconds?: number): ProviderError {
  const body: JsonObject = { object: 'error', status, code, message };
  return new ProviderError(
    status,
    code,
    message,
    retryAfterSeconds === undefined ? { body } : { body, retryAfterSeconds },
  );
}

export function validationError(message: string): ProviderError {
  return notionError(400, 'validation_error', message);
}

/** How Notion quotes an offending value: JSON, cut at 50 characters. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text.length > 50 ? `${text.slice(0, 50)}...` : text;
}

/**
 * Notion's schema-error wording, e.g. "body failed validation: body.children.length should be ≤ `100`,
 * instead was `101`." The scope (`body`, `query`, `path`) is the path's first segment.
 */
export function fieldError(path: string, rule: string, actual: unknown): ProviderError {
  const scope = path.split(/[.[]/)[0] ?? 'body';
  return validationError(`${scope} failed validation: ${path} ${rule}, instead was \`${describeValue(actual)}\`.`);
}

export function objectNotFound(kind: 'page' | 'block' | 'database' | 'user', id: string): ProviderError {
  return notionError(
    404,
    'object_not_found',
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );
}

/** What Notion answers to any write into a trashed page, block or database (or one under a trashed parent). */
export function archivedError(): ProviderError {
  return validationError("Can't edit block that is archived. You must unarchive the block before editing.");
}

export function rateLimited(retryAfterSeconds: number): ProviderError {
  return notionError(
    429,
    'rate_limited',
    'You have been rate limited. Please try again in a few minutes.',
    retryAfterSeconds,
  );
}
