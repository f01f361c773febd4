import { InputError } from '../../core/errors.js';
import {
  type DemandClass,
  type ForecastModelName,
  forecastModelNames,
  forecastSeries,
} from '../../forecast/forecast-series.js';
import type { IntervalMethod, PredictionInterval } from '../../forecast/forecast-types.js';
import type { ScoreRow } from '../../forecast/select-model.js';
import { inferDayOrder, openSource } from '../../store/ingest/index.js';
import { dayOrderOf } from '../customers/transactions-file.js';
import { cellNumber, cellText, columnIndex, RowProblems } from '../files/row-file.js';
import {
  dayNumberOf,
  inferPeriod,
  type PreparedSeries,
  periodWord,
  prepare,
  type RawSeries,
  wholeNumber,
} from './file-series.js';
import { type SalesPeriod, salesPeriods } from './sales-series-sql.js';

/**
 * Forecasting a user's file without a workspace (`marketmind forecast file`): one row per period
 * (date, value, optionally a series id) in any CSV/TSV/JSONL/Parquet the ingest reads → one series per id →
 * `forecastSeries` (demand class, rolling-origin back-test of the suitable models, the best model or
 * ensemble, 80/95% intervals) per series. Nothing is stored.
 *
 * Dates: anything the ingest date parser reads (ISO dates and datetimes, day/month/year with the order from
 * `dateFormat` or inferred from the data, month names, compact, epoch) plus year-month (`1949-01`); the
 * calendar date as written is used (time and offset ignored). Period: `period`, else inferred from the
 * median spacing of consecutive dates (1 day → day, 6-8 → week, 28-31 → month); the season length defaults
 * to 7 / 52 / 12. Weeks are counted from each series' first date, months by calendar month.
 *
 * Policy, checked over the whole file before anything is forecast (errors list up to 10 cases with rows):
 * unreadable rows (empty id, bad date, non-numeric or empty value) → error naming the rows; two rows of a
 * series in the same period → error naming both rows (nothing is summed: a file of transactions must be
 * aggregated first); a missing period → error naming the first gap of each series, unless `fillGaps` (then
 * zero-filled and noted). Negative values are allowed (multiplicative models skip themselves). A series with
 * fewer than 3 periods, or whose models all fail, gets `error` (the others are still forecast); when every
 * series fails the call throws. Cost: one `forecastSeries` per series, in this thread (windows × candidates
 * fits each).
 */

