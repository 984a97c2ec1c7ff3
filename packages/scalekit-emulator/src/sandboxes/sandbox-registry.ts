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
    return (
      this.#instances.get(`${connection.name}\u0000${identifier}`) ?? this.#create(connection, identifier, undefined)
    );
  }

  /** A sandbox from the persistence file: `saved` is its `exportState()`; without one it is seeded afresh. */
  restore(connection: Connection, identifier: string, saved: JsonObject | undefined): Sandbox {
    return this.#create(connection, identifier, saved);
  }

  #create(connection: Connection, identifier: string, saved: JsonObject | undefined): Sandbox {
    const sandbox = this.kindFor(connection).create(
      {
        connection,
        identifier,
        seed: hashSeed(this.seed, connection.name, identifier),
        options: this.options[connection.provider.toLowerCase()] ?? {},
        credentials: () =>
          this.accounts.find({ connector: connection.name, identifier })?.credentials ?? { kind: 'none' },
      },
      saved,
    );
    this.#instances.set(`${connection.name}\u0000${identifier}`, sandbox);
    return sandbox;
  }

  /** Existing sandboxes, for the admin API. */
  entries(): { connector: string; identifier: string; sandbox: Sandbox }[] {
    return [...this.#instances].map(([key, sandbox]) => {
      // Connection names never contain NUL; identifiers may, so split at the first one only.
      const cut = key.indexOf('\u0000');
      return { connector: key.slice(0, cut), identifier: key.slice(cut + 1), sandbox };
    });
  }

  find(connector: string, identifier: string): Sandbox | undefined {
    return this.#instances.get(`${connector}\u0000${identifier}`);
  }
}
