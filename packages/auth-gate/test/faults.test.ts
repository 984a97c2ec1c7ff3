// Faults through the real SDK against the emulator: a Scalekit outage (the port refuses
// connections), a connector that keeps failing (circuit breaker), 429s with Retry-After, and a
// re-authorization that several calls need at once. Waits are injected where the code under test
// sleeps, so nothing here races the wall clock.

import { describe, expect, it } from 'vitest';
import { ScalekitException, ScalekitServiceUnavailableException } from '@scalekit-sdk/node';
import { ConnectorHandle } from '../src/core/connector-handle.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../src/core/retry-policy.js';
import { emptyMetrics, type GateMetrics } from '../src/core/metrics.js';
import { classifyFailure } from '../src/scalekit/error-classification.js';
import { ScalekitGateway, type AccountInfo } from '../src/scalekit/scalekit-gateway.js';
import { ConnectorOutageError, isRunFatal, perUser, ScalekitUnreachableError } from '../src/index.js';
import { authorizeAsPerson, waitForConsentPhase } from './support/consenting-person.js';
import { gateFixture } from './support/gate-fixture.js';
import { testRuntime, type RecordingRuntime } from './support/test-runtime.js';

const fx = gateFixture();
const credentials = () => fx.credentials();

function connectedGate(runtime: RecordingRuntime, retry: Partial<RetryPolicy> = {}) {
  return fx.connectedAcme(runtime, { title: 'Faults', retry: { baseDelayMs: 20, maxDelayMs: 200, ...retry } });
}

/** An ACTIVE account of `user`, connected through consent once. */
async function activeAccount(user: string): Promise<AccountInfo> {
  await connectedGate(testRuntime({ atHome: true, userId: user }));
  const view = await fx.emulator.admin.account('acme', user);
  return { id: view!.id, connection: 'acme', identifier: user, status: 'ACTIVE' };
}

/** A handle over a fresh SDK client whose waits are recorded and can act (e.g. end the outage). */
async function handleWith(
  account: AccountInfo,
  options: { policy?: Partial<RetryPolicy>; onSleep?: (ms: number, n: number) => Promise<void> } = {},
) {
  const metrics: GateMetrics = emptyMetrics();
  const gateway = new ScalekitGateway(credentials(), metrics);
  // One control-plane call first, as the gate's connect does: it gets the SDK its bearer token.
  await gateway.status('acme', account.identifier);
  const sleeps: number[] = [];
  let clock = 0;
  const handle = new ConnectorHandle({
    key: 'acme',
    connection: 'acme',
    identifier: account.identifier,
    account,
    gateway,
    metrics,
    policy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 20, maxDelayMs: 200, ...options.policy },
    limiter: undefined,
    reconnect: () => Promise.reject(new Error('no consent in this test')),
    onToolCall: undefined,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
      await options.onSleep?.(ms, sleeps.length);
    },
  });
  return { handle, metrics, sleeps };
}

describe('what never reached Scalekit', () => {
  it('is told apart from what may have: refused connections (proxy and gRPC) vs a dropped answer', async () => {
    const account = await activeAccount('c1');
    const gateway = new ScalekitGateway(credentials(), emptyMetrics());
    await gateway.status('acme', 'c1');
    await fx.emulator.suspend();
    const proxyError = await gateway
      .request('acme', 'c1', { method: 'POST', path: '/resources', body: { name: 'x' } })
      .catch((e: unknown) => e);
    // As the SDK surfaces them: a bare ScalekitException for the proxy, Unavailable for gRPC.
    expect(proxyError).toBeInstanceOf(ScalekitException);
    expect(classifyFailure(proxyError)).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
    const grpcError = await gateway.executeTool(account.id, 'acme_echo', {}).catch((e: unknown) => e);
    expect(grpcError).toBeInstanceOf(ScalekitServiceUnavailableException);
    expect(classifyFailure(grpcError)).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
    // A connection that broke after the request was written may have been served: not "unreachable".
    expect(classifyFailure(new ScalekitException(new Error('socket hang up'))).kind).toBe('transient');
    expect(classifyFailure(new ScalekitException(new Error('read ECONNRESET'))).kind).toBe('transient');
  }, 60_000);
});

