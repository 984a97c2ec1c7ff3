import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Environment variables whose values are secrets a run must never write anywhere. */
const SECRET_VARIABLES = ['SCALEKIT_CLIENT_SECRET', 'ANTHROPIC_API_KEY'] as const;
/** A consent link of the emulator (or any `/magicLink/<token>` URL): whoever holds it can connect. */
const MAGIC_LINK = /\/magicLink\/[\w-]{16,}/;

export interface SecretLeak {
  /** Where: `stdout`, `stderr` or a storage file relative to the storage folder. */
  where: string;
  /** What kind of secret (never the secret itself). */
  what: string;
}

/** The secret values a run was given, by name; short values are left out (they would match by chance). */
export function secretsOf(env: Record<string, string | undefined>): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.length >= 8) found.set(name, value);
  }
  return found;
}

/** Leaks in one text: a secret value given to the run, or a magic link. */
export function leaksIn(text: string, where: string, secrets: Map<string, string>): SecretLeak[] {
  const leaks: SecretLeak[] = [];
  for (const [name, value] of secrets) if (text.includes(value)) leaks.push({ where, what: name });
  if (MAGIC_LINK.test(text)) leaks.push({ where, what: 'a magic link' });
  return leaks;
}

async function filesUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

/**
 * Every secret a finished run left in its output streams or storage. The input record is the
 * test's own writing and is skipped.
 */
export async function scanRun(
  run: { stdout: string; stderr: string; storageDir: string },
  secrets: Map<string, string>,
): Promise<SecretLeak[]> {
  const leaks = [...leaksIn(run.stdout, 'stdout', secrets), ...leaksIn(run.stderr, 'stderr', secrets)];
  for (const file of await filesUnder(run.storageDir)) {
    const where = relative(run.storageDir, file);
    if (/^key_value_stores\/default\/INPUT(\.json)?$/.test(where)) continue;
    leaks.push(...leaksIn(await readFile(file, 'utf8'), where, secrets));
  }
  return leaks;
}
