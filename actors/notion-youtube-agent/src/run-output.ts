// What a run leaves behind besides the Notion section: one dataset item per channel (fields as
// in .actor/dataset_schema.json) and the OUTPUT record.

import { channelUrl, videoUrl, type RankedChannel, type ResearchChannel } from './research/index.js';

export interface ChannelItem {
  rank: number;
  channelId: string;
  title: string;
  url: string;
  subscribers: number | null;
  videos: number | null;
  score: number;
  reason: string;
  sampleVideoUrl: string | null;
  notionPageUrl: string | null;
}

export function channelItems(
  channels: readonly RankedChannel<ResearchChannel>[],
  notionPageUrl: string | null,
): ChannelItem[] {
  return channels.map(({ rank, channel, score, sampleVideo }) => ({
    rank,
    channelId: channel.id,
    title: channel.title,
    url: channelUrl(channel.id),
    subscribers: channel.subscriberCount ?? null,
    videos: channel.videoCount ?? null,
    score: score.score,
    reason: score.reason,
    sampleVideoUrl: sampleVideo === undefined ? null : videoUrl(sampleVideo.id),
    notionPageUrl,
  }));
}

/** One step of the run as shown on the live-view page; agent tool calls carry their details. */
export interface RunStep {
  index: number;
  text: string;
  tool?: string;
  input?: unknown;
  isError?: boolean;
  errorKind?: 'invalid_input' | 'tool_failed';
  /** The start of what the tool returned (or its error), as the model saw it. */
  result?: string;
}

export interface TokenUsage {
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
}

export type RunStatus = 'SUCCEEDED' | 'BUDGET_EXHAUSTED' | 'FAILED';

export interface RunOutput {
  status: RunStatus;
  mode: 'structured' | 'agent';
  topic: string | null;
  task: string | null;
  notionPageUrl: string | null;
  notionPageId: string | null;
  /** The ranked channels written (the dataset has every field). */
  channels: { rank: number; title: string; url: string; score: number }[];
  quotaUnitsUsed: number;
  steps: RunStep[];
  /** Agent runs: Claude's model calls and tokens. */
  tokenUsage?: TokenUsage;
  /** Agent runs: Claude's final answer. */
  answer?: string;
  /** Agent runs: why the loop ended (end_turn, max_iterations, ...), with details for budget stops. */
  stopReason?: string;
  stopDetail?: string;
  /** The shared YouTube project's units: this run's, and the user's day (UTC). */
  youtubeQuota?: YoutubeQuotaReport;
  /** Scalekit round trips of the run (lookups, tool calls, proxied Notion requests). */
  roundTrips: number;
  notes: string[];
  /** For FAILED: what went wrong. */
  message?: string;
}

export interface YoutubeQuotaReport {
  usedUnits: number;
  runBudgetUnits: number;
  /** This user's units today, this run included. */
  usedTodayUnits: number;
  dailyLimitUnits: number;
}

export function outputChannels(items: readonly ChannelItem[]): RunOutput['channels'] {
  return items.map(({ rank, title, url, score }) => ({ rank, title, url, score }));
}

const RESULT_PREVIEW_CHARS = 500;

/** Keeps the steps for OUTPUT while showing each one on the live-view page. */
export class StepLog {
  readonly steps: RunStep[] = [];

  constructor(private readonly show: (text: string) => void) {}

  add(text: string, details: Omit<RunStep, 'index' | 'text'> = {}): RunStep {
    const step: RunStep = { index: this.steps.length + 1, text, ...details };
    if (step.result !== undefined && step.result.length > RESULT_PREVIEW_CHARS) {
      step.result = `${step.result.slice(0, RESULT_PREVIEW_CHARS)}…`;
    }
    this.steps.push(step);
    this.show(text);
    return step;
  }
}
