import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layers of src/: core/ (connectors, handles, consent-state binding) and scalekit/ (the SDK
// adapter) serve both modes, so they never reach up into a mode; the two modes stay apart, and
// operator/ (outside a run) builds on run/ only.
const SRC = fileURLToPath(new URL('../src/', import.meta.url));

const FORBIDDEN: Record<string, string[]> = {
  core: ['run', 'standby', 'cli', 'llm', 'operator'],
  scalekit: ['run', 'standby', 'cli', 'llm', 'operator'],
  standby: ['run', 'cli', 'operator'],
  run: ['standby', 'cli', 'operator'],
  llm: ['run', 'standby', 'cli', 'operator'],
  // The operator's tools open the same gate a run opens, outside any run.
  operator: ['standby', 'cli', 'llm'],
};

/** Relative module specifiers of a source file (static and dynamic imports, re-exports). */
function relativeImports(source: string): string[] {
  return [...source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
}

/** The top folder of src/ an import from `file` lands in (undefined for a file at the root of src/). */
function targetFolder(file: string, specifier: string): string | undefined {
  const target = relative(SRC, join(SRC, file, '..', specifier));
  const [first, ...rest] = target.split('/');
  return rest.length > 0 ? first : undefined;
}

function violations(): string[] {
  const found: string[] = [];
  for (const [folder, forbidden] of Object.entries(FORBIDDEN)) {
    for (const name of readdirSync(join(SRC, folder), { recursive: true, encoding: 'utf8' })) {
      if (!name.endsWith('.ts')) continue;
      const file = join(folder, name);
      for (const specifier of relativeImports(readFileSync(join(SRC, file), 'utf8'))) {
        const lands = targetFolder(file, specifier);
        if (lands !== undefined && forbidden.includes(lands)) found.push(`${file} imports ${specifier}`);
      }
    }
  }
  return found;
}

describe('auth-gate layers', () => {
  it('finds imports in every form the sources use', () => {
    expect(
      relativeImports(
        "import { a } from '../run/gate.js';\nexport * from './x.js';\nconst m = await import('../standby/y.js');",
      ),
    ).toEqual(['../run/gate.js', './x.js', '../standby/y.js']);
  });

  it('core/ and scalekit/ import nothing from a mode, and the modes nothing from each other', () => {
    expect(violations()).toEqual([]);
  });
});
