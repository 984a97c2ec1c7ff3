// The run, end to end: input, the user's Notion and the operator's YouTube through auth-gate,
// one of the two modes, then dataset, OUTPUT, the run page's summary and the charge. Every
// expected failure ends with one clear message (status message, run page, Actor.fail) and no
// stack trace; only unexpected errors log one. Each step's result is recorded in the run's default
// key-value store before the next starts, so the rerun after an Apify migration resumes there.

import {
  ActionableError,
  runGatedActor,
  type AuthGate,
  type GatedResult,
  type GatedRun,
  type Progress,
} from '@repo/auth-gate';
import { NotionClient } from '@repo/notion-client';
import { Actor, log } from 'apify';
import { randomUUID } from 'node:crypto';
import { connectorSpecs, type Connectors } from './accounts.js';
import { runAgent } from './agent-run.js';
import { ANTHROPIC_MAX_RETRIES, anthropicCallModel } from './anthropic-client.js';
import { ExpectedFailure } from './errors.js';
import { MIN_YOUTUBE_QUOTA_UNITS, parseInput, type ActorInput } from './input.js';
import {
  DAILY_QUOTA_STORE,
  DailyQuotaLedger,
  dailyUnitsLimit,
  grantRunUnits,
  minimumResearchUnits,
} from './research/index.js';
import { StepLog, type RunOutput, type YoutubeQuotaReport } from './run-output.js';
import {
  journalRecorder,
  progressFingerprint,
  PROGRESS_KEY,
  RUN_STEPS,
  type RunProgress,
  type RunStep,
  type StepRecorder,
} from './run-progress.js';
import { runStructured, type ModeDeps, type ModeResult } from './structured-run.js';

export const PAGE_TITLE = 'Notion YouTube Research Agent';

export async function runActor(): Promise<void> {
  await runGatedActor(
    {
      connectors: connectorSpecs(process.env),
      page: { title: PAGE_TITLE },
      input: (raw) => parseInput(raw, process.env),
    },
    research,
  );
}

/** One run for the user who started it: the quota, the accounts, one of the two modes, the result stored once. */
async function research({ input: parsed, gate, openJournal }: GatedRun<Connectors, ActorInput>): Promise<GatedResult> {
  const journal = await openJournal<RunStep, RunProgress>({
    key: PROGRESS_KEY,
    steps: RUN_STEPS,
    fingerprint: progressFingerprint(parsed, gate.identity.userIdentifier),
  });
  const recorder = journalRecorder(journal);
  // Before any consent or YouTube call: a user whose daily share is spent learns it at once.
  const quota = await openDailyQuota(parsed, gate);
  const input = { ...parsed, youtubeQuotaUnits: quota.granted };
  const { notion, youtube } = await gate.connect(['notion', 'youtube']);
  // Reserved once the accounts are there: a run that dies while spending keeps it counted.
  await quota.reserve();
  const steps = new StepLog((text) => gate.step(text));
  steps.add(
    input.mode === 'agent' ? 'Connected Notion and YouTube; starting the Claude agent' : 'Connected Notion and YouTube',
  );
  const deps: ModeDeps = {
    notion: new NotionClient(notion),
    notionTools: notion,
    youtube,
    steps,
    // The status message is a courtesy; a failed update must not fail the run.
    progress: (progress: Progress) => gate.progress(progress).catch(() => undefined),
    roundTrips: () => gate.metrics().scalekitRoundTrips,
    now: () => new Date(),
    recorder,
  };
  if (journal.resumed)
    steps.add(`Resumed after a restart, past the step "${journal.step ?? ''}": nothing done before is done again`);

  let result: ModeResult;
  const ready = recorder.valueOf<ReadyResult>('result-ready');
  if (ready !== undefined) {
    result = ready.result;
  } else if (input.mode === 'agent') {
    // The agent's conversation is lost with the run's memory; rerunning it after it began writing
    // could write a second section, so the rerun stops and says so instead.
    if (recorder.reached('agent-wrote')) throw new RestartedDuringAgentWrite();
    await recorder.record('agent-started', true);
    const outcome = await runAgent(input, {
      ...deps,
      callModel: anthropicCallModel(input.anthropicApiKey, process.env),
      modelRetries: ANTHROPIC_MAX_RETRIES,
      chargeToolCall: async () => (await Actor.charge({ eventName: 'tool-call' })).eventChargeLimitReached,
    });
    if (!outcome.ok) {
      const youtubeQuota = await quota.settle(outcome.output.quotaUnitsUsed);
      // OUTPUT first: reportFailure may replace it with AWAITING_AUTH or OPERATOR_ACTION_REQUIRED.
      await Actor.setValue('OUTPUT', { ...outcome.output, youtubeQuota });
      throw outcome.error;
    }
    const { ok: _ok, ...done } = outcome;
    result = done;
  } else {
    result = await runStructured(input, deps);
  }
  if (ready === undefined)
    await recorder.record('result-ready', { result, datasetBefore: await datasetCount() } satisfies ReadyResult);
  const youtubeQuota = await quota.settle(result.output.quotaUnitsUsed);
  return finish(gate, recorder, {
    ...result,
    output: { ...result.output, youtubeQuota },
    summary: `${result.summary} YouTube quota: ${youtubeQuota.usedUnits} units this run; ${youtubeQuota.usedTodayUnits} of your ${youtubeQuota.dailyLimitUnits} today (UTC).`,
  });
}

