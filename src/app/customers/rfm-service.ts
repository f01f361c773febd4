import { type RfmSegmentSummary, scoreRfm } from '../../customers/index.js';
import type { Store } from '../../store/store.js';
import { insertModelRun } from '../model-runs.js';
import { type DataWindow, loadAnalysisFeatures } from './data-window.js';
import { insertCustomerScores } from './derived-rows.js';
import type { MoneySettings } from './money.js';

export interface RfmRunOptions {
  readonly asOf?: Date;
  readonly money?: MoneySettings;
}

export interface RfmRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  readonly asOf: Date;
  readonly dataWindow: DataWindow;
  readonly currency: string;
  readonly customers: number;
  readonly segments: readonly RfmSegmentSummary[];
}

/**
 * RFM scores and the classic RFM cells for every customer with a counted order: features in SQL,
 * quintile scores in `scoreRfm`, one `customer_scores` row per customer (kind `rfm`, value = the
 * three-digit cell as a number, details = R, F, M and the segment) under a `customers.rfm` run.
 */
export async function runRfm(store: Store, options: RfmRunOptions = {}): Promise<RfmRun> {
  const started = new Date();
  const { window, money, features } = await loadAnalysisFeatures(store, options);
  const c = features.columns;
  // 'average' ties: the many customers with the same order count share one F score instead of
  // being spread over several by id order.
  const rfm = scoreRfm(
    {
      customerIds: features.customerIds,
      recencyDays: c.recency_days,
      frequency: c.frequency,
      monetary: c.monetary,
      revenue: c.total_spend,
    },
    { ties: 'average' },
  );
  const modelRunId = await store.transaction(async (tx) => {
    const id = await insertModelRun(tx, {
      kind: 'customers.rfm',
      engine: 'classic',
      params: {
        asOf: features.asOf.toISOString(),
        currency: money.currency,
        scores: 'quintiles of ranks, ties averaged',
      },
      metrics: { customers: features.customerIds.length, segments: rfm.summary },
      dataWindow: window,
      startedAt: started,
    });
    await insertCustomerScores(tx, id, {
      kind: 'rfm',
      customerIds: features.customerIds,
      value: rfm.cell.map((cell) => Number(cell)),
      details: (i) => ({
        r: rfm.recencyScore[i],
        f: rfm.frequencyScore[i],
        m: rfm.monetaryScore[i],
        segment: rfm.segment[i],
      }),
    });
    return id;
  });
  return {
    modelRunId,
    engine: 'classic',
    asOf: features.asOf,
    dataWindow: window,
    currency: money.currency,
    customers: features.customerIds.length,
    segments: rfm.summary,
  };
}
