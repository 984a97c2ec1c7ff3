// A write-ahead record of a run's completed steps in the run's default key-value store, so that
// the rerun after an Apify migration (new server, empty memory, same default storages) resumes
// after the last completed step instead of redoing work that already left the run: mail sent,
// blocks appended, items pushed. A new run starts with an empty default store, so it starts afresh.

import { Actor, log } from 'apify';

/**
 * Test only: after recording the step (or passing the checkpoint) of this name, the process exits
 * at once with TEST_STOP_EXIT_CODE, as a run killed by a migration right there would. Ignored on
 * the Apify platform, so no environment there can cut a run short.
 */
export const STOP_AFTER_STEP_VARIABLE = 'ACTOR_TEST_STOP_AFTER_STEP';
export const TEST_STOP_EXIT_CODE = 86;

interface StoredJournal<Step extends string, S> {
  version: 1;
  /** What the run was for (a hash of input and identity): a record of another job is not resumed. */
  fingerprint: string;
  step: Step;
  state: S;
}

export interface RunJournalOptions<Step extends string> {
  /** Record key in the default key-value store. */
  key: string;
  /** The steps in their order; `reached` compares against it. */
  steps: readonly Step[];
  fingerprint: string;
}

/**
 * Each step's result is recorded (awaited) before the next step starts. Steps with an outside
 * effect record their intent first and their result after, so a rerun that finds an intent
 * without a result knows to check the provider before acting again.
 */
export class RunJournal<Step extends string, S extends object> {
  /** Whether this run is a rerun (after a migration or restart) of a job that had completed steps. */
  readonly resumed: boolean;
  #current: { step: Step; state: S } | null;
  #pending: Promise<void> = Promise.resolve();
  readonly #onInterrupt: () => Promise<void>;

  private constructor(
    private readonly options: RunJournalOptions<Step>,
    resumed: { step: Step; state: S } | null,
  ) {
    this.#current = resumed;
    this.resumed = resumed !== null;
    // Nothing to add at a migration: every completed step is already stored. Awaiting the write in
    // flight makes the SDK's reboot (which awaits these listeners) wait for it.
    this.#onInterrupt = async () => {
      await this.#pending;
      log.info(
        `Run state is saved${this.#current ? ` after the step "${this.#current.step}"` : ''}; a restarted run resumes from there.`,
      );
    };
    Actor.on('migrating', this.#onInterrupt);
    Actor.on('aborting', this.#onInterrupt);
  }

  static async open<Step extends string, S extends object>(
    options: RunJournalOptions<Step>,
  ): Promise<RunJournal<Step, S>> {
    const raw = await Actor.getValue<StoredJournal<Step, S>>(options.key);
    let resumed: { step: Step; state: S } | null = null;
    if (raw !== null && typeof raw === 'object' && raw.version === 1 && options.steps.includes(raw.step)) {
      if (raw.fingerprint === options.fingerprint) {
        resumed = { step: raw.step, state: raw.state };
        log.info(`Resuming a restarted run after its step "${raw.step}".`);
      } else {
        log.info('This storage holds the progress of a run with another input or user; starting afresh.');
      }
    }
    return new RunJournal(options, resumed);
  }

  get step(): Step | null {
    return this.#current?.step ?? null;
  }

  get state(): S | null {
    return this.#current?.state ?? null;
  }

  /** Whether `step` (or a later one) was completed. */
  reached(step: Step): boolean {
    const current = this.#current?.step;
    return current !== undefined && this.options.steps.indexOf(current) >= this.options.steps.indexOf(step);
  }

  /** Stores a completed step with the state later steps need; resolves once it is stored. */
  async record(step: Step, state: S): Promise<void> {
    this.#current = { step, state };
    const stored: StoredJournal<Step, S> = { version: 1, fingerprint: this.options.fingerprint, step, state };
    const write = this.#pending.then(() => Actor.setValue(this.options.key, stored));
    this.#pending = write.catch(() => undefined);
    await write;
    this.checkpoint(step);
  }

  /** The test-only stop (STOP_AFTER_STEP_VARIABLE) at a point that is not a recorded step. */
  checkpoint(name: string): void {
    if (Actor.isAtHome() || process.env[STOP_AFTER_STEP_VARIABLE] !== name) return;
    log.warning(`${STOP_AFTER_STEP_VARIABLE}=${name}: stopping here, as a migration would (test only).`);
    process.exit(TEST_STOP_EXIT_CODE);
  }

  close(): void {
    Actor.off('migrating', this.#onInterrupt);
    Actor.off('aborting', this.#onInterrupt);
  }
}
