import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveConsent, connectSharedAccount, startLocalRun } from '@repo/actor-runner';
import { startSampleSite } from '@repo/sample-site';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { stageActor } from '../src/index.js';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let emulator: RunningEmulator;
let workDir: string;

beforeAll(async () => {
  emulator = await startEmulator({ sandboxes: { notion: { rateLimitPerSecond: 0 } } });
  workDir = await mkdtemp(join(tmpdir(), 'staged-actors-'));
});

afterAll(async () => {
  await emulator?.close();
  await rm(workDir, { recursive: true, force: true });
});

/** Stages the actor outside the workspace and installs its npm dependencies there, as the image would. */
async function stageAndInstall(actor: string): Promise<string> {
  const outDir = join(workDir, actor);
  const staged = await stageActor({ repoRoot: REPO_ROOT, actor, outDir });
  expect(Object.keys(staged.dependencies).some((d) => d.startsWith('@repo/'))).toBe(false);
  const pkg = JSON.parse(await readFile(join(outDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  expect(pkg.dependencies['@scalekit-sdk/node']).toBeDefined();
  const actorJson = JSON.parse(await readFile(join(outDir, '.actor', 'actor.json'), 'utf8')) as Record<string, unknown>;
  expect(actorJson['dockerContextDir']).toBeUndefined();
  expect(existsSync(join(outDir, 'Dockerfile'))).toBe(true);
  await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: outDir,
    timeout: 240_000,
  });
  return outDir;
}

describe('staged actors run on their own, outside the workspace', () => {
  it('notion-youtube-agent: structured research into Notion', async () => {
    const dir = await stageAndInstall('notion-youtube-agent');
    await connectSharedAccount({
      env: emulator.env,
      connection: 'youtube',
      identifier: 'shared-youtube',
      timeoutSecs: 30,
    });
    const local = await startLocalRun({
      actorDir: dir,
      input: { topic: 'python tutorial', notionPage: 'Standalone research', parentPage: 'Research', channelCount: 3 },
      env: { ...emulator.env, AUTH_GATE_USER_ID: 'standalone-user' },
    });
    const approval = approveConsent(local.liveViewUrl, 'notion');
    const result = await local.done;
    await approval;
    expect(result.exitCode).toBe(0);
    expect(result.datasetItems).toHaveLength(3);
    expect((result.output as { status: string }).status).toBe('SUCCEEDED');
  }, 300_000);

  it('gmail-digest: a deterministic digest of the seeded mailbox', async () => {
    const dir = await stageAndInstall('gmail-digest');
    const local = await startLocalRun({
      actorDir: dir,
      input: { since: 'lookback', lookbackHours: 72 },
      env: { ...emulator.env, AUTH_GATE_USER_ID: 'standalone-mail-user' },
    });
    const approval = approveConsent(local.liveViewUrl, 'gmail');
    const result = await local.done;
    await approval;
    expect(result.exitCode).toBe(0);
    expect(result.datasetItems.length).toBeGreaterThan(0);
    expect((result.output as { generatedBy: string }).generatedBy).toBe('deterministic');
  }, 300_000);

  it('crawl-to-notion: a small crawl into Notion', async () => {
    const dir = await stageAndInstall('crawl-to-notion');
    const site = await startSampleSite();
    try {
      const local = await startLocalRun({
        actorDir: dir,
        input: { startUrls: [{ url: site.url }], parentPage: 'Research', maxPages: 5 },
        env: { ...emulator.env, AUTH_GATE_USER_ID: 'standalone-crawl-user' },
      });
      const approval = approveConsent(local.liveViewUrl, 'notion');
      const result = await local.done;
      await approval;
      expect(result.exitCode).toBe(0);
      expect((result.output as { written: number }).written).toBeGreaterThan(0);
    } finally {
      await site.close();
    }
  }, 300_000);
});
