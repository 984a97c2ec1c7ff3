const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML content and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** A complete, self-contained HTML page; `body` must already be escaped markup. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
main{max-width:640px;margin:48px auto;background:#fff;border-radius:12px;padding:32px;box-shadow:0 2px 10px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin-top:0}code{background:#eef0f3;padding:2px 6px;border-radius:4px}
.actions{display:flex;gap:12px;margin-top:24px}
button{font-size:1rem;padding:10px 18px;border-radius:8px;border:1px solid #c5cad3;background:#fff;cursor:pointer}
button.primary{background:#2f5bea;color:#fff;border-color:#2f5bea}
.muted{color:#5b6474;font-size:.9rem}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 8px;border-bottom:1px solid #eee;font-size:.9rem}
label{display:block;margin-top:12px}input{width:100%;padding:8px;font-size:1rem;box-sizing:border-box}
</style></head><body><main>${body}</main></body></html>`;
}
