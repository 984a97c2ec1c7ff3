import { spawn } from 'node:child_process';
import { connect as tcpConnect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import {
  accountStatusViaSdk,
  authorizeAsPerson,
  decideOnConsentPage,
  OneBrowser,
  pressConnect,
  waitForConsentPhase,
} from './support/consenting-person.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  await emulator.close();
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; `onLine` may act on the output (e.g. open the printed page). */
function runCli(args: string[], env: Record<string, string>, onLine?: (line: string) => void): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line && onLine) onLine(line);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Whether something accepts TCP connections at host:port. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// Each test spawns the CLI (and waits for a consent); on a loaded 2-core machine that takes a while.
describe('auth-gate operator CLI', { timeout: 180_000 }, () => {
  it('connects a shared account once, then doctor sees it ACTIVE, then disconnect removes it', async () => {
    const connected = await runCli(
      ['connect', 'youtube', '--shared', 'shared-youtube', '--port', '0', '--timeout', '120'],
      emulator.env,
      (line) => {
        const match = /^Open (http:\/\/\S+) in a browser/.exec(line);
        if (!match) return;
        void (async () => {
          const pageUrl = match[1]!;
          await waitForConsentPhase(pageUrl);
          await authorizeAsPerson(pageUrl, 'youtube');
        })();
      },
    );
    expect(connected.code).toBe(0);
    expect(connected.stdout).toContain('youtube / shared-youtube is ACTIVE');
    expect(connected.stdout).not.toContain('/magicLink/');

    const doctor = await runCli(
      ['doctor', '--require', 'notion,gmail,youtube', '--identifier', 'shared-youtube'],
      emulator.env,
    );
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('Account youtube / shared-youtube: ACTIVE');
    expect(doctor.stdout).toContain('All checks passed.');

    const gone = await runCli(['disconnect', 'youtube', '--identifier', 'shared-youtube'], emulator.env);
    expect(gone.stdout).toContain('Deleted youtube / shared-youtube.');
    expect(await emulator.admin.account('youtube', 'shared-youtube')).toBeUndefined();
  });

  it('connect: its page listens on 127.0.0.1 only, is never framed, and a forwarded link does not connect', async () => {
    const seen: {
      pageUrl?: string;
      reachableElsewhere?: string[];
      headers?: Headers;
      forwarded?: { status?: number; html?: string };
      statusAfter?: string;
    } = {};
    const operator = new OneBrowser();
    const connected = await runCli(
      ['connect', 'youtube', '--shared', 'shared-youtube', '--port', '0', '--timeout', '60'],
      emulator.env,
      (line) => {
        const match = /^Open (http:\/\/\S+) in a browser/.exec(line);
        if (!match) return;
        void (async () => {
          const pageUrl = match[1]!;
          seen.pageUrl = pageUrl;
          await waitForConsentPhase(pageUrl);
          const port = Number(new URL(pageUrl).port);
          // Every other address of this machine: a page bound to all interfaces would answer on them.
          const others = [
            '::1',
            ...Object.values(networkInterfaces())
              .flat()
              .filter((a) => a && !a.internal)
              .map((a) => a!.address),
          ];
          seen.reachableElsewhere = (
            await Promise.all(others.map(async (host) => ((await reachable(host, port)) ? host : undefined)))
          ).filter((h): h is string => h !== undefined);
          seen.headers = (await fetch(pageUrl)).headers;
          // The operator presses Connect; the magic link is forwarded and someone else approves it.
          const link = await pressConnect(operator, pageUrl, 'youtube');
          const forwarded = await decideOnConsentPage(new OneBrowser(), link);
          seen.forwarded = { status: forwarded.verifyStatus, html: forwarded.verifyHtml };
          seen.statusAfter = await accountStatusViaSdk(emulator, 'youtube', 'shared-youtube');
          // The operator's own browser still finishes.
          await authorizeAsPerson(pageUrl, 'youtube', 'approve', operator);
        })();
      },
    );

    expect(connected.code).toBe(0);
    expect(new URL(seen.pageUrl!).hostname).toBe('127.0.0.1');
    expect(seen.reachableElsewhere).toEqual([]);
    expect(seen.headers?.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(seen.headers?.get('x-frame-options')).toBe('DENY');
    expect(seen.forwarded?.status).toBe(403);
    expect(seen.forwarded?.html).toContain('opened in another browser');
    expect(seen.statusAfter).toBe('PENDING_VERIFICATION');
    expect(await emulator.admin.account('youtube', 'shared-youtube')).toMatchObject({ status: 'ACTIVE' });
  }, 90_000);

  it('connect --host with nothing after it is a usage error', async () => {
    const run = await runCli(['connect', 'youtube', '--shared', 'shared-youtube', '--host', ' '], emulator.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--host needs an address');
  });

  it('doctor reports a missing connection and fails', async () => {
    const doctor = await runCli(['doctor', '--require', 'notion,salesforce'], emulator.env);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toContain('Missing connection "salesforce"');
  });

  it('names the missing variables without a stack trace', async () => {
    const run = await runCli(['doctor'], { SCALEKIT_ENV_URL: emulator.envUrl });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('set SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET');
    expect(run.stderr).not.toContain('    at ');
  });

  it('refuses wrong credentials without printing the secret', async () => {
    const run = await runCli(['doctor'], { ...emulator.env, SCALEKIT_CLIENT_SECRET: 'definitely-wrong' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('refused the client credentials');
    expect(run.stderr + run.stdout).not.toContain('definitely-wrong');
  });
});
