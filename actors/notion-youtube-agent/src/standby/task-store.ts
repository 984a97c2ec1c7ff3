// The tasks a Standby server holds: who owns each one, its progress and its result. Bounded on
// both axes a caller can push: running tasks per caller, and records kept in memory (the oldest
// finished ones go first). An optional archive keeps records beyond this process, because the
// platform may route a caller's GET /tasks/{id} to another Standby run of the same Actor.

import { randomUUID } from 'node:crypto';
import type { Progress } from '@repo/auth-gate';
import type { RunOutput } from '../run-output.js';

export type TaskStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';
export type TaskMode = 'structured' | 'agent';

export interface TaskError {
  /** Lower-case, as in every error body of the API (`authorization_required`, ...). */
  code: string;
  message: string;
  /** Where the caller gets a consent link, when connecting again fixes it. */
  connect?: string;
}

export interface TaskRecord {
  id: string;
  /** The caller reference (a hash, see callerRef) of the caller who created it. */
  owner: string;
  status: TaskStatus;
  mode: TaskMode;
  createdAt: string;
  finishedAt: string | null;
  progress: Progress | null;
  /** What the task did so far, one line each (the result has the details). */
  steps: string[];
  summary: string | null;
  notionPageUrl: string | null;
  /** As the OUTPUT record of a normal run; also kept for failed agent tasks (what was done before). */
  result: RunOutput | null;
  error: TaskError | null;
}

export interface TaskOutcome {
  status: Exclude<TaskStatus, 'RUNNING'>;
  summary?: string;
  notionPageUrl?: string | null;
  result?: RunOutput | null;
  error?: TaskError | null;
}

/** Where records outlive the process (a named key-value store on the platform). */
export interface TaskArchive {
  save(record: TaskRecord): Promise<void>;
  load(id: string): Promise<unknown>;
  remove(id: string): Promise<void>;
}

export type Reservation =
  | { ok: true; open: (mode: TaskMode) => TaskRecord; cancel: () => void }
  | { ok: false; reason: 'too_many_tasks' | 'server_busy' };

export interface TaskStoreOptions {
  maxKeptTasks: number;
  maxRunningTasksPerCaller: number;
  archive?: TaskArchive;
  /** An archive write or delete failed; the in-memory record is still served. */
  onArchiveError?: (error: unknown) => void;
  newId?: () => string;
  now?: () => Date;
}

/** Task ids are random UUIDs: unguessable, and valid key-value store keys. */
const TASK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isTaskId(value: string): boolean {
  return TASK_ID.test(value);
}

function isTaskRecord(value: unknown): value is TaskRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof TaskRecord, unknown>>;
  return (
    typeof record.id === 'string' &&
    typeof record.owner === 'string' &&
    typeof record.status === 'string' &&
    Array.isArray(record.steps)
  );
}

export class TaskStore {
  /** Insertion order is age order: eviction walks it from the oldest. */
  readonly #tasks = new Map<string, TaskRecord>();
  /** Running tasks and open reservations, per owner. */
  readonly #busy = new Map<string, number>();
  #reserved = 0;
  /** Archive writes, one after another, so a record's last state is the one that stays. */
  #writes: Promise<void> = Promise.resolve();
  readonly #newId: () => string;
  readonly #now: () => Date;

  constructor(private readonly options: TaskStoreOptions) {
    this.#newId = options.newId ?? randomUUID;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Holds a slot for a caller before anything slow happens (the account lookups), so concurrent
   * requests of one caller cannot all pass the limit. `open` makes the task, `cancel` frees the slot.
   */
  reserve(owner: string): Reservation {
    if ((this.#busy.get(owner) ?? 0) >= this.options.maxRunningTasksPerCaller)
      return { ok: false, reason: 'too_many_tasks' };
    if (!this.#makeRoom()) return { ok: false, reason: 'server_busy' };
    this.#busy.set(owner, (this.#busy.get(owner) ?? 0) + 1);
    this.#reserved += 1;
    let settled = false;
    const settle = (): void => {
      if (settled) throw new Error('this reservation was already used');
      settled = true;
      this.#reserved -= 1;
    };
    return {
      ok: true,
      open: (mode) => {
        settle();
        const task: TaskRecord = {
          id: this.#newId(),
          owner,
          status: 'RUNNING',
          mode,
          createdAt: this.#now().toISOString(),
          finishedAt: null,
          progress: null,
          steps: [],
          summary: null,
          notionPageUrl: null,
          result: null,
          error: null,
        };
        this.#tasks.set(task.id, task);
        this.#save(task);
        return task;
      },
      cancel: () => {
        settle();
        this.#release(owner);
      },
    };
  }

  finish(task: TaskRecord, outcome: TaskOutcome): void {
    if (task.status !== 'RUNNING') return;
    task.status = outcome.status;
    task.finishedAt = this.#now().toISOString();
    task.summary = outcome.summary ?? null;
    task.notionPageUrl = outcome.notionPageUrl ?? null;
    task.result = outcome.result ?? null;
    task.error = outcome.error ?? null;
    this.#release(task.owner);
    this.#save(task);
  }

  /** The task if this owner created it; anyone else gets undefined, as for an unknown id. */
  async get(id: string, owner: string): Promise<TaskRecord | undefined> {
    if (!isTaskId(id)) return undefined;
    const local = this.#tasks.get(id);
    if (local !== undefined) return local.owner === owner ? local : undefined;
    const archived = await this.options.archive?.load(id);
    return isTaskRecord(archived) && archived.id === id && archived.owner === owner ? archived : undefined;
  }

  /** This owner's tasks held by this process, newest first. */
  list(owner: string): TaskRecord[] {
    return [...this.#tasks.values()].filter((task) => task.owner === owner).reverse();
  }

  running(): TaskRecord[] {
    return [...this.#tasks.values()].filter((task) => task.status === 'RUNNING');
  }

  /** Resolves when every archive write issued so far has settled. */
  flush(): Promise<void> {
    return this.#writes;
  }

  #release(owner: string): void {
    const left = (this.#busy.get(owner) ?? 1) - 1;
    if (left > 0) this.#busy.set(owner, left);
    else this.#busy.delete(owner);
  }

  /** Frees a place for one more task by forgetting the oldest finished ones; false when all run. */
  #makeRoom(): boolean {
    for (const [id, task] of this.#tasks) {
      if (this.#tasks.size + this.#reserved < this.options.maxKeptTasks) break;
      if (task.status === 'RUNNING') continue;
      this.#tasks.delete(id);
      this.#archive((archive) => archive.remove(id));
    }
    return this.#tasks.size + this.#reserved < this.options.maxKeptTasks;
  }

  #save(task: TaskRecord): void {
    // A snapshot now: the live record keeps changing while the write waits its turn.
    const snapshot = structuredClone(task);
    this.#archive((archive) => archive.save(snapshot));
  }

  #archive(write: (archive: TaskArchive) => Promise<void>): void {
    const archive = this.options.archive;
    if (archive === undefined) return;
    // Requests do not wait for the archive (a slow store must not slow the API); flush() does.
    this.#writes = this.#writes
      .then(() => write(archive))
      .catch((error: unknown) => this.options.onArchiveError?.(error));
  }
}
