import { InputError, OperationalError } from '../core/errors.js';
import type { LlmUsage } from './language-model.js';

/**
 * Cost accounting and a per-run budget. Prices are per million tokens (how providers publish
 * them), in one currency per model; a model without a known price costs 0 (local models,
 * self-hosted servers), so budgets only bite where money is spent.
 */

export interface ModelPrice {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
  readonly currency: string;
}

/**
 * cost = (inputTokens · inputPerMillion + outputTokens · outputPerMillion) / 10⁶; 0 without a price.
 * Example: 1 200 in + 300 out at 0.15 / 0.60 per million → 0.00036.
 */
export function callCost(usage: LlmUsage, price: ModelPrice | undefined): number {
  if (price === undefined) return 0;
  return (
    (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000
  );
}

/** Money formatted for messages: up to 6 decimals, trailing zeros dropped (0.00036 USD). */
function formatMoney(amount: number, currency: string): string {
  return `${Number(amount.toFixed(6))} ${currency}`;
}

/** A call was refused because the run's LLM budget is spent. Not retryable: waiting does not help. */
export class LlmBudgetError extends OperationalError {
  readonly limit: number;
  readonly spent: number;
  readonly currency: string;
  constructor(limit: number, spent: number, currency: string) {
    super(
      'llm_budget_exceeded',
      `LLM budget exceeded: spent ${formatMoney(spent, currency)} of the ${formatMoney(limit, currency)} limit`,
      { isRetryable: false, hint: 'Raise llm.budgetPerRun in the configuration, or run a smaller batch.' },
    );
    this.limit = limit;
    this.spent = spent;
    this.currency = currency;
  }
}

export interface Budget {
  /** Throws `LlmBudgetError` once spent ≥ limit. */
  check(): void;
  add(cost: number): void;
  readonly spent: number;
  readonly limit: number;
  readonly currency: string;
}

/**
 * A spending limit for one run. Checked before each call and charged after it, so the last call
 * may overshoot by at most its own cost (the price of a call is known only afterwards).
 */
export function createBudget(options: { readonly limit: number; readonly currency: string }): Budget {
  const { limit, currency } = options;
  if (!Number.isFinite(limit) || limit < 0) {
    throw new InputError('invalid_budget', `The LLM budget must be a finite amount ≥ 0, got ${limit}`);
  }
  let spent = 0;
  return {
    check() {
      if (spent >= limit) throw new LlmBudgetError(limit, spent, currency);
    },
    add(cost: number) {
      if (!Number.isFinite(cost) || cost < 0) {
        throw new InputError('invalid_cost', `A call cost must be a finite amount ≥ 0, got ${cost}`);
      }
      spent += cost;
    },
    get spent() {
      return spent;
    },
    limit,
    currency,
  };
}
