import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectAccount } from './support/connected-client.js';
import { NOW, startYoutube, type ChannelItem, type SearchItem, type YoutubeFixture } from './youtube-fixture.js';

const running: YoutubeFixture[] = [];
async function start(...args: Parameters<typeof startYoutube>): Promise<YoutubeFixture> {
  const fixture = await startYoutube(...args);
  running.push(fixture);
  return fixture;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.emulator.close()));
});

const DAY = 86_400_000;

async function catalogueOf(yt: YoutubeFixture, identifier: string) {
  await yt.rest(identifier, 'channels', { part: 'id', mine: true });
  return yt.snapshot(identifier);
}

describe('seeded catalogue', () => {
  it('is the same for the same seed and differs for another seed', async () => {
    const [a, b, c] = await Promise.all([start(), start(), start({}, ['researcher'], { seed: 8 })]);
    const [snapA, snapB, snapC] = await Promise.all([
      catalogueOf(a, 'researcher'),
      catalogueOf(b, 'researcher'),
      catalogueOf(c, 'researcher'),
    ]);
    expect(snapB.channels).toEqual(snapA.channels);
    const query = { part: 'snippet', q: 'guitar lesson', maxResults: 15 };
    const [searchA, searchB] = await Promise.all([
      a.rest<SearchItem>('researcher', 'search', query),
      b.rest<SearchItem>('researcher', 'search', query),
    ]);
    expect(searchB.items).toEqual(searchA.items);
    const idsA = new Set(snapA.channels.map((ch) => ch.id));
    expect(snapC.channels.some((ch) => idsA.has(ch.id))).toBe(false);
  });

  it('shares the public catalogue between accounts when catalogueSeed is set', async () => {
    const yt = await start({ catalogueSeed: 1234 }, ['alice', 'bob']);
    const [alice, bob] = [await catalogueOf(yt, 'alice'), await catalogueOf(yt, 'bob')];
    const publicIds = (s: typeof alice) => s.channels.filter((c) => !c.own).map((c) => c.id);
    expect(publicIds(bob)).toEqual(publicIds(alice));
    expect(bob.ownChannelId).not.toBe(alice.ownChannelId);
  });

  it('sizes to the options with real-looking ids, active and long-inactive channels', async () => {
    const yt = await start({ channels: 200, videosPerChannel: 3 });
    const snapshot = await catalogueOf(yt, 'researcher');
    const publicChannels = snapshot.channels.filter((c) => !c.own);
    expect(publicChannels).toHaveLength(200);
    expect(snapshot.channels.filter((c) => c.own).map((c) => c.id)).toEqual([snapshot.ownChannelId]);
    for (const channel of publicChannels) {
      expect(channel.id).toMatch(/^UC[A-Za-z0-9_-]{21}[AQgw]$/);
      expect(channel.videoCount).toBeGreaterThanOrEqual(1);
      expect(channel.videoCount).toBeLessThanOrEqual(5);
      for (const video of channel.videos) expect(video.id).toMatch(/^[A-Za-z0-9_-]{10}[AEIMQUYcgkosw048]$/);
    }
    expect(new Set(snapshot.channels.map((c) => c.handle)).size).toBe(snapshot.channels.length);
    const age = (c: (typeof publicChannels)[number]) => Date.parse(NOW) - Date.parse(c.lastUploadAt!);
    expect(publicChannels.filter((c) => age(c) < 60 * DAY).length).toBeGreaterThan(100);
    expect(publicChannels.filter((c) => age(c) > 540 * DAY).length).toBeGreaterThan(10);
    // Every date is in the past of the anchor.
    expect(publicChannels.every((c) => c.videos.every((v) => v.publishedAt <= NOW))).toBe(true);
  });
});

describe('persistence and rendering', () => {
  it('restores the same catalogue and the quota already used after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yt-state-'));
    try {
      const options = { persistPath: join(dir, 'state.json'), clientSecret: 'fixed-secret' };
      const first = await startYoutube({}, ['researcher'], options);
      const before = await first.rest<ChannelItem>('researcher', 'search', {
        part: 'snippet',
        q: 'history',
        type: 'channel',
      });
      const snapBefore = await first.snapshot('researcher');
      await first.emulator.close();

      const second = await start({}, [], options);
      // actions.request needs a token, which the SDK gets on its first gRPC call.
      const account = await second.client.actions.getConnectedAccount({
        connectionName: 'youtube',
        identifier: 'researcher',
      });
      expect(account.connectedAccount?.status).toBeDefined();
      const after = await second.rest<ChannelItem>('researcher', 'search', {
        part: 'snippet',
        q: 'history',
        type: 'channel',
      });
      expect(after.items).toEqual(before.items);
      const snapAfter = await second.snapshot('researcher');
      expect(snapAfter.channels).toEqual(snapBefore.channels);
      // One search before the restart and one after.
      expect(snapAfter.quota.used).toBe(200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('renders channels, statistics and videos as escaped HTML in the web UI', async () => {
    const identifier = '<img src=x onerror=alert(1)>';
    const yt = await start({ channels: 20 }, []);
    await connectAccount(yt.client, 'youtube', identifier);
    const snapshot = await catalogueOf(yt, identifier);
    const html = await (
      await fetch(`${yt.emulator.envUrl}/ui/sandboxes/youtube/${encodeURIComponent(identifier)}`)
    ).text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const channel = snapshot.channels.find((c) => !c.own)!;
    expect(html).toContain(channel.handle);
    expect(html).toContain(channel.videos[0]!.id);
    expect(html).toMatch(/\d[\d,]* subscribers|hidden subscribers/);
    const apostrophe = snapshot.channels.flatMap((c) => c.videos).find((v) => v.title.includes("'"));
    expect(apostrophe).toBeDefined();
    expect(html).toContain(apostrophe!.title.replaceAll("'", '&#39;'));
  });
});
