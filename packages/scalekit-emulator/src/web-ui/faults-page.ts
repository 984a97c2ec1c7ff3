import type { Environment } from '../environment.js';
import { escapeHtml } from '../html/escape.js';
import type { ActiveFault, FaultEffect } from '../faults/fault-injector.js';
import { cell, table, uiPage } from './layout.js';

function describeEffect(effect: FaultEffect): string {
  switch (effect.type) {
    case 'latency':
      return `latency ${effect.ms} ms`;
    case 'error':
      return `error ${effect.code}${effect.message ? `: ${effect.message}` : ''}`;
    case 'rate_limit':
      return `rate limit, Retry-After ${effect.retryAfterSeconds} s`;
  }
}

function describeMatch(match: ActiveFault['match']): string {
  const parts = Object.entries(match)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  return parts.length === 0 ? 'every call' : parts.join(', ');
}

function faultRow(f: ActiveFault): string {
  return `<tr data-testid="fault-row" data-fault-id="${escapeHtml(f.id)}"><td><code>${escapeHtml(f.id)}</code></td>
${cell(describeMatch(f.match), 'fault-match')}${cell(describeEffect(f.effect), 'fault-effect')}
${cell(f.rate ?? 1)}${cell(f.times ?? 'unlimited')}${cell(f.hits, 'fault-hits')}</tr>`;
}

export function faultsPage(env: Environment): string {
  const rows = env.faults.list().map(faultRow);
  const help =
    '<p class="muted">Add and remove faults with the admin API: <code>POST /admin/faults</code>, <code>DELETE /admin/faults/&lt;id&gt;</code>.</p>';
  const headings = ['Id', 'Matches', 'Effect', 'Rate', 'Times', 'Hits'];
  return uiPage('Faults', `<section>${help}${table('faults-table', headings, rows, 'No active faults.')}</section>`, {
    autoRefresh: true,
  });
}
