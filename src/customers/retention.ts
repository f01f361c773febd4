import { InputError } from '../core/errors.js';

/**
 * Customer retention: the acquisition-cohort retention matrix (the "retention triangle") and the
 * period retention rate. Input rows come from the app layer (app/customers/customer-features.ts
 * `loadCohortActivity`); everything here is pure.
 */

/** Customers of one acquisition cohort active in one period (periodIndex 0 = acquisition period). */
export interface CohortActivity {
  /** 'YYYY-MM' for monthly cohorts, 'YYYY-MM-DD' (the week's Monday) for weekly cohorts. */
  readonly cohort: string;
  readonly periodIndex: number;
  readonly customers: number;
}

export interface RetentionMatrixOptions {
  /** Keep at most this many periods (indices 0 … maxPeriods − 1). Default: all. */
  readonly maxPeriods?: number;
  /**
   * Label of the last observed period (same format as the cohorts). Decides which periods each
   * cohort has reached. Default: the latest period with any activity in the rows.
   */
  readonly lastPeriod?: string;
}

export interface CohortRetention {
  readonly cohort: string;
  /** Customers acquired in the cohort's period (= active in period 0). */
  readonly size: number;
  /** Active customers in periods 0 … reached (0 where no row was given). */
  readonly active: readonly number[];
  /** active[i] / size; retention[0] = 1. */
  readonly retention: readonly number[];
}

export interface RetentionMatrix {
  readonly period: 'month' | 'week';
  /** Cohorts in chronological order. */
  readonly cohorts: readonly CohortRetention[];
  /** Σ active[i] / Σ size over the cohorts that reached period i (customer-weighted). */
  readonly averageRetention: readonly number[];
  /** Σ size of the cohorts behind averageRetention[i]. */
  readonly averageBase: readonly number[];
}

const monthPattern = /^(\d{4})-(\d{2})$/;
const weekPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const weekMs = 7 * 86_400_000;

/** Ordinal of a period label: months since year 0, or weeks since 1970-01-05 (a Monday). */
function periodOrdinal(label: string, period: 'month' | 'week', what: string): number {
  if (period === 'month') {
    const match = monthPattern.exec(label);
    const month = Number(match?.[2]);
    if (!match || month < 1 || month > 12)
      throw new InputError('invalid_argument', `${what}: '${label}' is not a month label 'YYYY-MM'`);
    return Number(match[1]) * 12 + month - 1;
  }
  const ms = weekPattern.test(label) ? Date.parse(`${label}T00:00:00Z`) : Number.NaN;
  const offset = (ms - Date.UTC(1970, 0, 5)) / weekMs;
  if (!Number.isInteger(offset))
    throw new InputError('invalid_argument', `${what}: '${label}' is not the Monday 'YYYY-MM-DD' of a week`);
  return offset;
}

function checkCount(value: number, what: string): void {
  if (!(Number.isInteger(value) && value >= 0))
    throw new InputError('invalid_argument', `${what} must be a non-negative integer, got ${value}`);
}

/**
 * Cohort retention matrix: for each acquisition cohort c and period i since acquisition,
 * retention[c][i] = active customers of c in period i / customers acquired in c, and the
 * customer-weighted average over the cohorts that have reached period i,
 *   averageRetention[i] = Σ_c active[c][i] / Σ_c size[c]   (c with i ≤ lastPeriod − cohort).
 * A cohort's row stops at the last observed period, so young cohorts do not pull the average down
 * with periods that have not happened yet; periods without a row inside that range are 0.
 *
 * Validation: each cohort needs a period-0 row with ≥ 1 customer (its size) and no period may
 * have more active customers than the size; labels must all be months or all weeks; duplicate
 * (cohort, periodIndex) rows are refused. No rows → no cohorts and empty averages.
 *
 * Reference: the cohort retention table of Fader & Hardie (2007), "How to project customer
 * retention", Journal of Interactive Marketing 21(1) (retention of each cohort by period since
 * acquisition, pooled over cohorts). Cost: O(rows + cohorts × periods).
 * Example: rows [{cohort:'2024-01', periodIndex:0, customers:10}, {…'2024-01', 1, 4},
 * {…'2024-02', 0, 5}] → cohorts 2024-01 [1, 0.4], 2024-02 [1]; averageRetention [1, 0.4].
 */
