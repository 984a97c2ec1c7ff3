import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoReport } from '../src/demo-report.js';

const run = promisify(execFile);
const DEMO = fileURLToPath(new URL('../dist/main.js', import.meta.url));
let dir: string | undefined;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('pnpm demo, non-interactively', () => {
  it('runs the three actors as one user, asks for Notion consent once, and reports', async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-'));
    const reportFile = join(dir, 'report.json');
    // No terminal: the demo exits after the report, 0 only if every actor succeeded.
    const { stdout } = await run(process.execPath, [DEMO, '--once', '--port', '0', '--report-json', reportFile], {
      timeout: 400_000,
      maxBuffer: 20 * 1024 * 1024,
    });
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as DemoReport;
    expect(report.actors.map((a) => [a.actor, a.ok])).toEqual([
      ['crawl-to-notion', true],
      ['notion-youtube-agent', true],
      ['gmail-digest', true],
    ]);
    expect(report.actors.map((a) => a.consentAsked)).toEqual([true, false, true]);
    expect(report.notionConsents).toBe(1);
    expect(report.notionPagesInSandbox).toBeGreaterThan(20);
    expect(report.digestStored).toBe(true);
    expect(stdout).toContain('Demo report');
    expect(stdout).toContain('The operator connects the shared YouTube account once');
    expect(stdout).toContain(report.emulatorUi);
    expect(stdout).not.toMatch(/magicLink\/[A-Za-z0-9_-]{20,}/);
  }, 420_000);
});
