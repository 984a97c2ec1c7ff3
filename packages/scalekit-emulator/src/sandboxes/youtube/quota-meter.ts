import { quotaExceeded } from './youtube-errors.js';

export type YoutubeMethod = 'search.list' | 'channels.list' | 'videos.list' | 'playlists.list' | 'playlistItems.list';

/** Units per call, from YouTube's quota cost table. */
export const QUOTA_COSTS: Readonly<Record<YoutubeMethod, number>> = {
  'search.list': 100,
  'channels.list': 1,
  'videos.list': 1,
  'playlists.list': 1,
  'playlistItems.list': 1,
};

/** YouTube bills invalid requests too: at least one unit each. */
export const INVALID_REQUEST_COST = 1;

const PACIFIC_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The quota day a moment falls in: YouTube resets daily quotas at midnight Pacific Time. */
export function pacificDay(at: Date): string {
  return PACIFIC_DAY.format(at);
}

export interface QuotaSummary {
  dailyLimit: number;
  used: number;
  remaining: number;
  /** The Pacific-time day the usage belongs to. */
  day: string;
  calls: Record<string, number>;
}

export interface QuotaState {
  day: string;
  used: number;
  calls: Record<string, number>;
}

/** One account's daily YouTube quota: refuse a call that would go past the limit, until the day turns. */
export class QuotaMeter {
  #state: QuotaState;

  constructor(
    readonly dailyLimit: number,
    private readonly clock: () => Date = () => new Date(),
    saved?: QuotaState,
  ) {
    this.#state = saved ? { day: saved.day, used: saved.used, calls: { ...saved.calls } } : this.#fresh();
  }

  #fresh(): QuotaState {
    return { day: pacificDay(this.clock()), used: 0, calls: {} };
  }

  #rollOver(): void {
    if (pacificDay(this.clock()) !== this.#state.day) this.#state = this.#fresh();
  }

  /** Throws `quotaExceeded` unless `cost` more units fit in today's quota. */
  ensure(cost: number): void {
    this.#rollOver();
    if (this.#state.used + cost > this.dailyLimit) throw quotaExceeded();
  }

  charge(cost: number, method: YoutubeMethod): void {
    this.#rollOver();
    this.#state.used += cost;
    this.#state.calls[method] = (this.#state.calls[method] ?? 0) + 1;
  }

  state(): QuotaState {
    this.#rollOver();
    return { day: this.#state.day, used: this.#state.used, calls: { ...this.#state.calls } };
  }

  summary(): QuotaSummary {
    const s = this.state();
    return {
      dailyLimit: this.dailyLimit,
      used: s.used,
      remaining: Math.max(0, this.dailyLimit - s.used),
      day: s.day,
      calls: s.calls,
    };
  }
}
