import { describe, expect, it } from 'vitest';
import {
  AuthorizationTimeoutError,
  perUser,
  shared,
  SharedConnectorNotConnectedError,
  type ConnectorSpec,
} from '../src/index.js';
import { authorizeAsPerson, OneBrowser, pressConnect, waitForConsentPhase } from './support/consenting-person.js';
import { ACME_CONNECTION, gateFixture } from './support/gate-fixture.js';
import { testRuntime, type RecordingRuntime } from './support/test-runtime.js';

const fx = gateFixture({
  connections: [ACME_CONNECTION],
  sandboxes: { notion: { rateLimitPerSecond: 0 } },
});

async function gateFor(runtime: RecordingRuntime, extra: { consentTimeoutSecs?: number; withShared?: boolean } = {}) {
  const gate = await fx.gate({
    connectors: (extra.withShared
      ? { acme: perUser(), feed: shared('shared-feed', { connection: 'acme', label: 'Feed' }) }
      : { acme: perUser() }) as Record<'acme' | 'feed', ConnectorSpec>,
    page: { title: 'Test run', port: 0 },
    runtime,
    ...(extra.consentTimeoutSecs === undefined ? {} : { consentTimeoutSecs: extra.consentTimeoutSecs }),
  });
  return gate;
}

describe('first and second run', () => {
  it("waits 240 s for consent by default (inside the 5 minutes of Apify's daily test); the env variable overrides it", async () => {
    const deadlineSecs = async (runtime: RecordingRuntime): Promise<number> => {
      const gate = await gateFor(runtime);
      const before = Date.now();
      void gate.connect(['acme']).catch(() => undefined);
      await waitForConsentPhase(gate.pageUrl);
      const state = (await (await fetch(`${gate.pageUrl}/state`)).json()) as { snapshot: { deadline: string } };
      await gate.close();
      return (Date.parse(state.snapshot.deadline) - before) / 1000;
    };
    const byDefault = await deadlineSecs(testRuntime({ atHome: true, userId: 'user-default' }));
    const fromEnv = await deadlineSecs(
      testRuntime({ atHome: true, userId: 'user-env', env: { AUTH_GATE_CONSENT_TIMEOUT_SECS: '30' } }),
    );
    // Bounds wide enough for a slow machine between the two clock readings.
    expect(byDefault).toBeGreaterThan(200);
    expect(byDefault).toBeLessThanOrEqual(241);
    expect(fromEnv).toBeGreaterThan(0);
    expect(fromEnv).toBeLessThanOrEqual(31);
  });

  it('asks for consent once, then runs with one lookup and no UI', async () => {
    const runtime = testRuntime({ atHome: true, userId: 'user-a' });
    const gate = await gateFor(runtime);
    const connecting = gate.connect(['acme']);
    await waitForConsentPhase(gate.pageUrl);
    const person = await authorizeAsPerson(gate.pageUrl, 'acme');
    expect(person.verifyUrl).toContain(`${gate.pageUrl}/verify?auth_request_id=`);
    expect(person.verifyStatus).toBe(200);
    const { acme } = await connecting;
    expect((await fx.emulator.admin.account('acme', 'user-a'))?.status).toBe('ACTIVE');
    const echo = await acme.tool<{ identifier: string }>('acme_echo', { hello: 'world' });
    expect(echo.data.identifier).toBe('user-a');
    expect(gate.metrics().consentResumeMs).toHaveLength(1);
    expect(runtime.statusMessages.some((m) => m.includes(gate.pageUrl))).toBe(true);

    // Second run: the account is ACTIVE, so exactly one lookup and no consent.
    await fx.emulator.admin.resetCalls();
    const second = await gateFor(testRuntime({ atHome: true, userId: 'user-a' }));
    const handles = await second.connect(['acme']);
    await handles.acme.tool('acme_echo', {});
    const rpcs = (await fx.emulator.admin.calls({ kind: 'rpc' })).filter((c) => c.status === 'ok');
    expect(rpcs.map((c) => c.name)).toEqual(['GetConnectedAccountAuth']);
    expect((await second.connect(['acme'])).acme.accountId).toBe(handles.acme.accountId);
  });

  it('ignores a local identifier variable on the platform: only the Apify user id counts', async () => {
    const runtime = testRuntime({ atHome: true, userId: 'real-user', env: { AUTH_GATE_USER_ID: 'someone-else' } });
    const gate = await gateFor(runtime);
    expect(gate.identity.userIdentifier).toBe('real-user');
    expect(runtime.logs.some((l) => l.includes('ignored on the Apify platform'))).toBe(true);
  });
});

describe('users in parallel', () => {
  it('never touches another user account', async () => {
    const [a, b] = await Promise.all([
      gateFor(testRuntime({ atHome: true, userId: 'alice' })),
      gateFor(testRuntime({ atHome: true, userId: 'bob' })),
    ]);
    const connectA = a.connect(['acme']);
    const connectB = b.connect(['acme']);
    await Promise.all([waitForConsentPhase(a.pageUrl), waitForConsentPhase(b.pageUrl)]);
    await Promise.all([authorizeAsPerson(a.pageUrl, 'acme'), authorizeAsPerson(b.pageUrl, 'acme')]);
    const [{ acme: handleA }, { acme: handleB }] = await Promise.all([connectA, connectB]);
    await Promise.all([
      handleA.tool('acme_resource_create', { name: 'alice-note' }),
      handleB.tool('acme_resource_create', { name: 'bob-note' }),
    ]);
    const listA = await handleA.tool<{ results: { name: string }[] }>('acme_resource_list', {});
    expect(listA.data.results.map((r) => r.name)).toEqual(['alice-note']);
    expect(handleA.accountId).not.toBe(handleB.accountId);
    const toolCalls = await fx.emulator.admin.calls({ kind: 'tool' });
    for (const call of toolCalls) expect(['alice', 'bob']).toContain(call.identifier);
    const aliceCalls = toolCalls.filter((c) => c.identifier === 'alice');
    expect(aliceCalls).toHaveLength(2);
  });
});

