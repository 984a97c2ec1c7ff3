import { setTimeout as sleep } from 'node:timers/promises';
import { resourceId } from '../ids.js';
import type { CallKind } from '../observability/call-log.js';

/** What a fault does to a matching call. */
export type FaultEffect =
  /** Delay the call, then serve it normally. */
  | { type: 'latency'; ms: number }
  /** Fail the call: a gRPC code name (`unavailable`, `internal`, ...) or an HTTP status for the proxy. */
  | { type: 'error'; code: string; message?: string }
  /** Answer as the provider's rate limiter does: gRPC ResourceExhausted, or HTTP 429 with Retry-After. */
  | { type: 'rate_limit'; retryAfterSeconds: number };

export interface FaultRule {
  /** Which calls it applies to; omitted fields match everything. */
  match: {
    kind?: Exclude<CallKind, 'consent'> | undefined;
    /** RPC method, tool name, or a proxy path prefix. */
    name?: string | undefined;
    connector?: string | undefined;
    identifier?: string | undefined;
  };
  effect: FaultEffect;
  /** Probability 0..1 that a matching call is hit (default 1: an outage). */
  rate?: number | undefined;
  /** How many calls it may hit before it retires itself (default unlimited). */
  times?: number | undefined;
}

export interface ActiveFault extends FaultRule {
  id: string;
  hits: number;
}

export interface CallDescriptor {
  kind: Exclude<CallKind, 'consent'>;
  name: string;
  connector?: string | undefined;
  identifier?: string | undefined;
}

/** A deterministic PRNG, so a seeded emulator injects the same faults on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID_KINDS = new Set(['token', 'rpc', 'tool', 'proxy']);

export class FaultInjector {
  readonly #faults: ActiveFault[] = [];
  readonly #random: () => number;

  constructor(seed: number) {
    this.#random = mulberry32(seed ^ 0x5eed);
  }

  add(rule: FaultRule): ActiveFault {
    if (rule.match.kind !== undefined && !VALID_KINDS.has(rule.match.kind)) {
      throw new Error(`fault match.kind must be one of ${[...VALID_KINDS].join(', ')}`);
    }
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1))
      throw new Error('fault rate must be within 0..1');
    if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
      throw new Error('fault times must be a positive integer');
    }
    const fault: ActiveFault = { ...rule, id: resourceId('fault'), hits: 0 };
    this.#faults.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const index = this.#faults.findIndex((f) => f.id === id);
    if (index < 0) return false;
    this.#faults.splice(index, 1);
    return true;
  }

  clear(): void {
    this.#faults.length = 0;
  }

  list(): ActiveFault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  /**
   * Applies the faults that hit a call: waits out latencies and throws the first failure, as the
   * caller's protocol expresses it (`failure` builds the gRPC or HTTP error).
   */
  async apply(
    call: CallDescriptor,
    failure: (effect: Exclude<FaultEffect, { type: 'latency' }>) => Error,
  ): Promise<void> {
    for (const effect of this.effectsFor(call)) {
      if (effect.type === 'latency') await sleep(effect.ms);
      else throw failure(effect);
    }
  }

  /** The effects that hit this call, in the order the faults were added. */
  effectsFor(call: CallDescriptor): FaultEffect[] {
    const effects: FaultEffect[] = [];
    for (const fault of [...this.#faults]) {
      const m = fault.match;
      const matches =
        (m.kind === undefined || m.kind === call.kind) &&
        (m.name === undefined || call.name === m.name || (call.kind === 'proxy' && call.name.startsWith(m.name))) &&
        (m.connector === undefined || m.connector === call.connector) &&
        (m.identifier === undefined || m.identifier === call.identifier);
      if (!matches) continue;
      if (fault.rate !== undefined && fault.rate < 1 && this.#random() >= fault.rate) continue;
      fault.hits += 1;
      effects.push(fault.effect);
      if (fault.times !== undefined && fault.hits >= fault.times) this.remove(fault.id);
    }
    return effects;
  }
}
