#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stageActor } from './stage-actor.js';
import { storeListingProblems } from './store-listing.js';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const [command, actor, ...rest] = process.argv.slice(2);

function usage(): never {
  console.error(`Usage:
  pnpm push <actor> [apify push flags]   stage actors/<actor> as a standalone folder and run \`apify push\` there
  pnpm stage <actor> [<outDir>]          only stage it (default .staging/<actor>)`);
  process.exit(2);
}

if (!actor || (command !== 'stage' && command !== 'push')) usage();
if (!existsSync(join(repoRoot, 'actors', actor, '.actor', 'actor.json'))) {
  console.error(`There is no actor "${actor}" under actors/ (expected actors/${actor}/.actor/actor.json).`);
  process.exit(2);
}
// A push publishes the Store page too: an incomplete listing is refused before anything is built;
// staging alone only warns.
const listing = await storeListingProblems(join(repoRoot, 'actors', actor));
if (listing.length > 0) {
  console.error(`The Store listing of actors/${actor} is not ready:\n${listing.map((p) => `  - ${p}`).join('\n')}`);
  if (command === 'push') process.exit(1);
}
const outDir = resolve(command === 'stage' && rest[0] ? rest[0] : join(repoRoot, '.staging', actor));
const staged = await stageActor({ repoRoot, actor, outDir }).catch((error: unknown) => {
  // Expected refusals (e.g. actor.json's environmentVariables) are one clear message, no stack.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
console.log(`Staged ${actor} in ${staged.outDir} (${Object.keys(staged.dependencies).length} npm dependencies).`);
if (command === 'push') {
  // The Apify CLI uses your login (`apify login`) and uploads this folder only.
  const result = spawnSync('npx', ['-y', 'apify-cli@1', 'push', ...rest], { cwd: outDir, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
