import type { Environment } from '../environment.js';
import { escapeHtml } from '../html/escape.js';
import type { CallCounters, CallEntry, CallKind } from '../observability/call-log.js';
import { callStatusBadge, cell, table, uiPage } from './layout.js';
import { sandboxHref } from './links.js';

const KINDS: readonly CallKind[] = ['token', 'rpc', 'tool', 'proxy', 'consent'];
/** Rows shown by default; the log itself keeps up to 5000. */
const DEFAULT_LIMIT = 200;

export interface CallsFilter {
  kind: CallKind | undefined;
  identifier: string | undefined;
  connector: string | undefined;
  limit: number;
}

/** Reads the filter from the query string; unknown kinds and bad limits fall back to "all". */
export function callsFilter(query: URLSearchParams): CallsFilter {
  const kind = query.get('kind');
  const limit = Number(query.get('limit') ?? DEFAULT_LIMIT);
  return {
    kind: KINDS.find((k) => k === kind),
    identifier: query.get('identifier') || undefined,
    connector: query.get('connector') || undefined,
    limit: Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_LIMIT,
  };
}

function filterForm(filter: CallsFilter): string {
  const options = ['', ...KINDS]
    .map(
      (k) =>
        `<option value="${escapeHtml(k)}"${k === (filter.kind ?? '') ? ' selected' : ''}>${escapeHtml(k || 'all')}</option>`,
    )
    .join('');
  const input = (name: string, value: string | undefined) =>
    `<label>${escapeHtml(name)}<input name="${escapeHtml(name)}" value="${escapeHtml(value ?? '')}" data-testid="filter-${escapeHtml(name)}"></label>`;
  return `<form class="filters" method="get" action="/ui/calls" data-testid="calls-filter">
<label>kind<select name="kind" data-testid="filter-kind">${options}</select></label>
${input('identifier', filter.identifier)}${input('connector', filter.connector)}
<button type="submit">Filter</button> <a href="/ui/calls">clear</a></form>`;
}

function countersSection(counters: CallCounters): string {
  const box = (label: string, value: number, testId: string) =>
    `<div class="counter"><b data-testid="${escapeHtml(testId)}">${escapeHtml(value)}</b>${escapeHtml(label)}</div>`;
  const byKind = KINDS.map((k) => box(k, counters.byKind[k] ?? 0, `counter-${k}`)).join('');
  const top = Object.entries(counters.byName)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([name, n]) => `<tr>${cell(name)}${cell(n)}</tr>`);
  return `<section data-testid="call-counters"><h2>Counters (since start or last reset)</h2>
<div class="counters">${box('total', counters.total, 'counter-total')}${box('errors', counters.errors, 'counter-errors')}${byKind}</div>
<h2 style="margin-top:16px">Most called</h2>${table('calls-top', ['Kind:name', 'Calls'], top, 'No calls yet.')}</section>`;
}

/** The tool or RPC name, with the arguments the tool ignored (its schema does not declare them). */
function nameCell(e: CallEntry): string {
  const ignored = e.unknownArguments?.length
    ? `<br><small class="muted" data-testid="call-unknown-arguments">ignored: ${escapeHtml(e.unknownArguments.join(', '))}</small>`
    : '';
  return `<td data-testid="call-name">${escapeHtml(e.name)}${ignored}</td>`;
}

function callRow(e: CallEntry): string {
  const account =
    e.connector !== undefined && e.identifier !== undefined
      ? `<a href="${escapeHtml(sandboxHref(e.connector, e.identifier))}">${escapeHtml(e.identifier)}</a>`
      : escapeHtml(e.identifier ?? '');
  return `<tr data-testid="call-row" data-seq="${escapeHtml(e.seq)}" data-kind="${escapeHtml(e.kind)}">
${cell(e.seq)}<td><time datetime="${escapeHtml(e.at)}">${escapeHtml(e.at.slice(11, 23))}</time></td>
${cell(e.kind, 'call-kind')}${nameCell(e)}${cell(e.connector, 'call-connector')}
<td data-testid="call-identifier">${account}</td><td>${callStatusBadge(e.status)}</td>${cell(`${e.durationMs} ms`, 'call-duration')}</tr>`;
}

export function callsPage(env: Environment, filter: CallsFilter): string {
  const matching = env.calls
    .entries({
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.identifier ? { identifier: filter.identifier } : {}),
    })
    .filter((e) => filter.connector === undefined || e.connector === filter.connector);
  // Newest first: the log is in arrival order.
  const shown = matching.slice(-filter.limit).reverse();
  const headings = ['#', 'Time (UTC)', 'Kind', 'Name', 'Connector', 'Identifier', 'Status', 'Duration'];
  const summary = `<p class="muted" data-testid="calls-summary">Showing ${escapeHtml(shown.length)} of ${escapeHtml(matching.length)} matching calls, newest first.</p>`;
  const body =
    `<section>${filterForm(filter)}</section>` +
    `<section><h2>Recent calls</h2>${summary}${table('calls-table', headings, shown.map(callRow), 'No calls match.')}</section>` +
    countersSection(env.calls.counters());
  return uiPage('Calls', body, { autoRefresh: true });
}
