import { STOP_AFTER_STEP_VARIABLE } from '@repo/auth-gate';

export interface MigratedRun<R> {
  /** The run told to stop right after the step (it exits with TEST_STOP_EXIT_CODE when it did). */
  stopped: R;
  /** The run started again on the same storage, not purged. */
  resumed: R;
}

/**
 * A migration right after `step`: `run` starts the actor with the test-only stop at that step (the
 * process exits there, as a migration killing its container would), then again on the same storage
 * without purging it (what the platform does after a migration). `run` adds `env` to the run's own
 * variables; `phase` says which of the two runs it starts (consent, say, is given in the first only).
 */
export async function migrateAfterStep<R>(
  step: string,
  run: (env: Record<string, string>, phase: 'stop' | 'resume') => Promise<R>,
): Promise<MigratedRun<R>> {
  const stopped = await run({ [STOP_AFTER_STEP_VARIABLE]: step }, 'stop');
  const resumed = await run({ CRAWLEE_PURGE_ON_START: '0' }, 'resume');
  return { stopped, resumed };
}
