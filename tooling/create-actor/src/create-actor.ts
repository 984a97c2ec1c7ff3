import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATE = fileURLToPath(new URL('../template/', import.meta.url));
const NAME = /^[a-z][a-z0-9-]{1,62}[a-z0-9]$/;

export interface NewActorOptions {
  /** The repository root; the actor goes to `<root>/actors/<name>`. */
  root: string;
  name: string;
  /** Scalekit connection name of the user's account (default `notion`). */
  connection?: string;
  title?: string;
}

function titleOf(name: string): string {
  return name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

async function templateFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await templateFiles(path)));
    else out.push(path);
  }
  return out;
}

/** Writes a new actor from the template; refuses bad names and existing folders. Returns the files written. */
export async function createActor(options: NewActorOptions): Promise<string[]> {
  if (!NAME.test(options.name)) {
    throw new Error(
      `"${options.name}" is not a valid actor name: use 3-64 lower-case letters, digits and dashes, starting with a letter.`,
    );
  }
  const connection = options.connection ?? 'notion';
  // Scalekit connection names may have capitals (`GMAIL-test`) and are matched exactly.
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(connection))
    throw new Error(`"${connection}" is not a valid Scalekit connection name.`);
  const target = join(options.root, 'actors', options.name);
  if (existsSync(target)) throw new Error(`actors/${options.name} already exists; pick another name.`);
  const values: Record<string, string> = {
    __ACTOR_NAME__: options.name,
    __ACTOR_TITLE__: options.title ?? titleOf(options.name),
    __CONNECTOR__: connection,
  };
  const written: string[] = [];
  for (const source of await templateFiles(TEMPLATE)) {
    const path = join(target, relative(TEMPLATE, source).replace(/\.tmpl$/, ''));
    const text = (await readFile(source, 'utf8')).replace(
      /__ACTOR_NAME__|__ACTOR_TITLE__|__CONNECTOR__/g,
      (token) => values[token] ?? token,
    );
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    written.push(relative(options.root, path));
  }
  return written.sort();
}
