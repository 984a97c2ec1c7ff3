import { escapeHtml } from '../../html/escape.js';
import type { QuotaSummary } from './quota-meter.js';
import type { YoutubeCatalogue } from './youtube-catalogue.js';
import { isoDuration } from './youtube-resources.js';

const number = (n: number): string => n.toLocaleString('en-US');

/** The catalogue as a person reads it: channels with their statistics, each with its videos. */
export function renderYoutubeHtml(catalogue: YoutubeCatalogue, identifier: string, quota: QuotaSummary): string {
  const rows = catalogue.channels.map((c) => {
    const videos = catalogue.uploadsOf(c.id);
    const items = videos
      .map(
        (v) =>
          `<li><a href="https://www.youtube.com/watch?v=${escapeHtml(v.id)}">${escapeHtml(v.title)}</a> <span class="muted">${escapeHtml(
            v.publishedAt.slice(0, 10),
          )} · ${escapeHtml(isoDuration(v.durationSeconds))} · ${escapeHtml(number(v.viewCount))} views</span></li>`,
      )
      .join('');
    const subscribers = c.hiddenSubscriberCount ? 'hidden' : number(c.subscriberCount);
    const mine = c.own ? ' <strong>(this account)</strong>' : '';
    return `<details><summary><strong>${escapeHtml(c.title)}</strong>${mine} <code>@${escapeHtml(c.handle)}</code> <span class="muted">${escapeHtml(
      c.topic,
    )} · ${escapeHtml(subscribers)} subscribers · ${escapeHtml(number(c.videoCount))} videos · ${escapeHtml(number(c.viewCount))} views · last upload ${escapeHtml(
      catalogue.lastUploadAt(c.id)?.slice(0, 10) ?? 'never',
    )}</span></summary><ul>${items}</ul></details>`;
  });
  return `<section class="sandbox youtube"><h2>YouTube · ${escapeHtml(identifier)}</h2><p class="muted">Quota: ${escapeHtml(
    number(quota.used),
  )} of ${escapeHtml(number(quota.dailyLimit))} units used on ${escapeHtml(quota.day)} (Pacific time). ${escapeHtml(
    number(catalogue.channels.length),
  )} channels, ${escapeHtml(number(catalogue.videos.length))} videos.</p>${rows.join('')}</section>`;
}
