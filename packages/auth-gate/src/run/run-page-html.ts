import { escapeHtml } from '../core/html-escape.js';
import type { RunPageSnapshot } from './run-page-state.js';

function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

const PHASE_TEXT: Record<RunPageSnapshot['phase'], string> = {
  starting: 'Starting…',
  authorize: 'Connect your accounts to continue',
  verified: 'Connected. Resuming the run…',
  running: 'Running',
  done: 'Finished',
  failed: 'Failed',
};

function connectorsHtml(s: RunPageSnapshot): string {
  if (s.connectors.length === 0) return '';
  const items = s.connectors
    .map((c) => {
      const action =
        c.state === 'connected'
          ? '<span class="ok">Connected ✓</span>'
          : c.state === 'failed'
            ? `<span class="bad">Failed</span>`
            : `<a class="button" data-testid="connect-${escapeHtml(c.key)}" href="connect/${encodeURIComponent(c.key)}" target="_blank" rel="noopener">${c.state === 'opened' ? 'Open again' : `Connect ${escapeHtml(c.label)}`}</a>`;
      const note = c.note ? `<div class="muted">${escapeHtml(c.note)}</div>` : '';
      return `<li data-testid="connector-${escapeHtml(c.key)}" data-state="${escapeHtml(c.state)}"><div><strong>${escapeHtml(c.label)}</strong>${note}</div>${action}</li>`;
    })
    .join('');
  return `<ul class="connectors">${items}</ul>`;
}

function progressHtml(s: RunPageSnapshot): string {
  const p = s.progress;
  if (!p) return '';
  const pct = p.total && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : undefined;
  const bar = pct === undefined ? '' : `<div class="bar"><div style="width:${pct}%"></div></div>`;
  const figures = p.total === undefined ? `${p.done}` : `${p.done} / ${p.total}`;
  return `<section data-testid="progress">${bar}<p>${escapeHtml(figures)} ${escapeHtml(p.label)}</p></section>`;
}

/** The changing part of the page; the SSE stream sends exactly this markup on every change. */
export function renderRunBody(s: RunPageSnapshot): string {
  const steps = s.steps.length
    ? `<details${s.phase === 'running' ? ' open' : ''}><summary>Steps (${s.steps.length})</summary><ol class="steps">${s.steps
        .slice(-30)
        .map((t) => `<li>${escapeHtml(t)}</li>`)
        .join('')}</ol></details>`
    : '';
  const summary = s.summary ? `<p data-testid="summary">${escapeHtml(s.summary)}</p>` : '';
  const links = s.links
    .map((l) => {
      const href = safeHref(l.url);
      return href
        ? `<li><a href="${escapeHtml(href)}" target="_blank" rel="noopener">${escapeHtml(l.label)}</a></li>`
        : '';
    })
    .join('');
  const error = s.error ? `<p class="bad" role="alert" data-testid="error">${escapeHtml(s.error)}</p>` : '';
  const hint =
    s.phase === 'authorize'
      ? '<p class="muted">Each button opens the provider in a new tab. Come back here afterwards: this page updates by itself.</p>'
      : '';
  return `<h2 data-testid="phase" data-phase="${escapeHtml(s.phase)}">${escapeHtml(PHASE_TEXT[s.phase])}</h2>
${hint}${connectorsHtml(s)}${progressHtml(s)}${summary}${links ? `<ul data-testid="links">${links}</ul>` : ''}${error}${steps}`;
}

/** The whole page: works without JavaScript (reload) and updates live with it (SSE, then polling). */
export function renderRunPage(s: RunPageSnapshot): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1c2230}
main{max-width:680px;margin:32px auto;background:#fff;border-radius:12px;padding:28px;box-shadow:0 1px 8px rgba(0,0,0,.08)}
h1{font-size:1.3rem;margin:0 0 8px}h2{font-size:1.1rem}.muted{color:#5d6678;font-size:.9rem}
.connectors{list-style:none;padding:0}.connectors li{display:flex;justify-content:space-between;align-items:center;padding:12px 0;border-bottom:1px solid #eee}
.button{background:#1f5eff;color:#fff;padding:8px 14px;border-radius:8px;text-decoration:none}
.ok{color:#137a3a;font-weight:600}.bad{color:#b3261e}
.bar{height:10px;background:#e6e9ef;border-radius:5px;overflow:hidden}.bar div{height:100%;background:#1f5eff}
.steps{font-size:.9rem;color:#394052}
</style></head><body><main>
<h1>${escapeHtml(s.title)}</h1>
<div id="body" data-version="${s.version}">${renderRunBody(s)}</div>
</main>
<script>
(function(){
  var el=document.getElementById('body');
  function apply(d){ if(d && d.version>Number(el.dataset.version)){ el.innerHTML=d.html; el.dataset.version=d.version; } }
  function poll(){ fetch('state',{cache:'no-store'}).then(function(r){return r.json();}).then(apply).catch(function(){}).finally(function(){ setTimeout(poll,2000); }); }
  if(window.EventSource){ var es=new EventSource('events'); es.onmessage=function(e){ apply(JSON.parse(e.data)); }; es.onerror=function(){ es.close(); poll(); }; } else { poll(); }
})();
</script></body></html>`;
}

/** The page the verify route shows in the provider's tab. */
export function renderVerifyResult(
  ok: boolean,
  connectorLabel: string,
  message: string,
  redirectUrl: string | undefined,
  reason: string = ok ? 'connected' : 'refused',
): string {
  const href = redirectUrl ? safeHref(redirectUrl) : undefined;
  const refresh = ok && href ? `<meta http-equiv="refresh" content="3;url=${escapeHtml(href)}">` : '';
  const link = ok && href ? `<p><a href="${escapeHtml(href)}">Continue</a></p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${refresh}<title>${escapeHtml(connectorLabel)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:560px;margin:48px auto;padding:0 16px}</style></head><body>
<h1 data-testid="verify-result" data-ok="${ok ? 'true' : 'false'}" data-reason="${escapeHtml(reason)}">${escapeHtml(ok ? `${connectorLabel} connected` : `${connectorLabel} not connected`)}</h1>
<p>${escapeHtml(message)}</p>${link}</body></html>`;
}
