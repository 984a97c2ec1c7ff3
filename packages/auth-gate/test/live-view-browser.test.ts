import { mkdirSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { createAuthGate, perUser, type AuthGate } from '../src/index.js';
import { accountStatusViaSdk } from './support/consenting-person.js';
import { testRuntime } from './support/test-runtime.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const INJECTION = '<img src=x onerror="window.__pwned=1">';

let emulator: RunningEmulator;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  emulator = await startEmulator({ connections: [{ name: 'acme', provider: 'ACME', auth: 'OAUTH' }] });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
});

describe('the live-view page in a real browser', () => {
  it('connects through the emulator consent page and turns into the run progress', async () => {
    const gate: AuthGate<'acme'> = await createAuthGate({
      connectors: { acme: perUser({ label: `Acme ${INJECTION}` }) },
      page: { title: `Import ${INJECTION}`, port: 0 },
      credentials: { envUrl: emulator.envUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
      runtime: testRuntime({ atHome: true, userId: 'browser-user' }),
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const connecting = gate.connect(['acme']);
      await page.goto(gate.pageUrl);
      const button = page.getByTestId('connect-acme');
      await button.waitFor();
      expect(await page.title()).toBe(`Import ${INJECTION}`);

      const [consentTab] = await Promise.all([context.waitForEvent('page'), button.click()]);
      await consentTab.waitForLoadState();
      expect(await consentTab.getByTestId('identifier').textContent()).toBe('browser-user');
      await consentTab.getByRole('button', { name: 'Approve' }).click();
      await consentTab.getByTestId('verify-result').waitFor();
      expect(await consentTab.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');

      const { acme } = await connecting;
      await page
        .locator('[data-testid="connector-acme"][data-state="connected"]')
        .or(page.locator('[data-phase="running"]'))
        .first()
        .waitFor();
      await acme.tool('acme_echo', {});
      await gate.progress({ done: 3, total: 4, label: `pages ${INJECTION}` });
      await page.getByTestId('progress').waitFor();
      expect(await page.getByTestId('progress').textContent()).toContain(`3 / 4 pages ${INJECTION}`);
      await gate.finish({
        summary: `Done ${INJECTION}`,
        links: [
          { label: 'Result', url: 'https://example.com/r' },
          { label: 'bad', url: 'javascript:alert(1)' },
        ],
      });
      await page.getByTestId('summary').waitFor();
      expect(await page.getByTestId('summary').textContent()).toBe(`Done ${INJECTION}`);
      expect(await page.locator('[data-testid="links"] a').count()).toBe(1);
      expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      await page.screenshot({ path: `${ARTIFACTS}live-view-done.png`, fullPage: true });
      await context.close();
    } finally {
      await gate.close();
    }
  });

  it('a magic link forwarded to a second browser connects nothing; the starter finishes in their own browser', async () => {
    const gate = await createAuthGate({
      connectors: { acme: perUser({ label: 'Acme' }) },
      page: { title: 'Bound consent', port: 0 },
      credentials: { envUrl: emulator.envUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
      runtime: testRuntime({ atHome: true, userId: 'starter-user' }),
    });
    const starter = await browser.newContext();
    const other = await browser.newContext();
    try {
      const connecting = gate.connect(['acme']);
      const page = await starter.newPage();
      await page.goto(gate.pageUrl);
      const button = page.getByTestId('connect-acme');
      await button.waitFor();
      // A top-level tab, so the binding cookie is first-party even when Console frames the run page.
      expect(await button.getAttribute('target')).toBe('_blank');
      expect(await button.getAttribute('rel')).toContain('noopener');
      const [consentTab] = await Promise.all([starter.waitForEvent('page'), button.click()]);
      await consentTab.waitForLoadState();
      const magicLink = consentTab.url();
      expect(magicLink).toContain('/magicLink/');

      // Forwarded: another browser (no cookies of the run page) opens the link and approves.
      const elsewhere = await other.newPage();
      await elsewhere.goto(magicLink);
      await elsewhere.getByRole('button', { name: 'Approve' }).click();
      const refused = elsewhere.getByTestId('verify-result');
      await refused.waitFor();
      expect(await refused.getAttribute('data-ok')).toBe('false');
      expect(await refused.getAttribute('data-reason')).toBe('other_browser');
      expect(await elsewhere.locator('body').textContent()).toContain('press Connect there');
      expect(await accountStatusViaSdk(emulator, 'acme', 'starter-user')).toBe('PENDING_VERIFICATION');

      // The forwarded approval spent that link; the starter presses the button again and approves.
      const again = page.getByTestId('connect-acme');
      const [secondTab] = await Promise.all([starter.waitForEvent('page'), again.click()]);
      await secondTab.waitForLoadState();
      await secondTab.getByRole('button', { name: 'Approve' }).click();
      const verified = secondTab.getByTestId('verify-result');
      await verified.waitFor();
      expect(await verified.getAttribute('data-ok')).toBe('true');
      await connecting;
      expect(await accountStatusViaSdk(emulator, 'acme', 'starter-user')).toBe('ACTIVE');
      await page
        .locator('[data-testid="connector-acme"][data-state="connected"]')
        .or(page.locator('[data-phase="running"]'))
        .first()
        .waitFor();
    } finally {
      await starter.close();
      await other.close();
      await gate.close();
    }
  }, 60_000);

  it('shows a failure message as text', async () => {
    const gate = await createAuthGate({
      connectors: { acme: perUser() },
      page: { title: 'Failing run', port: 0 },
      credentials: { envUrl: emulator.envUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
      runtime: testRuntime({ atHome: true, userId: 'failing-user' }),
    });
    try {
      const page = await browser.newPage();
      await page.goto(gate.pageUrl);
      await gate.reportFailure(new Error(`boom ${INJECTION}`));
      await page.getByTestId('error').waitFor();
      expect(await page.getByTestId('error').textContent()).toBe(`The run failed: boom ${INJECTION}`);
      expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      await page.close();
    } finally {
      await gate.close();
    }
  });
});
