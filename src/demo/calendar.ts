import { InputError } from '../core/errors.js';

/**
 * Calendar of the demo data window: UTC days, the retail holidays that move demand (春节 Spring
 * Festival, 618, 双十一 Singles' Day, Black Friday, Christmas) and the promotions that run around
 * them. All days are UTC calendar days; "day index" d counts days from the window start.
 */

export const DAY_MS = 86_400_000;

export interface DemoWindow {
  /** First day, 'YYYY-MM-DD'. */
  readonly startDate: string;
  /** Day after the last day (exclusive end), 'YYYY-MM-DD'. */
  readonly endDate: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly days: number;
}

/**
 * Chinese New Year (first day of the first lunar month), Gregorian dates. Source: Hong Kong
 * Observatory, "Gregorian-Lunar Calendar Conversion Table" (www.hko.gov.hk/en/gts/time/conversion.htm),
 * which agrees with the Purple Mountain Observatory almanac for these years.
 */
export const LUNAR_NEW_YEAR: Readonly<Record<number, string>> = {
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

const FIRST_YEAR = 2018;
const LAST_YEAR = 2030;

/** Milliseconds of a valid 'YYYY-MM-DD' (UTC midnight); throws InputError otherwise. */
export function parseDay(text: string, what = 'date'): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new InputError('invalid_date', `${what} must be 'YYYY-MM-DD', got '${text}'`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new InputError('invalid_date', `${what} '${text}' is not a calendar date`);
  }
  return ms;
}

/** 'YYYY-MM-DD' of a UTC millisecond time. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The window [start, start + months) in whole UTC days; supported for years 2018–2030. */
export function makeWindow(start: string, months: number): DemoWindow {
  const startMs = parseDay(start, 'start');
  if (!Number.isInteger(months) || months < 1 || months > 60) {
    throw new InputError('invalid_option', `months must be an integer in 1..60, got ${months}`);
  }
  const s = new Date(startMs);
  const endMs = Date.UTC(s.getUTCFullYear(), s.getUTCMonth() + months, s.getUTCDate());
  const lastYear = new Date(endMs - DAY_MS).getUTCFullYear();
  if (s.getUTCFullYear() < FIRST_YEAR || lastYear > LAST_YEAR) {
    throw new InputError(
      'invalid_option',
      `the demo calendar covers ${FIRST_YEAR}–${LAST_YEAR} (lunar new year table); window ${start} + ${months} months is outside`,
    );
  }
  return {
    startDate: start,
    endDate: isoDay(endMs),
    startMs,
    endMs,
    days: Math.round((endMs - startMs) / DAY_MS),
  };
}

/** Day index of a UTC day inside the window (may be outside 0..days-1). */
export function dayIndex(window: DemoWindow, day: string): number {
  return Math.round((parseDay(day) - window.startMs) / DAY_MS);
}

/** Black Friday: the day after the fourth Thursday of November (US Thanksgiving). */
export function blackFriday(year: number): string {
  const firstWeekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - firstWeekday + 7) % 7);
  return isoDay(Date.UTC(year, 10, firstThursday + 21 + 1));
}

/** A demand multiplier on a range of days (inclusive), applied multiplicatively. */
export interface HolidayEffect {
  readonly key: string;
  readonly name: string;
  readonly nameZh: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly multiplier: number;
}

function shift(day: string, days: number): string {
  return isoDay(parseDay(day) + days * DAY_MS);
}

/**
 * Holiday effects on order volume per calendar year (all customers, UTC days):
 * 双十一 11-11 ×3.0 (11-10 ×1.5, 11-12 ×1.3); 618 06-18 ×2.0 (06-16..17 ×1.3); Black Friday ×1.8
 * and Cyber Monday ×1.3; Christmas 12-18..23 ×1.2, 12-25 ×0.7; 春节: the 9 days before new
 * year's eve ×1.2 (festive shopping), eve to day 6 ×0.5 (couriers rest).
 */
