import { describe, expect, it, onTestFinished } from 'vitest';
import type { ConnectionConfig, EmulatorOptions, SandboxKind } from '../src/index.js';
import { connectAccount, startWithClient, type EmulatorFixture } from './support/connected-client.js';

const ACME: ConnectionConfig = { name: 'acme', provider: 'ACME', auth: 'OAUTH' };
const XSS = '<img src=x onerror=alert(1)>';
const XSS_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';

async function fixture(options: EmulatorOptions = {}): Promise<EmulatorFixture> {
  const f = await startWithClient({ connections: [ACME], ...options });
  onTestFinished(() => f.emulator.close());
  return f;
}

async function page(base: string, path: string): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(new URL(path, base));
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** An account whose identifier and resource name are an HTML injection attempt, with one resource written through the proxy. */
async function injectedAccount({ client }: EmulatorFixture): Promise<string> {
  const id = await connectAccount(client, 'acme', XSS);
  await client.actions.request({
    connectionName: 'acme',
    identifier: XSS,
    path: '/resources',
    method: 'POST',
    body: { name: XSS, data: { note: XSS } },
  });
  return id;
}

/** Values of one data attribute on the elements with a test id, in document order. */
function attributes(html: string, testId: string, attribute: string): string[] {
  const pattern = new RegExp(`data-testid="${testId}"[^>]*?${attribute}="([^"]*)"`, 'g');
  return [...html.matchAll(pattern)].map((m) => m[1]!);
}

