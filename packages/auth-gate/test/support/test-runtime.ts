import type { ActorRuntime } from '../../src/index.js';

export interface RecordingRuntime extends ActorRuntime {
  statusMessages: string[];
  values: Map<string, unknown>;
  logs: string[];
  charges: string[];
}

/**
 * An ActorRuntime for gate-level tests that need several simulated Apify users side by side in one
 * process (the Actor singleton cannot be two users at once). Actor tests use the real Apify SDK.
 */
export function testRuntime(options: {
  atHome?: boolean;
  userId?: string | null;
  ownerId?: string | null;
  env?: Record<string, string>;
}): RecordingRuntime {
  const statusMessages: string[] = [];
  const values = new Map<string, unknown>();
  const logs: string[] = [];
  const charges: string[] = [];
  return {
    statusMessages,
    values,
    logs,
    charges,
    isAtHome: () => options.atHome ?? false,
    userId: () => options.userId ?? null,
    actorId: () => 'actor-test',
    runId: () => 'run-test',
    webServerPort: () => 0,
    webServerUrl: () => null,
    env: (name) => options.env?.[name],
    actorOwnerId: () => Promise.resolve(options.ownerId ?? null),
    setStatusMessage: (message) => {
      statusMessages.push(message);
      return Promise.resolve();
    },
    setValue: (key, value) => {
      values.set(key, value);
      return Promise.resolve();
    },
    charge: (eventName) => {
      charges.push(eventName);
      return Promise.resolve();
    },
    log: {
      info: (m) => logs.push(`INFO ${m}`),
      warning: (m) => logs.push(`WARN ${m}`),
      error: (m) => logs.push(`ERROR ${m}`),
    },
  };
}
