/**
 * Does what a person does on the live-view page: press the connector's button (a new tab), approve
 * on the provider's consent page, and come back through the verify route. Returns the verify page.
 */
export async function authorizeAsPerson(
  pageUrl: string,
  key: string,
  decision: 'approve' | 'deny' = 'approve',
): Promise<{ verifyUrl: string | undefined; verifyStatus: number | undefined; verifyHtml: string | undefined }> {
  const connect = await fetch(`${pageUrl}/connect/${encodeURIComponent(key)}`, { redirect: 'manual' });
  const link = connect.headers.get('location');
  if (connect.status !== 302 || !link || link.startsWith('.')) throw new Error(`no magic link for ${key} (status ${connect.status})`);
  const consentPage = await fetch(link);
  if (!consentPage.ok) throw new Error(`consent page answered ${consentPage.status}`);
  const answer = await fetch(link, { method: 'POST', body: new URLSearchParams({ decision }), redirect: 'manual' });
  const verifyUrl = answer.headers.get('location') ?? undefined;
  if (!verifyUrl) return { verifyUrl, verifyStatus: undefined, verifyHtml: undefined };
  const verify = await fetch(verifyUrl);
  return { verifyUrl, verifyStatus: verify.status, verifyHtml: await verify.text() };
}

/** Waits until the page shows the connector's button (the gate is in its consent phase). */
export async function waitForConsentPhase(pageUrl: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const state = (await (await fetch(`${pageUrl}/state`)).json()) as { phase: string };
    if (state.phase === 'authorize') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the run page never asked for authorization');
}
