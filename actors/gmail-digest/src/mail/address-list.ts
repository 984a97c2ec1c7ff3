import { decodeHeaderText, unfoldHeader } from './headers.js';
import { type MailAddress } from './parsed-mail.js';

/**
 * Splits an address-list header at top-level commas, i.e. commas outside quoted strings,
 * angle brackets and comments. This runs on the raw value, before RFC 2047 decoding, because a
 * decoded display name may itself contain a comma ("Müller, Hans").
 */
export function splitAddressList(raw: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let inQuotes = false;
  let angleDepth = 0;
  let commentDepth = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (inQuotes) {
      current += ch;
      if (ch === '\\' && i + 1 < raw.length) current += raw.charAt(++i);
      else if (ch === '"') inQuotes = false;
      continue;
    }
    if (ch === '"' && commentDepth === 0) inQuotes = true;
    else if (ch === '(') commentDepth++;
    else if (ch === ')' && commentDepth > 0) commentDepth--;
    else if (ch === '<' && commentDepth === 0) angleDepth++;
    else if (ch === '>' && angleDepth > 0 && commentDepth === 0) angleDepth--;
    else if (ch === ',' && angleDepth === 0 && commentDepth === 0) {
      pieces.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  pieces.push(current);
  return pieces.map((p) => p.trim()).filter((p) => p.length > 0);
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return trimmed;
}

function cleanName(raw: string): string | null {
  const name = decodeHeaderText(unquote(raw))
    .replace(/^'(.*)'$/, '$1')
    .trim();
  return name.length > 0 ? name : null;
}

/** Parses one mailbox ("Name <a@b>", "a@b (Name)", "a@b"); null when it holds no address. */
export function parseMailbox(piece: string): MailAddress | null {
  // Group syntax ("Team: a@x, b@y;" or "undisclosed-recipients:;"): drop the label and the ';'.
  let text = piece.trim().replace(/;$/, '').trim();
  const group = /^([^"<@:]+):(.*)$/s.exec(text);
  if (group) text = (group[2] ?? '').trim();
  if (text.length === 0) return null;

  const angle = /^(.*)<([^<>]*)>\s*(?:\(.*\))?$/s.exec(text);
  if (angle) {
    const address = (angle[2] ?? '').trim().toLowerCase();
    if (!address.includes('@')) return null;
    return { name: cleanName(angle[1] ?? ''), address };
  }
  const bare = /^([^\s()]+@[^\s()]+)\s*(?:\((.*)\))?$/s.exec(text);
  if (bare) {
    return { name: bare[2] !== undefined ? cleanName(bare[2]) : null, address: (bare[1] ?? '').toLowerCase() };
  }
  return null;
}

/** Parses an address-list header (From, To, Cc, Reply-To); unparseable entries are skipped. */
export function parseAddressList(raw: string | null): MailAddress[] {
  if (raw === null) return [];
  return splitAddressList(unfoldHeader(raw))
    .map(parseMailbox)
    .filter((a): a is MailAddress => a !== null);
}

/** "Name <address>" or just the address, for display and prompts. */
export function formatAddress(address: MailAddress): string {
  return address.name !== null ? `${address.name} <${address.address}>` : address.address;
}

/** The display name when there is one, otherwise the address. */
export function displayName(address: MailAddress | null): string {
  if (address === null) return 'Unknown sender';
  return address.name ?? address.address;
}
