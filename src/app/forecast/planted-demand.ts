import {
  type DemandComponents,
  type DemandEvent,
  estimateDemandComponents,
} from '../../forecast/demand-components.js';
import type { Localized } from '../../report/index.js';
import type { Queryable } from '../../store/store.js';
import { type MoneySettings, resolveMoney } from '../customers/money.js';
import { loadSalesSeries } from './sales-series-sql.js';

/**
 * The forecasting part of the demo: daily revenue of the whole business (horizon 90) and daily units of
 * the 50 best-selling SKUs, each forecast with the back-tested model choice of forecast-service.ts, and,
 * because the demo plants its demand pattern (src/demo/demand.ts), how well the demand components
 * estimated from the daily order counts recover it.
 *
 * Recovery: the daily counted orders (loadSalesSeries: total, orders, day) are fitted with
 * estimateDemandComponents, the planted holiday windows as events (one effect per holiday kind across
 * years: '2023-1111' and '2024-1111' share the key '1111'). The planted pattern is multiplicative with a
 * LINEAR trend 1 + c·t and a 1 + A·cos yearly cycle, the estimator's is log-linear with exp(A·cos); so
 * each planted component is also put in the estimator's form ("target") by fitting the same model to the
 * planted daily multiplier itself (noise-free; e.g. c = 0.2 → +18.2% a year log-linear over 2 years,
 * A = 0.12 → 0.119). A component is "recovered" when its target lies inside the 95% interval of the
 * estimate. Orders also scale with the customer base, which grows from the first sign-ups through the
 * window, so the estimated trend measures business growth, not the planted demand trend alone.
 */

export interface DemandRecoveryRow {
  readonly component: Localized;
  /** 'trend' | 'weekday' | 'yearly' | 'holiday'. */
  readonly group: 'trend' | 'weekday' | 'yearly' | 'holiday';
  /** As planted (trend: linear c; amplitude: A of 1 + A·cos; holidays and weekdays: multipliers). */
  readonly planted: number;
  /** The planted component in the estimator's form (fit to the noise-free planted multiplier). */
  readonly target: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly recovered: boolean;
}

export interface DemandRecovery {
  readonly rows: readonly DemandRecoveryRow[];
  readonly recovered: number;
  readonly fit: DemandComponents;
  readonly startDate: string;
  readonly days: number;
  /** Mean counted orders per day. */
  readonly meanOrdersPerDay: number;
}

const parse = (v: unknown): Record<string, unknown> =>
  (typeof v === 'string' ? JSON.parse(v) : (v ?? {})) as Record<string, unknown>;

const weekdayNames: readonly Localized[] = [
  { en: 'Sunday', zh: '周日' },
  { en: 'Monday', zh: '周一' },
  { en: 'Tuesday', zh: '周二' },
  { en: 'Wednesday', zh: '周三' },
  { en: 'Thursday', zh: '周四' },
  { en: 'Friday', zh: '周五' },
  { en: 'Saturday', zh: '周六' },
];

interface PlantedHoliday {
  readonly key: string;
  readonly name: string;
  readonly nameZh: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly multiplier: number;
}

/**
 * Planted demand-pattern recovery from the store's daily order counts (see the file comment), or null
 * when the store holds no planted `demand_pattern` truth (data that is not the demo's).
 */
