// A NotionClient on a real connected account: the Scalekit emulator with its Notion sandbox, an
// auth-gate gate over the real ScalekitClient, and a person approving the consent in one browser
// (a cookie jar), as on a run's live-view page. Every call then goes SDK -> connector fetch ->
// auth-gate handle -> Scalekit proxy (gRPC/HTTP) -> the sandbox.

import {
  createAuthGate,
  perUser,
  type AuthGate,
  type ConnectorHandle,
  type ProxyCall,
  type ProxyResult,
} from '@repo/auth-gate';
import { detachedRuntime } from '@repo/auth-gate/operator';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, beforeAll } from 'vitest';
import { NotionClient } from '../../src/index.js';

/** A page the emulator seeds in every Notion workspace, shared with the integration. */
export const SEEDED_PAGE = 'Research';

/** One browser: cookies kept per host (the binding cookie of the consent), redirects not followed. */
class Browser {
  readonly #cookies = new Map<string, Map<string, string>>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const host = new URL(url).hostname;
    const jar = this.#cookies.get(host) ?? new Map<string, string>();
    this.#cookies.set(host, jar);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    return response;
  }
}

async function waitForConsentPhase(pageUrl: string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const state = (await (await fetch(`${pageUrl}/state`)).json()) as { phase: string };
    if (state.phase === 'authorize') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the gate page never asked for authorization');
}

/** What a person does on the page: Connect, approve on the consent page, back through verify. */
async function approveConsent(pageUrl: string, key: string): Promise<void> {
  await waitForConsentPhase(pageUrl);
  const browser = new Browser();
  const connect = await browser.fetch(`${pageUrl}/connect/${key}`);
  const link = connect.headers.get('location');
  if (connect.status !== 302 || !link || link.startsWith('.')) throw new Error(`no consent link (${connect.status})`);
  if (!(await browser.fetch(link)).ok) throw new Error('the consent page did not open');
  const approved = await browser.fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }) });
  const verify = approved.headers.get('location');
  if (verify && !(await browser.fetch(verify)).ok) throw new Error('the verify route refused the consent');
}

export interface NotionSandbox {
  readonly emulator: RunningEmulator;
  readonly notion: NotionClient;
  /** Every proxy call the client made, as the handle received it. */
  readonly calls: ProxyCall[];
  /** A client on a handle with its own retry policy (one test's variations), recorded in `calls` too. */
  clientWith(retry: { maxAttempts?: number; breakerThreshold?: number }): Promise<NotionClient>;
}

/** The emulator and a connected Notion for the tests of a file, closed after them. */
export function useNotionSandbox(): NotionSandbox {
  let emulator: RunningEmulator | undefined;
  let notion: NotionClient | undefined;
  const gates: AuthGate<'notion'>[] = [];
  const calls: ProxyCall[] = [];

  const recorded = (handle: ConnectorHandle): Pick<ConnectorHandle, 'request'> => ({
    request<T>(call: ProxyCall): Promise<ProxyResult<T>> {
      calls.push(call);
      return handle.request<T>(call);
    },
  });

  async function connect(retry: { maxAttempts?: number; breakerThreshold?: number } = {}): Promise<NotionClient> {
    const running = emulator!;
    const gate = await createAuthGate({
      connectors: { notion: perUser({ label: 'Notion' }) },
      credentials: { envUrl: running.envUrl, clientId: running.clientId, clientSecret: running.clientSecret },
      runtime: detachedRuntime({ env: { AUTH_GATE_USER_ID: 'alice' } }),
      page: { port: 0, host: '127.0.0.1' },
      consentTimeoutSecs: 60,
      retry: { baseDelayMs: 5, maxDelayMs: 20, ...retry },
    });
    gates.push(gate);
    const connecting = gate.connect(['notion']);
    // The first gate asks the person; later ones find the account already connected.
    const consent = gates.length === 1 ? approveConsent(gate.pageUrl, 'notion') : Promise.resolve();
    const [{ notion: handle }] = await Promise.all([connecting, consent]);
    return new NotionClient(recorded(handle));
  }

  beforeAll(async () => {
    emulator = await startEmulator({ sandboxes: { notion: { rateLimitPerSecond: 0 } } });
    notion = await connect();
  });

  afterAll(async () => {
    await Promise.all(gates.splice(0).map((gate) => gate.close()));
    await emulator?.close();
  });

  return {
    get emulator() {
      if (!emulator) throw new Error('the sandbox runs only inside the tests of the file');
      return emulator;
    },
    get notion() {
      if (!notion) throw new Error('the sandbox runs only inside the tests of the file');
      return notion;
    },
    calls,
    clientWith: connect,
  };
}
