// Limits on one agent run, so a confused model cannot loop or spend without end.

export interface BudgetLimits {
  /** Model calls. */
  maxIterations: number;
  /** Input tokens summed over calls, cache reads and writes included (they are billed). */
  maxInputTokens: number;
  maxOutputTokens: number;
}

/** The token fields of the Messages API `usage` object (nullable as the SDK types them). */
export interface UsageLike {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

export interface BudgetTotals {
  iterations: number;
  inputTokens: number;
  outputTokens: number;
}

export type BudgetLimitKind = 'iterations' | 'input_tokens' | 'output_tokens';

export interface Budget {
  readonly limits: Readonly<BudgetLimits>;
  /** Counts one model call and its tokens. */
  record(usage: UsageLike): void;
  /** Why no further call may be made, or undefined while within limits. */
  exhausted(): string | undefined;
  limitReached(): BudgetLimitKind | undefined;
  totals(): BudgetTotals;
}

export function createBudget(limits: BudgetLimits): Budget {
  for (const [key, value] of Object.entries(limits)) {
    if (!(typeof value === 'number' && value > 0))
      throw new RangeError(`budget ${key} must be a positive number, got ${String(value)}`);
  }
  const totals: BudgetTotals = { iterations: 0, inputTokens: 0, outputTokens: 0 };

  const limitReached = (): BudgetLimitKind | undefined => {
    if (totals.iterations >= limits.maxIterations) return 'iterations';
    if (totals.inputTokens >= limits.maxInputTokens) return 'input_tokens';
    if (totals.outputTokens >= limits.maxOutputTokens) return 'output_tokens';
    return undefined;
  };

  return {
    limits: { ...limits },
    record(usage) {
      totals.iterations += 1;
      totals.inputTokens +=
        tokens(usage.input_tokens) + tokens(usage.cache_creation_input_tokens) + tokens(usage.cache_read_input_tokens);
      totals.outputTokens += tokens(usage.output_tokens);
    },
    exhausted() {
      switch (limitReached()) {
        case 'iterations':
          return `reached ${totals.iterations} model calls (limit ${limits.maxIterations})`;
        case 'input_tokens':
          return `used ${totals.inputTokens} input tokens (limit ${limits.maxInputTokens})`;
        case 'output_tokens':
          return `used ${totals.outputTokens} output tokens (limit ${limits.maxOutputTokens})`;
        default:
          return undefined;
      }
    },
    limitReached,
    totals: () => ({ ...totals }),
  };
}

function tokens(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
