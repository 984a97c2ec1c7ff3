import { type Digest, type DigestItem } from './digest-types.js';
import {
  EMPTY_LABEL,
  FALLBACK_LABEL,
  authorshipLine,
  countsLine,
  digestTitle,
  dueLabel,
  itemLabels,
  itemMetaLine,
} from './render-text.js';

/**
 * Escapes text for inline Markdown: one line (newlines folded), every ASCII punctuation mark
 * that Markdown or embedded HTML could interpret backslash-escaped, as CommonMark allows.
 */
export function escapeMarkdown(value: string): string {
  return (
    value
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\\`*_{}[\]()<>#+!|~&"]/g, '\\$&')
      // A leading "-" or "1." would start a list inside the item.
      .replace(/^-/, '\\-')
      .replace(/^(\d+)\./, '$1\\.')
  );
}

function escapeUrl(url: string): string {
  // Parentheses and spaces would end a Markdown link destination early.
  return url.replace(/[()\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function renderItem(item: DigestItem, timeZone: string): string {
  const lines = [
    `- **[${escapeMarkdown(item.subject)}](${escapeUrl(item.gmailUrl)})**`,
    `  ${escapeMarkdown(itemMetaLine(item, timeZone))}`,
    `  ${escapeMarkdown(item.summary)}`,
    `  *${escapeMarkdown(itemLabels(item))}: ${escapeMarkdown(item.reason)}*`,
  ];
  for (const action of item.actionItems) {
    const due = action.due !== null ? ` (${escapeMarkdown(dueLabel(action.due))})` : '';
    lines.push(`  - [ ] ${escapeMarkdown(action.text)}${due}`);
  }
  if (item.attachments.length > 0) lines.push(`  Attachments: ${escapeMarkdown(item.attachments.join(', '))}`);
  if (item.fallback) lines.push(`  *${escapeMarkdown(FALLBACK_LABEL)}*`);
  // Two trailing spaces make hard line breaks inside the list item.
  return lines.map((l, i) => (i < lines.length - 1 && !lines[i + 1]?.startsWith('  - ') ? `${l}  ` : l)).join('\n');
}

/** The digest as a Markdown document (GitHub-flavoured task lists for action items). */
export function renderDigestMarkdown(digest: Digest): string {
  const out: string[] = [
    `# ${escapeMarkdown(digestTitle(digest))}`,
    '',
    `*${escapeMarkdown(authorshipLine(digest))}*`,
    '',
  ];
  if (digest.note !== null) out.push(`> ${escapeMarkdown(digest.note)}`, '');
  out.push(escapeMarkdown(countsLine(digest)), '');

  if (digest.counts.threads === 0) {
    out.push(EMPTY_LABEL, '');
    return out.join('\n');
  }
  if (digest.needsAttention.length > 0) {
    out.push(`## Needs attention today (${digest.needsAttention.length})`, '');
    out.push(...digest.needsAttention.map((i) => renderItem(i, digest.timeZone)), '');
  }
  for (const section of digest.sections) {
    out.push(`## ${escapeMarkdown(section.title)} (${section.items.length})`, '');
    out.push(...section.items.map((i) => renderItem(i, digest.timeZone)), '');
  }
  out.push('---', '', `*Time zone: ${escapeMarkdown(digest.timeZone)}. ${escapeMarkdown(authorshipLine(digest))}*`, '');
  return out.join('\n');
}
