import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScalekitValidateTokenFailureException } from '@scalekit-sdk/node';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { StateFileError, startEmulator } from '../src/index.js';
import { startWithClient, type EmulatorFixture } from './support/connected-client.js';
import { expectRejection } from './support/core.js';

let dir: string;
let statePath: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-tokens-'));
  statePath = join(dir, 'state.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<EmulatorFixture> {
  const f = await startWithClient({ persistPath: statePath });
  onTestFinished(() => f.emulator.close());
  return f;
}

describe('API tokens in the state file', () => {
  it('keeps hashes and metadata only; after a restart keys still validate and revoked ones stay revoked', async () => {
    const first = await start();
    const kept = await first.client.token.createToken('org_acme', {
      userId: 'usr_alice',
      customClaims: { plan: 'pro' },
    });
    const revoked = await first.client.token.createToken('org_acme');
    await first.client.token.invalidateToken(revoked.token);
    await first.emulator.close();

    const text = await readFile(statePath, 'utf8');
    expect(text).toContain(kept.tokenId);
    expect(text).not.toContain(kept.token);
    expect(text).not.toContain(revoked.token);

    const second = await start();
    const { tokenInfo } = await second.client.token.validateToken(kept.token);
    expect(tokenInfo).toMatchObject({ tokenId: kept.tokenId, userId: 'usr_alice', customClaims: { plan: 'pro' } });
    await expectRejection(second.client.token.validateToken(revoked.token), ScalekitValidateTokenFailureException);
    // Idempotent across the restart, because the revoked record was kept.
    await second.client.token.invalidateToken(revoked.tokenId);
  });

  it('refuses a state file whose token hash is not a SHA-256 digest', async () => {
    const first = await start();
    await first.client.token.createToken('org_acme');
    await first.emulator.close();
    const saved = JSON.parse(await readFile(statePath, 'utf8')) as { apiTokens: { hash: string }[] };
    saved.apiTokens[0]!.hash = 'plain-key-by-mistake';
    await writeFile(statePath, JSON.stringify(saved));

    const error = await startEmulator({ persistPath: statePath }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toContain('apiTokens[0].hash');
  });
});
