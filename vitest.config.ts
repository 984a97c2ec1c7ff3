import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// One configuration for every workspace package with a `test/` folder, one project each (named
// after the package), so that one vitest process schedules every test file on one worker pool.
const ROOT = import.meta.dirname;
const WORKSPACE_FOLDERS = ['packages', 'actors', 'tooling'];

/** Suites that install packages or run whole actors several times: minutes, not seconds. */
const LONG_RUNNING = new Set(['@repo/actor-publisher', '@repo/demo']);

function projects(): TestProjectInlineConfiguration[] {
  const found: TestProjectInlineConfiguration[] = [];
  for (const folder of WORKSPACE_FOLDERS) {
    const parent = join(ROOT, folder);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const dir = join(parent, entry.name);
      if (!entry.isDirectory() || !existsSync(join(dir, 'test')) || !existsSync(join(dir, 'package.json'))) continue;
      const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string };
      const long = LONG_RUNNING.has(name);
      found.push({
        extends: true,
        test: {
          name,
          root: dir,
          include: ['test/**/*.test.ts'],
          ...(long ? { testTimeout: 400_000, hookTimeout: 120_000 } : {}),
        },
      });
    }
  }
  return found;
}

export default defineConfig({
  test: {
    projects: projects(),
    // Many test files start child processes (actors, CLIs, Chromium) of their own: on a 2-core CI
    // machine two files at a time keep the load near the core count, where spawned processes
    // start in seconds. More cores, more files, but never so many that the machine thrashes.
    maxWorkers: Math.max(2, Math.ceil(availableParallelism() / 2)),
    // Bounds for a slow, loaded machine; a test that passes does not wait for them.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
