import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { callCost, createBudget, LlmBudgetError } from './cost.js';

describe('callCost', () => {
  it('prices input and output tokens per million', () => {
    const price = { inputPerMillion: 0.15, outputPerMillion: 0.6, currency: 'USD' };
    // (1200 · 0.15 + 300 · 0.60) / 1e6 = 0.00036
    expect(callCost({ inputTokens: 1200, outputTokens: 300 }, price)).toBeCloseTo(0.00036, 12);
  });

  it('is 0 without a known price', () => {
    expect(callCost({ inputTokens: 1e6, outputTokens: 1e6 }, undefined)).toBe(0);
  });
});

describe('createBudget', () => {
  it('allows calls until spent reaches the limit, then throws a non-retryable budget error', () => {
    const budget = createBudget({ limit: 1, currency: 'CNY' });
    budget.check();
    budget.add(0.6);
    budget.check();
    budget.add(0.4);
    expect(budget.spent).toBeCloseTo(1, 12);
    const error = (() => {
      try {
        budget.check();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LlmBudgetError);
    expect(error).toMatchObject({
      code: 'llm_budget_exceeded',
      isRetryable: false,
      limit: 1,
      currency: 'CNY',
    });
    expect((error as Error).message).toBe('LLM budget exceeded: spent 1 CNY of the 1 CNY limit');
  });

  it('a zero budget refuses the first call', () => {
    expect(() => createBudget({ limit: 0, currency: 'USD' }).check()).toThrow(LlmBudgetError);
  });

  it('rejects invalid limits and costs', () => {
    expect(() => createBudget({ limit: -1, currency: 'USD' })).toThrow(InputError);
    expect(() => createBudget({ limit: Number.POSITIVE_INFINITY, currency: 'USD' })).toThrow(InputError);
    expect(() => createBudget({ limit: 1, currency: 'USD' }).add(-0.1)).toThrow(InputError);
  });
});
