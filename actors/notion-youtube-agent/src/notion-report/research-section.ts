import {
  channelUrl,
  formatCount,
  handleUrl,
  SCORE_WEIGHTS,
  videoUrl,
  type ResearchChannel,
} from '../research/index.js';
import { dividerBlock, richText, textBlocks, type NotionBlock, type RichTextItem } from './notion-blocks.js';

/** What the report shows about one channel; built from research results or from Claude's picks. */
export interface ReportChannel {
  id: string;
  title: string;
  customUrl?: string;
  subscriberCount?: number;
  subscribersHidden?: boolean;
  videoCount?: number;
  score?: number;
  reason?: string;
  sampleVideo?: { id: string; title: string };
}

export interface ResearchSection {
  topic: string;
  /** The user's task, quoted so the page says why the section exists. */
  task?: string;
  /** Whether Claude chose the channels or the formula alone ranked them. */
  method: 'claude' | 'formula';
  generatedAt: Date;
  channels: readonly ReportChannel[];
  /** Claude's own summary, paragraphs separated by blank lines. */
  summary?: string;
  notes?: readonly string[];
}

/** "2024-05-01 09:05 UTC": minutes are enough to tell runs apart and read well in a heading. */
export function formatUtcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function researchSectionHeading(topic: string, generatedAt: Date): string {
  return `YouTube research: ${topic.trim()} — ${formatUtcMinute(generatedAt)}`;
}

/** The formula as a sentence, from the same weights the scorer uses. */
export function scoringMethodText(): string {
  const percent = (weight: number): string => `${Math.round(weight * 100)}%`;
  return (
    `score 0–10 = ${percent(SCORE_WEIGHTS.relevance)} relevance (topic words in the title, description and recent video titles)` +
    ` + ${percent(SCORE_WEIGHTS.audience)} audience (subscribers, log scale)` +
    ` + ${percent(SCORE_WEIGHTS.activity)} activity (days since the last upload, number of uploads)`
  );
}

/**
 * A dated section to append to a page: heading, task and method, an optional summary, one
 * numbered item per channel with bulleted details (one level of nesting), notes, a divider.
 */
export function buildResearchSectionBlocks(section: ResearchSection): NotionBlock[] {
  const blocks: NotionBlock[] = [
    ...textBlocks('heading_2', researchSectionHeading(section.topic, section.generatedAt)),
  ];

  const method =
    section.method === 'claude'
      ? `Claude searched YouTube with tools, read channel statistics and chose the channels; ${scoringMethodText()}.`
      : `ranked without an LLM by a transparent formula: ${scoringMethodText()}.`;
  const intro: RichTextItem[] = [];
  if (section.task !== undefined && section.task.trim() !== '') {
    intro.push(...richText('Task: ', { bold: true }), ...richText(`${section.task.trim()}\n`));
  }
  intro.push(...richText('Method: ', { bold: true }), ...richText(method));
  blocks.push(...textBlocks('paragraph', intro));

  for (const paragraph of (section.summary ?? '').split(/\n\s*\n/u)) {
    if (paragraph.trim() !== '') blocks.push(...textBlocks('paragraph', paragraph.trim()));
  }

  if (section.channels.length === 0)
    blocks.push(...textBlocks('paragraph', richText('No channels matched the search and filters.', { italic: true })));
  for (const channel of section.channels) blocks.push(...channelBlocks(channel));

  if (section.notes !== undefined && section.notes.length > 0) {
    blocks.push(...textBlocks('paragraph', richText('Notes', { bold: true })));
    for (const note of section.notes) blocks.push(...textBlocks('bulleted_list_item', note));
  }
  blocks.push(dividerBlock());
  return blocks;
}

function channelBlocks(channel: ReportChannel): NotionBlock[] {
  const title: RichTextItem[] = richText(channel.title.trim() === '' ? channel.id : channel.title, {
    url: channelUrl(channel.id),
    bold: true,
  });
  const handle = handleUrl(channel.customUrl);
  if (handle !== undefined && channel.customUrl !== undefined)
    title.push(...richText(' ('), ...richText(channel.customUrl, { url: handle }), ...richText(')'));
  if (channel.score !== undefined) title.push(...richText(` — score ${channel.score.toFixed(1)}/10`));

  const subscribers =
    channel.subscriberCount !== undefined
      ? formatCount(channel.subscriberCount)
      : channel.subscribersHidden === true
        ? 'hidden'
        : 'unknown';
  const figures = [`Subscribers: ${subscribers}`];
  if (channel.videoCount !== undefined) figures.push(`Videos: ${formatCount(channel.videoCount)}`);

  const details: NotionBlock[] = [...textBlocks('bulleted_list_item', figures.join(' · '))];
  if (channel.reason !== undefined && channel.reason.trim() !== '')
    details.push(...textBlocks('bulleted_list_item', `Why: ${channel.reason.trim()}`));
  if (channel.sampleVideo !== undefined) {
    const video = channel.sampleVideo;
    details.push(
      ...textBlocks('bulleted_list_item', [
        ...richText('Sample video: '),
        ...richText(video.title.trim() === '' ? video.id : video.title, { url: videoUrl(video.id) }),
      ]),
    );
  }
  return textBlocks('numbered_list_item', title, details);
}

/** Report entries from the research pipeline's ranked channels. */
export function reportChannelsFromResearch(channels: readonly ResearchChannel[]): ReportChannel[] {
  return channels.map(({ channel, score, sampleVideo }) => ({
    id: channel.id,
    title: channel.title,
    ...(channel.customUrl === undefined ? {} : { customUrl: channel.customUrl }),
    ...(channel.subscriberCount === undefined ? {} : { subscriberCount: channel.subscriberCount }),
    subscribersHidden: channel.subscribersHidden,
    ...(channel.videoCount === undefined ? {} : { videoCount: channel.videoCount }),
    score: score.score,
    reason: score.reason,
    ...(sampleVideo === undefined ? {} : { sampleVideo: { id: sampleVideo.id, title: sampleVideo.title } }),
  }));
}
