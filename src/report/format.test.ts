import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { formatAxisNumber, formatDate, formatDateTime, formatNumber, localize } from './format.js';

describe('formatNumber', () => {
  it('formats per locale and format', () => {
    expect(formatNumber(1234567.891, 'number', 'en')).toBe('1,234,567.89');
    expect(formatNumber(1234567.891, 'int', 'zh')).toBe('1,234,568');
    expect(formatNumber(0.1234, 'percent', 'en')).toBe('12.3%');
    expect(formatNumber(1234.5, 'currency', 'zh', 'CNY')).toBe('¥1,234.50');
    expect(formatNumber(1234.5, 'currency', 'en', 'CNY')).toBe('CN¥1,234.50');
    expect(formatNumber(1234.5, 'currency', 'en', 'usd')).toBe('$1,234.50');
    expect(formatNumber(1234.5, 'currency', 'en')).toBe('1,234.50');
  });

  it('prints a dash for missing or non-finite values instead of NaN', () => {
    expect(formatNumber(null, 'number', 'en')).toBe('–');
    expect(formatNumber(Number.NaN, 'percent', 'zh')).toBe('–');
  });

  it('rejects a malformed currency code', () => {
    expect(() => formatNumber(1, 'currency', 'en', 'yuan')).toThrow(InputError);
  });
});

describe('formatAxisNumber', () => {
  it('uses compact notation for large magnitudes', () => {
    expect(formatAxisNumber(1_200_000, 'number', 'en')).toBe('1.2M');
    expect(formatAxisNumber(1_200_000, 'number', 'zh')).toBe('120万');
    expect(formatAxisNumber(1_500_000, 'currency', 'zh', 'CNY')).toBe('¥150万');
    expect(formatAxisNumber(900, 'currency', 'en', 'USD')).toBe('$900');
    expect(formatAxisNumber(0.25, 'percent', 'en')).toBe('25%');
    expect(formatAxisNumber(2.5, 'int', 'en')).toBe('3');
  });
});

describe('dates', () => {
  it('formats as YYYY-MM-DD in UTC, keeping calendar dates as written', () => {
    expect(formatDate('2024-03-05')).toBe('2024-03-05');
    expect(formatDate('2024-03-05T23:30:00-08:00')).toBe('2024-03-05');
    expect(formatDate(new Date('2024-12-31T23:59:59Z'))).toBe('2024-12-31');
    expect(formatDate(Date.UTC(2023, 0, 2))).toBe('2023-01-02');
    expect(formatDateTime(new Date('2025-01-15T08:05:00Z'))).toBe('2025-01-15 08:05 UTC');
  });

  it('rejects invalid dates', () => {
    expect(() => formatDate('not a date', 'dataWindow.start')).toThrow(/dataWindow.start/);
    expect(() => formatDateTime(new Date(Number.NaN))).toThrow(InputError);
  });
});

describe('localize', () => {
  it('resolves plain and bilingual labels', () => {
    expect(localize('SKU-1', 'zh')).toBe('SKU-1');
    expect(localize({ en: 'Loyal', zh: '忠诚' }, 'zh')).toBe('忠诚');
  });
});
