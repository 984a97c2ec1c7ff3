// The one way to start a gated Actor run: init, input, the gate, the Actor's own work, then a
// clean end either way (summary and exit, or one message, the run page and OUTPUT, and fail).

import { Actor, log } from 'apify';
import type { z } from 'zod';
import type { ConnectedHandles } from '../core/connector-handle.js';
import { readActorInput } from './actor-input.js';
import { createAuthGate, type AuthGate, type AuthGateOptions } from './gate.js';
import { parseInputWith } from './input-schema.js';
import { isExpectedFailure, runFailureMessage } from './run-failure.js';
import { RunJournal, type RunJournalOptions } from './run-journal.js';
import type { SummaryLink } from './run-page-state.js';

export interface GatedActorOptions<K extends string, I, S extends K> extends Omit<AuthGateOptions<K>, 'runtime'> {
  /**
   * The run's input: a zod schema (its defaults apply; every bad field in one message), or a
   * parser for rules a schema does not hold (across fields, from the environment, checks that
   * need the network). Either throws an `InputError`; it runs before any account is touched.
   */
  input: z.ZodType<I> | ((raw: unknown) => I | Promise<I>);
  /** Connected before the work starts (consent on the live-view page when needed); default none. */
  connect?: readonly S[];
}

export interface GatedRun<K extends string, I, S extends K = never> {
  input: I;
  gate: AuthGate<K>;
  /** The handles of `options.connect`; other connectors: `gate.connect([...])` when the work is ready for them. */
  handles: ConnectedHandles<S>;
  /**
   * The run's journal of completed steps (see RunJournal), for Actors that survive a migration;
   * closed when the run ends.
   */
  openJournal: <Step extends string, State extends object>(
    options: RunJournalOptions<Step>,
  ) => Promise<RunJournal<Step, State>>;
}

/** How the work ended well: the run page's summary, its links, and the run's exit message. */
export interface GatedResult {
  summary: string;
  links?: SummaryLink[];
}

/**
 * Runs an Actor whose work needs connected accounts. A failure of the input or of the gate's
 * creation fails the run at once (nothing was touched); a failure of the work goes through
 * `gate.reportFailure` (run page, status message, OUTPUT for a consent timeout) and `Actor.fail`,
 * with the one message `runFailureMessage` gives. A run that succeeds ends with its summary.
 */
export async function runGatedActor<K extends string, I, S extends K = never>(
  options: GatedActorOptions<K, I, S>,
  work: (run: GatedRun<K, I, S>) => Promise<GatedResult>,
): Promise<void> {
  await Actor.init();
  const { input: inputSpec, connect, ...gateOptions } = options;

  let input: I;
  let gate: AuthGate<K>;
  try {
    const raw = await readActorInput();
    input = typeof inputSpec === 'function' ? await inputSpec(raw) : parseInputWith(inputSpec, raw);
    gate = await createAuthGate<K>(gateOptions);
  } catch (error) {
    // Nothing has been written and no account touched yet.
    const message = runFailureMessage(error);
    if (!isExpectedFailure(error))
      log.exception(error instanceof Error ? error : new Error(message), 'Unexpected failure');
    await Actor.fail(message);
    return;
  }

  const journals: RunJournal<string, object>[] = [];
  const openJournal = async <Step extends string, State extends object>(journalOptions: RunJournalOptions<Step>) => {
    const journal = await RunJournal.open<Step, State>(journalOptions);
    journals.push(journal);
    return journal;
  };
  try {
    const handles =
      connect === undefined || connect.length === 0 ? ({} as ConnectedHandles<S>) : await gate.connect(connect);
    const result = await work({ input, gate, handles, openJournal });
    await gate.finish({ summary: result.summary, links: result.links ?? [] });
    log.info(result.summary);
    await gate.close();
    for (const journal of journals) journal.close();
    await Actor.exit(result.summary);
  } catch (error) {
    const message = await gate.reportFailure(error);
    await gate.close();
    for (const journal of journals) journal.close();
    await Actor.fail(message);
  }
}
