import { ScalekitClient } from '@scalekit-sdk/node';
import { describe, expect, it } from 'vitest';
import {
  AuthorizationLostError,
  ConnectorNotConfiguredError,
  createAuthGate,
  InvalidCredentialsError,
  MissingCredentialsError,
  perUser,
  ProviderRequestError,
  RateLimitedError,
  ToolCallError,
} from '../src/index.js';
import { classifyFailure, isUnknownConnection } from '../src/scalekit/error-classification.js';
import { authorizeAsPerson, waitForConsentPhase } from './support/consenting-person.js';
import { gateFixture } from './support/gate-fixture.js';
import { testRuntime, type RecordingRuntime } from './support/test-runtime.js';

const fx = gateFixture();

function connectedGate(
  runtime: RecordingRuntime,
  options: { requestsPerSecond?: number; retryBaseMs?: number; rateLimitBudgetMs?: number } = {},
) {
  return fx.connectedAcme(runtime, {
    title: 'Calls',
    ...(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}),
    retry: {
      baseDelayMs: options.retryBaseMs ?? 20,
      maxDelayMs: 200,
      ...(options.rateLimitBudgetMs ? { rateLimitBudgetMs: options.rateLimitBudgetMs } : {}),
    },
  });
}

describe('tool and proxy calls', () => {
  it('proxies REST requests with query and body to the user account', async () => {
    const { acme } = await connectedGate(testRuntime({ atHome: true, userId: 'u1' }));
    const created = await acme.request<{ id: string; name: string }>({
      method: 'POST',
      path: '/resources',
      body: { name: 'doc' },
    });
    expect(created.status).toBe(201);
    const echo = await acme.request<{ query: Record<string, string>; method: string }>({
      method: 'PATCH',
      path: '/echo',
      query: { page: 2, skip: undefined },
      body: { x: 1 },
    });
    expect(echo.data).toMatchObject({ method: 'PATCH', query: { page: '2' } });
    const missing = await acme.request({ path: '/resources/res_404' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ProviderRequestError);
    expect((missing as ProviderRequestError).status).toBe(404);
  });

  it('reports a provider failure of a tool as a ToolCallError with the provider code', async () => {
    const { acme } = await connectedGate(testRuntime({ atHome: true, userId: 'u2' }));
    const error = await acme.tool('acme_resource_get', { id: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolCallError);
    expect((error as ToolCallError).providerCode).toBe('not_found');
    expect((error as ToolCallError).executionId).toMatch(/^exec_/);
  });

  it('retries injected outages and 429s, losing nothing', async () => {
    const { gate, acme } = await connectedGate(testRuntime({ atHome: true, userId: 'u3' }));
    await fx.emulator.admin.addFault({
      match: { kind: 'tool', name: 'acme_resource_create' },
      effect: { type: 'error', code: '500' },
      times: 2,
    });
    await fx.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/resources' },
      effect: { type: 'rate_limit', retryAfterSeconds: 0 },
      times: 1,
    });
    await acme.tool('acme_resource_create', { name: 'first' });
    await acme.request({ method: 'POST', path: '/resources', body: { name: 'second' } });
    const list = await acme.tool<{ results: { name: string }[] }>('acme_resource_list', {});
    expect(list.data.results.map((r) => r.name)).toEqual(['first', 'second']);
    expect(gate.metrics().retries).toBe(3);
  });

  it('does not repeat a POST the provider may already have done, but retries reads and 503s', async () => {
    const { acme } = await connectedGate(testRuntime({ atHome: true, userId: 'u3b' }));
    await fx.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/resources' },
      effect: { type: 'error', code: '500' },
      times: 2,
    });
    const refused = await acme
      .request({ method: 'POST', path: '/resources', body: { name: 'once' } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderRequestError);
    expect((refused as ProviderRequestError).status).toBe(500);
    const read = await acme.request<{ results: unknown[] }>({ path: '/resources' });
    expect(read.data.results).toEqual([]);
    const posts = (await fx.emulator.admin.calls({ kind: 'proxy' })).filter((c) => c.name === '/resources');
    expect(posts.map((c) => c.status)).toEqual(['500', '500', '200']);

    await fx.emulator.admin.addFault({
      match: { kind: 'proxy', name: '/resources' },
      effect: { type: 'error', code: '503' },
      times: 1,
    });
    const created = await acme.request({ method: 'POST', path: '/resources', body: { name: 'after-503' } });
    expect(created.status).toBe(201);
  });

  it('gives up with a clear rate-limit error when 429s do not stop', async () => {
    // Tools' 429s carry no Retry-After the SDK lets through: backoff, within the rate-limit budget.
    const { gate, acme } = await connectedGate(testRuntime({ atHome: true, userId: 'u4' }), {
      rateLimitBudgetMs: 1_000,
    });
    await fx.emulator.admin.addFault({ match: { kind: 'tool' }, effect: { type: 'rate_limit', retryAfterSeconds: 1 } });
    const error = await acme.tool('acme_echo', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toContain('rate limiting');
    expect(gate.metrics().rateLimitWaitMs).toBeLessThanOrEqual(1_000);
  });

  it('keeps calls under the connector rate limit, in order', async () => {
    const { gate, acme } = await connectedGate(testRuntime({ atHome: true, userId: 'u5' }), { requestsPerSecond: 20 });
    const names = Array.from({ length: 30 }, (_, i) => `r${i}`);
    await Promise.all(names.map((name) => acme.tool('acme_resource_create', { name })));
    const list = await acme.tool<{ results: { name: string }[] }>('acme_resource_list', { page_size: 100 });
    expect(list.data.results.map((r) => r.name)).toEqual(names);
    expect(gate.metrics().rateLimitWaitMs).toBeGreaterThan(0);
  });
});

