import { describe, expect, it } from 'vitest';
import { parseInterval } from './pg-types.js';

describe('parseInterval', () => {
  // Texts as printed by PostgreSQL 15 with IntervalStyle = postgres (SELECT CAST('…' AS INTERVAL)).
  it.each([
    ['1 year 2 mons 3 days 04:05:06.789', { months: 14, days: 3, milliseconds: 14_706_789 }],
    ['-1 days -00:00:01.5', { months: 0, days: -1, milliseconds: -1500 }],
    ['1 mon -2 days', { months: 1, days: -2, milliseconds: 0 }],
    ['-1 years -2 mons', { months: -14, days: 0, milliseconds: 0 }],
    ['100:00:00', { months: 0, days: 0, milliseconds: 360_000_000 }],
    ['-100:00:00.000001', { months: 0, days: 0, milliseconds: -360_000_000.001 }],
    ['00:00:00', { months: 0, days: 0, milliseconds: 0 }],
    ['1 day', { months: 0, days: 1, milliseconds: 0 }],
    ['00:00:00.000001', { months: 0, days: 0, milliseconds: 0.001 }],
  ])('%s', (text, expected) => {
    expect(parseInterval(text)).toEqual(expected);
  });

  it('keeps text it does not know (PostgreSQL 17 infinity, other IntervalStyles) as text', () => {
    expect(parseInterval('infinity')).toBe('infinity');
    expect(parseInterval('P1Y2M')).toBe('P1Y2M');
    expect(parseInterval('')).toBe('');
  });

  it('computes large intervals like DuckDB does (microseconds / 1000)', () => {
    // 2,562,047,788 hours is near the largest interval; DuckDB gives Number(micros) / 1000 too.
    const micros = 2_562_047_788n * 3_600_000_000n + 54_775_807n;
    expect(parseInterval('2562047788:00:54.775807')).toEqual({
      months: 0,
      days: 0,
      milliseconds: Number(micros) / 1000,
    });
  });
});
