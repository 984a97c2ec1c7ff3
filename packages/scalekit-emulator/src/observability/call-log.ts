export type CallKind = 'token' | 'rpc' | 'tool' | 'proxy' | 'consent';

export interface CallEntry {
  seq: number;
  at: string;
  kind: CallKind;
  /** RPC method, tool name or proxy path (without query string). */
  name: string;
  connector: string | undefined;
  identifier: string | undefined;
  /** gRPC code name (`ok`, `not_found`, ...) or HTTP status as a string. */
  status: string;
  durationMs: number;
  /** Tool calls only: arguments the tool's schema does not declare (accepted and ignored, as on Scalekit). */
  unknownArguments?: string[];
}

export interface CallCounters {
  total: number;
  byKind: Record<string, number>;
  byName: Record<string, number>;
  errors: number;
}

/** A bounded log of every call the emulator served, for tests, benchmarks and the admin UI. */
export class CallLog {
  readonly #entries: CallEntry[] = [];
  #seq = 0;
  #counters: CallCounters = { total: 0, byKind: {}, byName: {}, errors: 0 };

  constructor(private readonly capacity = 5000) {}

  record(entry: Omit<CallEntry, 'seq' | 'at'>): CallEntry {
    const full: CallEntry = { ...entry, seq: ++this.#seq, at: new Date().toISOString() };
    this.#entries.push(full);
    if (this.#entries.length > this.capacity) this.#entries.shift();
    const c = this.#counters;
    c.total += 1;
    c.byKind[entry.kind] = (c.byKind[entry.kind] ?? 0) + 1;
    const key = `${entry.kind}:${entry.name}`;
    c.byName[key] = (c.byName[key] ?? 0) + 1;
    if (entry.status !== 'ok' && !/^[23]\d\d$/.test(entry.status)) c.errors += 1;
    return full;
  }

  entries(filter: { kind?: CallKind; identifier?: string; since?: number } = {}): CallEntry[] {
    return this.#entries.filter(
      (e) =>
        (filter.kind === undefined || e.kind === filter.kind) &&
        (filter.identifier === undefined || e.identifier === filter.identifier) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  counters(): CallCounters {
    return structuredClone(this.#counters);
  }

  reset(): void {
    this.#entries.length = 0;
    this.#counters = { total: 0, byKind: {}, byName: {}, errors: 0 };
  }
}
