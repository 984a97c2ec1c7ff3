import type { AccountStore } from '../accounts/account-store.js';
import type { Connection } from '../accounts/connections.js';
import { genericSandboxKind } from './generic-sandbox.js';
import type { JsonObject, Sandbox, SandboxKind, ToolDefinition } from './sandbox.js';

/** FNV-1a, to derive a stable per-account seed from the emulator seed. */
function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * One sandbox per (connection, identifier): the user's own workspace at the provider. It outlives
 * the connected account, as a Notion workspace outlives a revoked token.
 */
export class SandboxRegistry {
  readonly #kinds = new Map<string, SandboxKind>();
  readonly #instances = new Map<string, Sandbox>();

  constructor(
    kinds: readonly SandboxKind[],
    private readonly seed: number,
    private readonly options: Record<string, JsonObject>,
    private readonly accounts: AccountStore,
  ) {
    for (const kind of kinds) this.#kinds.set(kind.provider, kind);
  }

  kindFor(connection: Connection): SandboxKind {
    return this.#kinds.get(connection.provider) ?? genericSandboxKind;
  }

  tools(connection: Connection): ToolDefinition[] {
    return this.kindFor(connection).tools(connection);
  }

  sandboxFor(connection: Connection, identifier: string): Sandbox {
    const key = `${connection.name}\u0000${identifier}`;
    let sandbox = this.#instances.get(key);
    if (!sandbox) {
      const kind = this.kindFor(connection);
      sandbox = kind.create({
        connection,
        identifier,
        seed: hashSeed(this.seed, connection.name, identifier),
        options: this.options[connection.provider.toLowerCase()] ?? {},
        credentials: () => this.accounts.find({ connector: connection.name, identifier })?.credentials ?? { kind: 'none' },
      });
      this.#instances.set(key, sandbox);
    }
    return sandbox;
  }

  /** Existing sandboxes, for the admin API. */
  entries(): { connector: string; identifier: string; sandbox: Sandbox }[] {
    return [...this.#instances].map(([key, sandbox]) => {
      const [connector = '', identifier = ''] = key.split('\u0000');
      return { connector, identifier, sandbox };
    });
  }

  find(connector: string, identifier: string): Sandbox | undefined {
    return this.#instances.get(`${connector}\u0000${identifier}`);
  }
}
