// One Standby task, start to end: the same structured research or Claude agent as a normal run,
// on the caller's own Notion and the operator's YouTube, with progress going into the task record
// instead of a live-view page. Never throws: every end, good or bad, is written to the record.

import { AuthGateError, type ConnectorHandle } from '@repo/auth-gate';
import { ConnectorAuthorizationRequiredError } from '@repo/auth-gate/standby';
import { NotionClient } from '@repo/notion-client';
import type { CallModel } from '../agent/index.js';
import { runAgent } from '../agent-run.js';
import { ExpectedFailure } from '../errors.js';
import type { ActorInput } from '../input.js';
import { StepLog, type ChannelItem } from '../run-output.js';
import { runStructured, type ModeDeps, type ModeResult } from '../structured-run.js';
import type { TaskError, TaskRecord, TaskStore } from './task-store.js';

export type CallHandle = Pick<ConnectorHandle, 'tool' | 'request'>;

export interface TaskHandles {
  notion: CallHandle;
  youtube: CallHandle;
}

/** A dataset item of a Standby task: the channel, the task, and the caller's reference (never a key). */
export interface StandbyChannelItem extends ChannelItem {
  taskId: string;
  callerRef: string;
}

export interface TaskRunnerDeps {
  store: Pick<TaskStore, 'finish'>;
  pushItems: (items: StandbyChannelItem[]) => Promise<void>;
  /** Pay-per-event; resolves to true when the run's spending limit is reached. */
  charge: (eventName: 'task-completed' | 'tool-call') => Promise<boolean>;
  callModel: (apiKey: string) => CallModel;
  modelRetries: number;
  log: { info: (message: string) => void; error: (message: string) => void };
  now: () => Date;
}

/** Counts the task's own Scalekit calls: the gate's metrics are shared by every caller. */
function counted(handle: CallHandle, count: () => void): CallHandle {
  return {
    tool: <T = Record<string, unknown>>(name: string, input?: Record<string, unknown>) => {
      count();
      return handle.tool<T>(name, input);
    },
    request: <T = unknown>(call: Parameters<CallHandle['request']>[0]) => {
      count();
      return handle.request<T>(call);
    },
  };
}

const CONNECT_PATH = '/connect/notion';

/** What the caller is told about a failure; messages of expected failures say what to do. */
export function taskError(error: unknown): TaskError | undefined {
  if (error instanceof ConnectorAuthorizationRequiredError) {
    return { code: 'authorization_required', message: error.message, connect: CONNECT_PATH };
  }
  if (error instanceof AuthGateError) return { code: error.code.toLowerCase(), message: error.message };
  return undefined;
}

export async function runTask(
  task: TaskRecord,
  input: ActorInput,
  handles: TaskHandles,
  deps: TaskRunnerDeps,
): Promise<void> {
  let roundTrips = 0;
  const count = (): void => {
    roundTrips += 1;
  };
  const notion = counted(handles.notion, count);
  const youtube = counted(handles.youtube, count);
  const steps = new StepLog((text) => task.steps.push(text));
  const modeDeps: ModeDeps = {
    notion: new NotionClient(notion),
    notionTools: notion,
    youtube,
    steps,
    progress: (progress) => {
      task.progress = progress;
      return Promise.resolve();
    },
    roundTrips: () => roundTrips,
    now: deps.now,
  };

  try {
    let result: ModeResult;
    if (input.mode === 'agent') {
      const outcome = await runAgent(input, {
        ...modeDeps,
        callModel: deps.callModel(input.anthropicApiKey),
        modelRetries: deps.modelRetries,
        chargeToolCall: () => deps.charge('tool-call'),
      });
      if (!outcome.ok) {
        deps.store.finish(task, {
          status: 'FAILED',
          result: outcome.output,
          notionPageUrl: outcome.output.notionPageUrl,
          error: describe(task, outcome.error, deps),
        });
        return;
      }
      result = outcome;
    } else {
      result = await runStructured(input, modeDeps);
    }
    // The section is in Notion by now: a dataset or charging failure is the operator's to see in
    // the log, not a FAILED task that the caller would send again (and get a second section).
    await bestEffort(task, 'push the channels to the dataset', deps, async () => {
      if (result.items.length > 0)
        await deps.pushItems(result.items.map((item) => ({ ...item, taskId: task.id, callerRef: task.owner })));
    });
    if (result.completed)
      await bestEffort(task, 'charge the task-completed event', deps, () => deps.charge('task-completed'));
    deps.store.finish(task, {
      status: 'SUCCEEDED',
      summary: result.summary,
      notionPageUrl: result.output.notionPageUrl,
      result: { ...result.output, roundTrips },
    });
  } catch (error) {
    deps.store.finish(task, { status: 'FAILED', error: describe(task, error, deps) });
  }
}

async function bestEffort(
  task: TaskRecord,
  what: string,
  deps: Pick<TaskRunnerDeps, 'log'>,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    deps.log.error(`Task ${task.id}: could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describe(task: TaskRecord, error: unknown, deps: Pick<TaskRunnerDeps, 'log'>): TaskError {
  const known = taskError(error);
  if (known !== undefined) {
    if (!(error instanceof ExpectedFailure)) deps.log.info(`Task ${task.id} failed: ${known.message}`);
    return known;
  }
  // Unexpected: the caller gets no internals; the operator's log gets the error's own words
  // (auth-gate's and the SDKs' errors carry no key, token or link).
  const name = error instanceof Error ? error.name : 'Error';
  deps.log.error(
    `Task ${task.id} failed unexpectedly: ${name}: ${error instanceof Error ? error.message : String(error)}`,
  );
  return {
    code: 'internal_error',
    message: 'The task failed unexpectedly; the operator can find the details in the server log.',
  };
}
