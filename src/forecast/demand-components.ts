import { InputError } from '../core/errors.js';
import { studentTQuantile } from '../stats/distributions.js';
import { choleskyFactor, solveFactored } from '../stats/linear-algebra.js';
import { DAY_MS, parseIsoDay } from './calendar-dates.js';

/**
 * Demand components of a daily series: how much of the demand is trend, weekday, season and events,
 * each as a multiplier with its standard error and 95% interval, so a user sees both the size and the
 * uncertainty of e.g. "Singles' Day triples orders".
 *
 * Model (ordinary least squares on log y over the days with y > 0; d = day index from `startDate`,
 * t = d / 365.25 years, w(d) = UTC weekday 0 = Sunday … 6, doy = day of year 0 = Jan 1):
 *   log y_d = β₀ + β_t·t + Σ_{k=1..6} γ_k·[w(d) = k] + a·cos(2π·doy/365.25) + b·sin(2π·doy/365.25)
 *             + Σ_e δ_e·[d in a window of event e] + ε_d
 * so y_d ≈ level · (1 + g)^t · weekly[w(d)] · exp(A·cos(2π(doy − peak)/365.25)) · Π_e exp(δ_e), with
 *   growth per year g = exp(β_t) − 1; weekday multipliers exp(γ_k) rescaled to arithmetic mean 1
 *   (Sunday γ₀ = 0 is the reference before rescaling); yearly amplitude A = √(a² + b²) (log scale:
 *   the peak multiplier is exp(A), ≈ 1 + A for small A), peak day = atan2(b, a)·365.25/2π mod 365.25;
 *   event multiplier exp(δ_e). Windows sharing a key share one δ (a holiday over several years).
 * Standard errors: OLS, Cov(β̂) = s²·(XᵀX)⁻¹ with s² = RSS / (n − p); intervals use Student's t with
 * n − p degrees of freedom, and the delta method for the derived quantities (rescaled weekday
 * multipliers, amplitude, peak day, level); multiplier intervals are exp(log-effect ± t·se), so they
 * stay positive.
 *
 * Assumptions and caveats: the log error is homoscedastic and uncorrelated (day-to-day autocorrelation
 * makes the intervals too narrow); zero days are dropped (fine when zeros are rare, biased for sparse
 * series — use counts of roughly ≥ 20 a day); log y estimates the median, not the mean (the level is a
 * geometric mean; multipliers are unaffected when the noise is the same on all days); the trend is
 * log-linear (a linear trend 1 + c·t shows up as the log-linear growth that fits it best); the yearly
 * cycle is one Fourier pair, only included with ≥ 365 days unless asked.
 * Cost: O(n·p²) to build the normal equations and O(p³) to solve them, p = 2 + 6 + 2 + events.
 * Reference: ordinary least squares and the delta method, e.g. Greene, Econometric Analysis (8th ed.),
 * ch. 4; statsmodels OLS(...).fit() gives the same coefficients and standard errors (see the test).
 *
 * Example (the statsmodels test series: 400 days from 2023-03-01, event 'a' planted ×2 on four days):
 *   estimateDemandComponents({ values, startDate: '2023-03-01', events }).events[0]
 *   → { key: 'a', multiplier: 1.98485, lower: 1.88712, upper: 2.08763, standardError: 0.025679, days: 4, … }
 */

/** A named window of days (inclusive, UTC 'YYYY-MM-DD') in which demand may move. */
export interface DemandEvent {
  readonly key: string;
  readonly name: { readonly en: string; readonly zh: string };
  readonly firstDay: string;
  readonly lastDay: string;
}

export interface DemandComponentsOptions {
  /** Daily values, oldest first, on consecutive UTC days (non-negative; zeros are dropped). */
  readonly values: readonly number[];
  /** The day of values[0], 'YYYY-MM-DD'. */
  readonly startDate: string;
  /** Event windows; windows with the same key share one effect. Windows outside the data are skipped. */
  readonly events?: readonly DemandEvent[];
  /** Day-of-week effects (default true). */
  readonly weekly?: boolean;
  /** Yearly Fourier pair (default: when the series spans at least 365 days). */
  readonly yearly?: boolean;
  /** Interval level in percent (default 95). */
  readonly level?: number;
}

/** An estimate with its standard error and interval (at the result's `level`). */
export interface ComponentEstimate {
  readonly estimate: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
}

/** A multiplicative effect exp(logEffect); `standardError` is on the log scale. */
export interface MultiplierEstimate {
  readonly multiplier: number;
  readonly logEffect: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
}

