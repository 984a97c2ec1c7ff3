import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { waitForConsentPhase } from './support/consenting-person.js';

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

describe('auth-gate operator CLI', () => {
  it('connects a shared account once, then doctor sees it ACTIVE, then disconnect removes it', async () => {
    const connected = await runCli(['connect', 'youtube', '--shared', 'shared-youtube', '--port', '0', '--timeout', '20'], emulator.env, (line) => {
      const match = /^Open (http:\/\/\S+) in a browser/.exec(line);
      if (!match) return;
      void (async () => {
        const pageUrl = match[1]!;
        await waitForConsentPhase(pageUrl);
        const connect = await fetch(`${pageUrl}/connect/youtube`, { redirect: 'manual' });
        const link = connect.headers.get('location')!;
        const approve = await fetch(link, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' });
        await fetch(approve.headers.get('location')!);
      })();
    });
    expect(connected.code).toBe(0);
    expect(connected.stdout).toContain('youtube / shared-youtube is ACTIVE');
    expect(connected.stdout).not.toContain('/magicLink/');

    const doctor = await runCli(['doctor', '--require', 'notion,gmail,youtube', '--identifier', 'shared-youtube'], emulator.env);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('Account youtube / shared-youtube: ACTIVE');
    expect(doctor.stdout).toContain('All checks passed.');

    const gone = await runCli(['disconnect', 'youtube', '--identifier', 'shared-youtube'], emulator.env);
    expect(gone.stdout).toContain('Deleted youtube / shared-youtube.');
    expect(await emulator.admin.account('youtube', 'shared-youtube')).toBeUndefined();
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
