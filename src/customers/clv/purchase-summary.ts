import { InputError, type Issue } from '../../core/errors.js';

/**
 * Per-customer purchase summary (x, t_x, T, mean repeat spend) for buy-till-you-die models
 * (BG/NBD, Pareto/NBD, Gamma-Gamma), with an optional holdout period for validation.
 *
 * Conventions (those of lifetimes' summary_data_from_transaction_data / calibration_and_holdout_data
 * with freq='D', checked against the CDNOW files of Fader, Hardie & Lee in purchase-summary.test.ts):
 * - a purchase day is a UTC calendar day; several purchases on one day are one purchase whose
 *   amount is their sum;
 * - calibrationEnd and observationEnd are rounded down to their UTC day and are inclusive: purchases
 *   on that day count; T is measured from the first purchase day to the start of the
 *   calibrationEnd day (CDNOW: first purchase 1997-01-01, calibrationEnd 1997-09-30 → T = 272 / 7
 *   = 38.86 weeks);
 * - x = distinct purchase days − 1, t_x = last − first purchase day, monetary = mean amount of the
 *   repeat purchase days (the first purchase is excluded, Hardie note 025), 0 when x = 0;
 * - customers whose first purchase is after calibrationEnd are left out (their holdout purchases too);
 * - holdout (only when observationEnd > calibrationEnd): purchase days in (calibrationEnd, observationEnd];
 *   purchases after observationEnd (or after calibrationEnd when there is no holdout) are ignored.
 */

export type TimeUnit = 'day' | 'week' | 'month';

/** Length of a time unit in days (a month is 365.25 / 12 days). */
export const TIME_UNIT_DAYS: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7, month: 365.25 / 12 };

export interface PurchaseSummary {
  readonly timeUnit: TimeUnit;
  /** T is measured up to this instant (UTC midnight starting the calibration end day). */
  readonly calibrationEnd: Date;
  readonly customerIds: readonly string[];
  /** x = distinct purchase days − 1 (repeat purchases). */
  readonly frequency: Float64Array;
  /** t_x = last − first purchase day, in time units. */
  readonly recency: Float64Array;
  /** T = calibrationEnd − first purchase day, in time units. */
  readonly age: Float64Array;
  /** Mean amount of the repeat purchase days (0 when x = 0). */
  readonly monetary: Float64Array;
  readonly holdout?: {
    readonly end: Date;
    /** Holdout length in time units. */
    readonly duration: number;
    /** Purchase days in (calibrationEnd, end]. */
    readonly frequency: Float64Array;
    /** Mean amount of those days (0 when none). */
    readonly monetary: Float64Array;
  };
}

export interface PurchaseTransaction {
  readonly customerId: string;
  readonly at: Date;
  /** Order amount ≥ 0; a missing amount counts as 0. */
  readonly amount?: number;
}

export interface SummarisePurchasesOptions {
  /** Default: observationEnd when given, else the last purchase day. */
  readonly calibrationEnd?: Date;
  /** End of the holdout period; no holdout when absent or equal to calibrationEnd. */
  readonly observationEnd?: Date;
  readonly timeUnit: TimeUnit;
}

const DAY_MS = 86_400_000;
const MAX_ISSUES = 20;

function dayOf(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms))
    throw new InputError('invalid_argument', `summarisePurchases: ${what} is not a valid date`);
  return Math.floor(ms / DAY_MS);
}

/**
 * Summarise transactions into a PurchaseSummary (see the conventions above). Customers are sorted
 * by id (code-unit order), so the result does not depend on the input order.
 * Throws InputError for no transactions, an unknown time unit, invalid dates, empty customer ids,
 * negative or non-finite amounts (with an issue list: code, path [row, field], message),
 * observationEnd before calibrationEnd, or when no customer bought on or before calibrationEnd.
 * Cost: O(n + c log c + Σ kᵢ log kᵢ) for n transactions, c customers, kᵢ transactions of customer i.
 * Example: [{customerId: 'a', at: 2024-01-01}, {a, 2024-01-15, 30}], calibrationEnd 2024-01-29,
 * weeks → x = [1], t_x = [2], T = [4], monetary = [30].
 */
