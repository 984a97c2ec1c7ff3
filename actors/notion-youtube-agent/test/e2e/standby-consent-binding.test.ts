// The Standby API's consent links are bound to the browser that opens them: GET /connect/notion
// answers a start link on this server (not the magic link); the first browser to open it gets the
// binding cookie; a magic link forwarded from there to another browser connects nothing.

import { BrowserSession } from '@repo/actor-runner';
import { callerIdentifier } from '@repo/auth-gate/standby';
import type { RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveInBrowser, callApi, createApiKey, ORG, startStandbyRun, type StandbyRun } from '../support/standby.js';
import { connectSharedYoutube, startStack } from '../support/stack.js';

let emulator: RunningEmulator;
let standby: StandbyRun;
let base: string;

beforeAll(async () => {
  emulator = await startStack();
  await connectSharedYoutube(emulator);
  standby = await startStandbyRun(emulator);
  base = standby.url;
}, 120_000);

afterAll(async () => {
  if (standby?.run.process.exitCode === null) standby.run.kill('SIGKILL');
  await emulator?.close();
});

/** Approves a magic link in `browser` and follows the redirect to the verify route. */
async function approveThere(browser: BrowserSession, magicLink: string): Promise<Response> {
  const approved = await browser.fetch(magicLink, {
    method: 'POST',
    body: new URLSearchParams({ decision: 'approve' }),
    redirect: 'manual',
  });
  return browser.fetch(approved.headers.get('location')!, { redirect: 'manual' });
}

describe('Standby consent links are bound to the browser that opens them', () => {
  it('a forwarded magic link connects nothing; the start link is the opener’s; the caller finishes in their own browser', async () => {
    const { key } = await createApiKey(emulator, { user: 'usr_fwd' });
    const link = await callApi(base, 'GET', '/connect/notion', { key });
    const startLink = link.body['url'] as string;
    expect(startLink.startsWith(`${base}/consent/`)).toBe(true);

    const owner = new BrowserSession();
    const opened = await owner.fetch(startLink, { redirect: 'manual' });
    const magicLink = opened.headers.get('location')!;
    expect(opened.status).toBe(302);
    expect(magicLink).toContain('/magicLink/');
    expect(opened.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Lax$/);

    // Someone else opens the start link after the owner: refused, never redirected to the magic link.
    const late = await fetch(startLink, { redirect: 'manual' });
    expect(late.status).toBe(403);
    expect(late.headers.get('location')).toBeNull();
    expect(await late.text()).toContain('already opened in another browser');

    // The magic link itself is forwarded and approved elsewhere: the verify page refuses.
    const forwarded = await approveThere(new BrowserSession(), magicLink);
    expect(forwarded.status).toBe(403);
    expect(forwarded.headers.get('x-frame-options')).toBe('DENY');
    expect(forwarded.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await forwarded.text()).toContain('data-reason="other_browser"');
    expect((await emulator.admin.account('notion', callerIdentifier('', ORG, 'usr_fwd')))?.status).toBe(
      'PENDING_VERIFICATION',
    );
    // The same, as the caller sees it through the API (auth-gate's lookup over the real SDK).
    const still = await callApi(base, 'GET', '/connect/notion', { key });
    expect(still.body['status']).toBe('PENDING_VERIFICATION');

    // The caller asks again and finishes in their own browser.
    await approveInBrowser(still.body['url'] as string, owner);
    expect((await callApi(base, 'GET', '/connect/notion', { key })).body).toEqual({
      connector: 'notion',
      status: 'ACTIVE',
    });
  }, 120_000);
});
