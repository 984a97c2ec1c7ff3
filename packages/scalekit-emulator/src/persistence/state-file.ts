import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Environment } from '../environment.js';
import { StateFileError, parseState, type SavedState } from './state-format.js';
import { captureState, restoreState } from './state-snapshot.js';

/** How long after a change the state is written; more changes in that window share one write. */
const SAVE_DELAY_MS = 500;

/** The saved state, or undefined when there is no file yet (a first start). */
async function readState(path: string): Promise<SavedState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(path, `it cannot be read (${(error as Error).message})`);
  }
  return parseState(text, path);
}

/**
 * Writes to a temporary file beside the target and renames it over the target, so a crash
 * leaves either the old file or the new one, never half of one. Mode 0600: the file holds the
 * emulated accounts' OAuth tokens and API keys, so only the owner may read it.
 */
async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { mode: 0o600, flush: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Saves the environment to one file: shortly after changes, and on close. */
export class StatePersister {
  #timer: NodeJS.Timeout | undefined;
  #lastWritten: string | undefined;
  /** Writes run one after another, so an older state can never be renamed over a newer one. */
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    readonly path: string,
    private readonly env: Environment,
  ) {}

  /** Every request may change state; a save follows once the response is done. */
  watch(response: EventEmitter): void {
    response.once('close', () => this.markDirty());
  }

  /** Schedules one save; changes until it runs are included, so a busy emulator writes at most once per delay. */
  markDirty(): void {
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.save().catch((error: unknown) =>
        console.error(`[scalekit-emulator] could not save state to ${this.path}:`, error),
      );
    }, SAVE_DELAY_MS);
    // A pending save must not keep the process alive; close() saves anyway.
    this.#timer.unref();
  }

  /** Writes the current state now, unless the file already holds exactly this state. */
  save(): Promise<void> {
    const write = this.#queue.then(() => this.#write());
    this.#queue = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.save();
  }

  async #write(): Promise<void> {
    const text = `${JSON.stringify(captureState(this.env), null, 2)}\n`;
    if (text === this.#lastWritten) return;
    await writeAtomically(this.path, text);
    this.#lastWritten = text;
  }
}

/**
 * Restores the environment from `path` when the file exists, and returns the persister that keeps
 * it saved. A corrupt or incompatible file is a StateFileError; nothing is written in that case.
 */
export async function openStateFile(env: Environment, path: string): Promise<StatePersister> {
  const absolute = resolve(path);
  const saved = await readState(absolute);
  if (saved) restoreState(env, saved, absolute);
  return new StatePersister(absolute, env);
}
