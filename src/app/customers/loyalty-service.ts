import {
  assignLoyaltyTiers,
  type LoyaltyThresholds,
  type LoyaltyTier,
  type LoyaltyTierSummary,
  loyaltyTiers,
  type TierMovement,
  tierMovement,
} from '../../customers/index.js';
import type { Localized } from '../../report/index.js';
import type { Queryable, Store } from '../../store/store.js';
import { insertModelRun, listModelRuns } from '../model-runs.js';
import { clvRunFor } from './clv-service.js';
import type { DataWindow } from './data-window.js';
import { insertCustomerScores } from './derived-rows.js';

/**
 * Loyalty tiers from a CLV run (CLV and P(alive) per customer), and the movement between tiers
 * since the previous tier run — who was upgraded, who slipped, who is new, who is gone.
 */

export const loyaltyRunKind = 'customers.loyalty';

export interface LoyaltyRunOptions {
  /** CLV run to tier (default: the latest). */
  readonly clvRunId?: string;
  readonly thresholds?: Partial<LoyaltyThresholds>;
}

export interface LoyaltyRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  readonly clvRunId: string;
  readonly asOf: string;
  readonly dataWindow: DataWindow | null;
  readonly currency: string;
  readonly customers: number;
  readonly highValueCustomers: number;
  readonly thresholds: LoyaltyThresholds;
  readonly tiers: readonly LoyaltyTierSummary[];
  /** Null on the first tier run. */
  readonly movement:
    | (TierMovement & { readonly previousRunId: string; readonly previousAsOf: string })
    | null;
  readonly notes: readonly Localized[];
}

async function scoresOf(db: Queryable, runId: string) {
  const rows = await db.query(
    `SELECT c.customer_id, c.value AS clv, p.value AS p_alive
     FROM customer_scores AS c
     JOIN customer_scores AS p ON p.model_run_id = c.model_run_id AND p.customer_id = c.customer_id AND p.score_kind = 'p_alive'
     WHERE c.model_run_id = $1 AND c.score_kind = 'clv' AND c.value IS NOT NULL
     ORDER BY c.customer_id`,
    [runId],
  );
  return {
    customerIds: rows.map((r) => String(r.customer_id)),
    clv: Float64Array.from(rows, (r) => Number(r.clv)),
    probabilityAlive: Float64Array.from(rows, (r) => Number(r.p_alive)),
  };
}

async function tiersOf(db: Queryable, runId: string): Promise<Map<string, LoyaltyTier>> {
  const rows = await db.query(
    `SELECT customer_id, value FROM customer_scores WHERE model_run_id = $1 AND score_kind = 'loyalty_tier'`,
    [runId],
  );
  // value = index into loyaltyTiers (platinum 0 … dormant 4)
  return new Map(rows.map((r) => [String(r.customer_id), loyaltyTiers[Number(r.value)] as LoyaltyTier]));
}

export async function runLoyaltyTiers(store: Store, options: LoyaltyRunOptions = {}): Promise<LoyaltyRun> {
  const started = new Date();
  const clvRun = await clvRunFor(store, options.clvRunId);
  const input = await scoresOf(store, clvRun.id);
  const assignment = assignLoyaltyTiers(input, options.thresholds);
  const notes: Localized[] = [];
  const totalCustomers = Number((clvRun.metrics.customers as number | undefined) ?? input.customerIds.length);
  if (input.customerIds.length < totalCustomers) {
    notes.push({
      en: `${totalCustomers - input.customerIds.length} customers have no CLV (no spend model for their market) and are not tiered.`,
      zh: `${totalCustomers - input.customerIds.length} 位客户没有客户价值（其市场无消费模型），未参与分级。`,
    });
  }
  const asOf = String(clvRun.params.asOf);
  // The baseline: the tier run on the latest data up to this one's, from another CLV run.
  const previous = (await listModelRuns(store, loyaltyRunKind, 10_000, 'dataEnd')).find(
    (run) => String(run.params.asOf) <= asOf && run.params.clvRunId !== clvRun.id,
  );
  const current = new Map(assignment.customerIds.map((id, i) => [id, assignment.tier[i] as LoyaltyTier]));
  const movement = previous
    ? {
        ...tierMovement(await tiersOf(store, previous.id), current),
        previousRunId: previous.id,
        previousAsOf: String(previous.params.asOf),
      }
    : null;
  const highValueCustomers = assignment.highValue.filter(Boolean).length;
  const modelRunId = await store.transaction(async (tx) => {
    const id = await insertModelRun(tx, {
      kind: loyaltyRunKind,
      engine: 'classic',
      params: { clvRunId: clvRun.id, asOf, thresholds: assignment.thresholds },
      metrics: {
        customers: assignment.customerIds.length,
        highValueCustomers,
        tiers: assignment.summary,
        movement,
      },
      dataWindow: clvRun.dataWindow,
      startedAt: started,
    });
    await insertCustomerScores(tx, id, {
      kind: 'loyalty_tier',
      customerIds: assignment.customerIds,
      value: assignment.tier.map((tier) => loyaltyTiers.indexOf(tier)),
      details: (i) => ({ tier: assignment.tier[i], high_value: assignment.highValue[i] }),
    });
    return id;
  });
  return {
    modelRunId,
    engine: 'classic',
    clvRunId: clvRun.id,
    asOf,
    dataWindow: clvRun.dataWindow,
    currency: String(clvRun.params.currency ?? ''),
    customers: assignment.customerIds.length,
    highValueCustomers,
    thresholds: assignment.thresholds,
    tiers: assignment.summary,
    movement,
    notes,
  };
}