interface RunQuota {
  /** Units this run may spend: the input's budget, cut to what is left of the user's day. */
  granted: number;
  reserve(): Promise<void>;
  /** Records what the run spent; returns the figures for OUTPUT. */
  settle(usedUnits: number): Promise<YoutubeQuotaReport>;
}

/** The daily share of the shared YouTube project, keyed by the run's identity (never by input). */
async function openDailyQuota(input: ActorInput, gate: AuthGate<Connectors>): Promise<RunQuota> {
  const dailyLimit = dailyUnitsLimit(process.env);
  const ledger = await DailyQuotaLedger.open(await Actor.openKeyValueStore(DAILY_QUOTA_STORE), {
    identifier: gate.identity.userIdentifier,
    runId: Actor.getEnv().actorRunId ?? `local-${randomUUID()}`,
    now: new Date(),
  });
  const usedToday = ledger.usedToday();
  const minimum =
    input.mode === 'structured'
      ? minimumResearchUnits({ topic: input.topic, count: input.channelCount })
      : MIN_YOUTUBE_QUOTA_UNITS;
  const grant = grantRunUnits({ requested: input.youtubeQuotaUnits, dailyLimit, usedToday, minimum });
  if ('refused' in grant) throw new ExpectedFailure('YOUTUBE_DAILY_QUOTA_EXHAUSTED', grant.refused);
  if (grant.granted < input.youtubeQuotaUnits) {
    log.info(
      `YouTube quota: ${grant.granted} units for this run (${usedToday} of your ${dailyLimit} daily units already used).`,
    );
  }
  return {
    granted: grant.granted,
    reserve: () => ledger.reserve(grant.granted),
    async settle(usedUnits) {
      await ledger.settle(usedUnits);
      return {
        usedUnits,
        runBudgetUnits: grant.granted,
        usedTodayUnits: ledger.usedToday() + usedUnits,
        dailyLimitUnits: dailyLimit,
      };
    },
  };
}

interface ReadyResult {
  result: ModeResult;
  /** Items the default dataset held before this run pushed any. */
  datasetBefore: number;
}

class RestartedDuringAgentWrite extends ActionableError {
  constructor() {
    super(
      'RESTARTED_DURING_AGENT_WRITE',
      'Apify restarted this run (a migration) after the Claude agent had begun writing to Notion. The agent is not started ' +
        'again, so that no second section is written: check the Notion page, and start a new run if something is missing.',
    );
  }
}

async function datasetCount(): Promise<number> {
  return (await (await Actor.openDataset()).getInfo())?.itemCount ?? 0;
}

/** Stores the result once (items, OUTPUT) and charges once; a rerun after a migration skips what was done. */
async function finish(gate: AuthGate<Connectors>, recorder: StepRecorder, result: ModeResult): Promise<GatedResult> {
  const output: RunOutput = { ...result.output, roundTrips: gate.metrics().scalekitRoundTrips };
  if (!recorder.reached('stored')) {
    // Items go in in order: those already in the dataset (a push cut short) are not pushed again.
    const before = recorder.valueOf<ReadyResult>('result-ready')?.datasetBefore ?? 0;
    const missing = result.items.slice(Math.min(result.items.length, Math.max(0, (await datasetCount()) - before)));
    if (missing.length > 0) await Actor.pushData(missing);
    await Actor.setValue('OUTPUT', output);
    await recorder.record('stored', true);
  }
  if (!recorder.reached('charging')) {
    // Recorded before charging: after a stop right here the rerun charges nothing rather than twice.
    await recorder.record('charging', true);
    if (result.completed) await Actor.charge({ eventName: 'task-completed' });
  }
  return { summary: result.summary, links: result.links };
}
