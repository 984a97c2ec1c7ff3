import {
  CHANNEL_TOPICS,
  CHAPTER_NAMES,
  COUNTRIES,
  DESCRIPTION_MIDDLES,
  DESCRIPTION_OPENERS,
  FIRST_NAMES,
  type ChannelTopic,
} from './channel-topics.js';
import { SeededRandom } from '../seeded-random.js';
import { channelId, playlistId, videoId } from './youtube-ids.js';

export interface ChannelRecord {
  id: string;
  title: string;
  description: string;
  /** Without the `@`, lower case, as `customUrl` shows it. */
  handle: string;
  /** Legacy username (`forUsername`), only some channels have one. */
  username: string | null;
  country: string | null;
  publishedAt: string;
  topic: string;
  keywords: string[];
  subscriberCount: number;
  hiddenSubscriberCount: boolean;
  viewCount: number;
  videoCount: number;
  /** The connected account's own channel (`mine=true`). */
  own: boolean;
}

export interface VideoRecord {
  id: string;
  channelId: string;
  channelTitle: string;
  title: string;
  description: string;
  tags: string[];
  categoryId: string;
  topic: string;
  publishedAt: string;
  durationSeconds: number;
  viewCount: number;
  /** null = the owner hides likes / turned comments off: the field is then absent, as on YouTube. */
  likeCount: number | null;
  commentCount: number | null;
  definition: 'hd' | 'sd';
  caption: boolean;
  licensedContent: boolean;
}

export interface PlaylistRecord {
  id: string;
  channelId: string;
  channelTitle: string;
  title: string;
  description: string;
  publishedAt: string;
  videoIds: string[];
}

export interface CatalogueSpec {
  /** Seed of the public catalogue (channels, videos, playlists). */
  seed: number;
  /** Seed of what belongs to the account: its own channel and its liked videos. */
  accountSeed: number;
  identifier: string;
  /** Anchor of every relative date. */
  now: Date;
  channels: number;
  videosPerChannel: number;
}

const DAY_MS = 86_400_000;
const HANDLE_MAX = 30;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** ISO 8601 without milliseconds, the way YouTube writes `publishedAt`. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function handleFrom(title: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
  return (base || 'channel').slice(0, HANDLE_MAX - 4);
}

function unique(candidate: string, taken: Set<string>, random: SeededRandom, separator: string): string {
  let value = candidate;
  while (taken.has(value.toLowerCase())) value = `${candidate}${separator}${random.int(2, 999)}`;
  taken.add(value.toLowerCase());
  return value;
}

/** A display name from an identifier: `jane.doe@example.com` -> `Jane Doe`, `shared-youtube` -> `Shared Youtube`. */
export function titleFromIdentifier(identifier: string): string {
  const local = identifier.split('@')[0] ?? identifier;
  const words = local.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const title = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
  return title || 'My Channel';
}

function videoDescription(
  random: SeededRandom,
  topic: ChannelTopic,
  subject: string,
  duration: number,
  tags: string[],
): string {
  const values = { subject, label: topic.label.toLowerCase() };
  const lines = [fill(random.pick(DESCRIPTION_OPENERS), values), fill(random.pick(DESCRIPTION_MIDDLES), values)];
  if (duration >= 300) {
    const chapters = random.int(3, CHAPTER_NAMES.length);
    const step = Math.floor(duration / chapters);
    const stamps = CHAPTER_NAMES.slice(0, chapters).map((name, i) => {
      const at = i * step;
      return `${Math.floor(at / 60)}:${String(at % 60).padStart(2, '0')} ${name}`;
    });
    lines.push('', ...stamps);
  }
  lines.push(
    '',
    tags
      .slice(0, 3)
      .map((t) => `#${t.replace(/[^\p{L}\p{N}]+/gu, '')}`)
      .join(' '),
  );
  return lines.join('\n');
}

function durationFor(random: SeededRandom, topic: ChannelTopic): number {
  if (random.chance(0.12)) return random.int(15, 59); // a Short
  return Math.round(random.logUniform(topic.durations[0], topic.durations[1]));
}

interface ChannelPlan {
  record: ChannelRecord;
  topic: ChannelTopic;
  createdDaysAgo: number;
  /** Seconds into the creation day, so channels are not all created at midnight. */
  createdSecondOfDay: number;
  lastUploadDaysAgo: number;
}

