// The run, end to end: input, the user's Notion and the operator's YouTube through auth-gate,
// one of the two modes, then dataset, OUTPUT, the run page's summary and the charge. Every
// expected failure ends with one clear message (status message, run page, Actor.fail) and no
// stack trace; only unexpected errors log one.

import { AuthGateError, createAuthGate, readActorInput, type AuthGate, type Progress } from '@repo/auth-gate';
import { NotionClient } from '@repo/notion-client';
import { Actor, log } from 'apify';
import { connectorSpecs, type Connectors } from './accounts.js';
import { runAgent } from './agent-run.js';
import { ANTHROPIC_MAX_RETRIES, anthropicCallModel } from './anthropic-client.js';
import { errorMessage } from './errors.js';
import { parseInput, type ActorInput } from './input.js';
import { StepLog, type RunOutput } from './run-output.js';
import { runStructured, type ModeDeps, type ModeResult } from './structured-run.js';

export const PAGE_TITLE = 'Notion YouTube Research Agent';

export async function runActor(): Promise<void> {
  await Actor.init();

  let input: ActorInput;
  try {
    input = parseInput(await readActorInput(), process.env);
  } catch (error) {
    // Before the gate exists nothing has been written and no account touched.
    return fail(error);
  }

  let gate: AuthGate<Connectors>;
  try {
    gate = await createAuthGate<Connectors>({
      connectors: connectorSpecs(process.env),
      page: { title: PAGE_TITLE },
    });
  } catch (error) {
    return fail(error);
  }

  try {
    const { notion, youtube } = await gate.connect(['notion', 'youtube']);
    const steps = new StepLog((text) => gate.step(text));
    steps.add(input.mode === 'agent' ? 'Connected Notion and YouTube; starting the Claude agent' : 'Connected Notion and YouTube');
    const deps: ModeDeps = {
      notion: new NotionClient(notion),
      notionTools: notion,
      youtube,
      steps,
      // The status message is a courtesy; a failed update must not fail the run.
      progress: (progress: Progress) => gate.progress(progress).catch(() => undefined),
      roundTrips: () => gate.metrics().scalekitRoundTrips,
      now: () => new Date(),
    };

    let result: ModeResult;
    if (input.mode === 'agent') {
      const outcome = await runAgent(input, {
        ...deps,
        callModel: anthropicCallModel(input.anthropicApiKey, process.env),
        modelRetries: ANTHROPIC_MAX_RETRIES,
        chargeToolCall: async () => (await Actor.charge({ eventName: 'tool-call' })).eventChargeLimitReached,
      });
      if (!outcome.ok) {
        // OUTPUT first: reportFailure may replace it with AWAITING_AUTH or OPERATOR_ACTION_REQUIRED.
        await Actor.setValue('OUTPUT', outcome.output);
        throw outcome.error;
      }
      result = outcome;
    } else {
      result = await runStructured(input, deps);
    }
    await finish(gate, result);
  } catch (error) {
    const message = await gate.reportFailure(error);
    await gate.close();
    await Actor.fail(message);
  }
}

async function finish(gate: AuthGate<Connectors>, result: ModeResult): Promise<void> {
  const output: RunOutput = { ...result.output, roundTrips: gate.metrics().scalekitRoundTrips };
  if (result.items.length > 0) await Actor.pushData(result.items);
  await Actor.setValue('OUTPUT', output);
  if (result.completed) await Actor.charge({ eventName: 'task-completed' });
  await gate.finish({ summary: result.summary, links: result.links });
  log.info(result.summary);
  await gate.close();
  await Actor.exit(result.summary);
}

async function fail(error: unknown): Promise<void> {
  const message = error instanceof AuthGateError ? error.message : `The run failed: ${errorMessage(error)}`;
  if (!(error instanceof AuthGateError)) log.exception(error instanceof Error ? error : new Error(message), 'Unexpected failure');
  await Actor.fail(message);
}
