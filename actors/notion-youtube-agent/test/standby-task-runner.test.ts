// How a Standby task ends when its accounts fail mid-way: what the caller reads in the task
// record (something to act on, or nothing internal) and what the operator reads in the log.

import { ConnectorAuthorizationRequiredError } from '@repo/auth-gate/standby';
import { describe, expect, it } from 'vitest';
import { parseTaskRequest } from '../src/standby/task-request.js';
import { runTask, type CallHandle, type TaskRunnerDeps } from '../src/standby/task-runner.js';
import { TaskStore, type TaskRecord } from '../src/standby/task-store.js';

const OWNER = 'c'.repeat(24);

/** A Notion whose every request fails with `error`; YouTube is never reached before Notion. */
function failingNotion(error: Error): { notion: CallHandle; youtube: CallHandle } {
  const fail = (): Promise<never> => Promise.reject(error);
  return { notion: { tool: fail, request: fail }, youtube: { tool: fail, request: fail } };
}

async function run(error: Error): Promise<{ task: TaskRecord; store: TaskStore; logged: string[]; pushed: number }> {
  const store = new TaskStore({ maxKeptTasks: 10, maxRunningTasksPerCaller: 1 });
  const reservation = store.reserve(OWNER);
  if (!reservation.ok) throw new Error('refused');
  const task = reservation.open('structured');
  const logged: string[] = [];
  let pushed = 0;
  const deps: TaskRunnerDeps = {
    store,
    pushItems: () => {
      pushed += 1;
      return Promise.resolve();
    },
    charge: () => Promise.resolve(false),
    callModel: () => () => Promise.reject(new Error('no model in this test')),
    modelRetries: 0,
    log: { info: (message) => logged.push(message), error: (message) => logged.push(message) },
    now: () => new Date('2026-11-25T09:00:00Z'),
  };
  const input = parseTaskRequest(
    { topic: 'python tutorial', parentPage: 'Research' },
    { anthropicApiKey: undefined, maxYoutubeQuotaUnits: 1000 },
  );
  await runTask(task, input, failingNotion(error), deps);
  return { task, store, logged, pushed };
}

describe('runTask failures', () => {
  it("a Notion connection lost mid-task: FAILED with where to reconnect, and the caller's slot is free again", async () => {
    const { task, store, pushed } = await run(
      new ConnectorAuthorizationRequiredError([{ connector: 'notion', status: 'EXPIRED' }]),
    );

    expect(task.status).toBe('FAILED');
    expect(task.error).toMatchObject({ code: 'authorization_required', connect: '/connect/notion' });
    expect(task.error!.message).toContain('notion (EXPIRED)');
    expect(task.progress).toMatchObject({ done: 0, label: 'finding the Notion page' });
    expect(pushed).toBe(0);
    expect(store.reserve(OWNER).ok).toBe(true);
  });

  it("an unexpected error: the caller reads no internals, the operator's log has the error", async () => {
    const { task, logged } = await run(new TypeError('Cannot read properties of undefined (reading "results")'));

    expect(task.status).toBe('FAILED');
    expect(task.error).toEqual({
      code: 'internal_error',
      message: 'The task failed unexpectedly; the operator can find the details in the server log.',
    });
    expect(logged).toEqual([
      `Task ${task.id} failed unexpectedly: TypeError: Cannot read properties of undefined (reading "results")`,
    ]);
  });
});