describe('web UI over HTTP', () => {
  it('home shows the environment without the secret, and accounts with escaped identifiers and encoded sandbox links', async () => {
    const f = await fixture();
    const accountId = await injectedAccount(f);

    const home = await page(f.emulator.envUrl, '/');

    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(home.html).toContain(`data-testid="env-url">${f.emulator.envUrl}<`);
    expect(home.html).toContain(`data-testid="client-id">${f.emulator.clientId}<`);
    expect(home.html).not.toContain(f.emulator.clientSecret);
    expect(home.html).toContain(`data-account-id="${accountId}"`);
    expect(home.html).toContain(`data-testid="account-identifier">${XSS_ESCAPED}</td>`);
    expect(home.html).not.toContain('<img');
    expect(home.html).toMatch(/class="badge badge-ok" data-testid="account-status">ACTIVE</);
    expect(home.html).toContain(
      'href="/ui/sandboxes/acme/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E" data-testid="account-sandbox-link"',
    );
    expect(home.html).toContain('data-testid="connection-row" data-connection="acme"');
    expect((await page(f.emulator.envUrl, '/ui')).html).toContain('data-testid="accounts-table"');
  });

  it('colours account statuses by state', async () => {
    const f = await fixture();
    const id = await connectAccount(f.client, 'acme', 'revoked-user');
    await f.emulator.admin.setAccountStatus(id, 'DISCONNECTED');
    await f.client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'new-user' });

    const { html } = await page(f.emulator.envUrl, '/');

    expect(html).toMatch(/badge-bad" data-testid="account-status">DISCONNECTED</);
    expect(html).toMatch(/badge-pending" data-testid="account-status">PENDING_AUTH</);
  });

  it('the sandbox page renders the generic sandbox as an escaped table', async () => {
    const f = await fixture();
    await injectedAccount(f);

    const sandbox = await page(f.emulator.envUrl, `/ui/sandboxes/acme/${encodeURIComponent(XSS)}`);

    expect(sandbox.status).toBe(200);
    expect(sandbox.html).toContain(`data-testid="sandbox-identifier">${XSS_ESCAPED}<`);
    expect(sandbox.html).toContain('data-testid="sandbox-content"');
    expect(sandbox.html).toContain(`data-testid="generic-resource-name">${XSS_ESCAPED}</td>`);
    expect(sandbox.html).toContain('data-testid="sandbox-json"');
    expect(sandbox.html).toContain('data-testid="sandbox-account-status">ACTIVE<');
    expect(sandbox.html).not.toContain('<img');
  });

  it('a sandbox without renderHtml is shown as escaped, pretty-printed JSON', async () => {
    const plain: SandboxKind = {
      provider: 'PLAIN',
      tools: () => [],
      create: () => ({
        executeTool: () => ({}),
        handleRequest: () => ({ status: 200, body: {} }),
        snapshot: () => ({ title: '<b>bold</b>', items: [1] }),
      }),
    };
    const f = await fixture({
      connections: [{ name: 'plain', provider: 'PLAIN', auth: 'OAUTH' }],
      sandboxKinds: [plain],
    });
    await connectAccount(f.client, 'plain', 'u1');
    await f.client.actions.request({ connectionName: 'plain', identifier: 'u1', path: '/anything' });

    const { status, html } = await page(f.emulator.envUrl, '/ui/sandboxes/plain/u1');

    expect(status).toBe(200);
    expect(html).not.toContain('data-testid="sandbox-content"');
    expect(html).toContain(
      '<pre data-testid="sandbox-json">{\n  &quot;title&quot;: &quot;&lt;b&gt;bold&lt;/b&gt;&quot;,\n  &quot;items&quot;: [\n    1\n  ]\n}</pre>',
    );
  });

  it('identifiers with "/" and dot segments get links that reach their sandbox', async () => {
    const f = await fixture();
    for (const identifier of ['team/alice', '..']) {
      await connectAccount(f.client, 'acme', identifier);
      await f.client.actions.request({
        connectionName: 'acme',
        identifier,
        path: '/resources',
        method: 'POST',
        body: { name: `for ${identifier}` },
      });
    }
    const home = await page(f.emulator.envUrl, '/');
    const hrefs = [...home.html.matchAll(/href="([^"]*)" data-testid="account-sandbox-link"/g)].map((m) =>
      m[1]!.replaceAll('&amp;', '&'),
    );
    expect(hrefs.sort()).toEqual(['/ui/sandbox?connector=acme&identifier=..', '/ui/sandboxes/acme/team%2Falice']);

    for (const [href, name] of [
      [hrefs[0]!, 'for ..'],
      [hrefs[1]!, 'for team/alice'],
    ] as const) {
      const sandbox = await page(f.emulator.envUrl, href);
      expect(sandbox.status).toBe(200);
      expect(sandbox.html).toContain(`data-testid="generic-resource-name">${name}</td>`);
    }
  });

  it('viewing a sandbox that does not exist yet does not create it; an unknown connection is 404', async () => {
    const f = await fixture();
    await connectAccount(f.client, 'acme', 'idle');

    const idle = await page(f.emulator.envUrl, '/ui/sandboxes/acme/idle');
    const unknown = await page(f.emulator.envUrl, '/ui/sandboxes/nope/idle');

    expect(idle.status).toBe(200);
    expect(idle.html).toContain('data-testid="sandbox-missing"');
    expect(f.emulator.environment.sandboxes.find('acme', 'idle')).toBeUndefined();
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('There is no connection named &quot;nope&quot;.');
  });

  it('the call log lists calls newest first, filters by kind, identifier and connector, and shows counters', async () => {
    const f = await fixture();
    await injectedAccount(f);
    await connectAccount(f.client, 'acme', 'bob');
    await f.client.actions.request({ connectionName: 'acme', identifier: 'bob', path: '/echo' });

    const all = await page(f.emulator.envUrl, '/ui/calls');
    const seqs = attributes(all.html, 'call-row', 'data-seq').map(Number);
    expect(seqs.length).toBe(f.emulator.environment.calls.entries().length);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.html).toContain(`data-testid="counter-total">${f.emulator.environment.calls.counters().total}<`);
    expect(all.html).not.toContain('<img');

    const proxy = await page(f.emulator.envUrl, '/ui/calls?kind=proxy');
    expect(attributes(proxy.html, 'call-row', 'data-kind')).toEqual(['proxy', 'proxy']);
    expect(proxy.html).toContain('<option value="proxy" selected>');

    const forXss = await page(f.emulator.envUrl, `/ui/calls?kind=proxy&identifier=${encodeURIComponent(XSS)}`);
    expect(attributes(forXss.html, 'call-row', 'data-kind')).toEqual(['proxy']);
    expect(forXss.html).toContain('data-testid="call-name">/resources<');
    expect(forXss.html).toContain(`value="${XSS_ESCAPED}" data-testid="filter-identifier"`);
    expect(forXss.html).not.toContain('<img');

    const byConnector = await page(f.emulator.envUrl, '/ui/calls?connector=nope');
    expect(byConnector.html).toContain('data-testid="calls-table-empty"');
    const badKind = await page(f.emulator.envUrl, '/ui/calls?kind=bogus&limit=-3');
    expect(attributes(badKind.html, 'call-row', 'data-seq').length).toBe(seqs.length);
  });

  it('lists active faults with escaped match values', async () => {
    const f = await fixture();
    expect((await page(f.emulator.envUrl, '/ui/faults')).html).toContain('data-testid="faults-table-empty"');
    const fault = await f.emulator.admin.addFault({
      match: { kind: 'proxy', identifier: XSS },
      effect: { type: 'rate_limit', retryAfterSeconds: 2 },
    });

    const { html } = await page(f.emulator.envUrl, '/ui/faults');

    expect(html).toContain(`data-fault-id="${fault.id}"`);
    expect(html).toContain(`data-testid="fault-match">kind=proxy, identifier=${XSS_ESCAPED}<`);
    expect(html).toContain('data-testid="fault-effect">rate limit, Retry-After 2 s<');
    expect(html).not.toContain('<img');
  });

  it('answers unknown UI paths with 404, other methods with 405, and bad encodings without crashing', async () => {
    const f = await fixture();
    expect((await page(f.emulator.envUrl, '/ui/nothing')).status).toBe(404);
    expect((await page(f.emulator.envUrl, '/ui/sandboxes/acme/%E0%A4%A')).status).toBe(404);
    expect((await page(f.emulator.envUrl, '/ui/sandbox?connector=acme')).status).toBe(404);
    const post = await fetch(`${f.emulator.envUrl}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
