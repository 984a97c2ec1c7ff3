/** The person at the browser: presses the connector button, approves, comes back through verify. */
export async function approveOnLiveView(pageUrl: string, key: string): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    const state = (await (await fetch(`${pageUrl}/state`)).json()) as { phase: string };
    if (state.phase === 'authorize') break;
    if (Date.now() > until) throw new Error('the run page never asked for authorization');
    await new Promise((r) => setTimeout(r, 5));
  }
  const link = (await fetch(`${pageUrl}/connect/${key}`, { redirect: 'manual' })).headers.get('location');
  if (!link) throw new Error('no magic link');
  const approved = await fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' });
  const verify = approved.headers.get('location');
  if (!verify) throw new Error('approval did not redirect to the verify route');
  await fetch(verify);
}