function planChannel(
  random: SeededRandom,
  topic: ChannelTopic,
  titles: Set<string>,
  handles: Set<string>,
  usernames: Set<string>,
): ChannelPlan {
  // Re-draw a taken name a few times before falling back to a numbered one, as creators would.
  let first = random.pick(FIRST_NAMES);
  let candidate = fill(random.pick(topic.channelNames), { first });
  for (let attempt = 0; attempt < 8 && titles.has(candidate.toLowerCase()); attempt++) {
    first = random.pick(FIRST_NAMES);
    candidate = fill(random.pick(topic.channelNames), { first });
  }
  const title = unique(candidate, titles, random, ' ');
  const handle = unique(handleFrom(title), handles, random, '');
  const username = random.chance(0.3) ? unique(title.replace(/[^A-Za-z0-9]+/g, ''), usernames, random, '') : null;
  const createdDaysAgo = random.int(400, 16 * 365);
  // About one channel in five stopped uploading long ago: research tools must notice inactivity.
  const inactive = random.chance(0.22);
  const lastUploadDaysAgo = inactive
    ? random.int(540, Math.max(541, Math.min(7 * 365, createdDaysAgo - 60)))
    : random.int(0, 45);
  const hidden = random.chance(0.04);
  const keywords = random.sample(topic.keywords, random.int(3, topic.keywords.length));
  const record: ChannelRecord = {
    id: channelId(random),
    title,
    description: `${random.pick(topic.channelBlurbs)}\n\n${random.chance(0.5) ? `Hi, I'm ${first}. ` : ''}New videos ${random.pick(['every week', 'every Tuesday', 'twice a month', 'most Fridays', 'when they are ready'])}.\nBusiness enquiries: hello@${handle}.example.com`,
    handle,
    username,
    country: random.chance(0.85) ? random.pick(COUNTRIES) : null,
    publishedAt: '',
    topic: topic.key,
    keywords,
    subscriberCount: Math.round(random.logUniform(800, 12_000_000)),
    hiddenSubscriberCount: hidden,
    viewCount: 0,
    videoCount: 0,
    own: false,
  };
  return { record, topic, createdDaysAgo, createdSecondOfDay: random.int(0, 86_399), lastUploadDaysAgo };
}

function makeVideos(random: SeededRandom, plan: ChannelPlan, count: number, nowMs: number): VideoRecord[] {
  const videos: VideoRecord[] = [];
  const usedTitles = new Set<string>();
  let daysAgo = plan.lastUploadDaysAgo;
  for (let i = 0; i < count; i++) {
    if (i > 0) daysAgo += random.int(3, 40);
    // Never before the channel existed: squeeze the remaining uploads into its first weeks.
    if (daysAgo >= plan.createdDaysAgo) daysAgo = plan.createdDaysAgo - 1 - random.int(0, 20) / (i + 1);
    const publishedMs = nowMs - daysAgo * DAY_MS - random.int(0, 86_399) * 1000;
    const year = new Date(publishedMs).getUTCFullYear();
    const topic = plan.topic;
    let subject = random.pick(topic.subjects);
    let title = '';
    for (let attempt = 0; attempt < 6; attempt++) {
      title = fill(random.pick(topic.titles), { subject, n: random.int(2, 30), year });
      if (!usedTitles.has(title)) break;
      subject = random.pick(topic.subjects);
    }
    usedTitles.add(title);
    const duration = durationFor(random, topic);
    if (duration < 60) title = `${title} #shorts`;
    const tags = [...random.sample(topic.tags, random.int(3, 6)), subject.replace(/^the /i, '').toLowerCase()];
    const ageDays = Math.max(1, daysAgo);
    // Views scale with the audience and settle after a couple of months; a few videos go viral.
    const reach = plan.record.subscriberCount * random.logUniform(0.01, 1.2) * Math.sqrt(Math.min(1, ageDays / 60));
    const viewCount = Math.max(12, Math.round(reach * (random.chance(0.03) ? random.float(5, 30) : 1)));
    const likes = Math.round(viewCount * random.float(0.008, 0.05));
    videos.push({
      id: videoId(random),
      channelId: plan.record.id,
      channelTitle: plan.record.title,
      title,
      description: videoDescription(random, topic, subject, duration, tags),
      tags,
      categoryId: topic.categoryId,
      topic: topic.key,
      publishedAt: isoSeconds(publishedMs),
      durationSeconds: duration,
      viewCount,
      likeCount: random.chance(0.02) ? null : likes,
      commentCount: random.chance(0.03) ? null : Math.round(likes * random.float(0.02, 0.12)),
      definition: random.chance(0.92) ? 'hd' : 'sd',
      caption: random.chance(0.35),
      licensedContent: random.chance(0.7),
    });
  }
  return videos;
}

