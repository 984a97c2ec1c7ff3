import type { AccountStatus } from '../accounts/account-store.js';
import { escapeHtml } from '../html/escape.js';

const CSS = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f5f6f8;color:#1d2330;line-height:1.45}
header{background:#1d2330;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:center;flex-wrap:wrap}
header strong{font-size:1.05rem;margin-right:12px}
header a{color:#c9d4ff;text-decoration:none}header a:hover{text-decoration:underline}
header .refresh{margin-left:auto;font-size:.85rem;color:#c9d4ff}
main{max-width:1180px;margin:24px auto;padding:0 16px}
section{background:#fff;border-radius:10px;padding:20px 24px;margin-bottom:20px;box-shadow:0 1px 6px rgba(0,0,0,.07);overflow-x:auto}
h1{font-size:1.35rem;margin:0 0 16px}h2{font-size:1.1rem;margin:0 0 12px}
table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #eceef2;font-size:.88rem;vertical-align:top}
th{color:#5b6474;font-weight:600}
code{background:#eef0f3;padding:1px 5px;border-radius:4px;font-size:.85rem;word-break:break-all}
pre{background:#f3f4f7;padding:10px;border-radius:6px;overflow-x:auto;font-size:.8rem;margin:0;white-space:pre-wrap;word-break:break-word}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}dt{color:#5b6474}dd{margin:0}
.muted{color:#5b6474;font-size:.88rem}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.78rem;font-weight:600;border:1px solid transparent}
.badge-ok{background:#e3f6e8;color:#176b31;border-color:#b5e2c1}
.badge-warn{background:#fff3dc;color:#8a5300;border-color:#f1d39a}
.badge-pending{background:#e6eeff;color:#2345a8;border-color:#c0d0f7}
.badge-bad{background:#fde6e6;color:#a12222;border-color:#f2baba}
.counters{display:flex;gap:16px;flex-wrap:wrap}.counter{background:#f3f4f7;border-radius:8px;padding:8px 14px}
.counter b{display:block;font-size:1.2rem}
form.filters{display:flex;gap:12px;align-items:end;flex-wrap:wrap}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:#5b6474}
input,select,button{font-size:.9rem;padding:6px 8px;border-radius:6px;border:1px solid #c5cad3;background:#fff}
`;

/** Polls the same URL and swaps in the new content; pages work the same without it. */
const AUTO_REFRESH_SCRIPT = `
(() => {
  const label = document.getElementById('auto-refresh-label');
  const box = document.getElementById('auto-refresh');
  if (!label || !box) return;
  label.hidden = false;
  const key = 'scalekit-emulator-ui-refresh';
  box.checked = sessionStorage.getItem(key) === '1';
  let timer;
  const tick = async () => {
    try {
      const response = await fetch(location.href, { headers: { accept: 'text/html' } });
      const next = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('content');
      const current = document.getElementById('content');
      if (next && current) current.replaceWith(next);
    } catch { /* the emulator may have stopped; keep the last view */ }
  };
  const apply = () => {
    clearInterval(timer);
    sessionStorage.setItem(key, box.checked ? '1' : '0');
    if (box.checked) timer = setInterval(tick, 2000);
  };
  box.addEventListener('change', apply);
  apply();
})();`;

const BADGE_BY_STATUS: Record<AccountStatus, string> = {
  ACTIVE: 'badge-ok',
  EXPIRED: 'badge-warn',
  PENDING_AUTH: 'badge-pending',
  PENDING_VERIFICATION: 'badge-pending',
  DISCONNECTED: 'badge-bad',
};

/** A colour-coded account status. */
export function statusBadge(status: AccountStatus, testId: string): string {
  return `<span class="badge ${BADGE_BY_STATUS[status]}" data-testid="${escapeHtml(testId)}">${escapeHtml(status)}</span>`;
}

/** A call's status coloured by outcome: `ok`/2xx/3xx/approved green, denied amber, the rest red. */
export function callStatusBadge(status: string): string {
  const ok = status === 'ok' || status === 'approved' || /^[23]\d\d$/.test(status);
  const cls = ok ? 'badge-ok' : status === 'denied' ? 'badge-warn' : 'badge-bad';
  return `<span class="badge ${cls}" data-testid="call-status">${escapeHtml(status)}</span>`;
}

/** An ISO time with how long ago it was, or a dash. */
export function timeCell(iso: string | undefined, now: number, testId: string): string {
  if (iso === undefined) return `<td data-testid="${escapeHtml(testId)}" class="muted">never</td>`;
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const ago =
    seconds < 120
      ? `${seconds} s ago`
      : seconds < 7200
        ? `${Math.round(seconds / 60)} min ago`
        : `${Math.round(seconds / 3600)} h ago`;
  return `<td data-testid="${escapeHtml(testId)}"><time datetime="${escapeHtml(iso)}" title="${escapeHtml(iso)}">${escapeHtml(ago)}</time></td>`;
}

/** A plain-text table cell. */
export function cell(text: unknown, testId?: string): string {
  const id = testId === undefined ? '' : ` data-testid="${escapeHtml(testId)}"`;
  return `<td${id}>${escapeHtml(text ?? '')}</td>`;
}

/** A table with a header row; `rows` must already be escaped markup. */
export function table(testId: string, headings: readonly string[], rows: readonly string[], empty: string): string {
  if (rows.length === 0) return `<p class="muted" data-testid="${escapeHtml(testId)}-empty">${escapeHtml(empty)}</p>`;
  const head = headings.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  return `<table data-testid="${escapeHtml(testId)}"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A whole UI page; `body` must already be escaped markup. */
export function uiPage(title: string, body: string, options: { autoRefresh?: boolean } = {}): string {
  const refresh = options.autoRefresh
    ? '<label class="refresh" id="auto-refresh-label" hidden><input type="checkbox" id="auto-refresh" data-testid="auto-refresh"> auto-refresh</label>'
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Scalekit emulator</title><style>${CSS}</style></head>
<body><header><strong>Scalekit emulator</strong>
<a href="/" data-testid="nav-home">Home</a><a href="/ui/calls" data-testid="nav-calls">Calls</a><a href="/ui/faults" data-testid="nav-faults">Faults</a>${refresh}</header>
<main id="content"><h1 data-testid="page-title">${escapeHtml(title)}</h1>${body}</main>
${options.autoRefresh ? `<script>${AUTO_REFRESH_SCRIPT}</script>` : ''}</body></html>`;
}
