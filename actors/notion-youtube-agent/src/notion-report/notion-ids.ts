const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX32_PATTERN = /^[0-9a-f]{32}$/i;
// The id closes a page URL's last path segment: "My-Page-<32 hex>" or just "<32 hex>".
const TRAILING_ID_PATTERN = /(?:^|-)([0-9a-f]{32})$/i;

/**
 * A hyphenated, lower-case UUID from a Notion page URL, a 32-hex id or a UUID; undefined for
 * anything else (including URLs of other sites). For a database view with a page open as a
 * peek (`?p=<id>`), the open page wins.
 */
export function notionIdFromUrlOrId(input: string): string | undefined {
  const value = input.trim();
  if (UUID_PATTERN.test(value)) return value.toLowerCase();
  if (HEX32_PATTERN.test(value)) return hyphenate(value);
  const url = parseNotionUrl(value);
  if (url === undefined) return undefined;
  const peek = url.searchParams.get('p');
  if (peek !== null && HEX32_PATTERN.test(peek)) return hyphenate(peek);
  const segment =
    url.pathname
      .split('/')
      .filter((part) => part !== '')
      .at(-1) ?? '';
  if (UUID_PATTERN.test(segment)) return segment.toLowerCase();
  const match = TRAILING_ID_PATTERN.exec(segment);
  return match?.[1] === undefined ? undefined : hyphenate(match[1]);
}

/** The canonical page URL for an id (hyphenated or not). */
export function notionPageUrl(id: string): string {
  return `https://www.notion.so/${id.replace(/-/g, '').toLowerCase()}`;
}

function hyphenate(hex: string): string {
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function parseNotionUrl(value: string): URL | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase();
  const isNotion = ['notion.so', 'notion.site'].some((domain) => host === domain || host.endsWith(`.${domain}`));
  return isNotion ? url : undefined;
}
