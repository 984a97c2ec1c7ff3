// The sync records a local run leaves in its storage folder, read and changed on disk the way a
// killed process or an earlier version of the Actor would have left them.

import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recordKeys, SYNC_STORE_NAME } from '../../src/sync/sync-state.js';

export function syncStoreDir(storageDir: string): string {
  return join(storageDir, 'key_value_stores', SYNC_STORE_NAME);
}

/** The record keys of the one destination a run wrote to. */
export async function syncRecordKeys(storageDir: string): Promise<ReturnType<typeof recordKeys> & { key: string }> {
  const manifests = (await readdir(syncStoreDir(storageDir))).filter((f) => f.endsWith('-manifest.json'));
  if (manifests.length !== 1) throw new Error(`expected one destination's records, found ${manifests.length}`);
  const key = manifests[0]!.slice(0, -'-manifest.json'.length);
  return { key, ...recordKeys(key) };
}

/** Every record whose key starts with `prefix`, by key. */
export async function readRecords(storageDir: string, prefix: string): Promise<Map<string, unknown>> {
  const dir = syncStoreDir(storageDir);
  const records = new Map<string, unknown>();
  for (const file of await readdir(dir)) {
    if (!file.startsWith(prefix) || !file.endsWith('.json') || file.includes('__metadata__')) continue;
    records.set(file.slice(0, -'.json'.length), JSON.parse(await readFile(join(dir, file), 'utf8')));
  }
  return records;
}

export async function writeRecord(storageDir: string, key: string, value: unknown): Promise<void> {
  await writeFile(join(syncStoreDir(storageDir), `${key}.json`), JSON.stringify(value));
}

export async function removeRecord(storageDir: string, key: string): Promise<void> {
  await rm(join(syncStoreDir(storageDir), `${key}.json`), { force: true });
  await rm(join(syncStoreDir(storageDir), `${key}.__metadata__.json`), { force: true });
}
