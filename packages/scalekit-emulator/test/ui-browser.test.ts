import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { connectAccount, startWithClient, type EmulatorFixture } from './support/connected-client.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const XSS = '<img src=x onerror=alert(1)>';

/** Fails (never skips) without Chromium: the UI must be checked in a real browser. */
async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}. Install Debian's chromium: apt-get update && apt-get install -y chromium`,
    );
  }
  return chromium.launch({
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
}

/** A page that records dialogs (an `alert` means injected markup ran) and uncaught script errors. */
async function watchedPage(browser: Browser): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const context = await browser.newContext();
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, dialogs, errors };
}

describe('web UI in headless Chromium', () => {
  let browser: Browser;
  let f: EmulatorFixture;

  beforeAll(async () => {
    browser = await launchChromium();
    f = await startWithClient({ connections: [{ name: 'acme', provider: 'ACME', auth: 'OAUTH' }] });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await f?.emulator.close();
  });

  it('clicks from the overview to an account sandbox and sees what the SDK wrote, with injected markup shown as text', async () => {
    const accountId = await connectAccount(f.client, 'acme', XSS);
    for (const name of ['Quarterly report', XSS]) {
      await f.client.actions.request({
        connectionName: 'acme',
        identifier: XSS,
        path: '/resources',
        method: 'POST',
        body: { name },
      });
    }
    const { page, dialogs, errors } = await watchedPage(browser);

    await page.goto(`${f.emulator.envUrl}/`);
    const row = page.locator(`[data-testid="account-row"][data-account-id="${accountId}"]`);
    expect(await row.getByTestId('account-identifier').textContent()).toBe(XSS);
    expect(await row.getByTestId('account-status').textContent()).toBe('ACTIVE');
    expect(await page.getByTestId('client-id').textContent()).toBe(f.emulator.clientId);
    expect(await page.content()).not.toContain(f.emulator.clientSecret);
    await page.screenshot({ path: `${ARTIFACTS}ui-home.png`, fullPage: true });

    await row.getByTestId('account-sandbox-link').click();
    await page.waitForURL(/\/ui\/sandboxes\/acme\//);
    expect(await page.getByTestId('sandbox-identifier').textContent()).toBe(XSS);
    expect(await page.getByTestId('generic-resource-name').allTextContents()).toEqual(['Quarterly report', XSS]);
    expect(await page.locator('img').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}ui-sandbox.png`, fullPage: true });

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the call log filters by kind through its form', async () => {
    await connectAccount(f.client, 'acme', 'carol');
    await f.client.actions.request({ connectionName: 'acme', identifier: 'carol', path: '/echo' });
    const { page, errors } = await watchedPage(browser);

    await page.goto(`${f.emulator.envUrl}/`);
    await page.getByTestId('nav-calls').click();
    await page.getByTestId('filter-kind').selectOption('proxy');
    await page.getByTestId('filter-identifier').fill('carol');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/kind=proxy/);

    expect(await page.getByTestId('call-name').allTextContents()).toEqual(['/echo']);
    expect(await page.getByTestId('call-status').allTextContents()).toEqual(['200']);
    expect(errors).toEqual([]);
  });

  it('with auto-refresh on, the overview shows a new account without a reload', async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(`${f.emulator.envUrl}/`);
    await page.getByTestId('auto-refresh').check();

    await f.client.actions.getOrCreateConnectedAccount({ connectionName: 'acme', identifier: 'dave-arrives-later' });

    await page.getByTestId('account-identifier').filter({ hasText: 'dave-arrives-later' }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('auto-refresh').isChecked()).toBe(true);
    expect(errors).toEqual([]);
  });
});