describe('account lost mid-run', () => {
  it('reconnects once through consent when the account turns EXPIRED', async () => {
    const { gate, acme } = await connectedGate(testRuntime({ atHome: true, userId: 'u6' }));
    const account = await fx.emulator.admin.account('acme', 'u6');
    await fx.emulator.admin.setAccountStatus(account!.id, 'EXPIRED');
    const polledBefore = gate.metrics().statusPolls;
    const call = acme.tool<{ identifier: string }>('acme_echo', {});
    await waitForConsentPhase(gate.pageUrl);
    // The status call that found the loss is the only one before consent (no second fetch by the gate).
    expect(gate.metrics().statusPolls - polledBefore).toBe(1);
    const page = await (await fetch(gate.pageUrl)).text();
    expect(page).toContain('The connection expired');
    await authorizeAsPerson(gate.pageUrl, 'acme');
    expect((await call).data.identifier).toBe('u6');
    expect(gate.metrics().reconnects).toBe(1);

    // A second loss in the same run does not loop: it fails clearly.
    await fx.emulator.admin.setAccountStatus(account!.id, 'DISCONNECTED');
    await expect(acme.tool('acme_echo', {})).rejects.toBeInstanceOf(AuthorizationLostError);
  });
});

describe('configuration errors', () => {
  it('names every missing variable at once', async () => {
    const saved = { ...process.env };
    delete process.env['SCALEKIT_ENV_URL'];
    delete process.env['SCALEKIT_CLIENT_ID'];
    process.env['SCALEKIT_CLIENT_SECRET'] = 'x';
    try {
      const error = await createAuthGate({ connectors: { acme: perUser() }, runtime: testRuntime({}) }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MissingCredentialsError);
      expect((error as Error).message).toContain('SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID');
      expect((error as Error).message).not.toContain('SCALEKIT_CLIENT_SECRET,');
    } finally {
      process.env = saved;
    }
  });

  it('refuses a wrong secret with a message that does not contain it', async () => {
    const gate = await fx.gate({
      connectors: { acme: perUser() },
      page: { port: 0 },
      credentials: { ...fx.credentials(), clientSecret: 'wrong-secret-value' },
      runtime: testRuntime({ atHome: true, userId: 'u7' }),
    });
    const error = await gate.connect(['acme']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect((error as Error).message).toContain('SCALEKIT_CLIENT_SECRET');
    expect((error as Error).message).not.toContain('wrong-secret-value');
  });

  it('says which connection to create when the environment lacks it', async () => {
    const gate = await fx.gate({
      connectors: { crm: perUser({ connection: 'hubspot' }) },
      page: { port: 0 },
      runtime: testRuntime({ atHome: true, userId: 'u8' }),
    });
    const error = await gate.connect(['crm']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorNotConfiguredError);
    expect((error as Error).message).toContain('"hubspot"');
  });

  it('recognises Scalekit\'s unknown-connection answer (NotFound, "connection not found") on every surface, and only that', async () => {
    const client = new ScalekitClient(fx.emulator.envUrl, fx.emulator.clientId, fx.emulator.clientSecret);
    // One after the other: the proxy call needs the bearer the first RPC obtained (request() never authenticates).
    const failures = [
      await client.actions.getConnectedAccount({ connectionName: 'hubspot', identifier: 'u' }).catch((e: unknown) => e),
      await client.actions
        .getAuthorizationLink({ connectionName: 'hubspot', identifier: 'u' })
        .catch((e: unknown) => e),
      await client.actions.request({ connectionName: 'hubspot', identifier: 'u', path: '/x' }).catch((e: unknown) => e),
    ];
    for (const failure of failures) expect(isUnknownConnection(classifyFailure(failure))).toBe(true);
    // A missing account on a configured connection is NotFound as well, but not "connection not found".
    const noAccount = await client.actions
      .getConnectedAccount({ connectionName: 'acme', identifier: 'nobody' })
      .catch((e: unknown) => e);
    expect(classifyFailure(noAccount).status).toBe(404);
    expect(isUnknownConnection(classifyFailure(noAccount))).toBe(false);
  });
});

describe('secrets stay out of logs, storage and errors', () => {
  it('never writes a token, secret or magic link anywhere the user can see', async () => {
    const runtime = testRuntime({ atHome: true, userId: 'u9' });
    const gate = await fx.gate({
      connectors: { acme: perUser() },
      page: { port: 0 },
      runtime,
      consentTimeoutSecs: 0.5,
    });
    const connecting = gate.connect(['acme']).catch((e: unknown) => e);
    await waitForConsentPhase(gate.pageUrl);
    const magic = (await fetch(`${gate.pageUrl}/connect/acme`, { redirect: 'manual' })).headers.get('location')!;
    const error = await connecting;
    const message = await gate.reportFailure(error);
    const pageHtml = await (await fetch(gate.pageUrl)).text();
    const seen = [
      ...runtime.logs,
      ...runtime.statusMessages,
      JSON.stringify([...runtime.values]),
      message,
      (error as Error).message,
      pageHtml,
    ].join('\n');
    const linkToken = magic.split('/').at(-1)!;
    expect(linkToken.length).toBeGreaterThan(20);
    expect(seen).not.toContain(linkToken);
    expect(seen).not.toContain(fx.emulator.clientSecret);
  });
});

describe('tool definitions for an LLM', () => {
  it('turns scoped Scalekit tools into Anthropic tools', async () => {
    const { gate } = await connectedGate(testRuntime({ atHome: true, userId: 'u10' }));
    const tools = await gate.toolDefinitions('acme', ['acme_resource_create', 'acme_resource_get']);
    expect(tools.map((t) => t.name).sort()).toEqual(['acme_resource_create', 'acme_resource_get']);
    const create = tools.find((t) => t.name === 'acme_resource_create')!;
    expect(create.input_schema).toMatchObject({ type: 'object', required: ['name'] });
  });
});
