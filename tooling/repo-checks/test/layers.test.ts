import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeViolation,
  layerViolations,
  moduleSpecifiers,
  packageNameOf,
  type LayeredPackage,
  type SourceFile,
} from '../src/layers.js';
import { repositoryLayerViolations } from '../src/repository-layers.js';

function pkg(
  dir: string,
  name: string,
  dependencies: Record<string, string> = {},
  devDependencies: Record<string, string> = {},
): LayeredPackage {
  return { name, dir, dependencies, devDependencies };
}

const WORKSPACE = [
  pkg('packages/auth-gate', '@repo/auth-gate'),
  pkg('packages/scalekit-emulator', '@repo/scalekit-emulator'),
  pkg('actors/gmail-digest', 'gmail-digest'),
  pkg('tooling/actor-runner', '@repo/actor-runner'),
];

describe('layerViolations over manifests', () => {
  const W = 'workspace:*';
  it.each([
    [
      'a library on a library (runtime)',
      pkg('packages/notion-client', '@repo/notion-client', { '@repo/auth-gate': W }),
      [],
    ],
    [
      'a library on a library (dev)',
      pkg('packages/notion-client', '@repo/notion-client', {}, { '@repo/scalekit-emulator': W }),
      [],
    ],
    [
      'a library on npm packages',
      pkg('packages/notion-client', '@repo/notion-client', { zod: '^4' }, { vitest: '^4' }),
      [],
    ],
    [
      'a library on an actor',
      pkg('packages/notion-client', '@repo/notion-client', { 'gmail-digest': W }),
      [{ to: 'actors/gmail-digest', via: 'dependencies' }],
    ],
    [
      'a library on tooling (dev)',
      pkg('packages/notion-client', '@repo/notion-client', {}, { '@repo/actor-runner': W }),
      [{ to: 'tooling/actor-runner', via: 'devDependencies' }],
    ],
    [
      'an actor on a library and on tooling',
      pkg('actors/crawl-to-notion', 'crawl-to-notion', { '@repo/auth-gate': W }, { '@repo/actor-runner': W }),
      [],
    ],
    ['tooling on actors', pkg('tooling/bench', '@repo/bench', { 'gmail-digest': W, '@repo/actor-runner': W }), []],
  ])('%s', (_label, subject, expected) => {
    expect(layerViolations([...WORKSPACE, subject])).toEqual(expected.map((e) => ({ from: subject.dir, ...e })));
  });
});

describe('layerViolations over source files', () => {
  const LIB = pkg('packages/notion-client', '@repo/notion-client');
  it.each([
    ['a library import', "import { createAuthGate } from '@repo/auth-gate';", []],
    ['a subpath of a library', "import type { StandbyGate } from '@repo/auth-gate/standby';", []],
    ['an npm import', "import { z } from 'zod'; import { readFile } from 'node:fs/promises';", []],
    ['its own files', "import { x } from './x.js'; import { y } from '../src/y.js';", []],
    ['an actor by name', "import { main } from 'gmail-digest';", ['actors/gmail-digest']],
    ['tooling by subpath', "import { runActor } from '@repo/actor-runner/run';", ['tooling/actor-runner']],
    ['tooling, type only', "import type { RunResult } from '@repo/actor-runner';", ['tooling/actor-runner']],
    ['a re-export of tooling', "export { runActor } from '@repo/actor-runner';", ['tooling/actor-runner']],
    ['a dynamic import of an actor', "const m = await import('gmail-digest');", ['actors/gmail-digest']],
    [
      'a relative path into an actor',
      "import { parse } from '../../../actors/gmail-digest/src/input.js';",
      ['actors/gmail-digest'],
    ],
    [
      'a relative path into tooling/ outside any package',
      "import data from '../../../tooling/fixtures/x.json';",
      ['tooling/fixtures/x.json'],
    ],
    ['a relative path into another library', "import { s } from '../../auth-gate/src/index.js';", []],
  ])('%s', (_label, text, expected) => {
    const file: SourceFile = { path: `${LIB.dir}/src/client.ts`, text };
    expect(layerViolations([...WORKSPACE, LIB], new Map([[LIB.dir, [file]]]))).toEqual(
      expected.map((to) => ({ from: LIB.dir, to, via: file.path })),
    );
  });

  it('leaves actors and tooling free to import anything', () => {
    const text = "import { runActor } from '@repo/actor-runner'; import 'gmail-digest';";
    const files = new Map([
      ['actors/gmail-digest', [{ path: 'actors/gmail-digest/test/e2e/digest.test.ts', text }]],
      ['tooling/actor-runner', [{ path: 'tooling/actor-runner/src/run.ts', text }]],
    ]);
    expect(layerViolations(WORKSPACE, files)).toEqual([]);
  });
});

describe('helpers', () => {
  it('names the package of a specifier', () => {
    expect(packageNameOf('@repo/auth-gate/standby')).toBe('@repo/auth-gate');
    expect(packageNameOf('gmail-digest/dist/main.js')).toBe('gmail-digest');
    expect(packageNameOf('zod')).toBe('zod');
  });

  it('reads specifiers, not strings that look like them', () => {
    expect(
      moduleSpecifiers("// import x from 'commented-out';\nconst s = \"from 'not-an-import'\";\nimport y from 'real';"),
    ).toEqual(['real']);
  });

  it('says what is wrong and how to fix it', () => {
    const line = describeViolation({
      from: 'packages/notion-client',
      to: 'tooling/actor-runner',
      via: 'devDependencies',
    });
    expect(line).toContain('packages/notion-client/package.json');
    expect(line).toContain('must not depend on tooling/');
    expect(line).toContain('Move');
  });
});

describe('repositoryLayerViolations', () => {
  let root: string;
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'layers-'));
    await write('pnpm-workspace.yaml', 'packages:\n  - actors/*\n  - packages/*\n  - tooling/*\n');
    await write(
      'packages/lib/package.json',
      JSON.stringify({ name: '@repo/lib', devDependencies: { '@repo/runner': 'workspace:*' } }),
    );
    await write('packages/lib/src/index.ts', 'export const a = 1;\n');
    await write(
      'packages/lib/test/e2e/lib.test.ts',
      "import { run } from 'my-actor';\nimport { a } from '../../src/index.js';\n",
    );
    await write('packages/lib/dist/index.js', "import 'my-actor';\n"); // build output is not read
    await write(
      'actors/my-actor/package.json',
      JSON.stringify({ name: 'my-actor', dependencies: { '@repo/lib': 'workspace:*' } }),
    );
    await write(
      'tooling/runner/package.json',
      JSON.stringify({ name: '@repo/runner', dependencies: { 'my-actor': 'workspace:*' } }),
    );
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads manifests and the src/ and test/ files of every workspace package', () => {
    expect(repositoryLayerViolations(root)).toEqual([
      { from: 'packages/lib', to: 'tooling/runner', via: 'devDependencies' },
      { from: 'packages/lib', to: 'actors/my-actor', via: 'packages/lib/test/e2e/lib.test.ts' },
    ]);
  });
});