export interface ForecastFileOptions {
  readonly dateColumn: string;
  readonly valueColumn: string;
  /** One series per distinct value of this column; without it the file is one series. */
  readonly idColumn?: string;
  /** Periods ahead, 1..3650. */
  readonly horizon: number;
  /** Periods per season (default 7 / 52 / 12 for day / week / month). */
  readonly seasonLength?: number;
  readonly model?: ForecastModelName;
  /** day, week or month; inferred from the spacing of the dates when absent. */
  readonly period?: SalesPeriod;
  /** `auto` (default), `dmy`, `mdy` or a pattern such as `DD/MM/YYYY` (as `clv fit --date-format`). */
  readonly dateFormat?: string;
  readonly encoding?: string;
  readonly delimiter?: string;
  /** Back-test windows per series, 1..50 (default 3). */
  readonly windows?: number;
  /** Zero-fill missing periods instead of failing (default false). */
  readonly fillGaps?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface FileSeriesForecast {
  /** The id column's value; the value column's name when the file is one series. */
  readonly id: string;
  /** Periods in the history (zero-filled gaps included). */
  readonly n: number;
  readonly period: SalesPeriod;
  /** 'YYYY-MM-DD' labels of the first and last history period. */
  readonly firstDate: string;
  readonly lastDate: string;
  readonly filledGaps: number;
  /** Model kept ('ets', 'theta', 'ensemble(…)', …) and its display form ('ETS(M,Ad,M)'); '' on error. */
  readonly chosen: string;
  readonly model: string;
  readonly params: Readonly<Record<string, number>>;
  readonly aicc: number | null;
  /** Forecast period labels, one per step. */
  readonly dates: readonly string[];
  readonly point: readonly number[];
  /** 80% and 95% intervals. */
  readonly intervals: readonly PredictionInterval[];
  readonly intervalMethod: IntervalMethod;
  /** Back-test score table, best first (empty without a back-test). */
  readonly scores: readonly ScoreRow[];
  readonly backtestWindows: number;
  readonly demand: DemandClass | null;
  readonly notes: readonly string[];
  /** Why the series was not forecast. */
  readonly error?: string;
}

export interface ForecastFileResult {
  readonly path: string;
  readonly rows: number;
  readonly encoding: string;
  readonly period: SalesPeriod;
  readonly periodInferred: boolean;
  readonly seasonLength: number;
  readonly horizon: number;
  readonly model: ForecastModelName;
  readonly series: readonly FileSeriesForecast[];
  /** Series with `error`. */
  readonly failed: number;
}

export const defaultFileSeasonLength: Readonly<Record<SalesPeriod, number>> = { day: 7, week: 52, month: 12 };
const levels = [80, 95] as const;
const minimumPeriods = 3;

function failed(
  id: string,
  period: SalesPeriod,
  prepared: PreparedSeries,
  error: string,
): FileSeriesForecast {
  const n = prepared.values.length;
  return {
    id,
    n,
    period,
    firstDate: prepared.calendar.label(prepared.firstIndex),
    lastDate: prepared.calendar.label(prepared.firstIndex + n - 1),
    filledGaps: prepared.filledGaps,
    chosen: '',
    model: '',
    params: {},
    aicc: null,
    dates: [],
    point: [],
    intervals: [],
    intervalMethod: 'none',
    scores: [],
    backtestWindows: 0,
    demand: null,
    notes: [],
    error,
  };
}

/** Reads, checks and forecasts a file of one or more series; see the file comment. */
export async function forecastFile(path: string, options: ForecastFileOptions): Promise<ForecastFileResult> {
  const horizon = wholeNumber(options.horizon, 'The horizon', 1, 3650);
  const windows = wholeNumber(options.windows ?? 3, 'The number of back-test windows', 1, 50);
  if (options.seasonLength !== undefined) wholeNumber(options.seasonLength, 'The season length', 1, 366);
  const model = options.model ?? 'auto';
  if (!forecastModelNames.includes(model))
    throw new InputError('invalid_argument', `Unknown forecasting model "${String(model)}"`, {
      hint: `choose one of ${forecastModelNames.join(', ')}`,
    });
  if (options.period !== undefined && !salesPeriods.includes(options.period))
    throw new InputError('invalid_argument', `Unknown period "${String(options.period)}"`, {
      hint: `choose one of ${salesPeriods.join(', ')}`,
    });
  const forcedOrder = dayOrderOf(options.dateFormat);

  const source = await openSource(path, { encoding: options.encoding, delimiter: options.delimiter });
  const bySeries = new Map<string, RawSeries>();
  let rows = 0;
  try {
    const dateAt = columnIndex(source.headers, options.dateColumn, '--date-col', path);
    const valueAt = columnIndex(source.headers, options.valueColumn, '--value-col', path);
    const idAt =
      options.idColumn === undefined ? -1 : columnIndex(source.headers, options.idColumn, '--id-col', path);
    const dayOrder = forcedOrder ?? inferDayOrder(source.sample.map((r) => cellText(r.fields[dateAt])));
    const single = (source.headers[valueAt] as string).trim();
    const problems = new RowProblems();
    for await (const batch of source.records()) {
      for (const record of batch) {
        rows += 1;
        if (record.error) {
          problems.add(record.rowNumber, record.error.message);
          continue;
        }
        const id = idAt === -1 ? single : cellText(record.fields[idAt]);
        if (id === '') {
          problems.add(record.rowNumber, `${options.idColumn} is empty`);
          continue;
        }
        const day = dayNumberOf(record.fields[dateAt], dayOrder);
        if (day === undefined) {
          problems.add(
            record.rowNumber,
            `${options.dateColumn} "${cellText(record.fields[dateAt])}" is not a date`,
          );
          continue;
        }
        const value = cellNumber(record.fields[valueAt]);
        if (value === undefined || !Number.isFinite(value)) {
          const text = cellText(record.fields[valueAt]);
          problems.add(
            record.rowNumber,
            text === ''
              ? `${options.valueColumn} is empty`
              : `${options.valueColumn} "${text}" is not a number`,
          );
          continue;
        }
        let series = bySeries.get(id);
        if (!series) {
          series = { days: [], values: [], rows: [] };
          bySeries.set(id, series);
        }
        series.days.push(day);
        series.values.push(value);
        series.rows.push(record.rowNumber);
      }
    }
    problems.throwIfAny(
      'invalid_forecast_file',
      `${path}: {count} of ${rows} rows cannot be read`,
      `Fix or remove those rows (with --fill-gaps a removed period counts as 0), or check --date-col / --value-col${options.idColumn === undefined ? '' : ' / --id-col'} / --date-format.`,
    );
  } finally {
    await source.close();
  }
  if (bySeries.size === 0) throw new InputError('insufficient_data', `${path} has no rows to forecast`);

  const periodInferred = options.period === undefined;
  const period = options.period ?? inferPeriod(bySeries.values(), path);
  const seasonLength = options.seasonLength ?? defaultFileSeasonLength[period];
  const fillGaps = options.fillGaps ?? false;
  const duplicates = new RowProblems();
  const gaps = new RowProblems();
  const prepared: PreparedSeries[] = [];
  for (const [id, raw] of bySeries) {
    const named = options.idColumn === undefined ? '' : `${options.idColumn} "${id}": `;
    const one = prepare(id, raw, period, named, duplicates, gaps, fillGaps);
    if (one) prepared.push(one);
  }
  duplicates.throwIfAny(
    'duplicate_periods',
    `${path}: {count} rows fall in a ${periodWord[period]} that another row of the same series already has`,
    `Each series needs one row per ${periodWord[period]}: aggregate the rows first${periodInferred ? '' : ', or pick a finer --period'}${options.idColumn === undefined ? ', or pass --id-col if the file holds several series' : ''}.`,
  );
  gaps.throwIfAny(
    'gaps_in_series',
    `${path}: {count} series have missing ${periodWord[period]}s`,
    `Add the missing rows, or pass --fill-gaps to count a missing ${periodWord[period]} as 0.`,
  );

  const series: FileSeriesForecast[] = [];
  for (const one of prepared) {
    series.push(forecastPrepared(one, { period, seasonLength, horizon, model, windows }));
    options.onProgress?.(series.length, prepared.length);
  }
  const failures = series.filter((s) => s.error !== undefined);
  if (failures.length === series.length) {
    const first = failures[0] as FileSeriesForecast;
    throw new InputError(
      'insufficient_data',
      series.length === 1
        ? `${path}: ${first.error}`
        : `${path}: none of the ${series.length} series could be forecast (first: ${first.id}: ${first.error})`,
    );
  }
  return {
    path,
    rows,
    encoding: source.encoding,
    period,
    periodInferred,
    seasonLength,
    horizon,
    model,
    series,
    failed: failures.length,
  };
}

function forecastPrepared(
  one: PreparedSeries,
  settings: {
    readonly period: SalesPeriod;
    readonly seasonLength: number;
    readonly horizon: number;
    readonly model: ForecastModelName;
    readonly windows: number;
  },
): FileSeriesForecast {
  const { period, horizon } = settings;
  const n = one.values.length;
  if (n < minimumPeriods)
    return failed(
      one.id,
      period,
      one,
      `only ${n} ${periodWord[period]}(s) of history; forecasting needs at least ${minimumPeriods}`,
    );
  const gapNote =
    one.filledGaps > 0
      ? [`${one.filledGaps} missing ${periodWord[period]}(s) counted as 0 (first: ${one.firstGap})`]
      : [];
  try {
    const result = forecastSeries(one.values, {
      horizon,
      seasonLength: settings.seasonLength,
      model: settings.model,
      levels,
      windows: settings.windows,
    });
    const f = result.forecast;
    const lastIndex = one.firstIndex + n - 1;
    return {
      id: one.id,
      n,
      period,
      firstDate: one.calendar.label(one.firstIndex),
      lastDate: one.calendar.label(lastIndex),
      filledGaps: one.filledGaps,
      chosen: result.chosen,
      model: f.model,
      params: f.params,
      aicc: f.aicc !== undefined && Number.isFinite(f.aicc) ? f.aicc : null,
      dates: Array.from({ length: horizon }, (_, h) => one.calendar.label(lastIndex + 1 + h)),
      point: f.point,
      intervals: f.intervals,
      intervalMethod: f.intervalMethod,
      scores: result.scores,
      backtestWindows: result.backtestWindows,
      demand: result.demand,
      notes: [...gapNote, ...result.notes, ...(f.notes ?? [])],
    };
  } catch (error) {
    return failed(one.id, period, one, error instanceof Error ? error.message : String(error));
  }
}
