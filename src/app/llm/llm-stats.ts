import type { Queryable } from '../../store/store.js';

/**
 * Reliability and cost per provider, model and task, from the `llm_calls` log: how often the
 * model's structured answer was valid at the first try, how often local repair or an extra call
 * was needed, how often it failed, and what it cost. This is the "which model can I trust with
 * JSON" table that nobody else keeps (vercel/ai#10730).
 */

export interface LlmModelStats {
  readonly provider: string;
  readonly model: string;
  readonly task: string;
  readonly calls: number;
  readonly cachedCalls: number;
  readonly errors: number;
  readonly budgetStops: number;
  readonly structuredCalls: number;
  /** Share of structured calls (not from the cache) valid at the first try; null when none. */
  readonly firstTryValidRate: number | null;
  readonly localRepairs: number;
  readonly llmRepairs: number;
  readonly structuredFailures: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cost: number;
  readonly currency: string | null;
  readonly medianLatencyMs: number | null;
  readonly p95LatencyMs: number | null;
  readonly firstCall: Date;
  readonly lastCall: Date;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export async function llmStats(
  db: Queryable,
  filter: { readonly since?: Date; readonly runId?: string } = {},
): Promise<LlmModelStats[]> {
  const where: string[] = [];
  const params: (Date | string)[] = [];
  if (filter.since) {
    params.push(filter.since);
    where.push(`ts >= $${params.length}`);
  }
  if (filter.runId) {
    params.push(filter.runId);
    where.push(`model_run_id = $${params.length}`);
  }
  const rows = await db.query(
    `SELECT provider, model, task,
       COUNT(*) AS calls,
       SUM(CASE WHEN cached THEN 1 ELSE 0 END) AS cached_calls,
       SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END) AS errors,
       SUM(CASE WHEN status = 'budget_exceeded' THEN 1 ELSE 0 END) AS budget_stops,
       SUM(CASE WHEN structured_mode IS NOT NULL AND NOT cached THEN 1 ELSE 0 END) AS structured_calls,
       SUM(CASE WHEN first_try_valid AND NOT cached THEN 1 ELSE 0 END) AS first_try_valid,
       SUM(CASE WHEN local_repair AND NOT cached THEN 1 ELSE 0 END) AS local_repairs,
       SUM(CASE WHEN NOT cached THEN COALESCE(llm_repairs, 0) ELSE 0 END) AS llm_repairs,
       SUM(CASE WHEN structured_mode IS NOT NULL AND NOT cached AND (valid IS NULL OR NOT valid) THEN 1 ELSE 0 END)
         AS structured_failures,
       SUM(COALESCE(input_tokens, 0)) AS input_tokens,
       SUM(COALESCE(output_tokens, 0)) AS output_tokens,
       SUM(COALESCE(cost, 0)) AS cost,
       MIN(currency) AS currency,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE NOT cached) AS p50,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE NOT cached) AS p95,
       MIN(ts) AS first_call, MAX(ts) AS last_call
     FROM llm_calls ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY provider, model, task
     ORDER BY provider, model, task`,
    params,
  );
  return rows.map((r) => {
    const structuredCalls = num(r.structured_calls);
    return {
      provider: String(r.provider),
      model: String(r.model),
      task: String(r.task),
      calls: num(r.calls),
      cachedCalls: num(r.cached_calls),
      errors: num(r.errors),
      budgetStops: num(r.budget_stops),
      structuredCalls,
      firstTryValidRate: structuredCalls ? num(r.first_try_valid) / structuredCalls : null,
      localRepairs: num(r.local_repairs),
      llmRepairs: num(r.llm_repairs),
      structuredFailures: num(r.structured_failures),
      inputTokens: num(r.input_tokens),
      outputTokens: num(r.output_tokens),
      cost: num(r.cost),
      currency: r.currency === null || r.currency === undefined ? null : String(r.currency),
      medianLatencyMs: r.p50 === null || r.p50 === undefined ? null : Number(r.p50),
      p95LatencyMs: r.p95 === null || r.p95 === undefined ? null : Number(r.p95),
      firstCall: r.first_call as Date,
      lastCall: r.last_call as Date,
    };
  });
}
