/** Prefix of per-user identifiers when one Scalekit environment serves several products (runs and Standby alike). */
export const PREFIX_VARIABLE = 'AUTH_GATE_IDENTIFIER_PREFIX';

/** A connector whose account belongs to the user running the Actor (identifier = Apify user id). */
export interface PerUserConnector {
  kind: 'per-user';
  /** Scalekit connection name; defaults to the key the Actor uses for it. */
  connection?: string;
  /** Human name on the consent page (defaults to the connection name, capitalised). */
  label?: string;
  /** Client-side rate limit shared by every call of the run, e.g. Notion's ~3 requests/second. */
  requestsPerSecond?: number;
}

/** A connector with one account for every run, authorized once by the Actor's operator. */
export interface SharedConnector {
  kind: 'shared';
  identifier: string;
  connection?: string;
  label?: string;
  requestsPerSecond?: number;
}

export type ConnectorSpec = PerUserConnector | SharedConnector;

export function perUser(options: Omit<PerUserConnector, 'kind'> = {}): PerUserConnector {
  return { kind: 'per-user', ...options };
}

export function shared(
  identifier: string,
  options: Omit<SharedConnector, 'kind' | 'identifier'> = {},
): SharedConnector {
  if (!identifier.trim()) throw new Error('shared() needs a fixed, non-empty identifier such as "shared-youtube"');
  return { kind: 'shared', identifier: identifier.trim(), ...options };
}

export function labelOf(key: string, spec: ConnectorSpec): string {
  if (spec.label) return spec.label;
  const name = spec.connection ?? key;
  return name.charAt(0).toUpperCase() + name.slice(1);
}
