/**
 * YouTube Data API v3 quota costs in units: search.list costs 100, the list calls used for
 * details (channels.list, videos.list, playlistItems.list) cost 1. A default project gets
 * 10,000 units a day, shared by every run that uses the shared YouTube account.
 */
export const YOUTUBE_QUOTA_COST = { search: 100, list: 1 } as const;

export interface SearchPlanOptions {
  /** Units this run may spend in total. */
  quotaBudgetUnits: number;
  /** Cost of one search (default 100). */
  searchCost?: number;
  /** Units kept back for the detail calls that follow the searches. */
  reserveUnits?: number;
  /** Hard cap on searches regardless of budget. */
  maxSearches?: number;
}

export interface SearchPlan {
  /** The searches to run, in the variations' order. */
  queries: string[];
  /** Variations dropped for lack of budget. */
  skipped: string[];
  searchUnits: number;
  /** Budget left after searches, including the reserve. */
  remainingUnits: number;
}

/** The leading variations that fit the budget once the reserve for detail calls is set aside. */
export function planSearches(variations: readonly string[], options: SearchPlanOptions): SearchPlan {
  const searchCost = options.searchCost ?? YOUTUBE_QUOTA_COST.search;
  if (!(searchCost > 0)) throw new RangeError(`searchCost must be positive, got ${searchCost}`);
  const budget = Math.max(0, options.quotaBudgetUnits);
  const available = Math.max(0, budget - Math.max(0, options.reserveUnits ?? 0));
  const affordable = Math.floor(available / searchCost);
  const cap =
    options.maxSearches === undefined ? affordable : Math.min(affordable, Math.max(0, Math.floor(options.maxSearches)));
  const queries = variations.slice(0, cap);
  const searchUnits = queries.length * searchCost;
  return { queries, skipped: variations.slice(queries.length), searchUnits, remainingUnits: budget - searchUnits };
}

/**
 * Units the detail phase may need: one channels.list per 50 candidates plus one uploads lookup
 * per channel whose latest upload is checked.
 */
export function detailUnitsEstimate(candidateCount: number, uploadLookups: number): number {
  return (
    Math.ceil(Math.max(0, candidateCount) / 50) * YOUTUBE_QUOTA_COST.list +
    Math.max(0, uploadLookups) * YOUTUBE_QUOTA_COST.list
  );
}