export function holidayEffects(year: number): HolidayEffect[] {
  const lny = LUNAR_NEW_YEAR[year];
  if (!lny) throw new InputError('invalid_option', `no lunar new year date for ${year}`);
  const bf = blackFriday(year);
  const y = String(year);
  // biome-ignore format: data table
  return [
    { key: `${y}-cny-shopping`, name: 'Spring Festival shopping', nameZh: '年货节', firstDay: shift(lny, -10), lastDay: shift(lny, -2), multiplier: 1.2 },
    { key: `${y}-cny-break`, name: 'Spring Festival break', nameZh: '春节', firstDay: shift(lny, -1), lastDay: shift(lny, 6), multiplier: 0.5 },
    { key: `${y}-618-pre`, name: '618 warm-up', nameZh: '618预热', firstDay: `${y}-06-16`, lastDay: `${y}-06-17`, multiplier: 1.3 },
    { key: `${y}-618`, name: '618 shopping festival', nameZh: '618购物节', firstDay: `${y}-06-18`, lastDay: `${y}-06-18`, multiplier: 2.0 },
    { key: `${y}-1111-pre`, name: "Singles' Day eve", nameZh: '双十一前夜', firstDay: `${y}-11-10`, lastDay: `${y}-11-10`, multiplier: 1.5 },
    { key: `${y}-1111`, name: "Singles' Day", nameZh: '双十一', firstDay: `${y}-11-11`, lastDay: `${y}-11-11`, multiplier: 3.0 },
    { key: `${y}-1111-post`, name: "Singles' Day returns", nameZh: '双十一返场', firstDay: `${y}-11-12`, lastDay: `${y}-11-12`, multiplier: 1.3 },
    { key: `${y}-black-friday`, name: 'Black Friday', nameZh: '黑色星期五', firstDay: bf, lastDay: bf, multiplier: 1.8 },
    { key: `${y}-cyber-monday`, name: 'Cyber Monday', nameZh: '网络星期一', firstDay: shift(bf, 3), lastDay: shift(bf, 3), multiplier: 1.3 },
    { key: `${y}-christmas-shopping`, name: 'Christmas shopping', nameZh: '圣诞购物季', firstDay: `${y}-12-18`, lastDay: `${y}-12-23`, multiplier: 1.2 },
    { key: `${y}-christmas`, name: 'Christmas Day', nameZh: '圣诞节', firstDay: `${y}-12-25`, lastDay: `${y}-12-25`, multiplier: 0.7 },
  ];
}

/** A promotion: orders inside its days may carry its id and a discount. */
export interface Promotion {
  readonly id: string;
  readonly name: string;
  readonly nameZh: string;
  readonly firstDay: string;
  readonly lastDay: string;
  /** Probability that an order inside the window uses the promotion. */
  readonly uptake: number;
  /** Discount rates drawn uniformly for orders that use it. */
  readonly discountRates: readonly number[];
}

export function promotionsOfYear(year: number): Promotion[] {
  const lny = LUNAR_NEW_YEAR[year];
  if (!lny) throw new InputError('invalid_option', `no lunar new year date for ${year}`);
  const bf = blackFriday(year);
  const y = String(year);
  // biome-ignore format: data table
  return [
    { id: `promo_${y}_cny`, name: `Spring Festival Sale ${y}`, nameZh: `${y}年货节`, firstDay: shift(lny, -15), lastDay: shift(lny, -2), uptake: 0.5, discountRates: [0.1, 0.15] },
    { id: `promo_${y}_618`, name: `618 Festival ${y}`, nameZh: `${y} 618购物节`, firstDay: `${y}-06-01`, lastDay: `${y}-06-18`, uptake: 0.6, discountRates: [0.1, 0.15, 0.2] },
    { id: `promo_${y}_1111`, name: `Singles' Day ${y}`, nameZh: `${y}双十一`, firstDay: `${y}-10-31`, lastDay: `${y}-11-11`, uptake: 0.7, discountRates: [0.15, 0.2, 0.3] },
    { id: `promo_${y}_bf`, name: `Black Friday ${y}`, nameZh: `${y}黑五`, firstDay: bf, lastDay: shift(bf, 3), uptake: 0.6, discountRates: [0.2, 0.25, 0.3] },
    { id: `promo_${y}_xmas`, name: `Holiday Gifts ${y}`, nameZh: `${y}圣诞礼遇`, firstDay: `${y}-12-15`, lastDay: `${y}-12-24`, uptake: 0.4, discountRates: [0.1, 0.15] },
  ];
}

/** Calendar years touched by the window. */
export function windowYears(window: DemoWindow): number[] {
  const first = new Date(window.startMs).getUTCFullYear();
  const last = new Date(window.endMs - DAY_MS).getUTCFullYear();
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

/** Promotions overlapping the window, with their day ranges as indices (clipped). */
export interface WindowPromotion extends Promotion {
  readonly firstIndex: number;
  readonly lastIndex: number;
}

export function windowPromotions(window: DemoWindow): WindowPromotion[] {
  const out: WindowPromotion[] = [];
  for (const year of windowYears(window)) {
    for (const promo of promotionsOfYear(year)) {
      const firstIndex = Math.max(0, dayIndex(window, promo.firstDay));
      const lastIndex = Math.min(window.days - 1, dayIndex(window, promo.lastDay));
      if (firstIndex <= lastIndex) out.push({ ...promo, firstIndex, lastIndex });
    }
  }
  return out;
}

/** The promotion running on day index d, if any (the first listed wins on overlaps). */
export function promotionOnDay(
  promotions: readonly WindowPromotion[],
  d: number,
): WindowPromotion | undefined {
  return promotions.find((p) => d >= p.firstIndex && d <= p.lastIndex);
}