describe('shared connectors', () => {
  it('lets the operator authorize a shared connector beside a per-user one', async () => {
    const gate = await gateFor(testRuntime({ atHome: true, userId: 'owner', ownerId: 'owner' }), { withShared: true });
    const connecting = gate.connect(['acme', 'feed']);
    await waitForConsentPhase(gate.pageUrl);
    await authorizeAsPerson(gate.pageUrl, 'acme');
    await authorizeAsPerson(gate.pageUrl, 'feed');
    const { acme, feed } = await connecting;
    expect(acme.identifier).toBe('owner');
    expect(feed.identifier).toBe('shared-feed');
    expect((await fx.emulator.admin.account('acme', 'shared-feed'))?.status).toBe('ACTIVE');
  });

  it('refuses a non-owner with a clear message and issues no link', async () => {
    const runtime = testRuntime({ atHome: true, userId: 'store-user', ownerId: 'owner' });
    const gate = await gateFor(runtime, { withShared: true });
    const error = await gate.connect(['acme', 'feed']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SharedConnectorNotConnectedError);
    expect((error as Error).message).toContain('operator has not connected the shared "acme"');
    const rpcs = await fx.emulator.admin.calls({ kind: 'rpc' });
    expect(rpcs.some((c) => c.name === 'GetMagicLinkForConnectedAccount')).toBe(false);
    await gate.reportFailure(error);
    expect(runtime.values.get('OUTPUT')).toMatchObject({ status: 'OPERATOR_ACTION_REQUIRED', connector: 'acme' });
  });

  it('uses the operator variable set on the Actor before asking the platform', async () => {
    const runtime = testRuntime({
      atHome: true,
      userId: 'store-user',
      ownerId: 'store-user',
      env: { AUTH_GATE_OPERATOR_USER_ID: 'the-operator' },
    });
    const gate = await gateFor(runtime, { withShared: true });
    expect(await gate.identity.isOperator()).toBe(false);
  });
});

describe('consent edge cases', () => {
  it('times out cleanly with an AWAITING_AUTH output', async () => {
    const runtime = testRuntime({ atHome: true, userId: 'slow-user' });
    const gate = await gateFor(runtime, { consentTimeoutSecs: 0.3 });
    const error = await gate.connect(['acme']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthorizationTimeoutError);
    const message = await gate.reportFailure(error);
    // One message an automated caller (a schedule, Apify's daily Store test) can act on: a person
    // must connect the account once, from a run started in the Console.
    expect(message).toMatch(
      /^Authorization needed: nobody connected acme within 0s, so the run stopped\. A person must approve access once/,
    );
    expect(message).toContain("open the run's Live View tab and click Connect");
    expect(message).toContain(gate.pageUrl);
    expect(runtime.values.get('OUTPUT')).toEqual({
      status: 'AWAITING_AUTH',
      code: 'AUTHORIZATION_TIMEOUT',
      message,
      connectors: ['acme'],
      waitedSeconds: 0,
      needsPerson: true,
      nextStep:
        "Start the Actor from Apify Console, open the run's Live View tab and click Connect; later runs need no consent.",
      liveViewUrl: gate.pageUrl,
    });
    expect(runtime.statusMessages.at(-1)).toBe(message);
    const state = (await (await fetch(`${gate.pageUrl}/state`)).json()) as { phase: string };
    expect(state.phase).toBe('failed');
  });

  it('refuses forged and replayed verifications and keeps waiting', async () => {
    const gate = await gateFor(testRuntime({ atHome: true, userId: 'carol' }));
    const connecting = gate.connect(['acme']);
    await waitForConsentPhase(gate.pageUrl);

    const forgedState = await fetch(`${gate.pageUrl}/verify?auth_request_id=abc&state=not-ours`);
    expect(forgedState.status).toBe(400);

    // A real approval in the browser that pressed Connect, but the callback replays a made-up request id with the right state.
    const browser = new OneBrowser();
    const link = await pressConnect(browser, gate.pageUrl, 'acme');
    const approved = await browser.fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }) });
    const verifyUrl = new URL(approved.headers.get('location')!);
    const state = verifyUrl.searchParams.get('state')!;
    const forgedId = await browser.fetch(
      `${gate.pageUrl}/verify?auth_request_id=forged&state=${encodeURIComponent(state)}`,
    );
    expect(forgedId.status).toBe(400);
    expect((await fx.emulator.admin.account('acme', 'carol'))?.status).toBe('PENDING_VERIFICATION');

    const real = await browser.fetch(verifyUrl.toString());
    expect(real.status).toBe(200);
    await connecting;
    const replay = await browser.fetch(verifyUrl.toString());
    expect(replay.status).toBe(400);
  });

  it('lets the person try again after denying', async () => {
    const gate = await gateFor(testRuntime({ atHome: true, userId: 'dave' }));
    const connecting = gate.connect(['acme']);
    await waitForConsentPhase(gate.pageUrl);
    const denied = await authorizeAsPerson(gate.pageUrl, 'acme', 'deny');
    expect(denied.verifyUrl).toBeUndefined();
    await authorizeAsPerson(gate.pageUrl, 'acme');
    await expect(connecting).resolves.toHaveProperty('acme');
  });
});
