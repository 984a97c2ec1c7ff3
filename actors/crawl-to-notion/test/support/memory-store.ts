import type { StateStore } from '../../src/sync/sync-state.js';

/**
 * A key-value store in memory with the behaviour the sync state relies on: `null` deletes, keys
 * are listed in order a page at a time, and a record can be left cut short (it does not parse).
 */
export class MemoryStore implements StateStore {
  readonly records = new Map<string, unknown>();
  writes = 0;
  reads = 0;
  failNext = false;
  /** Keys listed per page, as the platform's API lists up to 1,000. */
  pageSize = 3;

  getValue(key: string): Promise<unknown> {
    this.reads += 1;
    const value = this.records.get(key);
    if (value === 'corrupt') return Promise.reject(new SyntaxError('Unexpected end of JSON input'));
    return Promise.resolve(value === undefined ? null : structuredClone(value));
  }

  async setValue(key: string, value: unknown): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.writes += 1;
    if (value === null) this.records.delete(key);
    else this.records.set(key, structuredClone(value));
  }

  async forEachKey(iteratee: (key: string) => Promise<void> | void, options: { prefix: string }): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const keys = [...this.records.keys()]
        .filter((key) => key.startsWith(options.prefix) && (after === undefined || key > after))
        .sort()
        .slice(0, this.pageSize);
      if (keys.length === 0) return;
      for (const key of keys) await iteratee(key);
      after = keys.at(-1);
    }
  }

  keysStartingWith(prefix: string): string[] {
    return [...this.records.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}
