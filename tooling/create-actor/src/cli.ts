#!/usr/bin/env node
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createActor } from './create-actor.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { connection: { type: 'string' }, title: { type: 'string' } },
});
const name = positionals[0];
if (!name) {
  console.error('Usage: pnpm new-actor <name> [--connection notion] [--title "My Actor"]');
  process.exit(2);
}
const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
try {
  const files = await createActor({
    root,
    name,
    ...(values.connection ? { connection: values.connection } : {}),
    ...(values.title ? { title: values.title } : {}),
  });
  console.log(
    `Created actors/${name} (${files.length} files). Next:\n  pnpm install\n  pnpm --filter ${name} build\n  cd actors/${name} && pnpm start   # with the SCALEKIT_* variables of \`pnpm emulator\` exported`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
