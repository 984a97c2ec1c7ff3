import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ScalekitClient, ScalekitValidateTokenFailureException } from '@scalekit-sdk/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let emulator: RunningEmulator;
let client: ScalekitClient;

beforeEach(async () => {
  emulator = await startEmulator();
  client = new ScalekitClient(emulator.envUrl, emulator.clientId, emulator.clientSecret);
});
afterEach(async () => {
  await emulator.close();
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI against the emulator, as an operator's terminal would. */
function runCli(args: string[], env: Record<string, string> = emulator.env): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The key printed by `keys create`: the one indented line of its output. */
function printedKey(run: CliRun): string {
  const lines = run.stdout.split('\n').filter((l) => /^ {2}\S+$/.test(l));
  expect(lines).toHaveLength(1);
  return lines[0]!.trim();
}

// Each test spawns the CLI several times; on a loaded 2-core machine one spawn can take 10 s.
describe('auth-gate keys', { timeout: 180_000 }, () => {
  it('create prints a user key once, with the warning to store it; the key validates with its user and claims', async () => {
    const run = await runCli([
      'keys',
      'create',
      '--org',
      'org_acme',
      '--user',
      'usr_alice',
      '--claim',
      'plan=pro',
      '--claim',
      'env=a=b',
      '--expires-in',
      '3600',
      '--description',
      'Zapier',
    ]);

    expect(run.code).toBe(0);
    const key = printedKey(run);
    expect(run.stdout.split(key)).toHaveLength(2);
    expect(run.stdout).toContain('shown only this once');
    expect(run.stdout).toMatch(/Created API key apit_\w+ for organization org_acme, user usr_alice; expires \d{4}-/);
    const { tokenInfo } = await client.token.validateToken(key);
    expect(tokenInfo).toMatchObject({
      organizationId: 'org_acme',
      userId: 'usr_alice',
      customClaims: { plan: 'pro', env: 'a=b' },
      description: 'Zapier',
    });
  });

  it('list shows ids, scopes and last characters of active keys, never a key, and filters by user', async () => {
    const alice = await client.token.createToken('org_acme', { userId: 'usr_alice', customClaims: { plan: 'pro' } });
    const org = await client.token.createToken('org_acme', { description: 'CI' });
    for (let i = 0; i < 31; i += 1) await client.token.createToken('org_acme', { userId: 'usr_bulk' });

    const all = await runCli(['keys', 'list', '--org', 'org_acme']);
    const mine = await runCli(['keys', 'list', '--org', 'org_acme', '--user', 'usr_alice']);
    const none = await runCli(['keys', 'list', '--org', 'org_nobody']);

    expect(all.code).toBe(0);
    expect(all.stdout).toContain('33 active API key(s) for org_acme.');
    expect(all.stdout).toContain(`${alice.tokenId}  user usr_alice  …${alice.token.slice(-4)}`);
    expect(all.stdout).toContain('claims plan=pro');
    expect(all.stdout).toContain(`${org.tokenId}  organization`);
    expect(all.stdout).toContain('"CI"');
    expect(mine.stdout.trim().split('\n')).toHaveLength(2);
    expect(mine.stdout).toContain('1 active API key(s) for org_acme / user usr_alice.');
    expect(none.stdout).toContain('No active API keys for org_nobody.');
    for (const output of [all, mine]) {
      expect(output.stdout + output.stderr).not.toContain(alice.token);
      expect(output.stdout + output.stderr).not.toContain(org.token);
    }
  });

  it('revoke by id or by key takes effect at once, is idempotent, and never echoes the key', async () => {
    const byId = await client.token.createToken('org_acme');
    const byKey = await client.token.createToken('org_acme');

    const first = await runCli(['keys', 'revoke', byId.tokenId]);
    const second = await runCli(['keys', 'revoke', byId.tokenId]);
    const withKey = await runCli(['keys', 'revoke', byKey.token]);

    expect([first.code, second.code, withKey.code]).toEqual([0, 0, 0]);
    expect(first.stdout).toContain(`Revoked ${byId.tokenId}`);
    expect(withKey.stdout).toContain(`Revoked the key ending in …${byKey.token.slice(-4)}`);
    expect(withKey.stdout + withKey.stderr).not.toContain(byKey.token);
    for (const key of [byId.token, byKey.token]) {
      await expect(client.token.validateToken(key)).rejects.toBeInstanceOf(ScalekitValidateTokenFailureException);
    }
  });

  it('revoke of an unknown key fails clearly without echoing it', async () => {
    const run = await runCli(['keys', 'revoke', 'sk_apikey_not-issued-here']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('knows no API key with that value');
    expect(run.stdout + run.stderr).not.toContain('sk_apikey_not-issued-here');
  });

  it("checks arguments before calling Scalekit, and reports Scalekit's refusals without a stack", async () => {
    const noOrg = await runCli(['keys', 'create']);
    const badClaim = await runCli(['keys', 'create', '--org', 'org_acme', '--claim', 'novalue']);
    const badExpiry = await runCli(['keys', 'create', '--org', 'org_acme', '--expires-in', '0']);
    const optionLike = await runCli(['keys', 'create', '--org', 'org_acme', '--expires-in', '-5']);
    const noSub = await runCli(['keys']);
    const refused = await runCli(['keys', 'create', '--org', 'acme']);

    expect([noOrg.code, badClaim.code, badExpiry.code, optionLike.code, noSub.code]).toEqual([2, 2, 2, 2, 2]);
    expect(noOrg.stderr).toContain('--org');
    expect(badClaim.stderr).toContain('--claim must be key=value');
    expect(badExpiry.stderr).toContain('--expires-in');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('organization_id must start with "org_"');
    expect(refused.stderr).not.toContain('    at ');
    expect(emulator.environment.apiTokens.all()).toHaveLength(0);
  });
});