export interface EventEstimate extends MultiplierEstimate {
  readonly key: string;
  readonly name: { readonly en: string; readonly zh: string };
  /** Observed days (y > 0) inside the event's windows. */
  readonly days: number;
}

export interface DemandComponents {
  /** Geometric-mean level at `startDate` on an average weekday, without yearly cycle and events. */
  readonly level: ComponentEstimate;
  /** Growth per year, exp(β_t) − 1 (0.2 = +20% a year). */
  readonly trendPerYear: ComponentEstimate;
  /** Weekday multipliers, index 0 = Sunday … 6 = Saturday (UTC), arithmetic mean 1; null when off. */
  readonly weekly: readonly MultiplierEstimate[] | null;
  /** Yearly cycle; null when not fitted. `amplitude` is on the log scale, `peakDayOfYear` in 0…365. */
  readonly yearly: {
    readonly amplitude: ComponentEstimate;
    readonly peakDayOfYear: ComponentEstimate;
  } | null;
  readonly events: readonly EventEstimate[];
  /** Event keys with no observed day in the data (not estimated). */
  readonly skippedEvents: readonly string[];
  /** Days used (y > 0), days dropped as zero, parameters, n − p, residual s.d. of log y, R². */
  readonly observations: number;
  readonly zeroDays: number;
  readonly parameters: number;
  readonly degreesOfFreedom: number;
  readonly residualStandardError: number;
  readonly rSquared: number;
  /** Interval level in percent. */
  readonly intervalLevel: number;
}

const YEAR_DAYS = 365.25;

function checkOptions(options: DemandComponentsOptions): number {
  const { values } = options;
  if (!Array.isArray(values) || values.length === 0)
    throw new InputError('insufficient_data', 'estimateDemandComponents needs a non-empty daily series');
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!(Number.isFinite(v) && v >= 0))
      throw new InputError(
        'invalid_argument',
        `estimateDemandComponents: value ${i} is ${v}; daily values must be finite and non-negative`,
      );
  }
  const level = options.level ?? 95;
  if (!(level > 0 && level < 100))
    throw new InputError('invalid_argument', `The interval level must be between 0 and 100, got ${level}`);
  return parseIsoDay(options.startDate, 'startDate');
}

/** Event windows as day-index ranges grouped by key, in first-seen key order. */
function groupEvents(
  events: readonly DemandEvent[],
  startMs: number,
  days: number,
): { event: DemandEvent; ranges: [number, number][] }[] {
  const groups = new Map<string, { event: DemandEvent; ranges: [number, number][] }>();
  for (const event of events) {
    if (typeof event.key !== 'string' || event.key === '')
      throw new InputError('invalid_argument', 'Every demand event needs a non-empty key');
    const first = Math.round((parseIsoDay(event.firstDay, `event ${event.key} firstDay`) - startMs) / DAY_MS);
    const last = Math.round((parseIsoDay(event.lastDay, `event ${event.key} lastDay`) - startMs) / DAY_MS);
    if (last < first)
      throw new InputError(
        'invalid_argument',
        `Event ${event.key} ends (${event.lastDay}) before it starts (${event.firstDay})`,
      );
    let group = groups.get(event.key);
    if (!group) {
      group = { event, ranges: [] };
      groups.set(event.key, group);
    }
    const from = Math.max(0, first);
    const to = Math.min(days - 1, last);
    if (from <= to) group.ranges.push([from, to]);
  }
  return [...groups.values()];
}

