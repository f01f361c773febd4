import { InputError } from '../core/errors.js';
import type { Label, Locale, ValueFormat } from './report-model.js';

/** Locale-aware formatting of labels, numbers and dates for the report (Intl `zh-CN` / `en-US`). */

const intlLocales: Readonly<Record<Locale, string>> = { en: 'en-US', zh: 'zh-CN' };

/** The BCP 47 tag used for `Intl` and `<html lang>`. */
export function intlLocale(locale: Locale): string {
  return intlLocales[locale];
}

/** Resolve a `Label` (plain or bilingual) to the locale's string. */
export function localize(label: Label, locale: Locale): string {
  return typeof label === 'string' ? label : label[locale];
}

/** Placeholder for a missing value. */
export const missingValue = '–';

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const cacheKey = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(cacheKey);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(intlLocale(locale), options);
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

function checkCurrency(currency: string): string {
  if (!/^[A-Za-z]{3}$/.test(currency)) {
    throw new InputError(
      'invalid_currency',
      `Currency "${currency}" is not an ISO 4217 code like CNY or USD`,
    );
  }
  return currency.toUpperCase();
}

function formatOptions(format: ValueFormat, currency: string | undefined): Intl.NumberFormatOptions {
  switch (format) {
    case 'int':
      return { maximumFractionDigits: 0 };
    case 'number':
      return { maximumFractionDigits: 2 };
    case 'percent':
      return { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 };
    case 'currency':
      return currency === undefined
        ? { minimumFractionDigits: 2, maximumFractionDigits: 2 }
        : { style: 'currency', currency: checkCurrency(currency) };
  }
}

/**
 * Format a number for tables and labels. `percent` takes a fraction; `currency` without a code prints
 * the amount with two decimals. `null` and non-finite values print as `–`.
 *
 * @example formatNumber(1234.5, 'currency', 'zh', 'CNY') // '¥1,234.50'
 */
export function formatNumber(
  value: number | null,
  format: ValueFormat,
  locale: Locale,
  currency?: string,
): string {
  if (value === null || !Number.isFinite(value)) return missingValue;
  return numberFormat(locale, formatOptions(format, currency)).format(value);
}

/**
 * Short axis-tick form: compact notation for large magnitudes (`1.2M`, `120万`), percent for fractions.
 */
export function formatAxisNumber(
  value: number,
  format: ValueFormat,
  locale: Locale,
  currency?: string,
): string {
  if (!Number.isFinite(value)) return missingValue;
  if (format === 'percent') {
    return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  }
  const compact = Math.abs(value) >= 10_000;
  const options: Intl.NumberFormatOptions = compact
    ? { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }
    : { minimumFractionDigits: 0, maximumFractionDigits: format === 'int' ? 0 : 2 };
  if (format === 'currency' && currency !== undefined) {
    // Whole currency units on ticks below the compact range (¥1,200 rather than ¥1,200.00).
    return numberFormat(locale, {
      style: 'currency',
      currency: checkCurrency(currency),
      ...options,
      ...(compact ? {} : { maximumFractionDigits: 0 }),
    }).format(value);
  }
  return numberFormat(locale, options).format(value);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function toDate(value: string | number | Date, what: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InputError('invalid_date', `${what}: "${String(value)}" is not a date`);
  }
  return date;
}

/**
 * `YYYY-MM-DD` in UTC. A string that already starts with `YYYY-MM-DD` keeps its calendar date as written
 * (no timezone shift); numbers are epoch milliseconds.
 */
export function formatDate(value: string | number | Date, what = 'date'): string {
  if (typeof value === 'string') {
    const match = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(value);
    if (match?.[1] !== undefined) return match[1];
  }
  const date = toDate(value, what);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** `YYYY-MM-DD HH:mm UTC`. */
export function formatDateTime(value: Date): string {
  const date = toDate(value, 'generatedAt');
  return `${formatDate(date)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}
