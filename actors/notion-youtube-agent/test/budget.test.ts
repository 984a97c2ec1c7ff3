import { describe, expect, it } from 'vitest';
import { createBudget } from '../src/agent/index.js';

describe('createBudget', () => {
  it('is within limits until a limit is reached, then says which', () => {
    const budget = createBudget({ maxIterations: 3, maxInputTokens: 1000, maxOutputTokens: 500 });
    expect(budget.exhausted()).toBeUndefined();
    budget.record({ input_tokens: 400, output_tokens: 100 });
    expect(budget.exhausted()).toBeUndefined();
    budget.record({
      input_tokens: 300,
      output_tokens: 100,
      cache_read_input_tokens: 200,
      cache_creation_input_tokens: 100,
    });
    expect(budget.limitReached()).toBe('input_tokens');
    expect(budget.exhausted()).toBe('used 1000 input tokens (limit 1000)');
    expect(budget.totals()).toEqual({ iterations: 2, inputTokens: 1000, outputTokens: 200 });
  });

  it('counts model calls and output tokens', () => {
    const calls = createBudget({ maxIterations: 2, maxInputTokens: 1e9, maxOutputTokens: 1e9 });
    calls.record({ input_tokens: 1, output_tokens: 1 });
    calls.record({ input_tokens: 1, output_tokens: 1 });
    expect(calls.exhausted()).toBe('reached 2 model calls (limit 2)');
    const output = createBudget({ maxIterations: 10, maxInputTokens: 1e9, maxOutputTokens: 50 });
    output.record({ input_tokens: 1, output_tokens: 60 });
    expect(output.limitReached()).toBe('output_tokens');
  });

  it('ignores missing or nonsense token counts', () => {
    const budget = createBudget({ maxIterations: 10, maxInputTokens: 100, maxOutputTokens: 100 });
    budget.record({ input_tokens: null, output_tokens: Number.NaN, cache_read_input_tokens: -5 });
    expect(budget.totals()).toEqual({ iterations: 1, inputTokens: 0, outputTokens: 0 });
  });

  it('rejects limits that make no sense', () => {
    expect(() => createBudget({ maxIterations: 0, maxInputTokens: 1, maxOutputTokens: 1 })).toThrow(/maxIterations/);
    expect(() => createBudget({ maxIterations: 1, maxInputTokens: Number.NaN, maxOutputTokens: 1 })).toThrow(
      /maxInputTokens/,
    );
  });
});
