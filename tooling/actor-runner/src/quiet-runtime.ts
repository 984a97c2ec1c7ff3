import type { ActorRuntime } from '@repo/auth-gate';

/**
 * An ActorRuntime for a gate opened outside an actor run (the operator's connect, a test that
 * connects a user without running the actor): not on the platform, no Apify user, nothing stored,
 * charged or logged. `env` is all the gate sees of the environment.
 */
export function quietRuntime(env: Record<string, string> = {}): ActorRuntime {
  const done = (): Promise<void> => Promise.resolve();
  const ignore = (): void => undefined;
  return {
    isAtHome: () => false,
    userId: () => null,
    actorId: () => null,
    runId: () => null,
    webServerPort: () => 0,
    webServerUrl: () => null,
    env: (name) => env[name],
    actorOwnerId: () => Promise.resolve(null),
    setStatusMessage: done,
    setValue: done,
    charge: done,
    log: { info: ignore, warning: ignore, error: ignore },
  };
}
