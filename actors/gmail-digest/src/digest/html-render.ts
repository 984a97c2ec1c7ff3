import { escapeHtml } from '@repo/auth-gate';
import { CATEGORY_TITLES, type Digest, type DigestItem } from './digest-types.js';
import {
  EMPTY_LABEL,
  FALLBACK_LABEL,
  PRIORITY_LABELS,
  authorshipLine,
  countsLine,
  digestTitle,
  dueLabel,
  itemMetaLine,
} from './render-text.js';

// Inline, self-contained styles: the page must read well opened from disk or sent as mail.
const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --card: #f6f8fa;
  --high: #cf222e; --medium: #9a6700; --low: #59636e; --accent: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --bg: #0d1117; --card: #151b23;
  --high: #ff7b72; --medium: #d29922; --low: #9198a1; --accent: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 760px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1em; margin: 2px 0; }
a { color: var(--accent); }
.authorship { margin: 8px 0; padding: 8px 12px; border-radius: 6px; background: var(--card); border-left: 4px solid var(--accent); }
.authorship.deterministic { border-left-color: var(--muted); }
.note { margin: 8px 0; padding: 8px 12px; border-radius: 6px; border: 1px solid var(--medium); }
.counts, .meta, .reason, .labels, .attachments, footer { color: var(--muted); font-size: 0.92em; }
ol.items { list-style: none; margin: 0; padding: 0; }
li.item { margin: 10px 0; padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; border-left-width: 4px; }
li.item.high { border-left-color: var(--high); }
li.item.medium { border-left-color: var(--medium); }
li.item.low { border-left-color: var(--line); }
.badge { display: inline-block; font-weight: 600; font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.03em; }
.badge.high { color: var(--high); } .badge.medium { color: var(--medium); } .badge.low { color: var(--low); }
.summary { margin: 4px 0; }
ul.actions { margin: 4px 0; padding-left: 20px; }
.due { font-weight: 600; }
.fallback { font-size: 0.9em; color: var(--medium); }
p { margin: 2px 0; }
`;

function renderItem(item: DigestItem, timeZone: string): string {
  const actions =
    item.actionItems.length > 0
      ? `<ul class="actions">${item.actionItems
          .map(
            (a) =>
              `<li>${escapeHtml(a.text)}${a.due !== null ? ` <span class="due">(${escapeHtml(dueLabel(a.due))})</span>` : ''}</li>`,
          )
          .join('')}</ul>`
      : '';
  const labels = [
    `<span class="badge ${escapeHtml(item.priority)}">${escapeHtml(PRIORITY_LABELS[item.priority])}</span>`,
    escapeHtml(CATEGORY_TITLES[item.category]),
    ...(item.unread ? ['unread'] : []),
  ].join(' · ');
  return [
    `<li class="item ${escapeHtml(item.priority)}">`,
    `<p class="labels">${labels}</p>`,
    `<h3><a href="${escapeHtml(item.gmailUrl)}" target="_blank" rel="noopener noreferrer">${escapeHtml(item.subject)}</a></h3>`,
    `<p class="meta" title="${escapeHtml(item.from)}">${escapeHtml(itemMetaLine(item, timeZone))}</p>`,
    `<p class="summary">${escapeHtml(item.summary)}</p>`,
    `<p class="reason">Why: ${escapeHtml(item.reason)}</p>`,
    actions,
    item.attachments.length > 0
      ? `<p class="attachments">Attachments: ${escapeHtml(item.attachments.join(', '))}</p>`
      : '',
    item.fallback ? `<p class="fallback">${escapeHtml(FALLBACK_LABEL)}</p>` : '',
    '</li>',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

function renderSection(title: string, items: readonly DigestItem[], timeZone: string): string {
  return [
    `<section>`,
    `<h2>${escapeHtml(title)} (${items.length})</h2>`,
    `<ol class="items">`,
    ...items.map((i) => renderItem(i, timeZone)),
    `</ol>`,
    `</section>`,
  ].join('\n');
}

/** The digest as a complete, self-contained HTML document; every value is escaped. */
export function renderDigestHtml(digest: Digest): string {
  const title = digestTitle(digest);
  const body: string[] = [
    `<header>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="authorship ${escapeHtml(digest.generatedBy)}" data-generated-by="${escapeHtml(digest.generatedBy)}">${escapeHtml(authorshipLine(digest))}</p>`,
    digest.note !== null ? `<p class="note" role="note">${escapeHtml(digest.note)}</p>` : '',
    `<p class="counts">${escapeHtml(countsLine(digest))}</p>`,
    `</header>`,
  ];
  if (digest.counts.threads === 0) body.push(`<p>${escapeHtml(EMPTY_LABEL)}</p>`);
  if (digest.needsAttention.length > 0)
    body.push(renderSection('Needs attention today', digest.needsAttention, digest.timeZone));
  for (const section of digest.sections) body.push(renderSection(section.title, section.items, digest.timeZone));
  body.push(
    `<footer><p>Time zone: ${escapeHtml(digest.timeZone)}. Generated at ${escapeHtml(digest.generatedAt)}.</p></footer>`,
  );

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="gmail-digest (${escapeHtml(digest.generatedBy)})">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body.filter((s) => s !== ''),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
