import {
  DAY_MS,
  type DemoWindow,
  dayIndex,
  type HolidayEffect,
  holidayEffects,
  windowYears,
} from './calendar.js';

/**
 * Planted demand pattern and the "demand clock" that turns it into purchase timing.
 *
 * Daily multiplier m(d) = trend(d) · weekly(weekday) · yearly(day of year) · Π holiday(d), with
 *   trend(d)  = 1 + TREND_PER_YEAR · d / 365.25           (linear growth of the intensity)
 *   weekly    = WEEKLY[UTC weekday], mean 1
 *   yearly    = 1 + YEARLY_AMPLITUDE · cos(2π (doy − YEARLY_PEAK_DOY) / 365.25)
 *   holiday   = the HolidayEffect multipliers of calendar.ts covering day d (1 elsewhere)
 * and within a day the intensity follows HOURLY[UTC hour] (mean 1; a Beijing-evening peak).
 *
 * Operational time Λ(t) = ∫₀ᵗ m(u)·hourly(u) du (in days). A homogeneous process in operational
 * time is an inhomogeneous one with intensity ∝ m in calendar time (time-change theorem), which is
 * how signups and purchases get their seasonality without changing their counts.
 */

export const TREND_PER_YEAR = 0.2;
/** UTC weekday 0 = Sunday … 6 = Saturday; mean exactly 1. */
export const WEEKLY: readonly number[] = [1.1, 0.9, 0.92, 0.95, 0.98, 1.05, 1.1];
export const YEARLY_AMPLITUDE = 0.12;
/** Day of year (0 = Jan 1) where the smooth yearly cycle peaks (mid December). */
export const YEARLY_PEAK_DOY = 350;
/** Beijing local-hour profile (0..23), shifted to UTC hours below; normalised to mean 1. */
const BEIJING_HOURLY = [
  0.3, 0.15, 0.1, 0.08, 0.08, 0.1, 0.25, 0.5, 0.8, 1.0, 1.1, 1.2, 1.3, 1.1, 1.1, 1.1, 1.0, 1.0, 1.1, 1.3, 1.6,
  1.8, 1.6, 0.9,
];
export const HOURLY: readonly number[] = (() => {
  const mean = BEIJING_HOURLY.reduce((s, v) => s + v, 0) / 24;
  return Array.from({ length: 24 }, (_, utcHour) => (BEIJING_HOURLY[(utcHour + 8) % 24] as number) / mean);
})();

export interface DemandPattern {
  readonly daily: Float64Array;
  readonly holidays: readonly (HolidayEffect & { readonly firstIndex: number; readonly lastIndex: number })[];
}

export function demandPattern(window: DemoWindow): DemandPattern {
  const holidays = windowYears(window)
    .flatMap(holidayEffects)
    .map((h) => ({ ...h, firstIndex: dayIndex(window, h.firstDay), lastIndex: dayIndex(window, h.lastDay) }))
    .filter((h) => h.lastIndex >= 0 && h.firstIndex < window.days);
  const daily = new Float64Array(window.days);
  for (let d = 0; d < window.days; d++) {
    const date = new Date(window.startMs + d * DAY_MS);
    const doy = Math.round((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS);
    let m = 1 + (TREND_PER_YEAR * d) / 365.25;
    m *= WEEKLY[date.getUTCDay()] as number;
    m *= 1 + YEARLY_AMPLITUDE * Math.cos((2 * Math.PI * (doy - YEARLY_PEAK_DOY)) / 365.25);
    for (const h of holidays) if (d >= h.firstIndex && d <= h.lastIndex) m *= h.multiplier;
    daily[d] = m;
  }
  return { daily, holidays };
}

/** Maps calendar time (fractional days since the window start) to operational time and back. */
export interface DemandClock {
  readonly days: number;
  readonly totalOperational: number;
  operational(t: number): number;
  calendar(operational: number): number;
}

export function demandClock(pattern: DemandPattern): DemandClock {
  const days = pattern.daily.length;
  const hours = days * 24;
  const length = new Float64Array(hours);
  const cumulative = new Float64Array(hours + 1);
  for (let k = 0; k < hours; k++) {
    length[k] = ((pattern.daily[Math.floor(k / 24)] as number) * (HOURLY[k % 24] as number)) / 24;
    cumulative[k + 1] = (cumulative[k] as number) + (length[k] as number);
  }
  const totalOperational = cumulative[hours] as number;
  return {
    days,
    totalOperational,
    operational(t) {
      if (t <= 0) return 0;
      if (t >= days) return totalOperational;
      const k = Math.floor(t * 24);
      return (cumulative[k] as number) + (length[k] as number) * (t * 24 - k);
    },
    calendar(op) {
      if (op <= 0) return 0;
      if (op >= totalOperational) return days;
      let lo = 0;
      let hi = hours; // invariant: cumulative[lo] <= op < cumulative[hi]
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] as number) <= op) lo = mid;
        else hi = mid;
      }
      return (lo + (op - (cumulative[lo] as number)) / (length[lo] as number)) / 24;
    },
  };
}