function makePlaylists(
  random: SeededRandom,
  channel: ChannelRecord,
  topic: ChannelTopic,
  videos: VideoRecord[],
): PlaylistRecord[] {
  if (videos.length < 4 || !random.chance(0.6)) return [];
  const names = [
    `${topic.label} for Beginners`,
    `Complete ${random.pick(topic.subjects)} Series`,
    `Best of ${channel.title}`,
    'Start Here',
  ];
  return random.sample(names, random.int(1, 2)).map((title) => {
    const picked = random.sample(videos, random.int(3, Math.min(videos.length, 12)));
    picked.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
    const created = Date.parse(picked[0]!.publishedAt) + random.int(1, 48) * 3_600_000;
    return {
      id: playlistId(random),
      channelId: channel.id,
      channelTitle: channel.title,
      title,
      description: random.chance(0.6) ? `${title}: ${random.pick(topic.channelBlurbs)}` : '',
      publishedAt: isoSeconds(created),
      videoIds: picked.map((v) => v.id),
    };
  });
}

/** The sandbox's YouTube: every channel, video and playlist, with lookups. Read-only once built. */
export class YoutubeCatalogue {
  readonly channelById = new Map<string, ChannelRecord>();
  readonly videoById = new Map<string, VideoRecord>();
  readonly playlistById = new Map<string, PlaylistRecord>();
  /** Newest first, as the uploads playlist lists them. */
  readonly videosByChannel = new Map<string, VideoRecord[]>();
  readonly playlistsByChannel = new Map<string, PlaylistRecord[]>();

  constructor(
    readonly channels: readonly ChannelRecord[],
    readonly videos: readonly VideoRecord[],
    readonly playlists: readonly PlaylistRecord[],
    readonly ownChannelId: string,
    readonly likedVideoIds: readonly string[],
    readonly now: Date,
  ) {
    for (const c of channels) {
      this.channelById.set(c.id, c);
      this.videosByChannel.set(c.id, []);
      this.playlistsByChannel.set(c.id, []);
    }
    for (const v of videos) {
      this.videoById.set(v.id, v);
      this.videosByChannel.get(v.channelId)?.push(v);
    }
    for (const list of this.videosByChannel.values()) list.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    for (const p of playlists) {
      this.playlistById.set(p.id, p);
      this.playlistsByChannel.get(p.channelId)?.push(p);
    }
  }

  /**
   * Makes resources generated for a search findable by id, handle and playlist, without adding
   * them to `channels` / `videos` / `playlists`: those stay the seeded catalogue, so what one
   * query generated never shows up in another query's results.
   */
  register(extra: GeneratedResources): void {
    for (const c of extra.channels) {
      if (this.channelById.has(c.id)) continue;
      this.channelById.set(c.id, c);
      this.videosByChannel.set(c.id, []);
      this.playlistsByChannel.set(c.id, []);
    }
    const touched = new Set<VideoRecord[]>();
    for (const v of extra.videos) {
      const uploads = this.videosByChannel.get(v.channelId);
      if (this.videoById.has(v.id) || !uploads) continue;
      this.videoById.set(v.id, v);
      uploads.push(v);
      touched.add(uploads);
    }
    for (const uploads of touched) uploads.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    for (const p of extra.playlists) {
      if (this.playlistById.has(p.id)) continue;
      this.playlistById.set(p.id, p);
      this.playlistsByChannel.get(p.channelId)?.push(p);
    }
  }

  channelByHandle(handle: string): ChannelRecord | undefined {
    const wanted = handle.replace(/^@/, '').toLowerCase();
    return [...this.channelById.values()].find((c) => c.handle === wanted);
  }

  channelByUsername(username: string): ChannelRecord | undefined {
    const wanted = username.toLowerCase();
    return [...this.channelById.values()].find((c) => c.username?.toLowerCase() === wanted);
  }

  uploadsOf(channel: string): VideoRecord[] {
    return this.videosByChannel.get(channel) ?? [];
  }

  /** The newest upload's date, or null for a channel without videos. */
  lastUploadAt(channel: string): string | null {
    return this.uploadsOf(channel)[0]?.publishedAt ?? null;
  }
}

/** Channels, videos and playlists made for one search query. */
export interface GeneratedResources {
  channels: readonly ChannelRecord[];
  videos: readonly VideoRecord[];
  playlists: readonly PlaylistRecord[];
}

