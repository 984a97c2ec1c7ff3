import type { ActorRuntime } from '../run/actor-runtime.js';

/** The operator's terminal as an ActorRuntime: not on the platform, so the operator is whoever runs it. */
export function consoleRuntime(port: number): ActorRuntime {
  return {
    isAtHome: () => false,
    userId: () => null,
    actorId: () => null,
    runId: () => null,
    webServerPort: () => port,
    webServerUrl: () => null,
    env: (name) => process.env[name],
    actorOwnerId: () => Promise.resolve(null),
    setStatusMessage: (message) => {
      console.log(message);
      return Promise.resolve();
    },
    setValue: () => Promise.resolve(),
    charge: () => Promise.resolve(),
    log: { info: (m) => console.log(m), warning: (m) => console.warn(m), error: (m) => console.error(m) },
  };
}
