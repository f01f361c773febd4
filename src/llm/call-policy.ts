import { MarketmindError } from '../core/errors.js';
import type { LlmCallRecorder, LlmCallStatus } from './call-log.js';
import { CircuitOpenError } from './circuit-breaker.js';
import { type Budget, LlmBudgetError, type ModelPrice } from './cost.js';
import type { PromptGuard } from './language-model.js';
import type { RetryOptions } from './retry.js';

/**
 * What every provider call of a client goes through, for chat (client.ts) and embeddings
 * (embedding-client.ts) alike: the privacy guard, the call log, price and run budget, the
 * concurrency limit, per-attempt timeout, retries and the circuit breaker.
 */
export interface CallPolicyOptions {
  readonly guard: PromptGuard;
  readonly recorder?: LlmCallRecorder;
  readonly price?: ModelPrice;
  readonly budget?: Budget;
  /** Provider calls in flight at once (default 4). */
  readonly concurrency?: number;
  /** Per-attempt timeout (default 60 000 ms). */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryOptions>;
  readonly breaker?: { readonly failureThreshold: number; readonly resetAfterMs: number };
  readonly runId?: string;
  /** Clock for record timestamps and the breaker (default `new Date()`). */
  readonly now?: () => Date;
}

/** Retries on 429/5xx/timeouts with full jitter, honouring a capped Retry-After. */
export const defaultRetry = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
} as const;

/** The breaker opens after 5 failures in a row and tries again after 30 s. */
export const defaultBreaker = { failureThreshold: 5, resetAfterMs: 30_000 } as const;

/** The call-log status of a failed call. */
export function statusOf(error: unknown): LlmCallStatus {
  if (error instanceof LlmBudgetError) return 'budget_exceeded';
  if (error instanceof CircuitOpenError) return 'circuit_open';
  return 'error';
}

/** The call-log error code of a failed call. */
export function errorCodeOf(error: unknown): string {
  if (error instanceof MarketmindError) return error.code;
  return error instanceof Error ? error.name : 'unknown';
}

/** A promise that rejects when `signal` aborts (raced against a provider call that may ignore it). */
export function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
