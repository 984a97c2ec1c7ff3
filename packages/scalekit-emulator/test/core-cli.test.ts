import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ScalekitClient } from '@scalekit-sdk/node';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorStatus } from '../src/sdk-protocol.js';
import { approveLink } from './support/connected-client.js';

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
// `pnpm test` builds every package before any test runs; this suite uses that build as it is
// (rebuilding here would rewrite dist/ under the feet of test files running beside it).
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

interface Printed {
  SCALEKIT_ENV_URL: string;
  SCALEKIT_CLIENT_ID: string;
  SCALEKIT_CLIENT_SECRET: string;
}

const children: ChildProcess[] = [];

function startCli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** Reads stdout until the three `SCALEKIT_*=` lines are printed. */
function printedEnv(child: ChildProcess): Promise<Printed> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`CLI printed no env in time.\nstdout: ${out}\nstderr: ${err}`)),
      60_000,
    );
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const read = (name: string): string | undefined => new RegExp(`^export ${name}=(\\S+)$`, 'm').exec(out)?.[1];
      const env = {
        url: read('SCALEKIT_ENV_URL'),
        id: read('SCALEKIT_CLIENT_ID'),
        secret: read('SCALEKIT_CLIENT_SECRET'),
      };
      if (env.url && env.id && env.secret) {
        clearTimeout(timer);
        resolve({ SCALEKIT_ENV_URL: env.url, SCALEKIT_CLIENT_ID: env.id, SCALEKIT_CLIENT_SECRET: env.secret });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code} before printing its env.\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: PACKAGE_DIR, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('CLI (built dist/cli.js)', () => {
  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('prints the SCALEKIT_* variables; the public SDK works against it; SIGINT stops it cleanly', async () => {
    const child = startCli(['--port', '0', '--seed', '3']);
    const env = await printedEnv(child);

    expect(env.SCALEKIT_ENV_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.SCALEKIT_ENV_URL).not.toMatch(/:0$/);
    const client = new ScalekitClient(env.SCALEKIT_ENV_URL, env.SCALEKIT_CLIENT_ID, env.SCALEKIT_CLIENT_SECRET);

    const connections = await client.actions.listConnections();
    expect(connections.connections.map((c) => c.connectionName).sort()).toEqual(['gmail', 'notion', 'youtube']);
    const created = await client.actions.getOrCreateConnectedAccount({
      connectionName: 'notion',
      identifier: 'cli-user',
    });
    expect(created.connectedAccount?.status).toBe(ConnectorStatus.PENDING_AUTH);
    const { link } = await client.actions.getAuthorizationLink({ connectionName: 'notion', identifier: 'cli-user' });
    expect(link.startsWith(`${env.SCALEKIT_ENV_URL}/magicLink/`)).toBe(true);
    expect((await approveLink(link)).status).toBe(200);
    const account = await client.actions.getConnectedAccount({ connectionName: 'notion', identifier: 'cli-user' });
    expect(account.connectedAccount?.status).toBe(ConnectorStatus.ACTIVE);
    expect(account.connectedAccount?.authorizationDetails?.details.case).toBe('oauthToken');

    child.kill('SIGINT');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
    await expect(fetch(`${env.SCALEKIT_ENV_URL}/admin/health`)).rejects.toThrow();
  });

  it('uses the client secret given with --client-secret', async () => {
    const child = startCli(['--port', '0', '--client-secret', 'cli-test-secret']);
    const env = await printedEnv(child);

    expect(env.SCALEKIT_CLIENT_SECRET).toBe('cli-test-secret');
    const client = new ScalekitClient(env.SCALEKIT_ENV_URL, env.SCALEKIT_CLIENT_ID, 'cli-test-secret');
    expect((await client.actions.listConnectedAccounts()).totalSize).toBe(0);

    child.kill('SIGTERM');
    expect((await exitOf(child)).code).toBe(0);
  });

  it('--port abc exits with code 2 and says why', async () => {
    const result = await runCli(['--port', 'abc']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port must be an integer from 0 to 65535, got "abc"');
  });

  it('an out-of-range port, a bad seed and an unknown option exit with code 2', async () => {
    const range = await runCli(['--port', '70000']);
    const seed = await runCli(['--port', '0', '--seed', 'x']);
    const unknown = await runCli(['--bogus']);

    expect(range.code).toBe(2);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('--seed must be an integer');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage: scalekit-emulator');
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await runCli(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: scalekit-emulator');
  });
});
