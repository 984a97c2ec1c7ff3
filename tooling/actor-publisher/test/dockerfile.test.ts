// actors/Dockerfile without a Docker engine: its steps run in order in a clean copy of the
// repository (the files git tracks, filtered by .dockerignore), in a layout that imitates
// apify/actor-node: NODE_ENV=production, a global npm prefix, pnpm configured for a hoisted
// node_modules, and either corepack with its `pnpm` shim already enabled (today's images) or
// neither corepack nor pnpm (older images). Any failing step fails the test. The package store
// and caches of this machine are reused (prefer-offline) so that nothing big is downloaded.

import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerIgnoreMatcher, parseDockerfile, runDockerfile, type BaseImage } from './support/dockerfile-runner.js';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const DOCKERFILE = join(REPO_ROOT, 'actors', 'Dockerfile');
const ACTOR = 'actors/gmail-digest';
/** Tools of the image that the two layouts control themselves. */
const PACKAGE_MANAGER_BINS = new Set(['pnpm', 'pnpx', 'corepack', 'yarn', 'yarnpkg']);
const STEP_TIMEOUT_MS = 300_000;
const NETWORK_VARIABLE =
  /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|(HTTPS?|NO|ALL)_PROXY|(https?|no|all)_proxy)$/;

let workDir: string;
let context: string;
let pinned: string;
let hostEnv: Record<string, string>;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'dockerfile-'));
  // The build context: what a fresh clone holds (no node_modules, dist, storage or .env).
  context = join(workDir, 'context');
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    maxBuffer: 64 << 20,
  });
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(REPO_ROOT, file))) continue; // deleted in the working tree
    await mkdir(dirname(join(context, file)), { recursive: true });
    await copyFile(join(REPO_ROOT, file), join(context, file));
  }
  pinned = (
    JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string }
  ).packageManager.replace(/\+.*/, '');
  // Where this machine keeps packages: the simulated image reads them instead of the network.
  const store = spawnSync('pnpm', ['store', 'path'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim();
  const npmCache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).stdout.trim();
  hostEnv = {
    npm_config_store_dir: store,
    npm_config_cache: npmCache,
    npm_config_prefer_offline: 'true',
    npm_config_update_notifier: 'false',
    COREPACK_HOME: process.env['COREPACK_HOME'] ?? join(homedir(), '.cache', 'node', 'corepack'),
    TMPDIR: tmpdir(),
    // The registry this machine reaches is not signed with the keys corepack ships (npm's own
    // registry is, on a real build); the download itself is real.
    COREPACK_INTEGRITY_KEYS: '0',
    // How this machine reaches the registry (its CA bundle, a proxy), as a build host would pass it.
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] => NETWORK_VARIABLE.test(e[0]) && e[1] !== undefined,
      ),
    ),
  };
  expect(store).not.toBe('');
}, 120_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** A folder with every tool of /usr/bin and /bin except the package managers: the image's system PATH. */
async function systemBin(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const folder of ['/usr/bin', '/bin']) {
    for (const name of await readdir(folder).catch(() => [])) {
      if (PACKAGE_MANAGER_BINS.has(name) || existsSync(join(dir, name))) continue;
      await symlink(join(folder, name), join(dir, name));
    }
  }
  return dir;
}

/** The apify/actor-node layout: corepack enabled (a `pnpm` shim in the global bin folder) or no package manager but npm. */
async function baseImage(dir: string, withCorepack: boolean): Promise<BaseImage> {
  const global = join(dir, 'global');
  const home = join(dir, 'home');
  await mkdir(join(global, 'bin'), { recursive: true });
  await mkdir(join(home, '.config', 'pnpm'), { recursive: true });
  // The images configure pnpm for a hoisted node_modules (env and, for pnpm 10, the global rc).
  await writeFile(join(home, '.config', 'pnpm', 'rc'), 'node-linker=hoisted\n');
  const env: Record<string, string> = {
    ...hostEnv,
    PATH: `${join(global, 'bin')}:${await systemBin(join(dir, 'system-bin'))}`,
    HOME: home,
    NPM_CONFIG_PREFIX: global,
    NODE_ENV: 'production',
    PNPM_CONFIG_NODE_LINKER: 'hoisted',
  };
  if (withCorepack) {
    const corepack = spawnSync('sh', ['-c', 'command -v corepack'], { encoding: 'utf8' }).stdout.trim();
    expect(corepack, 'corepack must exist on this machine to imitate the image').not.toBe('');
    await symlink(await realpath(corepack), join(global, 'bin', 'corepack'));
    // What the image's own Dockerfile runs: shims for pnpm and yarn next to corepack.
    await run(join(global, 'bin', 'corepack'), ['enable'], { env });
    expect(existsSync(join(global, 'bin', 'pnpm'))).toBe(true);
  }
  return {
    env,
    // The image's app folder holds a preinstalled apify/crawlee tree that the final stage removes.
    populate: async (root) => {
      await mkdir(join(root, 'usr', 'src', 'app', 'node_modules', 'crawlee'), { recursive: true });
      await writeFile(
        join(root, 'usr', 'src', 'app', 'node_modules', 'crawlee', 'package.json'),
        '{"name":"crawlee","version":"0.0.0-image"}',
      );
    },
  };
}

