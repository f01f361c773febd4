import { buildRetentionMatrix, type RetentionMatrix, retentionRate } from '../../customers/index.js';
import type { Store } from '../../store/store.js';
import { insertModelRun } from '../model-runs.js';
import {
  type ActiveCustomerCounts,
  loadActiveCustomerCounts,
  loadCohortActivity,
} from './customer-features.js';
import { type DataWindow, dataWindowUpTo } from './data-window.js';

export interface CohortRunOptions {
  readonly period?: 'month' | 'week';
  /** Periods shown per cohort (default 13 months / 27 weeks). */
  readonly maxPeriods?: number;
  readonly asOf?: Date;
  /** Length of the retention-rate period and of the "active" window, in days (default: 365, or half the data span when shorter). */
  readonly retentionPeriodDays?: number;
}

export interface RetentionRateResult extends ActiveCustomerCounts {
  /** (E − N) / S. */
  readonly rate: number;
  /** Customers active at both ends / S. */
  readonly strictRate: number;
}

export interface CohortRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  readonly asOf: Date;
  readonly dataWindow: DataWindow;
  readonly matrix: RetentionMatrix;
  /** Null when the data window is too short to have customers at the start of a period. */
  readonly retention: RetentionRateResult | null;
  readonly notes: readonly string[];
}

const dayMs = 86_400_000;

/**
 * Acquisition cohorts and retention: the cohort × period matrix of active shares, its
 * customer-weighted average curve, and the period retention rate (E − N)/S ending at `asOf`.
 * Recorded as a `customers.cohorts` run (the matrix is small; it is kept in the run's metrics).
 */
export async function runCohorts(store: Store, options: CohortRunOptions = {}): Promise<CohortRun> {
  const started = new Date();
  const period = options.period ?? 'month';
  const window = await dataWindowUpTo(store, options.asOf);
  const asOf = options.asOf ?? window.end;
  const rows = await loadCohortActivity(store, { period, asOf });
  const matrix = buildRetentionMatrix(rows, {
    maxPeriods: options.maxPeriods ?? (period === 'month' ? 13 : 27),
  });
  const spanDays = (asOf.getTime() - window.start.getTime()) / dayMs;
  const periodDays = options.retentionPeriodDays ?? Math.min(365, Math.floor(spanDays / 2));
  const notes: string[] = [];
  let retention: RetentionRateResult | null = null;
  if (periodDays >= 1) {
    const counts = await loadActiveCustomerCounts(store, {
      start: new Date(asOf.getTime() - periodDays * dayMs),
      end: asOf,
      activeWindowDays: periodDays,
    });
    if (counts.atStart > 0) {
      retention = { ...counts, rate: retentionRate(counts), strictRate: counts.retained / counts.atStart };
    } else {
      notes.push(`No customer was active at the start of the ${periodDays}-day retention period.`);
    }
  } else {
    notes.push('The data span is under two days: no retention rate.');
  }
  const modelRunId = await store.transaction((tx) =>
    insertModelRun(tx, {
      kind: 'customers.cohorts',
      engine: 'classic',
      params: { period, asOf: asOf.toISOString(), retentionPeriodDays: periodDays },
      metrics: { matrix, retention },
      dataWindow: window,
      startedAt: started,
    }),
  );
  return { modelRunId, engine: 'classic', asOf, dataWindow: window, matrix, retention, notes };
}
