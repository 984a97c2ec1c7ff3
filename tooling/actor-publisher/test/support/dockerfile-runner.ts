// Runs a Dockerfile without a Docker engine: its instructions in order, each stage in its own
// folder standing for the image's file system, RUN steps through `/bin/sh -c` as Docker runs the
// shell form. Only what actors/Dockerfile uses is supported (FROM, ARG, ENV, WORKDIR, COPY with
// --from/--chown, RUN, USER, CMD); anything else fails loudly rather than being skipped.

import { spawn } from 'node:child_process';
import { copyFile, cp, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, matchesGlob, posix, relative } from 'node:path';

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions with continuation lines joined and comments dropped (as Docker parses them). */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buffer = '';
  let startLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line) || (buffer === '' && line.trim() === '')) return;
    if (buffer === '') startLine = index + 1;
    if (line.endsWith('\\')) {
      buffer += `${line.slice(0, -1)} `;
      return;
    }
    buffer += line;
    const match = /^\s*(\w+)\s+([\s\S]*)$/.exec(buffer);
    if (!match) throw new Error(`Dockerfile line ${startLine}: cannot parse "${buffer}"`);
    out.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: startLine });
    buffer = '';
  });
  return out;
}

/** .dockerignore patterns (Go filepath.Match plus "**"), as Docker applies them to the context. */
export function dockerIgnoreMatcher(text: string): (path: string) => boolean {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((p) => posix.normalize(p.replace(/^\/+|\/+$/g, '')));
  if (patterns.some((p) => p.startsWith('!')))
    throw new Error('.dockerignore exceptions (!) are not supported by this runner');
  // A path is excluded when it or one of its parent folders matches.
  return (path) => {
    const parts = path.split('/');
    return parts.some((_, i) => patterns.some((p) => matchesGlob(parts.slice(0, i + 1).join('/'), p)));
  };
}

export interface BaseImage {
  /** The environment of a container of the image (PATH, HOME, NODE_ENV...). */
  env: Record<string, string>;
  /** Prepares a stage's file system before its first instruction (e.g. the image's /usr/src/app). */
  populate?: (stageRoot: string) => Promise<void>;
}

export interface StageResult {
  name: string | undefined;
  root: string;
  workdir: string;
  env: Record<string, string>;
  cmd: string[] | undefined;
}

export interface RunOptions {
  dockerfile: string;
  context: string;
  /** One folder per stage is created in here. */
  workDir: string;
  buildArgs: Record<string, string>;
  image: (from: string) => BaseImage;
  /** Per RUN step. */
  stepTimeoutMs: number;
  log: (line: string) => void;
  /** Ends the run after the RUN step for which this returns true (the default runs everything). */
  stopAfter?: (run: string) => boolean;
}

function expand(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (_, a: string | undefined, b: string | undefined) => vars[(a ?? b)!] ?? '',
  );
}

/** `ENV a=1 b=2` (values without spaces, optionally quoted) or the legacy `ENV a 1`. */
function parseEnv(args: string): [string, string][] {
  if (!/^\w+=/.test(args)) {
    const [name, ...rest] = args.split(/\s+/);
    return [[name!, rest.join(' ')]];
  }
  return [...args.matchAll(/(\w+)=("[^"]*"|'[^']*'|\S*)/g)].map((m) => [m[1]!, m[2]!.replace(/^["']|["']$/g, '')]);
}

