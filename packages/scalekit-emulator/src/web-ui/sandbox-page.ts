import type { Environment } from '../environment.js';
import { escapeHtml } from '../html/escape.js';
import type { Sandbox } from '../sandboxes/sandbox.js';
import { statusBadge, uiPage } from './layout.js';
import { callsHref } from './links.js';

function header(env: Environment, connector: string, identifier: string): string {
  const account = env.accounts.find({ connector, identifier });
  const status = account
    ? statusBadge(account.status, 'sandbox-account-status')
    : '<span class="muted">no connected account</span>';
  const adminJson = `/admin/sandboxes/${encodeURIComponent(connector)}/${encodeURIComponent(identifier)}`;
  return `<section data-testid="sandbox-header"><dl>
<dt>Connector</dt><dd data-testid="sandbox-connector">${escapeHtml(connector)}</dd>
<dt>Identifier</dt><dd data-testid="sandbox-identifier">${escapeHtml(identifier)}</dd>
<dt>Account</dt><dd>${status}${account ? ` <code>${escapeHtml(account.id)}</code>` : ''}</dd>
<dt>Links</dt><dd><a href="${escapeHtml(callsHref({ identifier, connector }))}">calls of this account</a> · <a href="${escapeHtml(adminJson)}">raw JSON</a></dd>
</dl></section>`;
}

function json(sandbox: Sandbox): string {
  return escapeHtml(JSON.stringify(sandbox.snapshot(), null, 2));
}

/** The sandbox's own view when it renders one (with the JSON folded below), else its JSON snapshot. */
function content(sandbox: Sandbox): string {
  if (!sandbox.renderHtml)
    return `<section><h2>Contents</h2><pre data-testid="sandbox-json">${json(sandbox)}</pre></section>`;
  let rendered: string;
  try {
    rendered = sandbox.renderHtml();
  } catch (error) {
    // A rendering bug should not hide the data: say so and show the JSON.
    rendered = `<p class="badge badge-bad" data-testid="sandbox-render-error">could not render: ${escapeHtml((error as Error).message)}</p>`;
  }
  return `<section data-testid="sandbox-content"><h2>Contents</h2>${rendered}</section>
<section><details><summary>Snapshot (JSON)</summary><pre data-testid="sandbox-json">${json(sandbox)}</pre></details></section>`;
}

/** 200 with the sandbox, 200 with a "not yet" note when its connection exists, else 404. */
export function sandboxPage(env: Environment, connector: string, identifier: string): { status: number; html: string } {
  const title = `${connector} · ${identifier}`;
  const sandbox = env.sandboxes.find(connector, identifier);
  if (sandbox)
    return {
      status: 200,
      html: uiPage(title, header(env, connector, identifier) + content(sandbox), { autoRefresh: true }),
    };
  // Viewing must not seed a sandbox: the page only shows what calls created.
  const known = env.connections.get(connector) !== undefined;
  const note = known
    ? 'No data yet: this sandbox is created on the first tool call or proxied request of this account.'
    : `There is no connection named "${connector}".`;
  const body = `${header(env, connector, identifier)}<section><p class="muted" data-testid="sandbox-missing">${escapeHtml(note)}</p></section>`;
  return { status: known ? 200 : 404, html: uiPage(title, body) };
}
