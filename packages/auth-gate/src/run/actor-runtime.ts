import { Actor, log } from 'apify';

/**
 * What auth-gate needs from the Apify runtime. The default reads the real Apify SDK; tests of
 * the gate itself may run two simulated users side by side by passing their own runtime.
 */
export interface ActorRuntime {
  isAtHome(): boolean;
  /** The Apify user who started the run (APIFY_USER_ID); null locally under plain node. */
  userId(): string | null;
  actorId(): string | null;
  runId(): string | null;
  /** Port the live view is served from (ACTOR_WEB_SERVER_PORT, 4321 by default). */
  webServerPort(): number;
  /** Public address of the live view when the platform (or the developer) set one. */
  webServerUrl(): string | null;
  env(name: string): string | undefined;
  /** The Apify user id of the Actor's owner, from the platform API; null when unknown. */
  actorOwnerId(): Promise<string | null>;
  setStatusMessage(
    message: string,
    options?: { isStatusMessageTerminal?: boolean; level?: 'INFO' | 'WARNING' | 'ERROR' },
  ): Promise<void>;
  setValue(key: string, value: unknown): Promise<void>;
  charge(eventName: string, count: number): Promise<void>;
  log: { info(message: string): void; warning(message: string): void; error(message: string): void };
}

export const apifyRuntime: ActorRuntime = {
  isAtHome: () => Actor.isAtHome(),
  userId: () => Actor.getEnv().userId,
  actorId: () => Actor.getEnv().actorId,
  runId: () => Actor.getEnv().actorRunId,
  webServerPort: () => Number(Actor.config.get('containerPort')),
  webServerUrl: () => process.env['ACTOR_WEB_SERVER_URL'] ?? process.env['APIFY_CONTAINER_URL'] ?? null,
  env: (name) => process.env[name],
  async actorOwnerId() {
    const actorId = Actor.getEnv().actorId;
    if (!actorId) return null;
    try {
      const actor = await Actor.apifyClient.actor(actorId).get();
      return actor?.userId ?? null;
    } catch {
      return null;
    }
  },
  async setStatusMessage(message, options) {
    await Actor.setStatusMessage(message, options);
  },
  setValue: (key, value) => Actor.setValue(key, value),
  async charge(eventName, count) {
    await Actor.charge({ eventName, count });
  },
  log: {
    info: (m) => log.info(m),
    warning: (m) => log.warning(m),
    error: (m) => log.error(m),
  },
};
