import type { SeededRandom } from '../seeded-random.js';

/** The URL-safe base64 alphabet YouTube ids are written in. */
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/*
 * Real ids encode whole bytes, so their last character only carries the leftover bits: a video id
 * (64 bits in 11 chars) ends in one of 16 characters, a channel id suffix (128 bits in 22 chars)
 * in one of 4. Mimicking that keeps ids indistinguishable from real ones for format checks.
 */
const VIDEO_ID_LAST = 'AEIMQUYcgkosw048';
const CHANNEL_ID_LAST = 'AQgw';

export const CHANNEL_ID_PATTERN = /^UC[A-Za-z0-9_-]{21}[AQgw]$/;
export const VIDEO_ID_PATTERN = /^[A-Za-z0-9_-]{10}[AEIMQUYcgkosw048]$/;

export function channelId(random: SeededRandom): string {
  return `UC${random.chars(BASE64URL, 21)}${random.chars(CHANNEL_ID_LAST, 1)}`;
}

export function videoId(random: SeededRandom): string {
  return `${random.chars(BASE64URL, 10)}${random.chars(VIDEO_ID_LAST, 1)}`;
}

export function playlistId(random: SeededRandom): string {
  return `PL${random.chars(BASE64URL, 32)}`;
}

/** A channel's uploads playlist shares the channel id's suffix (`UC…` -> `UU…`), as on YouTube. */
export function uploadsPlaylistId(channel: string): string {
  return `UU${channel.slice(2)}`;
}
