// The Actor started in Standby mode: one long-lived HTTP server on the container port, serving
// many callers, each identified by their own API key (auth-gate's Standby gate), each task acting
// in the caller's own Notion and the operator's shared YouTube. Logs hold task ids and hashed
// caller references only: never a key, a token or a consent link.

import { createServer, type Server } from 'node:http';
import { AuthGateError } from '@repo/auth-gate';
import { createStandbyGate, type StandbyGate } from '@repo/auth-gate/standby';
import { Actor, log } from 'apify';
import { connectorSpecs, type Connectors } from '../accounts.js';
import { ANTHROPIC_MAX_RETRIES, anthropicCallModel } from '../anthropic-client.js';
import { sendError } from './http-io.js';
import { createStandbyApi } from './standby-api.js';
import { StandbyConfigError, standbyLimitsFromEnv, type StandbyLimits } from './standby-config.js';
import { runTask, type TaskRunnerDeps } from './task-runner.js';
import { TaskStore, type TaskArchive } from './task-store.js';

/** The named key-value store keeping task records for every Standby run of the Actor. */
export const TASK_STORE_VARIABLE = 'STANDBY_TASK_STORE';
const DEFAULT_TASK_STORE = 'notion-youtube-agent-tasks';
/** On shutdown, running tasks get this long to finish before they are marked failed. */
const STOP_GRACE_MS = 10_000;
/** The SDK's defaults for both, which it always fills in; the types just do not say so. */
const DEFAULT_CONTAINER_PORT = 4321;

async function openTaskArchive(name: string): Promise<TaskArchive> {
  const store = await Actor.openKeyValueStore(name);
  return {
    save: (record) => store.setValue(record.id, record),
    load: (id) => store.getValue(id),
    // A null value deletes the record.
    remove: (id) => store.setValue(id, null),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function runStandby(): Promise<void> {
  // The SDK's own handlers would exit or reboot at once; this server first settles its tasks.
  await Actor.init({ gracefulShutdown: false });

  let limits: StandbyLimits;
  let gate: StandbyGate<Connectors>;
  try {
    limits = standbyLimitsFromEnv(process.env);
    // The consent and verify routes must reach this very run (the link's state and its browser
    // binding live in its memory) without an Apify token (a browser follows them): the run's
    // container URL, not the Standby URL.
    const containerUrl = (Actor.config.get('containerUrl') ?? `http://localhost:${DEFAULT_CONTAINER_PORT}`).replace(
      /\/+$/,
      '',
    );
    gate = createStandbyGate<Connectors>({ connectors: connectorSpecs(process.env), publicUrl: containerUrl });
  } catch (error) {
    if (error instanceof StandbyConfigError || error instanceof AuthGateError) return Actor.fail(error.message);
    throw error;
  }

  const storeName = process.env[TASK_STORE_VARIABLE]?.trim() || DEFAULT_TASK_STORE;
  const store = new TaskStore({
    maxKeptTasks: limits.maxKeptTasks,
    maxRunningTasksPerCaller: limits.maxRunningTasksPerCaller,
    archive: await openTaskArchive(storeName),
    onArchiveError: (error) =>
      log.warning(
        `Could not update the task store "${storeName}": ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
  const anthropicApiKey = process.env['ANTHROPIC_API_KEY']?.trim() || undefined;

  const runnerDeps: TaskRunnerDeps = {
    store,
    pushItems: async (items) => {
      await Actor.pushData(items);
    },
    charge: async (eventName) => (await Actor.charge({ eventName })).eventChargeLimitReached,
    callModel: (apiKey) => anthropicCallModel(apiKey, process.env),
    modelRetries: ANTHROPIC_MAX_RETRIES,
    log,
    now: () => new Date(),
  };
  const work = new Set<Promise<void>>();

  const api = createStandbyApi({
    gate,
    store,
    limits,
    anthropicApiKey,
    start: (task, input, handles) => {
      log.info(`Task ${task.id} (${task.mode}) started for caller ${task.owner}`);
      const done = runTask(task, input, handles, runnerDeps).then(() =>
        log.info(`Task ${task.id} ended: ${task.status}`),
      );
      work.add(done);
      void done.finally(() => work.delete(done));
    },
    log,
  });

  const server = createServer((req, res) => {
    api(req, res).catch((error: unknown) => {
      // Only the error's class and message: request headers (the key) are never logged.
      // A consent link's ticket is a capability: its path is logged without it.
      const path = new URL(req.url ?? '/', 'http://standby.invalid').pathname.replace(/^\/consent\/.*/, '/consent/…');
      log.error(
        `Request ${req.method ?? ''} ${path} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      );
      if (res.headersSent) res.destroy();
      else
        sendError(res, 500, {
          error: 'internal_error',
          message: 'The request failed unexpectedly; the operator can find the details in the server log.',
        });
    });
  });
  const port = Actor.config.get('containerPort') ?? DEFAULT_CONTAINER_PORT;
  await listen(server, port);
  log.info(
    `Standby: the task API listens on port ${port}${anthropicApiKey ? '' : ' (free-text tasks are off: ANTHROPIC_API_KEY is not set)'}.`,
  );
  await Actor.setStatusMessage('Serving the task API (Standby mode)');

  let stopping = false;
  const stop = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info(`Standby: stopping (${why}).`);
    server.close();
    server.closeIdleConnections();
    await Promise.race([
      Promise.allSettled([...work]),
      new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref()),
    ]);
    for (const task of store.running()) {
      store.finish(task, {
        status: 'FAILED',
        error: {
          code: 'server_stopped',
          message:
            'The server stopped before the task finished (anything already written to Notion stays). Send the task again.',
        },
      });
    }
    await store.flush();
    await Actor.exit('The Standby server stopped.');
  };
  // aborting: the platform stops an idle Standby run; migrating: the run moves to another worker,
  // and the platform starts a fresh Standby run for the next requests.
  Actor.on('aborting', () => void stop('aborting'));
  Actor.on('migrating', () => void stop('migrating'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
