import { buildRetentionMatrix, type RetentionMatrix, retentionRate } from '../../customers/index.js';
import type { Localized } from '../../report/index.js';
import type { Store } from '../../store/store.js';
import { insertModelRun } from '../model-runs.js';
import { type ActiveCustomerCounts, loadActiveCustomerCounts, loadCohortActivity } from './cohort-sql.js';
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
  /** Customers active at both ends / customers active at the start (the definition). */
  readonly rate: number;
  /** (E − N) / S, the classic CRR: also counts customers who came back, so it can exceed 1. */
  readonly crr: number;
}

export interface CohortRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  readonly asOf: Date;
  readonly dataWindow: DataWindow;
  readonly matrix: RetentionMatrix;
  /** Null when the data window is too short to have customers at the start of a period. */
  readonly retention: RetentionRateResult | null;
  readonly notes: readonly Localized[];
}

const dayMs = 86_400_000;

/** Months since year 0, or weeks since the epoch, of a period label. */
function periodOrdinal(label: string, period: 'month' | 'week'): number {
  return period === 'month'
    ? Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1
    : Math.round(Date.parse(`${label}T00:00:00Z`) / (7 * dayMs));
}

/** Label of the last period that ends on or before asOf's day ('YYYY-MM', or a week's Monday). */
export function lastCompletePeriod(asOf: Date, period: 'month' | 'week'): string {
  const day = new Date(Math.floor(asOf.getTime() / dayMs) * dayMs);
  if (period === 'month') {
    const lastOfMonth = Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0);
    const month =
      day.getTime() === lastOfMonth ? day : new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 0));
    return month.toISOString().slice(0, 7);
  }
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const monday = day.getTime() - sinceMonday * dayMs;
  // the week is complete when asOf's day is its Sunday
  return new Date(sinceMonday === 6 ? monday : monday - 7 * dayMs).toISOString().slice(0, 10);
}

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
  // Only complete periods: a month (week) cut short by asOf would pull the last diagonal down.
  const lastPeriod = lastCompletePeriod(asOf, period);
  const matrix = buildRetentionMatrix(
    rows.filter(
      (row) => periodOrdinal(row.cohort, period) + row.periodIndex <= periodOrdinal(lastPeriod, period),
    ),
    { maxPeriods: options.maxPeriods ?? (period === 'month' ? 13 : 27), lastPeriod },
  );
  const spanDays = (asOf.getTime() - window.start.getTime()) / dayMs;
  const periodDays = options.retentionPeriodDays ?? Math.min(365, Math.floor(spanDays / 2));
  const notes: Localized[] = [];
  let retention: RetentionRateResult | null = null;
  if (periodDays >= 1) {
    const counts = await loadActiveCustomerCounts(store, {
      start: new Date(asOf.getTime() - periodDays * dayMs),
      end: asOf,
      activeWindowDays: periodDays,
    });
    if (counts.atStart > 0) {
      retention = { ...counts, rate: counts.retained / counts.atStart, crr: retentionRate(counts) };
    } else {
      notes.push({
        en: `No customer was active at the start of the ${periodDays}-day retention period.`,
        zh: `${periodDays} 天保留期开始时没有活跃客户。`,
      });
    }
  } else {
    notes.push({
      en: 'The data span is under two days: no retention rate.',
      zh: '数据跨度不足两天：无保留率。',
    });
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
