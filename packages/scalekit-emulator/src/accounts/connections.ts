import { resourceId } from '../ids.js';

/** How a connector authenticates to its provider; mirrors Scalekit's connector auth patterns. */
export type AuthPattern = 'OAUTH' | 'API_KEY' | 'BASIC' | 'BEARER';

/** A connection configured in the emulated Scalekit environment (the dashboard's "Connections"). */
export interface ConnectionConfig {
  /** The connection name accounts and tools refer to, e.g. `notion`. */
  name: string;
  /** Provider key, e.g. `NOTION`; tool names start with its lower-case form. */
  provider: string;
  auth: AuthPattern;
  /** OAuth scopes granted on approval (OAUTH only). */
  scopes?: string[];
}

export interface Connection extends Required<ConnectionConfig> {
  id: string;
  createdAt: Date;
}

export const DEFAULT_CONNECTIONS: readonly ConnectionConfig[] = [
  { name: 'notion', provider: 'NOTION', auth: 'OAUTH', scopes: [] },
  {
    name: 'gmail',
    provider: 'GMAIL',
    auth: 'OAUTH',
    scopes: ['https://www.googleapis.com/auth/gmail.readonly', 'https://www.googleapis.com/auth/gmail.send'],
  },
  { name: 'youtube', provider: 'YOUTUBE', auth: 'OAUTH', scopes: ['https://www.googleapis.com/auth/youtube.readonly'] },
];

// Scalekit's own test environment names a connection `GMAIL-test`: letters of either case, digits,
// "-" and "_". Lookups are exact, so `gmail` and `Gmail` are two different names.
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class ConnectionCatalog {
  readonly #byName = new Map<string, Connection>();

  constructor(configs: readonly ConnectionConfig[]) {
    for (const config of configs) this.add(config);
  }

  add(config: ConnectionConfig): Connection {
    if (!NAME_PATTERN.test(config.name)) {
      throw new Error(
        `Connection name "${config.name}" must be letters, digits, "-" or "_", starting with a letter or digit (max 64).`,
      );
    }
    if (this.#byName.has(config.name)) throw new Error(`Connection "${config.name}" already exists.`);
    const connection: Connection = {
      name: config.name,
      provider: config.provider.toUpperCase(),
      auth: config.auth,
      scopes: config.scopes ?? [],
      id: resourceId('conn'),
      createdAt: new Date(),
    };
    this.#byName.set(connection.name, connection);
    return connection;
  }

  get(name: string): Connection | undefined {
    return this.#byName.get(name);
  }

  /** The connection whose provider prefixes a tool name (`notion_page_get` -> notion). */
  forToolName(toolName: string): Connection[] {
    return this.list().filter((c) => toolName.startsWith(`${c.provider.toLowerCase()}_`));
  }

  list(): Connection[] {
    return [...this.#byName.values()];
  }
}