export async function plantedDemandRecovery(
  db: Queryable,
  money?: MoneySettings,
): Promise<DemandRecovery | null> {
  const truth = await db.query(
    "SELECT key, value FROM ground_truth WHERE kind = 'demand_pattern' AND key IN ('components', 'daily_multiplier')",
  );
  const components = truth.find((r) => r.key === 'components');
  const daily = truth.find((r) => r.key === 'daily_multiplier');
  if (!components || !daily) return null;
  const planted = parse(components.value);
  const dailyValue = parse(daily.value);
  const holidays = (planted.holidays ?? []) as PlantedHoliday[];
  const weekly = (planted.weeklyBySundayFirst ?? []) as number[];
  const multipliers = (dailyValue.multipliers ?? []) as number[];
  const plantedStart = String(dailyValue.startDate);

  const set = await loadSalesSeries(db, {
    level: 'total',
    measure: 'orders',
    period: 'day',
    money: await resolveMoney(db, money),
  });
  const series = set.series[0];
  const startDate = set.periodStarts[0];
  if (!series || startDate === undefined) return null;
  // align the planted multipliers with the order series' days
  const offset = Math.round(
    (Date.parse(`${startDate}T00:00:00Z`) - Date.parse(`${plantedStart}T00:00:00Z`)) / 86_400_000,
  );
  const target = multipliers.slice(Math.max(0, offset), offset + series.values.length);
  const values = series.values.slice(Math.max(0, -offset), Math.max(0, -offset) + target.length);
  const fitStart = offset >= 0 ? startDate : plantedStart;
  const kind = (key: string) => key.replace(/^\d{4}-/, '');
  const events: DemandEvent[] = holidays.map((h) => ({
    key: kind(h.key),
    name: { en: h.name, zh: h.nameZh },
    firstDay: h.firstDay,
    lastDay: h.lastDay,
  }));
  const fit = estimateDemandComponents({ values, startDate: fitStart, events });
  const ideal = estimateDemandComponents({ values: target, startDate: fitStart, events });

  const rows: DemandRecoveryRow[] = [];
  const push = (
    component: Localized,
    group: DemandRecoveryRow['group'],
    plantedValue: number,
    targetValue: number,
    estimate: { estimate?: number; multiplier?: number; lower: number; upper: number },
  ) => {
    const value = estimate.estimate ?? estimate.multiplier ?? Number.NaN;
    rows.push({
      component,
      group,
      planted: plantedValue,
      target: targetValue,
      estimate: value,
      lower: estimate.lower,
      upper: estimate.upper,
      recovered: targetValue >= estimate.lower && targetValue <= estimate.upper,
    });
  };
  push(
    { en: 'Trend (growth per year)', zh: '趋势（年增长率）' },
    'trend',
    Number(planted.trendPerYear),
    ideal.trendPerYear.estimate,
    fit.trendPerYear,
  );
  fit.weekly?.forEach((w, k) => {
    push(
      weekdayNames[k] as Localized,
      'weekday',
      weekly[k] ?? Number.NaN,
      ideal.weekly?.[k]?.multiplier ?? Number.NaN,
      w,
    );
  });
  if (fit.yearly && ideal.yearly) {
    push(
      { en: 'Yearly amplitude (log scale)', zh: '年度季节振幅（对数尺度）' },
      'yearly',
      Number(planted.yearlyAmplitude),
      ideal.yearly.amplitude.estimate,
      fit.yearly.amplitude,
    );
    // the peak day is circular: compare with the target moved by whole years next to the estimate
    const peak = fit.yearly.peakDayOfYear;
    const idealPeak = ideal.yearly.peakDayOfYear.estimate;
    const near = idealPeak + 365.25 * Math.round((peak.estimate - idealPeak) / 365.25);
    push(
      { en: 'Yearly peak (day of year)', zh: '年度高峰（一年中的第几天）' },
      'yearly',
      Number(planted.yearlyPeakDoy),
      idealPeak,
      {
        estimate: peak.estimate,
        lower: peak.lower - near + idealPeak,
        upper: peak.upper - near + idealPeak,
      },
    );
  }
  for (const e of fit.events) {
    const plantedHoliday = holidays.find((h) => kind(h.key) === e.key);
    push(
      e.name,
      'holiday',
      plantedHoliday?.multiplier ?? Number.NaN,
      ideal.events.find((x) => x.key === e.key)?.multiplier ?? Number.NaN,
      e,
    );
  }
  const meanOrdersPerDay = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  return {
    rows,
    recovered: rows.filter((r) => r.recovered).length,
    fit,
    startDate: fitStart,
    days: values.length,
    meanOrdersPerDay,
  };
}
