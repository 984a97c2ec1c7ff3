import type { AccountRecord } from '../accounts/account-store.js';
import type { Connection } from '../accounts/connections.js';
import type { Environment } from '../environment.js';
import { escapeHtml } from '../html/escape.js';
import { cell, statusBadge, table, timeCell, uiPage } from './layout.js';
import { callsHref, sandboxHref } from './links.js';

/** The environment as the SDK sees it. The client secret is never shown. */
function environmentSection(env: Environment): string {
  const counters = env.calls.counters();
  return `<section data-testid="environment"><h2>Environment</h2><dl>
<dt>SCALEKIT_ENV_URL</dt><dd><code data-testid="env-url">${escapeHtml(env.baseUrl)}</code></dd>
<dt>SCALEKIT_CLIENT_ID</dt><dd><code data-testid="client-id">${escapeHtml(env.config.credentials.clientId)}</code></dd>
<dt>SCALEKIT_CLIENT_SECRET</dt><dd class="muted">not shown (printed by the CLI at start)</dd>
<dt>Calls served</dt><dd><a href="/ui/calls" data-testid="home-calls-total">${escapeHtml(counters.total)}</a> (${escapeHtml(counters.errors)} errors)</dd>
<dt>Active faults</dt><dd><a href="/ui/faults" data-testid="home-faults-total">${escapeHtml(env.faults.list().length)}</a></dd>
</dl></section>`;
}

function connectionRow(c: Connection, accounts: number): string {
  return `<tr data-testid="connection-row" data-connection="${escapeHtml(c.name)}">${cell(c.name, 'connection-name')}${cell(c.provider)}${cell(c.auth)}<td><code>${escapeHtml(c.id)}</code></td>${cell(accounts, 'connection-accounts')}</tr>`;
}

function connectionsSection(env: Environment): string {
  const accounts = env.accounts.list();
  const rows = env.connections
    .list()
    .map((c) => connectionRow(c, accounts.filter((a) => a.connector === c.name).length));
  return `<section><h2>Connections</h2>${table('connections-table', ['Name', 'Provider', 'Auth', 'Id', 'Accounts'], rows, 'No connections.')}</section>`;
}

function accountRow(a: AccountRecord, now: number): string {
  return `<tr data-testid="account-row" data-account-id="${escapeHtml(a.id)}">
<td>${statusBadge(a.status, 'account-status')}</td>
${cell(a.identifier, 'account-identifier')}${cell(a.connector, 'account-connector')}
${timeCell(a.lastUsedAt?.toISOString(), now, 'account-last-used')}
<td><code>${escapeHtml(a.id)}</code></td>
<td><a href="${escapeHtml(sandboxHref(a.connector, a.identifier))}" data-testid="account-sandbox-link">sandbox</a>
· <a href="${escapeHtml(callsHref({ identifier: a.identifier }))}" data-testid="account-calls-link">calls</a></td></tr>`;
}

function accountsSection(env: Environment, now: number): string {
  // Most recently touched first: after a demo, that is the account a person looks for.
  const accounts = env.accounts.list().sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  const rows = accounts.map((a) => accountRow(a, now));
  const headings = ['Status', 'Identifier', 'Connector', 'Last used', 'Id', ''];
  return `<section><h2>Connected accounts</h2>${table('accounts-table', headings, rows, 'No connected accounts yet.')}</section>`;
}

/** Every sandbox, including those of deleted accounts (a workspace outlives a revoked token). */
function sandboxesSection(env: Environment): string {
  const rows = env.sandboxes
    .entries()
    .map(
      ({ connector, identifier, sandbox }) =>
        `<tr data-testid="sandbox-row">${cell(connector)}${cell(identifier)}${cell(sandbox.renderHtml ? 'rendered' : 'JSON')}` +
        `<td><a href="${escapeHtml(sandboxHref(connector, identifier))}" data-testid="sandbox-link">open</a></td></tr>`,
    );
  const empty = 'No sandboxes yet: one is created on the first tool call or proxied request of an account.';
  return `<section><h2>Sandboxes</h2>${table('sandboxes-table', ['Connector', 'Identifier', 'View', ''], rows, empty)}</section>`;
}

export function homePage(env: Environment, now: number): string {
  return uiPage(
    'Overview',
    environmentSection(env) + accountsSection(env, now) + connectionsSection(env) + sandboxesSection(env),
    { autoRefresh: true },
  );
}
