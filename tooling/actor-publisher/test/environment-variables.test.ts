// `apify push` replaces the Console's environment variables with actor.json's
// `environmentVariables` (even `{}`), so no actor file of the repo, no staged copy and no
// `pnpm new-actor` template may carry a list that would wipe or leak the Scalekit secrets.

import { mkdtemp, readdir, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentVariableProblems, stageActor } from '../src/index.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TEMPLATE_ACTOR_JSON = join(REPO_ROOT, 'tooling', 'create-actor', 'template', '.actor', 'actor.json');
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'actor-env-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function actorNames(): Promise<string[]> {
  const entries = await readdir(join(REPO_ROOT, 'actors'), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

describe('environmentVariables in actor.json', () => {
  it('no actor, staged copy or new-actor template carries a list that a push would apply', async () => {
    const names = await actorNames();
    expect(names.length).toBeGreaterThanOrEqual(3);
    const problems: string[] = [];
    for (const name of names) {
      const where = `actors/${name}/.actor/actor.json`;
      problems.push(...environmentVariableProblems(await readJson(join(REPO_ROOT, where)), where));
      const staged = await stageActor({ repoRoot: REPO_ROOT, actor: name, outDir: join(workDir, name) });
      const stagedWhere = `${staged.outDir}/.actor/actor.json`;
      problems.push(
        ...environmentVariableProblems(await readJson(join(workDir, name, '.actor', 'actor.json')), stagedWhere),
      );
    }
    problems.push(
      ...environmentVariableProblems(await readJson(TEMPLATE_ACTOR_JSON), 'create-actor template actor.json'),
    );
    expect(problems).toEqual([]);
  });

  it('flags an empty list, a partial list and a secret in clear text; accepts a full list of @references', () => {
    const full = {
      SCALEKIT_ENV_URL: 'https://acme.scalekit.dev',
      SCALEKIT_CLIENT_ID: 'skc_1',
      SCALEKIT_CLIENT_SECRET: '@scalekitClientSecret',
    };
    expect(environmentVariableProblems({ name: 'a' }, 'a.json')).toEqual([]);
    expect(environmentVariableProblems({ environmentVariables: full }, 'a.json')).toEqual([]);

    const empty = environmentVariableProblems({ environmentVariables: {} }, 'a.json');
    expect(empty).toHaveLength(1);
    expect(empty[0]).toContain('lacks SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET');
    expect(empty[0]).toContain('Remove the "environmentVariables" key');

    const clear = environmentVariableProblems(
      { environmentVariables: { ...full, SCALEKIT_CLIENT_SECRET: 'real-secret', ANTHROPIC_API_KEY: 'sk-1' } },
      'a.json',
    );
    expect(clear).toEqual([
      expect.stringContaining('SCALEKIT_CLIENT_SECRET is a secret and must be an "@name" reference'),
      expect.stringContaining('ANTHROPIC_API_KEY is a secret'),
    ]);
    // The message names the variable, never its value.
    expect(clear.join(' ')).not.toContain('real-secret');
  });

  it('stageActor refuses an actor whose actor.json would wipe the secrets, before writing anything', async () => {
    const root = join(workDir, 'repo');
    await cp(join(REPO_ROOT, 'actors', 'gmail-digest', '.actor'), join(root, 'actors', 'gmail-digest', '.actor'), {
      recursive: true,
    });
    const actorJsonPath = join(root, 'actors', 'gmail-digest', '.actor', 'actor.json');
    const actorJson = (await readJson(actorJsonPath)) as Record<string, unknown>;
    await writeFile(actorJsonPath, JSON.stringify({ ...actorJson, environmentVariables: {} }));
    const outDir = join(workDir, 'refused');
    await expect(stageActor({ repoRoot: root, actor: 'gmail-digest', outDir })).rejects.toThrow(
      'a push would delete them from the Console',
    );
    await expect(readdir(outDir)).rejects.toThrow();
  });
});
