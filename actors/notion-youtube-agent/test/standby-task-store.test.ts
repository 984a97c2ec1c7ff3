// The Standby server's task records: per-caller running limit, the cap on kept records, owner-only
// reads, and the archive that lets another Standby run of the Actor answer GET /tasks/{id}.

import { describe, expect, it } from 'vitest';
import { TaskStore, type TaskArchive, type TaskRecord } from '../src/standby/task-store.js';

const ALICE = 'a'.repeat(24);
const BOB = 'b'.repeat(24);

let counter = 0;
/** Task ids as the store makes them (UUIDs), predictable for the test. */
const nextId = (): string => `00000000-0000-4000-8000-${String((counter += 1)).padStart(12, '0')}`;

class MemoryArchive implements TaskArchive {
  readonly records = new Map<string, TaskRecord>();
  readonly loads: string[] = [];
  /** When set, the next save waits for it: a slow store. */
  gate: Promise<void> | undefined;

  async save(record: TaskRecord): Promise<void> {
    const gate = this.gate;
    this.gate = undefined;
    if (gate) await gate;
    this.records.set(record.id, structuredClone(record));
  }

  load(id: string): Promise<unknown> {
    this.loads.push(id);
    return Promise.resolve(this.records.get(id) ?? null);
  }

  remove(id: string): Promise<void> {
    this.records.delete(id);
    return Promise.resolve();
  }
}

function store(
  options: { maxKeptTasks?: number; maxRunningTasksPerCaller?: number; archive?: TaskArchive } = {},
): TaskStore {
  return new TaskStore({
    maxKeptTasks: options.maxKeptTasks ?? 10,
    maxRunningTasksPerCaller: options.maxRunningTasksPerCaller ?? 1,
    newId: nextId,
    ...(options.archive ? { archive: options.archive } : {}),
  });
}

function open(tasks: TaskStore, owner: string): TaskRecord {
  const reservation = tasks.reserve(owner);
  if (!reservation.ok) throw new Error(`refused: ${reservation.reason}`);
  return reservation.open('structured');
}

describe('TaskStore', () => {
  it('holds each caller to their running limit, counting reservations, and frees the slot on finish or cancel', () => {
    const tasks = store({ maxRunningTasksPerCaller: 1 });

    const first = tasks.reserve(ALICE);
    const second = tasks.reserve(ALICE);
    const bob = tasks.reserve(BOB);
    expect(first.ok).toBe(true);
    expect(second).toEqual({ ok: false, reason: 'too_many_tasks' });
    expect(bob.ok).toBe(true);

    if (!first.ok) return;
    first.cancel();
    expect(() => first.open('structured')).toThrow('already used');
    const task = open(tasks, ALICE);
    expect(tasks.reserve(ALICE).ok).toBe(false);
    tasks.finish(task, { status: 'SUCCEEDED', summary: 'done' });
    expect(tasks.reserve(ALICE).ok).toBe(true);
  });

  it('a task is visible to its owner only; an id that is not a task id is not looked up anywhere', async () => {
    const archive = new MemoryArchive();
    const tasks = store({ archive });
    const task = open(tasks, ALICE);

    expect(await tasks.get(task.id, ALICE)).toBe(task);
    expect(await tasks.get(task.id, BOB)).toBeUndefined();
    expect(await tasks.get('../OUTPUT', ALICE)).toBeUndefined();
    expect(archive.loads).toEqual([]);
    expect(tasks.list(BOB)).toEqual([]);
  });

  it('keeps at most maxKeptTasks records: the oldest finished ones go (also from the archive); when all run, it is busy', async () => {
    const archive = new MemoryArchive();
    const tasks = store({ maxKeptTasks: 2, maxRunningTasksPerCaller: 5, archive });
    const oldest = open(tasks, ALICE);
    const newer = open(tasks, ALICE);
    tasks.finish(newer, { status: 'SUCCEEDED' });
    tasks.finish(oldest, { status: 'FAILED' });

    const third = open(tasks, ALICE);
    await tasks.flush();
    expect(await tasks.get(oldest.id, ALICE)).toBeUndefined();
    expect(archive.records.has(oldest.id)).toBe(false);
    expect(await tasks.get(newer.id, ALICE)).toBe(newer);

    const fourth = open(tasks, BOB);
    await tasks.flush();
    expect(await tasks.get(newer.id, ALICE)).toBeUndefined();
    expect(tasks.reserve(BOB)).toEqual({ ok: false, reason: 'server_busy' });
    tasks.finish(third, { status: 'SUCCEEDED' });
    expect(tasks.reserve(BOB).ok).toBe(true);
    expect(fourth.status).toBe('RUNNING');
  });

  it('another Standby run reads a finished task from the shared archive, for its owner only, in its final state even when a write was slow', async () => {
    const archive = new MemoryArchive();
    const here = store({ archive });
    let release!: () => void;
    archive.gate = new Promise((resolve) => (release = resolve));
    const task = open(here, ALICE);
    task.steps.push('Notion page found: "YouTube research"');
    here.finish(task, { status: 'SUCCEEDED', summary: 'Wrote 3 channels', notionPageUrl: 'https://notion.so/page' });
    release();
    await here.flush();

    const elsewhere = store({ archive });
    const read = await elsewhere.get(task.id, ALICE);
    expect(read).toMatchObject({
      id: task.id,
      status: 'SUCCEEDED',
      summary: 'Wrote 3 channels',
      notionPageUrl: 'https://notion.so/page',
      steps: ['Notion page found: "YouTube research"'],
    });
    expect(await elsewhere.get(task.id, BOB)).toBeUndefined();
  });

  it('a finished task stays as it ended: a late outcome (the task ending after a shutdown failed it) changes nothing, nor frees a slot twice', () => {
    const tasks = store({ maxRunningTasksPerCaller: 2 });
    const task = open(tasks, ALICE);
    open(tasks, ALICE);
    tasks.finish(task, { status: 'FAILED', error: { code: 'server_stopped', message: 'stopped' } });
    tasks.finish(task, { status: 'SUCCEEDED', summary: 'late' });

    expect(task).toMatchObject({ status: 'FAILED', summary: null, error: { code: 'server_stopped' } });
    expect(tasks.reserve(ALICE).ok).toBe(true);
    expect(tasks.reserve(ALICE)).toEqual({ ok: false, reason: 'too_many_tasks' });
  });
});
