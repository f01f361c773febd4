import type { LlmCallRecorder } from './call-log.js';
import type { Budget, ModelPrice } from './cost.js';
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