/** Estimates trend, weekday, yearly and event multipliers of a daily series; see the file comment. */
export function estimateDemandComponents(options: DemandComponentsOptions): DemandComponents {
  const startMs = checkOptions(options);
  const { values } = options;
  const days = values.length;
  const weekly = options.weekly ?? true;
  const yearly = options.yearly ?? days >= 365;
  const intervalLevel = options.level ?? 95;
  const groups = groupEvents(options.events ?? [], startMs, days);

  // event membership per day: bit lists via an index array (events rarely overlap, but may)
  const inEvent = new Uint8Array(days * Math.max(groups.length, 1));
  const eventDays = new Int32Array(groups.length);
  groups.forEach((g, e) => {
    for (const [from, to] of g.ranges) for (let d = from; d <= to; d++) inEvent[d * groups.length + e] = 1;
  });
  for (let d = 0; d < days; d++)
    if ((values[d] as number) > 0)
      for (let e = 0; e < groups.length; e++)
        eventDays[e] = (eventDays[e] as number) + (inEvent[d * groups.length + e] as number);
  const kept: number[] = [];
  const skippedEvents: string[] = [];
  groups.forEach((g, e) => {
    if ((eventDays[e] as number) > 0) kept.push(e);
    else skippedEvents.push(g.event.key);
  });

  const weekColumn = 2;
  const yearColumn = weekColumn + (weekly ? 6 : 0);
  const eventColumn = yearColumn + (yearly ? 2 : 0);
  const p = eventColumn + kept.length;
  let n = 0;
  for (let d = 0; d < days; d++) if ((values[d] as number) > 0) n++;
  if (n < p + 2)
    throw new InputError(
      'insufficient_data',
      `estimateDemandComponents needs at least ${p + 2} days with demand for ${p} parameters, got ${n}`,
      { hint: 'Use a longer history, fewer events, or turn the weekly / yearly terms off.' },
    );

  // weekday and day of year per day, incrementally (Date objects per day cost more than the fit)
  const weekdayOf = new Uint8Array(days);
  const cosine = new Float64Array(days);
  const sine = new Float64Array(days);
  const start = new Date(startMs);
  let year = start.getUTCFullYear();
  let doy = Math.round((startMs - Date.UTC(year, 0, 1)) / DAY_MS);
  let yearLength = Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS);
  for (let d = 0, weekday = start.getUTCDay(); d < days; d++) {
    weekdayOf[d] = weekday;
    const angle = (2 * Math.PI * doy) / YEAR_DAYS;
    cosine[d] = Math.cos(angle);
    sine[d] = Math.sin(angle);
    weekday = weekday === 6 ? 0 : weekday + 1;
    if (++doy === yearLength) {
      year++;
      doy = 0;
      yearLength = Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS);
    }
  }
  const row = new Float64Array(p);
  /** Fills `row` with the regressors of day d. */
  const fillRow = (d: number): void => {
    row.fill(0);
    row[0] = 1;
    row[1] = d / YEAR_DAYS;
    const weekday = weekdayOf[d] as number;
    if (weekly && weekday > 0) row[weekColumn + weekday - 1] = 1;
    if (yearly) {
      row[yearColumn] = cosine[d] as number;
      row[yearColumn + 1] = sine[d] as number;
    }
    for (let j = 0; j < kept.length; j++)
      row[eventColumn + j] = inEvent[d * groups.length + (kept[j] as number)] as number;
  };
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  let sumY = 0;
  for (let d = 0; d < days; d++) {
    const v = values[d] as number;
    if (!(v > 0)) continue;
    const y = Math.log(v);
    fillRow(d);
    for (let i = 0; i < p; i++) {
      const ri = row[i] as number;
      if (ri === 0) continue;
      xty[i] = (xty[i] as number) + ri * y;
      for (let j = 0; j <= i; j++) xtx[i * p + j] = (xtx[i * p + j] as number) + ri * (row[j] as number);
    }
    sumY += y;
  }
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) xtx[i * p + j] = xtx[j * p + i] as number;
  const factor = choleskyFactor(xtx, p, 1e-11);
  if (factor === undefined)
    throw new InputError(
      'insufficient_data',
      'estimateDemandComponents: the components cannot be told apart in this data (the design is singular)',
      {
        hint: 'An event covering every day, or events with identical windows, cannot be separated from the level; drop or merge them.',
      },
    );
  const beta = solveFactored(factor, xty, 1);
  const identity = new Float64Array(p * p);
  for (let i = 0; i < p; i++) identity[i * p + i] = 1;
  const inverse = solveFactored(factor, identity, p);
  // residuals in a second pass (yᵀy − βᵀXᵀy would cancel badly when log y is large)
  const meanY = sumY / n;
  let rss = 0;
  let tss = 0;
  for (let d = 0; d < days; d++) {
    const v = values[d] as number;
    if (!(v > 0)) continue;
    const y = Math.log(v);
    fillRow(d);
    let fitted = 0;
    for (let i = 0; i < p; i++) fitted += (row[i] as number) * (beta[i] as number);
    rss += (y - fitted) ** 2;
    tss += (y - meanY) ** 2;
  }
  const degreesOfFreedom = n - p;
  const s2 = rss / degreesOfFreedom;
  const quantile = studentTQuantile(0.5 + intervalLevel / 200, degreesOfFreedom);
  const b = (i: number) => beta[i] as number;
  const cov = (i: number, j: number) => s2 * (inverse[i * p + j] as number);
  /** Variance of gᵀβ for a sparse gradient given as [index, weight] pairs. */
  const variance = (gradient: readonly (readonly [number, number])[]) => {
    let v = 0;
    for (const [i, gi] of gradient) for (const [j, gj] of gradient) v += gi * gj * cov(i, j);
    return Math.max(0, v);
  };
  const multiplier = (logEffect: number, se: number): MultiplierEstimate => ({
    multiplier: Math.exp(logEffect),
    logEffect,
    standardError: se,
    lower: Math.exp(logEffect - quantile * se),
    upper: Math.exp(logEffect + quantile * se),
  });

  // weekday effects γ₀ = 0 (Sunday), γ_k = β[weekColumn + k − 1]; rescaled to arithmetic mean 1
  const gamma = Array.from({ length: 7 }, (_, k) => (weekly && k > 0 ? b(weekColumn + k - 1) : 0));
  const expSum = gamma.reduce((s, g) => s + Math.exp(g), 0);
  const logMean = Math.log(expSum / 7);
  const weeklyEstimates = weekly
    ? gamma.map((g, k) => {
        // ∂ log w_k / ∂γ_j = [j = k] − exp(γ_j) / Σ exp(γ)
        const gradient: [number, number][] = [];
        for (let j = 1; j < 7; j++)
          gradient.push([weekColumn + j - 1, (j === k ? 1 : 0) - Math.exp(gamma[j] as number) / expSum]);
        return multiplier(g - logMean, Math.sqrt(variance(gradient)));
      })
    : null;

  const levelGradient: [number, number][] = [[0, 1]];
  if (weekly)
    for (let j = 1; j < 7; j++)
      levelGradient.push([weekColumn + j - 1, Math.exp(gamma[j] as number) / expSum]);
  const levelLog = b(0) + logMean;
  const levelSe = Math.sqrt(variance(levelGradient));
  const level: ComponentEstimate = {
    estimate: Math.exp(levelLog),
    standardError: Math.exp(levelLog) * levelSe,
    lower: Math.exp(levelLog - quantile * levelSe),
    upper: Math.exp(levelLog + quantile * levelSe),
  };
  const trendSe = Math.sqrt(cov(1, 1));
  const trendPerYear: ComponentEstimate = {
    estimate: Math.expm1(b(1)),
    standardError: Math.exp(b(1)) * trendSe,
    lower: Math.expm1(b(1) - quantile * trendSe),
    upper: Math.expm1(b(1) + quantile * trendSe),
  };

  let yearlyEstimates: DemandComponents['yearly'] = null;
  if (yearly) {
    const a = b(yearColumn);
    const s = b(yearColumn + 1);
    const amplitude = Math.hypot(a, s);
    const ampSe =
      amplitude > 0
        ? Math.sqrt(
            variance([
              [yearColumn, a / amplitude],
              [yearColumn + 1, s / amplitude],
            ]),
          )
        : 0;
    const peakAngle = Math.atan2(s, a);
    const toDays = YEAR_DAYS / (2 * Math.PI);
    const peak = (((peakAngle * toDays) % YEAR_DAYS) + YEAR_DAYS) % YEAR_DAYS;
    const a2 = amplitude * amplitude;
    const peakSe =
      amplitude > 0
        ? toDays *
          Math.sqrt(
            variance([
              [yearColumn, -s / a2],
              [yearColumn + 1, a / a2],
            ]),
          )
        : Number.POSITIVE_INFINITY;
    yearlyEstimates = {
      amplitude: {
        estimate: amplitude,
        standardError: ampSe,
        lower: Math.max(0, amplitude - quantile * ampSe),
        upper: amplitude + quantile * ampSe,
      },
      // the interval may cross the year end (lower < 0 or upper > 365.25): read it modulo the year
      peakDayOfYear: {
        estimate: peak,
        standardError: Number.isFinite(peakSe) ? peakSe : YEAR_DAYS,
        lower: peak - quantile * (Number.isFinite(peakSe) ? peakSe : YEAR_DAYS / 2),
        upper: peak + quantile * (Number.isFinite(peakSe) ? peakSe : YEAR_DAYS / 2),
      },
    };
  }

  const events: EventEstimate[] = kept.map((e, j) => {
    const group = groups[e] as (typeof groups)[number];
    return {
      key: group.event.key,
      name: group.event.name,
      days: eventDays[e] as number,
      ...multiplier(b(eventColumn + j), Math.sqrt(cov(eventColumn + j, eventColumn + j))),
    };
  });
  return {
    level,
    trendPerYear,
    weekly: weeklyEstimates,
    yearly: yearlyEstimates,
    events,
    skippedEvents,
    observations: n,
    zeroDays: days - n,
    parameters: p,
    degreesOfFreedom,
    residualStandardError: Math.sqrt(s2),
    // a constant log series has nothing to explain (tss is rounding noise): R² = 0
    rSquared: tss > 1e-20 * n * (1 + meanY * meanY) ? Math.min(1, Math.max(0, 1 - rss / tss)) : 0,
    intervalLevel,
  };
}
