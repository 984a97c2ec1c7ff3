import type { AccountStatus } from '../accounts/account-store.js';
import type { ConnectionConfig } from '../accounts/connections.js';
import type { ScriptPayload } from '../anthropic/script-parsing.js';
import type { RecordedRequest } from '../anthropic/scripted-anthropic.js';
import type { ActiveFault, FaultRule } from '../faults/fault-injector.js';
import type { CallCounters, CallEntry, CallKind } from '../observability/call-log.js';
import type { AccountView, ApiTokenView } from './admin-api.js';

/** A typed client of the emulator's admin API, for tests, benchmarks and the demo. */
export class AdminClient {
  constructor(readonly baseUrl: string) {}

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const data = (await response.json()) as T & { error?: string };
    if (!response.ok)
      throw new Error(`emulator admin ${method} ${path} failed (${response.status}): ${data.error ?? ''}`);
    return data;
  }

  async accounts(filter: { connector?: string; identifier?: string } = {}): Promise<AccountView[]> {
    const q = new URLSearchParams(filter).toString();
    return (await this.#call<{ accounts: AccountView[] }>('GET', `/accounts${q ? `?${q}` : ''}`)).accounts;
  }

  async account(connector: string, identifier: string): Promise<AccountView | undefined> {
    return (await this.accounts({ connector, identifier }))[0];
  }

  setAccountStatus(id: string, status: AccountStatus): Promise<AccountView> {
    return this.#call('POST', `/accounts/${encodeURIComponent(id)}/status`, { status });
  }

  deleteAccount(id: string): Promise<{ deleted: string }> {
    return this.#call('DELETE', `/accounts/${encodeURIComponent(id)}`);
  }

  /** API tokens (revoked and expired included): metadata only, never keys or hashes. */
  async apiTokens(filter: { organizationId?: string } = {}): Promise<ApiTokenView[]> {
    const q = new URLSearchParams(filter).toString();
    return (await this.#call<{ tokens: ApiTokenView[] }>('GET', `/api-tokens${q ? `?${q}` : ''}`)).tokens;
  }

  /** Moves the emulator's clock forward: keys, magic links and verifications expire as if time had passed. */
  advanceClock(ms: number): Promise<{ now: string }> {
    return this.#call('POST', '/clock/advance', { ms });
  }

  /** Makes a token expire now (by token id), as if its expiry had passed. */
  expireApiToken(tokenId: string): Promise<ApiTokenView> {
    return this.#call('POST', `/api-tokens/${encodeURIComponent(tokenId)}/expire`);
  }

  async calls(filter: { kind?: CallKind; identifier?: string; since?: number } = {}): Promise<CallEntry[]> {
    const q = new URLSearchParams(Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return (await this.#call<{ calls: CallEntry[] }>('GET', `/calls${q ? `?${q}` : ''}`)).calls;
  }

  counters(): Promise<CallCounters> {
    return this.#call('GET', '/counters');
  }

  resetCalls(): Promise<unknown> {
    return this.#call('POST', '/calls/reset');
  }

  addFault(rule: FaultRule): Promise<ActiveFault> {
    return this.#call('POST', '/faults', rule);
  }

  async faults(): Promise<ActiveFault[]> {
    return (await this.#call<{ faults: ActiveFault[] }>('GET', '/faults')).faults;
  }

  removeFault(id: string): Promise<unknown> {
    return this.#call('DELETE', `/faults/${encodeURIComponent(id)}`);
  }

  clearFaults(): Promise<unknown> {
    return this.#call('DELETE', '/faults');
  }

  /** Ends every client-credentials token, so the SDK's next call must re-authenticate. */
  expireClientTokens(): Promise<{ expired: number }> {
    return this.#call('POST', '/client-tokens/expire');
  }

  expireMagicLinks(): Promise<{ expired: number }> {
    return this.#call('POST', '/magic-links/expire');
  }

  addConnection(connection: ConnectionConfig): Promise<{ name: string; id: string }> {
    return this.#call('POST', '/connections', connection);
  }

  /** A sandbox's contents (Notion pages, mails, ...), as JSON. */
  sandbox<T = Record<string, unknown>>(connector: string, identifier: string): Promise<T> {
    return this.#call('GET', `/sandboxes/${encodeURIComponent(connector)}/${encodeURIComponent(identifier)}`);
  }

  /** Queues answers and adds rules (plain data) for the Anthropic stand-in on `/v1/messages`. */
  scriptAnthropic(script: ScriptPayload): Promise<AnthropicScriptStatus> {
    return this.#call('POST', '/anthropic/script', script);
  }

  anthropicScript(): Promise<AnthropicScriptStatus> {
    return this.#call('GET', '/anthropic/script');
  }

  clearAnthropicScript(): Promise<AnthropicScriptStatus> {
    return this.#call('DELETE', '/anthropic/script');
  }

  /** Every request the stand-in received, oldest first: tools offered, tool results, answers. */
  async anthropicRequests(): Promise<RecordedRequest[]> {
    return (await this.#call<{ requests: RecordedRequest[] }>('GET', '/anthropic/requests')).requests;
  }

  clearAnthropicRequests(): Promise<unknown> {
    return this.#call('DELETE', '/anthropic/requests');
  }
}

/** What is left of the Anthropic script: queued answers and active rules. */
export interface AnthropicScriptStatus {
  queued: number;
  rules: { name: string; remaining: number | null }[];
}
