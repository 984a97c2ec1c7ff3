import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { environmentVariableProblems } from './environment-variables.js';

interface PackageJson {
  name: string;
  version?: string;
  description?: string;
  type?: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
}

export interface StageOptions {
  /** The repository root. */
  repoRoot: string;
  /** Folder name under `actors/`. */
  actor: string;
  /** Where to write the standalone actor (emptied first). */
  outDir: string;
}

export interface StagedActor {
  outDir: string;
  /** npm dependencies of the staged package.json (workspace packages are bundled, not listed). */
  dependencies: Record<string, string>;
}

const WORKSPACE_SCOPE = '@repo/';

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/** The npm dependencies of an actor: its own plus those of the workspace packages it bundles. */
async function collectDependencies(
  repoRoot: string,
  pkg: PackageJson,
  seen = new Set<string>(),
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(pkg.dependencies ?? {})) {
    if (!name.startsWith(WORKSPACE_SCOPE)) {
      out[name] = spec;
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    // An actor's production dependencies are libraries, which live in packages/ (CONTRIBUTING.md).
    const dir = join(repoRoot, 'packages', name.slice(WORKSPACE_SCOPE.length));
    Object.assign(
      out,
      await collectDependencies(repoRoot, await readJson<PackageJson>(join(dir, 'package.json')), seen),
    );
  }
  return out;
}

const STANDALONE_DOCKERFILE = `# Standalone build of an actor staged by @repo/actor-publisher: no workspace needed.
FROM apify/actor-node:24
WORKDIR /usr/src/app
RUN rm -rf ./*
COPY --chown=myuser:myuser package.json ./
RUN npm install --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force
COPY --chown=myuser:myuser . ./
USER myuser
CMD ["node", "dist/main.js"]
`;

/**
 * `apify push` uploads only the current folder and ignores `dockerContextDir`, so the monorepo's
 * Dockerfile cannot run there. This writes a folder that builds on its own: the actor's compiled
 * code with the workspace packages bundled in, a package.json of npm dependencies only, the
 * `.actor` files pointing at a plain Dockerfile.
 */
export async function stageActor(options: StageOptions): Promise<StagedActor> {
  const actorDir = join(options.repoRoot, 'actors', options.actor);
  // Refuse before anything is written: a push of such a file would wipe the Console's secrets.
  const problems = environmentVariableProblems(
    await readJson<unknown>(join(actorDir, '.actor', 'actor.json')),
    `actors/${options.actor}/.actor/actor.json`,
  );
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const pkg = await readJson<PackageJson>(join(actorDir, 'package.json'));
  const dependencies = await collectDependencies(options.repoRoot, pkg);
  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(join(options.outDir, 'dist'), { recursive: true });

  await build({
    entryPoints: [join(actorDir, 'dist', 'main.js')],
    outfile: join(options.outDir, 'dist', 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // npm packages stay external (installed in the image); only workspace code is bundled.
    external: Object.keys(dependencies),
    sourcemap: true,
    logLevel: 'warning',
  });

  const staged: PackageJson & { scripts: Record<string, string>; private: boolean } = {
    name: pkg.name,
    version: pkg.version ?? '0.1.0',
    private: true,
    ...(pkg.description ? { description: pkg.description } : {}),
    type: 'module',
    engines: pkg.engines ?? { node: '>=20.19' },
    scripts: { start: 'node dist/main.js' },
    dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
  };
  await writeFile(join(options.outDir, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);

  await cp(join(actorDir, '.actor'), join(options.outDir, '.actor'), { recursive: true });
  const actorJsonPath = join(options.outDir, '.actor', 'actor.json');
  const actorJson = await readJson<Record<string, unknown>>(actorJsonPath);
  delete actorJson['dockerContextDir'];
  actorJson['dockerfile'] = '../Dockerfile';
  await writeFile(actorJsonPath, `${JSON.stringify(actorJson, null, 2)}\n`);
  await writeFile(join(options.outDir, 'Dockerfile'), STANDALONE_DOCKERFILE);
  await cp(join(actorDir, 'README.md'), join(options.outDir, 'README.md')).catch(() => undefined);
  // `apify push` skips git-ignored files; the staged folder must upload its built code.
  await writeFile(join(options.outDir, '.actorignore'), '!dist/\nnode_modules/\nstorage/\n');
  await writeFile(join(options.outDir, '.gitignore'), 'node_modules/\nstorage/\n');
  return { outDir: relative(process.cwd(), options.outDir) || options.outDir, dependencies: staged.dependencies ?? {} };
}