/** RUN steps may use only paths relative to WORKDIR, so that a stage folder can stand in for "/". */
function assertNoAbsolutePaths(instruction: Instruction): void {
  const absolute = /(^|[\s"'=(])\/(?!dev\/null\b)[\w.]/.exec(instruction.args);
  if (absolute) {
    throw new Error(
      `Dockerfile line ${instruction.line}: RUN uses an absolute path ("${instruction.args.slice(absolute.index, absolute.index + 30)}"); ` +
        'use a path relative to WORKDIR so the step can be simulated.',
    );
  }
}

async function copyContext(
  context: string,
  sources: string[],
  dest: string,
  ignored: (path: string) => boolean,
): Promise<void> {
  for (const source of sources) {
    const rel = posix.normalize(source).replace(/^\.\/?|\/$/g, '');
    // Docker copies a directory's contents, and a file into the destination folder.
    const base = (await stat(join(context, rel))).isDirectory()
      ? rel
      : posix.dirname(rel) === '.'
        ? ''
        : posix.dirname(rel);
    const walk = async (path: string): Promise<void> => {
      if (path !== '' && ignored(path)) return;
      const abs = join(context, path);
      if ((await stat(abs)).isDirectory()) {
        for (const entry of await readdir(abs)) await walk(path === '' ? entry : `${path}/${entry}`);
        return;
      }
      const target = join(dest, relative(base, path));
      await mkdir(dirname(target), { recursive: true });
      await copyFile(abs, target);
    };
    await walk(rel);
  }
}

function runShell(
  command: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const line of output.split('\n').filter(Boolean)) log(`  ${line}`);
      if (code === 0) resolvePromise();
      else
        reject(
          new Error(
            `RUN ${command}\nfailed (${signal ?? `exit code ${code}`}):\n${output.split('\n').slice(-40).join('\n')}`,
          ),
        );
    });
  });
}

/** Runs every instruction in order; throws on the first failing step. Returns each stage's state. */
export async function runDockerfile(text: string, options: RunOptions): Promise<StageResult[]> {
  const ignoredText = await readFile(join(options.context, '.dockerignore'), 'utf8').catch(() => '');
  const ignored = dockerIgnoreMatcher(ignoredText);
  const stages: StageResult[] = [];
  let stage: StageResult | undefined;
  let args: Record<string, string> = {};
  for (const instruction of parseDockerfile(text)) {
    const where = `Dockerfile line ${instruction.line}`;
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(/\s+/);
      const base = options.image(image!);
      const root = join(options.workDir, `stage-${stages.length}`);
      await mkdir(root, { recursive: true });
      await base.populate?.(root);
      stage = {
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        root,
        workdir: '/',
        env: { ...base.env },
        cmd: undefined,
      };
      stages.push(stage);
      args = {};
      options.log(`FROM ${instruction.args}`);
      continue;
    }
    if (!stage) throw new Error(`${where}: ${instruction.keyword} before FROM`);
    const vars = { ...stage.env, ...args };
    switch (instruction.keyword) {
      case 'ARG': {
        const [name, fallback] = instruction.args.split('=');
        args[name!] = options.buildArgs[name!] ?? fallback ?? '';
        break;
      }
      case 'ENV':
        for (const [name, value] of parseEnv(instruction.args)) stage.env[name] = expand(value, vars);
        break;
      case 'WORKDIR':
        stage.workdir = posix.resolve(stage.workdir, expand(instruction.args, vars));
        await mkdir(join(stage.root, stage.workdir), { recursive: true });
        break;
      case 'COPY': {
        const words = instruction.args.split(/\s+/).map((w) => expand(w, vars));
        const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
        const paths = words.filter((w) => !w.startsWith('--'));
        const dest = join(stage.root, posix.resolve(stage.workdir, paths.pop()!));
        await mkdir(dest, { recursive: true });
        if (from === undefined) {
          await copyContext(options.context, paths, dest, ignored);
        } else {
          const source = stages.find((s) => s.name === from);
          if (!source) throw new Error(`${where}: no stage named ${from}`);
          for (const path of paths) await cp(join(source.root, path), dest, { recursive: true });
        }
        break;
      }
      case 'RUN': {
        assertNoAbsolutePaths(instruction);
        options.log(`RUN ${instruction.args.slice(0, 120)}`);
        const started = performance.now();
        // Docker passes build arguments to RUN steps as environment variables.
        await runShell(
          instruction.args,
          join(stage.root, stage.workdir),
          { ...stage.env, ...args },
          options.stepTimeoutMs,
          options.log,
        );
        options.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
        if (options.stopAfter?.(instruction.args)) return stages;
        break;
      }
      case 'USER':
        break;
      case 'CMD':
        stage.cmd = JSON.parse(instruction.args) as string[];
        break;
      default:
        throw new Error(`${where}: ${instruction.keyword} is not supported by this runner`);
    }
  }
  return stages;
}