describe('a Scalekit outage', () => {
  it('retries a POST whose connection was refused, and it lands exactly once when Scalekit is back', async () => {
    const account = await activeAccount('o1');
    const { handle, metrics } = await handleWith(account, {
      // The outage ends during the third wait.
      onSleep: async (_ms, n) => {
        if (n === 3) await fx.emulator.resume();
      },
    });
    await fx.emulator.suspend();
    const created = await handle.request<{ name: string }>({
      method: 'POST',
      path: '/resources',
      body: { name: 'during-outage' },
    });
    expect(created.status).toBe(201);
    expect(metrics.unreachableRetries).toBe(3);
    const list = await handle.request<{ results: { name: string }[] }>({ path: '/resources' });
    expect(list.data.results.map((r) => r.name)).toEqual(['during-outage']);
    const posts = (await fx.emulator.admin.calls({ kind: 'proxy' })).filter((c) => c.name === '/resources');
    expect(posts.map((c) => c.status)).toEqual(['201', '200']);
  }, 60_000);

  it('longer than the budget fails with ScalekitUnreachableError, which ends the run', async () => {
    const account = await activeAccount('o2');
    const { handle, sleeps } = await handleWith(account, { policy: { unreachableBudgetMs: 5_000 } });
    await fx.emulator.suspend();
    const error = await handle
      .request({ method: 'POST', path: '/resources', body: { name: 'never' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScalekitUnreachableError);
    expect((error as Error).message).toContain(
      `Scalekit at ${fx.emulator.envUrl} is unreachable (network error ECONNREFUSED for 5s)`,
    );
    expect(isRunFatal(error)).toBe(true);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5_000);
    await fx.emulator.resume();
    expect((await fx.emulator.admin.calls({ kind: 'proxy' })).filter((c) => c.name === '/resources')).toEqual([]);
  }, 60_000);

  it('at start is reported as ScalekitUnreachableError, not as a generic call error', async () => {
    await fx.emulator.suspend();
    const gate = await fx.gate({
      connectors: { acme: perUser() },
      page: { port: 0 },
      runtime: testRuntime({ atHome: true, userId: 's1' }),
      retry: { unreachableBudgetMs: 1 },
    });
    const error = await gate.connect(['acme']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScalekitUnreachableError);
    expect((error as Error).message).toContain('check SCALEKIT_ENV_URL and the network');
  }, 60_000);
});

describe('a connector that keeps failing', () => {
  it('opens the breaker after N failures of the same kind: in-flight calls stop, later calls are not sent', async () => {
    const account = await activeAccount('b1');
    const { handle, metrics } = await handleWith(account, { policy: { breakerThreshold: 10 } });
    await fx.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/resources' },
      effect: { type: 'error', code: '503' },
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => handle.request({ path: '/resources' }).catch((e: unknown) => e)),
    );
    for (const result of results) {
      expect(result).toBeInstanceOf(ConnectorOutageError);
      expect((result as Error).message).toContain('Stopped calling acme: its last 10 calls in a row failed with 503');
      expect(isRunFatal(result)).toBe(true);
    }
    const sent = (await fx.emulator.admin.calls({ kind: 'proxy' })).filter((c) => c.name === '/resources').length;
    // The tenth failure opens it; calls already on the wire (at most one per concurrent caller) finish.
    expect(sent).toBeGreaterThanOrEqual(10);
    expect(sent).toBeLessThanOrEqual(10 + 5);
    expect(metrics.breakerTrips).toBe(1);
    await expect(handle.request({ method: 'POST', path: '/resources', body: { name: 'x' } })).rejects.toBeInstanceOf(
      ConnectorOutageError,
    );
    expect((await fx.emulator.admin.calls({ kind: 'proxy' })).filter((c) => c.name === '/resources').length).toBe(sent);
  }, 60_000);

  it('a provider answering 4xx in between is up: the streak starts again', async () => {
    const account = await activeAccount('b2');
    const { handle } = await handleWith(account, { policy: { breakerThreshold: 3 } });
    await fx.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/resources' },
      effect: { type: 'error', code: '503' },
      times: 2,
    });
    // 503, 503, then the provider answers 404 for this one resource.
    const missing = await handle.request({ path: '/resources/res_404' }).catch((e: unknown) => e);
    expect((missing as { status?: number }).status).toBe(404);
    await fx.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/resources' },
      effect: { type: 'error', code: '503' },
      times: 2,
    });
    // Two more 503s: a third in a row only if the 404 had not counted as an answer.
    await expect(handle.request({ path: '/resources' })).resolves.toMatchObject({ status: 200 });
  }, 60_000);
});

describe('429s', () => {
  it('waits what the proxy answer asks in Retry-After (the SDK drops that header)', async () => {
    const account = await activeAccount('r1');
    const { handle, sleeps } = await handleWith(account);
    await fx.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/resources' },
      effect: { type: 'rate_limit', retryAfterSeconds: 7 },
      times: 1,
    });
    await handle.request({ method: 'POST', path: '/resources', body: { name: 'after-429' } });
    expect(sleeps).toEqual([7_000]);
  }, 60_000);

  it('retries a POST through more 429s than maxAttempts, within the rate-limit budget, losing nothing', async () => {
    const account = await activeAccount('r2');
    const { handle, metrics } = await handleWith(account, { policy: { maxAttempts: 3 } });
    await fx.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/resources' },
      effect: { type: 'rate_limit', retryAfterSeconds: 1 },
      times: 8,
    });
    const created = await handle.request({ method: 'POST', path: '/resources', body: { name: 'patient' } });
    expect(created.status).toBe(201);
    expect(metrics.rateLimited).toBe(8);
    const list = await handle.request<{ results: { name: string }[] }>({ path: '/resources' });
    expect(list.data.results.map((r) => r.name)).toEqual(['patient']);
  }, 60_000);
});

describe('a mid-run re-authorization', () => {
  it('is one flight: concurrent calls wait for the same consent, and the page stays on "connect" until it is done', async () => {
    const runtime = testRuntime({ atHome: true, userId: 'm1' });
    const { gate, acme } = await connectedGate(runtime);
    const account = await fx.emulator.admin.account('acme', 'm1');
    await fx.emulator.admin.setAccountStatus(account!.id, 'EXPIRED');
    const calls = Array.from({ length: 8 }, (_, i) =>
      acme.tool<{ echo: { n: number } }>('acme_echo', { n: i }).catch((e: unknown) => e),
    );
    await waitForConsentPhase(gate.pageUrl);
    // The work goes on reporting progress meanwhile: the page must keep showing the Connect button.
    await gate.progress({ done: 3, total: 10, label: 'pages written' });
    const state = (await (await fetch(`${gate.pageUrl}/state`)).json()) as { phase: string };
    expect(state.phase).toBe('authorize');
    expect(runtime.statusMessages.at(-1)).toContain('Waiting for authorization');
    await authorizeAsPerson(gate.pageUrl, 'acme');
    const results = await Promise.all(calls);
    expect(results.map((r) => (r as { data: { echo: { n: number } } }).data?.echo.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(gate.metrics().reconnects).toBe(1);
  }, 60_000);
});
