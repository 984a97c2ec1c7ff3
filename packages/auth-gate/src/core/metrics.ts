/** Counters the benchmarks and the demo read: what a run cost in Scalekit round trips and waiting. */
export interface GateMetrics {
  /** Every call auth-gate made through the Scalekit SDK (lookups, links, verifications, tools, proxy). */
  scalekitRoundTrips: number;
  lookups: number;
  statusPolls: number;
  toolCalls: number;
  proxyRequests: number;
  retries: number;
  /** Retries of calls that never reached Scalekit (connection refused during an outage). */
  unreachableRetries: number;
  /** 429 answers received (each one waited out or, past the budget, failed). */
  rateLimited: number;
  /** Connectors whose circuit breaker opened (calls stopped after repeated failures). */
  breakerTrips: number;
  reconnects: number;
  rateLimitWaitMs: number;
  consentWaitMs: number;
  /** Milliseconds from the verify callback to the waiting code resuming, one entry per consent. */
  consentResumeMs: number[];
}

export function emptyMetrics(): GateMetrics {
  return {
    scalekitRoundTrips: 0,
    lookups: 0,
    statusPolls: 0,
    toolCalls: 0,
    proxyRequests: 0,
    retries: 0,
    unreachableRetries: 0,
    rateLimited: 0,
    breakerTrips: 0,
    reconnects: 0,
    rateLimitWaitMs: 0,
    consentWaitMs: 0,
    consentResumeMs: [],
  };
}
