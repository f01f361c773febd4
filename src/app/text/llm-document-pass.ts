import { LlmBudgetError, StructuredOutputError } from '../../llm/index.js';

/**
 * Runs one LLM call per item with `concurrency` workers and stops taking new items at the first
 * error that ends a run: the budget is spent (`LlmBudgetError`) or any other failure that is not a
 * bad answer for one item (HTTP errors after retries, an open circuit, a timeout). An item whose
 * answer never validated (`StructuredOutputError`) is only counted as failed. Calls already in
 * flight finish; their answers are kept. Results are in input order; `undefined` = not done.
 */

export interface LlmRunStop {
  readonly reason: 'limit' | 'budget' | 'llm_error';
  readonly message: string;
}

export interface LlmPass<T> {
  readonly results: (T | undefined)[];
  readonly failed: number;
  readonly stop: (LlmRunStop & { readonly error: unknown }) | null;
}

export async function runLlmPass<I, T>(
  items: readonly I[],
  call: (item: I) => Promise<T>,
  concurrency: number,
  onDone: () => void = () => undefined,
): Promise<LlmPass<T>> {
  const results: (T | undefined)[] = new Array(items.length).fill(undefined);
  let next = 0;
  let failed = 0;
  let stop: LlmPass<T>['stop'] = null;
  const worker = async () => {
    while (stop === null && next < items.length) {
      const index = next++;
      try {
        results[index] = await call(items[index] as I);
        onDone();
      } catch (error) {
        if (error instanceof StructuredOutputError) failed += 1;
        else if (stop === null)
          stop = {
            reason: error instanceof LlmBudgetError ? 'budget' : 'llm_error',
            message: error instanceof Error ? error.message : String(error),
            error,
          };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return { results, failed, stop };
}