export function buildRetentionMatrix(
  rows: readonly CohortActivity[],
  options: RetentionMatrixOptions = {},
): RetentionMatrix {
  const { maxPeriods } = options;
  if (maxPeriods !== undefined && !(Number.isInteger(maxPeriods) && maxPeriods >= 1))
    throw new InputError(
      'invalid_argument',
      `buildRetentionMatrix: maxPeriods must be an integer ≥ 1, got ${maxPeriods}`,
    );
  const first = rows[0];
  const period: 'month' | 'week' =
    options.lastPeriod !== undefined
      ? monthPattern.test(options.lastPeriod)
        ? 'month'
        : 'week'
      : first && weekPattern.test(first.cohort)
        ? 'week'
        : 'month';
  if (!first) return { period, cohorts: [], averageRetention: [], averageBase: [] };

  const byCohort = new Map<string, Map<number, number>>();
  let latest = Number.NEGATIVE_INFINITY;
  rows.forEach((row, i) => {
    const where = `buildRetentionMatrix: row ${i} (cohort ${row.cohort})`;
    const ordinal = periodOrdinal(row.cohort, period, where);
    checkCount(row.periodIndex, `${where}: periodIndex`);
    checkCount(row.customers, `${where}: customers`);
    const cells = byCohort.get(row.cohort) ?? new Map<number, number>();
    if (cells.has(row.periodIndex))
      throw new InputError('invalid_argument', `${where}: period ${row.periodIndex} appears twice`);
    cells.set(row.periodIndex, row.customers);
    byCohort.set(row.cohort, cells);
    latest = Math.max(latest, ordinal + row.periodIndex);
  });
  if (options.lastPeriod !== undefined) {
    const last = periodOrdinal(options.lastPeriod, period, 'buildRetentionMatrix: lastPeriod');
    if (last < latest)
      throw new InputError(
        'invalid_argument',
        `buildRetentionMatrix: lastPeriod ${options.lastPeriod} is before activity in the rows`,
      );
    latest = last;
  }

  const cohorts: CohortRetention[] = [];
  const activeSums: number[] = [];
  const baseSums: number[] = [];
  for (const cohort of [...byCohort.keys()].sort()) {
    const cells = byCohort.get(cohort) as Map<number, number>;
    const size = cells.get(0) ?? 0;
    if (size < 1)
      throw new InputError(
        'invalid_argument',
        `buildRetentionMatrix: cohort ${cohort} has no customers in period 0 (its acquisition period)`,
      );
    const reached = latest - periodOrdinal(cohort, period, 'buildRetentionMatrix');
    const length = Math.min(reached + 1, maxPeriods ?? Number.POSITIVE_INFINITY);
    const active: number[] = [];
    const retention: number[] = [];
    for (let i = 0; i < length; i++) {
      const count = cells.get(i) ?? 0;
      if (count > size)
        throw new InputError(
          'invalid_argument',
          `buildRetentionMatrix: cohort ${cohort} has ${count} active customers in period ${i} but only ${size} acquired`,
        );
      active.push(count);
      retention.push(count / size);
      activeSums[i] = (activeSums[i] ?? 0) + count;
      baseSums[i] = (baseSums[i] ?? 0) + size;
    }
    cohorts.push({ cohort, size, active, retention });
  }
  return {
    period,
    cohorts,
    averageRetention: activeSums.map((active, i) => active / (baseSums[i] as number)),
    averageBase: baseSums,
  };
}

export interface RetentionRateInput {
  /** S: customers active at the start of the period. */
  readonly atStart: number;
  /** E: customers active at the end of the period. */
  readonly atEnd: number;
  /** N: customers acquired during the period (among E). */
  readonly newInPeriod: number;
}

/**
 * Customer retention rate of a period, CRR = (E − N) / S: customers at the end who were not
 * acquired during the period, over the customers at the start (Kumar & Reinartz, "Customer
 * Relationship Management", 3rd ed., ch. 5). It can exceed 1 when inactive customers come back
 * during the period. S = 0 is an InputError (the rate is undefined), as are negative or
 * non-integer counts and N > E.
 * Cost: O(1). Example: retentionRate({atStart: 200, atEnd: 180, newInPeriod: 40}) → 0.7.
 */
export function retentionRate(input: RetentionRateInput): number {
  const { atStart, atEnd, newInPeriod } = input;
  checkCount(atStart, 'retentionRate: atStart (S)');
  checkCount(atEnd, 'retentionRate: atEnd (E)');
  checkCount(newInPeriod, 'retentionRate: newInPeriod (N)');
  if (newInPeriod > atEnd)
    throw new InputError(
      'invalid_argument',
      `retentionRate: newInPeriod (N = ${newInPeriod}) cannot exceed atEnd (E = ${atEnd}): N counts new customers among those at the end`,
    );
  if (atStart === 0)
    throw new InputError(
      'insufficient_data',
      'retentionRate: no customers were active at the start of the period (S = 0), so the retention rate (E − N) / S is undefined',
      { hint: 'Choose a later start or a longer active window' },
    );
  return (atEnd - newInPeriod) / atStart;
}
