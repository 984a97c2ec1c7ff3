import { deriveSeed } from '../seeded-random.js';
import type { ChannelTopic } from './channel-topics.js';
import { fullMatchCount } from './search-endpoint.js';
import type { ParsedQuery } from './search-query.js';
import { generateTopicChannels, type GeneratedResources, type YoutubeCatalogue } from './youtube-catalogue.js';

/** Below this many seeded videos and channels matching every word, a query gets channels of its own. */
export const MIN_FULL_MATCHES = 5;
/** Channels generated for such a query (each with its videos and perhaps playlists). */
export const GENERATED_CHANNELS = 6;

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'vs']);

/**
 * What a query is about, independent of spelling: the first alternative of each word group,
 * normalised (lower case, no accents), in order. Undefined for a query without words.
 */
export function queryKey(query: ParsedQuery): string | undefined {
  const key = query.groups
    .map((group) => group[0])
    .join(' ')
    .trim();
  return key === '' ? undefined : key;
}

/** `rust embedded` -> `Rust Embedded`; small words stay lower case except first. */
export function labelOf(key: string): string {
  return key
    .split(' ')
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

/**
 * A channel topic made of the query's words, in the shape of the seeded topics: every channel
 * name, subject and title contains the whole label, so the generated channels and videos match
 * the query on every word.
 */
export function queryTopic(key: string): ChannelTopic {
  const label = labelOf(key);
  const lower = key;
  return {
    key: `query:${key}`,
    label,
    categoryId: '27',
    topicCategories: ['https://en.wikipedia.org/wiki/Knowledge'],
    channelNames: [
      `${label} with {first}`,
      `{first} on ${label}`,
      `${label} Lab`,
      `The ${label} Channel`,
      `${label} Daily`,
      `${label} Explained`,
      `{first} Talks ${label}`,
      `All About ${label}`,
    ],
    channelBlurbs: [
      `Everything about ${lower}, explained without the fluff.`,
      `Practical ${lower} videos for beginners and enthusiasts alike.`,
      `Guides, reviews and deep dives on ${lower}, every week.`,
      `News, how-tos and experiments from the world of ${lower}.`,
    ],
    keywords: [lower, ...new Set(key.split(' ').filter((w) => !SMALL_WORDS.has(w))), `${lower} guide`, `${lower} tips`],
    subjects: [
      label,
      `${label} Basics`,
      `Advanced ${label}`,
      `${label} for Beginners`,
      `${label} Mistakes`,
      `${label} Tools`,
      `${label} on a Budget`,
      `${label} in Practice`,
    ],
    titles: [
      '{subject} Explained',
      'I Tried {subject} for {n} Days',
      '{n} Things Nobody Tells You About {subject}',
      '{subject}: The Complete Guide ({year})',
      'Getting Started with {subject}',
      'Is {subject} Worth It in {year}?',
      '{subject} Q&A #{n}',
    ],
    tags: [lower, `${lower} tutorial`, `${lower} guide`, 'how to', 'beginners'],
    durations: [180, 2400],
  };
}

/**
 * Search results for queries the seeded catalogue knows little about. Each such query gets
 * `GENERATED_CHANNELS` channels built from its words, drawn from the catalogue seed and the query
 * alone: the same query finds the same channels and videos in any order of calls, across
 * restarts, and on every account of one catalogue seed. Generated resources are registered in
 * the catalogue, so channels.list, videos.list and playlistItems.list find them by id.
 */
export class QueryResults {
  readonly #byKey = new Map<string, GeneratedResources | null>();

  constructor(
    private readonly catalogue: YoutubeCatalogue,
    private readonly spec: { seed: number; videosPerChannel: number },
  ) {}

  /** The resources a search adds for this query, generated on first use; undefined when it needs none. */
  for(query: ParsedQuery): GeneratedResources | undefined {
    const key = queryKey(query);
    if (key === undefined) return undefined;
    let extra = this.#byKey.get(key);
    if (extra === undefined) {
      extra = fullMatchCount(this.catalogue, query) >= MIN_FULL_MATCHES ? null : this.#generate(key);
      this.#byKey.set(key, extra);
    }
    return extra ?? undefined;
  }

  /** Query keys that have generated resources, for the saved state and the admin snapshot. */
  keys(): string[] {
    return [...this.#byKey].flatMap(([key, extra]) => (extra ? [key] : []));
  }

  /** Regenerates the resources of saved query keys, so ids handed out before a restart still resolve. */
  restore(keys: readonly string[]): void {
    for (const key of keys) if (!this.#byKey.has(key)) this.#byKey.set(key, this.#generate(key));
  }

  #generate(key: string): GeneratedResources {
    const extra = generateTopicChannels(this.catalogue, queryTopic(key), {
      seed: deriveSeed(this.spec.seed, `query:${key}`),
      count: GENERATED_CHANNELS,
      videosPerChannel: this.spec.videosPerChannel,
    });
    this.catalogue.register(extra);
    return extra;
  }
}
