import type { AuthPattern } from '../accounts/connections.js';
import { escapeHtml, htmlPage } from '../html/escape.js';
import { STATIC_CREDENTIAL_FIELDS } from '../sandboxes/sandbox.js';

export interface ConsentView {
  token: string;
  connector: string;
  provider: string;
  identifier: string;
  auth: AuthPattern;
  scopes: string[];
  verifies: boolean;
  error?: string;
}

/** The page behind a magic link: who asks, for which account, Approve or Deny. */
export function consentPage(view: ConsentView): string {
  const scopes =
    view.scopes.length > 0
      ? `<p class="muted">Scopes: ${view.scopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')}</p>`
      : '';
  const fields =
    view.auth === 'OAUTH'
      ? ''
      : STATIC_CREDENTIAL_FIELDS[view.auth]
          .map(
            (f) =>
              `<label>${escapeHtml(f)}<input name="${escapeHtml(f)}" type="${f === 'username' ? 'text' : 'password'}" autocomplete="off" required></label>`,
          )
          .join('');
  const error = view.error ? `<p role="alert" style="color:#b00020">${escapeHtml(view.error)}</p>` : '';
  const next = view.verifies
    ? '<p class="muted">After you approve, the app that sent you here confirms it is really you.</p>'
    : '';
  return htmlPage(
    `Connect ${view.connector}`,
    `<h1>Connect <span data-testid="connector">${escapeHtml(view.connector)}</span></h1>
<p>An application asks to act in your <strong>${escapeHtml(view.provider)}</strong> account on behalf of
<code data-testid="identifier">${escapeHtml(view.identifier)}</code>.</p>
${scopes}${next}${error}
<form method="post" action="/magicLink/${encodeURIComponent(view.token)}">
${fields}
<div class="actions">
<button class="primary" type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</div></form>
<p class="muted">Scalekit emulator: this page stands in for the provider's OAuth consent screen.</p>`,
  );
}

export function messagePage(title: string, message: string, testId: string): string {
  return htmlPage(
    title,
    `<h1 data-testid="${escapeHtml(testId)}">${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`,
  );
}
