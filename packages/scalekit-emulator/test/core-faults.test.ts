import { performance } from 'node:perf_hooks';
import {
  ScalekitClient,
  ScalekitException,
  ScalekitInternalServerException,
  ScalekitServiceUnavailableException,
  ScalekitToolException,
  ScalekitToolRateLimitException,
  ScalekitTooManyRequestsException,
  isToolException,
} from '@scalekit-sdk/node';
import { describe, expect, it } from 'vitest';
import { connectAccount } from './support/connected-client.js';
import { asAxiosError, clientToken, expectRejection, fixture, rejectionOf } from './support/core.js';

describe('fault injection', () => {
  it('latency on an RPC delays that RPC only', async () => {
    const { emulator, client } = await fixture();
    await client.actions.listConnections();
    await emulator.admin.addFault({
      match: { kind: 'rpc', name: 'ListAppConnections' },
      effect: { type: 'latency', ms: 400 },
    });
    await emulator.admin.resetCalls();

    const started = performance.now();
    await client.actions.listConnections();
    const elapsed = performance.now() - started;
    await client.actions.listConnectedAccounts();

    expect(elapsed).toBeGreaterThanOrEqual(350);
    const calls = await emulator.admin.calls({ kind: 'rpc' });
    expect(calls.map((c) => [c.name, c.status])).toEqual([
      ['ListAppConnections', 'ok'],
      ['ListConnectedAccounts', 'ok'],
    ]);
    expect(calls[0]!.durationMs).toBeGreaterThanOrEqual(350);
  });

  it('latency on a tool delays the tool call', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'slow');
    await emulator.admin.addFault({ match: { kind: 'tool', name: 'acme_echo' }, effect: { type: 'latency', ms: 300 } });

    const started = performance.now();
    const result = await client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, identifier: 'slow' });

    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(result.data).toMatchObject({ identifier: 'slow' });
  });

  it('a one-shot `unavailable` on an RPC is retried by the SDK, which then succeeds', async () => {
    const { emulator, client } = await fixture();
    await client.actions.listConnections();
    const fault = await emulator.admin.addFault({
      match: { kind: 'rpc', name: 'ListConnectedAccounts' },
      effect: { type: 'error', code: 'unavailable' },
      times: 1,
    });
    expect(fault).toMatchObject({ hits: 0, times: 1 });
    await emulator.admin.resetCalls();

    const result = await client.actions.listConnectedAccounts();

    expect(result.connectedAccounts).toEqual([]);
    const calls = await emulator.admin.calls({ kind: 'rpc' });
    expect(calls.map((c) => [c.name, c.status])).toEqual([
      ['ListConnectedAccounts', 'unavailable'],
      ['ListConnectedAccounts', 'ok'],
    ]);
    // It retired itself after one hit.
    expect(await emulator.admin.faults()).toEqual([]);
  });

  it('a permanent `unavailable` exhausts the SDK retries: ScalekitServiceUnavailableException after 4 attempts', async () => {
    const { emulator, client } = await fixture();
    await client.actions.listConnections();
    await emulator.admin.addFault({
      match: { kind: 'rpc', name: 'ListConnectedAccounts' },
      effect: { type: 'error', code: 'unavailable' },
    });
    await emulator.admin.resetCalls();

    const error = await expectRejection(client.actions.listConnectedAccounts(), ScalekitServiceUnavailableException);

    expect(error.httpStatus).toBe(503);
    const calls = await emulator.admin.calls({ kind: 'rpc' });
    expect(calls.map((c) => c.status)).toEqual(['unavailable', 'unavailable', 'unavailable', 'unavailable']);
    expect((await emulator.admin.faults())[0]?.hits).toBe(4);
  });

  it('`internal` on an RPC is ScalekitInternalServerException, not retried, with the injected message', async () => {
    const { emulator, client } = await fixture();
    await client.actions.listConnections();
    await emulator.admin.addFault({
      match: { kind: 'rpc', name: 'GetConnectedAccountAuth' },
      effect: { type: 'error', code: 'internal', message: 'database on fire' },
    });
    await emulator.admin.resetCalls();

    const error = await expectRejection(
      client.actions.getConnectedAccount({ connectionName: 'acme', identifier: 'x' }),
      ScalekitInternalServerException,
    );

    expect(error.message).toContain('database on fire');
    expect((await emulator.admin.calls({ kind: 'rpc' })).map((c) => c.status)).toEqual(['internal']);
  });

  it('`rate_limit` on an RPC is ScalekitTooManyRequestsException, not a tool exception, and not retried', async () => {
    const { emulator, client } = await fixture();
    await client.actions.listConnections();
    await emulator.admin.addFault({
      match: { kind: 'rpc', name: 'ListAppConnections' },
      effect: { type: 'rate_limit', retryAfterSeconds: 3 },
    });
    await emulator.admin.resetCalls();

    const error = await expectRejection(client.actions.listConnections(), ScalekitTooManyRequestsException);

    expect(isToolException(error)).toBe(false);
    expect(error.message).toContain('3s');
    expect(await emulator.admin.calls({ kind: 'rpc' })).toHaveLength(1);
  });

  it('`rate_limit` on a tool is ScalekitToolRateLimitException with toolErrorCode rate_limited', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'busy');
    await emulator.admin.addFault({
      match: { kind: 'tool', name: 'acme_echo' },
      effect: { type: 'rate_limit', retryAfterSeconds: 5 },
    });

    const error = await expectRejection(
      client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, identifier: 'busy' }),
      ScalekitToolRateLimitException,
    );

    expect(error.isToolError).toBe(true);
    expect(error.toolErrorCode).toBe('rate_limited');
    expect(error.executionId).toMatch(/^exec_/);
    expect(error.httpStatus).toBe(429);
    // Other tools are unaffected.
    await client.actions.executeTool({ toolName: 'acme_resource_list', toolInput: {}, identifier: 'busy' });
    const tools = await emulator.admin.calls({ kind: 'tool' });
    expect(tools.map((c) => [c.name, c.status])).toEqual([
      ['acme_echo', 'tool_error:429'],
      ['acme_resource_list', 'ok'],
    ]);
  });

  it('`rate_limit` on the proxy answers 429 with Retry-After (ScalekitTooManyRequestsException through the SDK)', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'proxied');
    await emulator.admin.addFault({
      match: { kind: 'proxy', name: '/resources' },
      effect: { type: 'rate_limit', retryAfterSeconds: 7 },
    });

    const error = await expectRejection(
      client.actions.request({
        connectionName: 'acme',
        identifier: 'proxied',
        path: '/resources/res_1',
        queryParams: { a: 1 },
      }),
      ScalekitTooManyRequestsException,
    );
    expect(error.errDetails).toMatchObject({ error: { code: 'rate_limited', status: 429 } });

    const token = await clientToken(emulator);
    const raw = await fetch(`${emulator.envUrl}/proxy/resources`, {
      headers: { authorization: `Bearer ${token}`, connection_name: 'acme', identifier: 'proxied' },
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('7');

    // The name matches as a path prefix only.
    const echo = await client.actions.request({ connectionName: 'acme', identifier: 'proxied', path: '/echo' });
    expect(echo.status).toBe(200);
  });

  it('an HTTP status as the error code on the proxy is relayed as that status', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'down');
    await emulator.admin.addFault({
      match: { kind: 'proxy' },
      effect: { type: 'error', code: '503', message: 'upstream down' },
      times: 1,
    });

    // request() does not go through the SDK's retry loop, so a single 503 surfaces.
    const error = await expectRejection(
      client.actions.request({ connectionName: 'acme', identifier: 'down', path: '/echo' }),
      ScalekitServiceUnavailableException,
    );

    expect(error.errDetails).toMatchObject({ error: { message: 'upstream down', status: 503 } });
    expect((await client.actions.request({ connectionName: 'acme', identifier: 'down', path: '/echo' })).status).toBe(
      200,
    );
  });

  it('a fault can be scoped to one identifier', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'victim');
    await connectAccount(client, 'acme', 'bystander');
    await emulator.admin.addFault({
      match: { kind: 'tool', identifier: 'victim' },
      effect: { type: 'error', code: 'internal' },
    });

    await expectRejection(
      client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, identifier: 'victim' }),
      ScalekitToolException,
    );
    const ok = await client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, identifier: 'bystander' });

    expect(ok.data).toMatchObject({ identifier: 'bystander' });
  });

  it('with `rate: 0.5` a seeded emulator fails the same deterministic subset of calls on every run', async () => {
    async function pattern(seed: number): Promise<{ failed: boolean[]; hits: number }> {
      const { emulator, client } = await fixture({ seed });
      await connectAccount(client, 'acme', 'flaky');
      await emulator.admin.addFault({
        match: { kind: 'tool', name: 'acme_echo' },
        effect: { type: 'error', code: 'internal' },
        rate: 0.5,
      });
      const failed: boolean[] = [];
      for (let i = 0; i < 24; i += 1) {
        const error = await rejectionOf(
          client.actions.executeTool({ toolName: 'acme_echo', toolInput: { i }, identifier: 'flaky' }),
        ).catch(() => undefined);
        if (error !== undefined) expect(error).toBeInstanceOf(ScalekitToolException);
        failed.push(error !== undefined);
      }
      const hits = (await emulator.admin.faults())[0]?.hits ?? -1;
      return { failed, hits };
    }

    const first = await pattern(42);
    const second = await pattern(42);

    expect(second.failed).toEqual(first.failed);
    const failures = first.failed.filter(Boolean).length;
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(24);
    expect(first.hits).toBe(failures);
  });

  it('removing a fault restores service; clearing removes them all', async () => {
    const { emulator, client } = await fixture();
    await connectAccount(client, 'acme', 'u');
    const fault = await emulator.admin.addFault({
      match: { kind: 'tool' },
      effect: { type: 'error', code: 'internal' },
    });
    await emulator.admin.addFault({
      match: { kind: 'rpc', name: 'ListAppConnections' },
      effect: { type: 'error', code: 'internal' },
    });
    expect((await emulator.admin.faults()).map((f) => f.id)).toContain(fault.id);

    await expectRejection(
      client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, identifier: 'u' }),
      ScalekitToolException,
    );
    await emulator.admin.removeFault(fault.id);
    const ok = await client.actions.executeTool({ toolName: 'acme_echo', toolInput: {}, identifier: 'u' });
    expect(ok.executionId).toMatch(/^exec_/);

    await expectRejection(client.actions.listConnections(), ScalekitInternalServerException);
    await emulator.admin.clearFaults();
    expect(await emulator.admin.faults()).toEqual([]);
    expect((await client.actions.listConnections()).totalSize).toBeGreaterThan(0);
    await expect(emulator.admin.removeFault(fault.id)).rejects.toThrow(/404/);
  });

  it('a token-endpoint fault surfaces as the raw AxiosError; once it retires the client authenticates', async () => {
    const { emulator } = await fixture();
    await emulator.admin.addFault({
      match: { kind: 'token' },
      effect: { type: 'error', code: 'unavailable' },
      times: 1,
    });
    const client = new ScalekitClient(emulator.envUrl, emulator.clientId, emulator.clientSecret);

    const error = await rejectionOf(client.actions.listConnections());

    expect(error).not.toBeInstanceOf(ScalekitException);
    const axiosError = asAxiosError(error);
    expect(axiosError.response?.status).toBe(503);
    expect(axiosError.response?.data).toMatchObject({ error: 'server_error' });
    expect((await client.actions.listConnections()).totalSize).toBeGreaterThan(0);
    const tokenCalls = await emulator.admin.calls({ kind: 'token' });
    expect(tokenCalls.map((c) => c.status)).toEqual(['503', '200']);
  });

  it('a rate limit on the token endpoint answers 429 with Retry-After', async () => {
    const { emulator } = await fixture();
    await emulator.admin.addFault({
      match: { kind: 'token' },
      effect: { type: 'rate_limit', retryAfterSeconds: 11 },
      times: 1,
    });
    const client = new ScalekitClient(emulator.envUrl, emulator.clientId, emulator.clientSecret);

    const axiosError = asAxiosError(await rejectionOf(client.actions.listConnectedAccounts()));

    expect(axiosError.response?.status).toBe(429);
    expect(axiosError.response?.headers['retry-after']).toBe('11');
  });

  it('suspend is an outage: the port refuses connections, the answer in flight finishes, resume brings back the same port and state', async () => {
    const { emulator, client } = await fixture();
    const account = await connectAccount(client, 'acme', 'outage');
    // A call that is being answered when the outage starts still gets its answer.
    const slow = await emulator.admin.addFault({
      match: { kind: 'proxy', name: '/echo' },
      effect: { type: 'latency', ms: 1_000 },
      times: 1,
    });
    const inFlight = client.actions.request({ connectionName: 'acme', identifier: 'outage', path: '/echo' });
    // Arrived: the fault has hit it (and retired itself).
    while ((await emulator.admin.faults()).some((f) => f.id === slow.id))
      await new Promise((resolve) => setTimeout(resolve, 20));
    await emulator.suspend();
    const refused = await rejectionOf(
      client.actions.request({ connectionName: 'acme', identifier: 'outage', path: '/echo' }),
    );
    expect(refused).toBeInstanceOf(ScalekitException);
    expect((refused as Error).message).toMatch(/^connect ECONNREFUSED /);
    await expect(fetch(`${emulator.envUrl}/admin/health`)).rejects.toThrow();
    expect((await inFlight).status).toBe(200);

    await emulator.resume();
    // Same port, same accounts, and the SDK's bearer token still valid.
    expect((await client.actions.request({ connectionName: 'acme', identifier: 'outage', path: '/echo' })).status).toBe(
      200,
    );
    expect((await emulator.admin.account('acme', 'outage'))?.id).toBe(account);
  });
});
