import { startEmulator, type RunningEmulator } from '@repo/scalekit-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveConsent, connectSharedAccount } from '../src/index.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

describe('connectSharedAccount', () => {
  it("connects the shared account through the gate's consent page, on this machine only", async () => {
    const pages: string[] = [];
    await connectSharedAccount({
      env: emulator.env,
      connection: 'youtube',
      identifier: 'shared-feed',
      consent: (pageUrl) => {
        pages.push(pageUrl);
        return approveConsent(pageUrl, 'youtube');
      },
      timeoutSecs: 60,
    });
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await emulator.admin.account('youtube', 'shared-feed'))?.status).toBe('ACTIVE');
    // The page is gone once the account is connected.
    await expect(fetch(pages[0]!)).rejects.toThrow();
  });

  it('names the variables it needs when the environment lacks them', async () => {
    await expect(connectSharedAccount({ env: {}, connection: 'youtube', identifier: 'shared-feed' })).rejects.toThrow(
      'connectSharedAccount needs SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET',
    );
  });
});