async function buildImage(
  layout: string,
  withCorepack: boolean,
  stopAfter?: (run: string) => boolean,
): Promise<{ app: string; env: Record<string, string>; cmd: string[] | undefined; log: string[] }> {
  const dir = join(workDir, layout);
  const image = await baseImage(dir, withCorepack);
  const log: string[] = [];
  const stages = await runDockerfile(await readFile(DOCKERFILE, 'utf8'), {
    dockerfile: DOCKERFILE,
    context,
    workDir: dir,
    buildArgs: { ACTOR_PATH_IN_DOCKER_CONTEXT: ACTOR },
    image: (from) => {
      expect(from).toMatch(/^apify\/actor-node:\d+$/);
      return image;
    },
    stepTimeoutMs: STEP_TIMEOUT_MS,
    log: (line) => log.push(line),
    ...(stopAfter ? { stopAfter } : {}),
  });
  const final = stages.at(-1)!;
  return { app: join(final.root, final.workdir), env: final.env, cmd: final.cmd, log };
}

/** The built image's entry point starts and ends with auth-gate's clear message about the missing credentials. */
function startsAndExplains(app: string, env: Record<string, string>, cmd: string[]): void {
  const storage = join(app, '..', 'run-storage');
  const result = spawnSync(cmd[0]!, cmd.slice(1), {
    cwd: app,
    env: { ...env, CRAWLEE_STORAGE_DIR: storage, APIFY_LOCAL_STORAGE_DIR: storage, AUTH_GATE_USER_ID: 'docker-test' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  expect(output).not.toContain('ERR_MODULE_NOT_FOUND');
  expect(output).toContain('SCALEKIT_ENV_URL');
  expect(result.status).toBe(1);
}

async function expectDeployed(app: string): Promise<void> {
  const pkg = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as { name: string };
  expect(pkg.name).toBe('gmail-digest');
  expect(existsSync(join(app, 'dist', 'main.js'))).toBe(true);
  expect(existsSync(join(app, 'node_modules', '@repo', 'auth-gate', 'dist', 'index.js'))).toBe(true);
  // Production dependencies only, and not the image's preinstalled tree.
  expect(existsSync(join(app, 'node_modules', '@repo', 'scalekit-emulator'))).toBe(false);
  expect(existsSync(join(app, 'node_modules', 'crawlee', 'package.json'))).toBe(false);
}

describe('actors/Dockerfile', () => {
  it('pins the Node major of the Apify templates and takes pnpm from packageManager, never hiding errors', async () => {
    const instructions = parseDockerfile(await readFile(DOCKERFILE, 'utf8'));
    const froms = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args.split(/\s+/)[0]);
    expect(froms).toEqual(['apify/actor-node:24', 'apify/actor-node:24']);
    const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.join('\n')).not.toMatch(/--silent|--quiet|\|\|\s*true|2>\s*\/dev\/null\s*\|\|/);
    expect(runs.join('\n')).not.toMatch(/pnpm@\d+(?![.\d])/); // no floating "pnpm@10"
  });

  it('.dockerignore keeps secrets, local storage, staging and test output out of the context', async () => {
    const ignored = dockerIgnoreMatcher(await readFile(join(REPO_ROOT, '.dockerignore'), 'utf8'));
    for (const path of [
      '.env',
      'actors/gmail-digest/.env',
      'actors/gmail-digest/.env.local',
      '.staging/gmail-digest/dist/main.js',
      'actors/crawl-to-notion/storage/key_value_stores/default/INPUT.json',
      'storage/datasets/default/000000001.json',
      'packages/auth-gate/test-artifacts/trace.zip',
      'packages/auth-gate/coverage/index.html',
      'packages/auth-gate/node_modules/x/index.js',
      'packages/auth-gate/dist/index.js',
      '.git/HEAD',
    ]) {
      expect(ignored(path), path).toBe(true);
    }
    for (const path of [
      'package.json',
      'pnpm-lock.yaml',
      'actors/gmail-digest/src/main.ts',
      'actors/gmail-digest/.actor/actor.json',
      'packages/auth-gate/src/index.ts',
    ]) {
      expect(ignored(path), path).toBe(false);
    }
  });

  it('builds on an image with corepack enabled (a pnpm shim already on PATH)', async () => {
    const built = await buildImage('with-corepack', true);
    if (process.env['DOCKERFILE_TEST_LOG']) console.log(built.log.join('\n'));
    expect(built.log).toContain(`  Using ${pinned}`);
    await expectDeployed(built.app);
    expect(built.cmd).toEqual(['node', 'dist/main.js']);
    startsAndExplains(built.app, built.env, built.cmd!);
  }, 600_000);

  it('provisions the pinned pnpm on an image without corepack or pnpm (npm installs it)', async () => {
    // The steps after this one are the same on both layouts once pnpm is there; the full build
    // runs in the test above (it takes a minute or two on a loaded machine, once is enough).
    const built = await buildImage('without-corepack', false, (run) => run.includes('packageManager'));
    expect(built.log).toContain(`  Using ${pinned}`);
    expect(existsSync(join(workDir, 'without-corepack', 'global', 'bin', 'pnpm'))).toBe(true);
  }, 300_000);
});
