import type { ActorRuntime } from '../run/actor-runtime.js';

export interface DetachedRuntimeOptions {
  /** All the gate sees of the environment; defaults to nothing at all. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The port the consent page listens on (0: a free one). */
  port?: number;
  /** Where status messages and log lines go; by default nowhere. */
  print?: (line: string) => void;
}

/**
 * An ActorRuntime for a gate opened outside an actor run: the operator's terminal, a test or a
 * tool that connects an account without running an actor. Not on the platform, no Apify user, and
 * nothing stored or charged; only the lines the caller asks to see are printed.
 */
export function detachedRuntime(options: DetachedRuntimeOptions = {}): ActorRuntime {
  const env = options.env ?? {};
  const print = options.print ?? ((): void => undefined);
  const done = (): Promise<void> => Promise.resolve();
  return {
    isAtHome: () => false,
    userId: () => null,
    actorId: () => null,
    runId: () => null,
    webServerPort: () => options.port ?? 0,
    webServerUrl: () => null,
    env: (name) => env[name],
    actorOwnerId: () => Promise.resolve(null),
    setStatusMessage: (message) => {
      print(message);
      return Promise.resolve();
    },
    setValue: done,
    charge: done,
    log: { info: print, warning: print, error: print },
  };
}