export function summarisePurchases(
  transactions: readonly PurchaseTransaction[],
  options: SummarisePurchasesOptions,
): PurchaseSummary {
  const unitDays = TIME_UNIT_DAYS[options.timeUnit];
  if (unitDays === undefined)
    throw new InputError(
      'invalid_argument',
      `summarisePurchases: timeUnit must be day, week or month, got ${options.timeUnit}`,
    );
  const n = transactions.length;
  if (n === 0)
    throw new InputError('insufficient_data', 'summarisePurchases requires at least one transaction');
  const idIndex = new Map<string, number>();
  const ids: string[] = [];
  const customerOf = new Int32Array(n);
  const dayOfRow = new Float64Array(n);
  const amountOf = new Float64Array(n);
  const issues: Issue[] = [];
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < n; row++) {
    const t = (transactions[row] ?? {}) as PurchaseTransaction;
    const ms = t.at instanceof Date ? t.at.getTime() : Number.NaN;
    const amount = t.amount ?? 0;
    if (typeof t.customerId !== 'string' || t.customerId === '')
      issues.push({ code: 'missing_required', path: [row, 'customerId'], message: 'customer id is empty' });
    else if (!Number.isFinite(ms))
      issues.push({ code: 'invalid_date', path: [row, 'at'], message: `purchase date is not a valid date` });
    else if (!Number.isFinite(amount) || amount < 0)
      issues.push({
        code: 'invalid_amount',
        path: [row, 'amount'],
        message: `amount must be a finite number ≥ 0, got ${amount}`,
      });
    if (issues.length > 0) {
      if (issues.length >= MAX_ISSUES) break;
      continue;
    }
    let index = idIndex.get(t.customerId);
    if (index === undefined) {
      index = ids.length;
      idIndex.set(t.customerId, index);
      ids.push(t.customerId);
    }
    customerOf[row] = index;
    const day = Math.floor(ms / DAY_MS);
    dayOfRow[row] = day;
    amountOf[row] = amount;
    if (day > lastDay) lastDay = day;
  }
  if (issues.length > 0)
    throw new InputError(
      'invalid_argument',
      `summarisePurchases: ${issues.length >= MAX_ISSUES ? `${MAX_ISSUES}+` : issues.length} invalid transaction(s); first: row ${issues[0]?.path[0]}: ${issues[0]?.message}`,
      { issues },
    );

  const observationDay = options.observationEnd ? dayOf(options.observationEnd, 'observationEnd') : undefined;
  const calibrationDay = options.calibrationEnd
    ? dayOf(options.calibrationEnd, 'calibrationEnd')
    : (observationDay ?? lastDay);
  const endDay = observationDay ?? calibrationDay;
  if (endDay < calibrationDay)
    throw new InputError('invalid_argument', 'summarisePurchases: observationEnd is before calibrationEnd');

  // counting sort of rows by customer
  const customerCount = ids.length;
  const offsets = new Int32Array(customerCount + 1);
  for (let row = 0; row < n; row++) {
    const slot = (customerOf[row] as number) + 1;
    offsets[slot] = (offsets[slot] as number) + 1;
  }
  for (let c = 0; c < customerCount; c++)
    offsets[c + 1] = (offsets[c + 1] as number) + (offsets[c] as number);
  const cursor = offsets.slice(0, customerCount);
  const rows = new Int32Array(n);
  for (let row = 0; row < n; row++) {
    const c = customerOf[row] as number;
    const k = cursor[c] as number;
    rows[k] = row;
    cursor[c] = k + 1;
  }

  const order = ids.map((_, i) => i).sort((i, j) => ((ids[i] as string) < (ids[j] as string) ? -1 : 1));
  const hasHoldout = endDay > calibrationDay;
  const kept: string[] = [];
  const frequency: number[] = [];
  const recency: number[] = [];
  const age: number[] = [];
  const monetary: number[] = [];
  const holdoutFrequency: number[] = [];
  const holdoutMonetary: number[] = [];
  for (const c of order) {
    const slice = rows.subarray(offsets[c] as number, offsets[c + 1] as number);
    slice.sort((i, j) => (dayOfRow[i] as number) - (dayOfRow[j] as number));
    const firstDay = dayOfRow[slice[0] as number] as number;
    if (firstDay > calibrationDay) continue;
    let calibrationDays = 0;
    let lastCalibrationDay = firstDay;
    let repeatTotal = 0;
    let holdoutDays = 0;
    let holdoutTotal = 0;
    let previousDay = Number.NaN;
    for (const row of slice) {
      const day = dayOfRow[row] as number;
      if (day > endDay) break;
      const amount = amountOf[row] as number;
      const newDay = day !== previousDay;
      previousDay = day;
      if (day <= calibrationDay) {
        if (newDay) calibrationDays++;
        lastCalibrationDay = day;
        if (calibrationDays > 1) repeatTotal += amount;
      } else {
        if (newDay) holdoutDays++;
        holdoutTotal += amount;
      }
    }
    kept.push(ids[c] as string);
    frequency.push(calibrationDays - 1);
    recency.push((lastCalibrationDay - firstDay) / unitDays);
    age.push((calibrationDay - firstDay) / unitDays);
    monetary.push(calibrationDays > 1 ? repeatTotal / (calibrationDays - 1) : 0);
    holdoutFrequency.push(holdoutDays);
    holdoutMonetary.push(holdoutDays > 0 ? holdoutTotal / holdoutDays : 0);
  }
  if (kept.length === 0)
    throw new InputError(
      'insufficient_data',
      `summarisePurchases: no customer made a purchase on or before calibrationEnd (${new Date(calibrationDay * DAY_MS).toISOString().slice(0, 10)})`,
    );
  const summary: PurchaseSummary = {
    timeUnit: options.timeUnit,
    calibrationEnd: new Date(calibrationDay * DAY_MS),
    customerIds: kept,
    frequency: Float64Array.from(frequency),
    recency: Float64Array.from(recency),
    age: Float64Array.from(age),
    monetary: Float64Array.from(monetary),
  };
  if (!hasHoldout) return summary;
  return {
    ...summary,
    holdout: {
      end: new Date(endDay * DAY_MS),
      duration: (endDay - calibrationDay) / unitDays,
      frequency: Float64Array.from(holdoutFrequency),
      monetary: Float64Array.from(holdoutMonetary),
    },
  };
}