function finishChannel(plan: ChannelPlan, videos: VideoRecord[], nowMs: number): ChannelRecord {
  const firstVideo = videos.reduce((min, v) => Math.min(min, Date.parse(v.publishedAt)), Number.POSITIVE_INFINITY);
  const created = Math.min(nowMs - plan.createdDaysAgo * DAY_MS - plan.createdSecondOfDay * 1000, firstVideo - DAY_MS);
  return {
    ...plan.record,
    publishedAt: isoSeconds(created),
    videoCount: videos.length,
    viewCount: videos.reduce((sum, v) => sum + v.viewCount, 0),
  };
}

/**
 * Builds the catalogue. Every random draw happens in a fixed order from the seeds, and dates are
 * offsets from `now`, so the same spec always yields the same catalogue.
 */
export function generateCatalogue(spec: CatalogueSpec): YoutubeCatalogue {
  const random = new SeededRandom(spec.seed);
  const nowMs = spec.now.getTime();
  const titles = new Set<string>();
  const handles = new Set<string>();
  const usernames = new Set<string>();
  const offset = random.int(0, CHANNEL_TOPICS.length - 1);
  const channels: ChannelRecord[] = [];
  const videos: VideoRecord[] = [];
  const playlists: PlaylistRecord[] = [];
  for (let i = 0; i < spec.channels; i++) {
    const topic = CHANNEL_TOPICS[(i + offset) % CHANNEL_TOPICS.length]!;
    const plan = planChannel(random, topic, titles, handles, usernames);
    const count =
      spec.videosPerChannel === 0 ? 0 : Math.max(1, Math.round(spec.videosPerChannel * random.float(0.5, 1.5)));
    const own = makeVideos(random, plan, count, nowMs);
    const channel = finishChannel(plan, own, nowMs);
    channels.push(channel);
    videos.push(...own);
    playlists.push(...makePlaylists(random, channel, topic, own));
  }

  // The account's own channel and likes come from the account seed, so the public catalogue stays put.
  const mine = new SeededRandom(spec.accountSeed);
  const ownTopic = mine.pick(CHANNEL_TOPICS);
  const ownTitle = unique(titleFromIdentifier(spec.identifier), titles, mine, ' ');
  const ownPlan: ChannelPlan = {
    record: {
      id: channelId(mine),
      title: ownTitle,
      description: '',
      handle: unique(handleFrom(ownTitle), handles, mine, ''),
      username: null,
      country: null,
      publishedAt: '',
      topic: ownTopic.key,
      keywords: [],
      subscriberCount: mine.int(0, 400),
      hiddenSubscriberCount: false,
      viewCount: 0,
      videoCount: 0,
      own: true,
    },
    topic: ownTopic,
    createdDaysAgo: mine.int(400, 3000),
    createdSecondOfDay: mine.int(0, 86_399),
    lastUploadDaysAgo: mine.int(30, 300),
  };
  const ownVideos = makeVideos(mine, ownPlan, mine.int(0, 3), nowMs);
  channels.push(finishChannel(ownPlan, ownVideos, nowMs));
  videos.push(...ownVideos);
  const liked = mine
    .sample(
      videos.filter((v) => v.channelId !== ownPlan.record.id),
      12,
    )
    .map((v) => v.id);
  return new YoutubeCatalogue(channels, videos, playlists, ownPlan.record.id, liked, spec.now);
}

/**
 * `count` channels on one topic, with their videos and playlists, drawn from `seed` alone. Names
 * and handles avoid those of `catalogue` (only its seeded channels, so the result does not depend
 * on what else was generated before).
 */
export function generateTopicChannels(
  catalogue: YoutubeCatalogue,
  topic: ChannelTopic,
  spec: { seed: number; count: number; videosPerChannel: number },
): GeneratedResources {
  const random = new SeededRandom(spec.seed);
  const nowMs = catalogue.now.getTime();
  const titles = new Set(catalogue.channels.map((c) => c.title.toLowerCase()));
  const handles = new Set(catalogue.channels.map((c) => c.handle));
  const usernames = new Set(catalogue.channels.flatMap((c) => (c.username ? [c.username.toLowerCase()] : [])));
  const channels: ChannelRecord[] = [];
  const videos: VideoRecord[] = [];
  const playlists: PlaylistRecord[] = [];
  for (let i = 0; i < spec.count; i++) {
    const plan = planChannel(random, topic, titles, handles, usernames);
    const count =
      spec.videosPerChannel === 0 ? 0 : Math.max(1, Math.round(spec.videosPerChannel * random.float(0.5, 1.5)));
    const own = makeVideos(random, plan, count, nowMs);
    const channel = finishChannel(plan, own, nowMs);
    channels.push(channel);
    videos.push(...own);
    playlists.push(...makePlaylists(random, channel, topic, own));
  }
  return { channels, videos, playlists };
}
