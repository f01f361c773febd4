import { describe, expect, it } from 'vitest';
import { type ColumnSpec, col } from '../../core/schema/index.js';
import { CoerceFailure, compileCoercer } from './coerce.js';

const coerce = (column: ColumnSpec, value: unknown, dayOrder?: 'dmy' | 'mdy') =>
  compileCoercer(column, dayOrder ? { dayOrder } : {})(value);
const failure = (column: ColumnSpec, value: unknown): string | undefined => {
  const result = coerce(column, value);
  return result instanceof CoerceFailure ? result.code : undefined;
};

const text = col('note', 'text', 'x');
const required = col('id', 'text', 'x', { required: true });
const channel = col('channel', 'text', 'x', { enum: ['online', 'store'] });
const integer = col('qty', 'integer', 'x');
const double = col('amount', 'double', 'x');
const flag = col('granted', 'boolean', 'x');
const ts = col('ts', 'timestamp', 'x');
const date = col('day', 'date', 'x');
const json = col('attributes', 'json', 'x');

describe('compileCoercer', () => {
  it('maps empty, whitespace, null and undefined to null, or missing_required', () => {
    for (const value of ['', '   ', null, undefined]) {
      expect(coerce(text, value)).toBeNull();
      expect(failure(required, value)).toBe('missing_required');
    }
  });

  it('trims text and stringifies scalars from JSON sources', () => {
    expect(coerce(text, '  hello ')).toBe('hello');
    expect(coerce(text, 42)).toBe('42');
    expect(coerce(text, true)).toBe('true');
    expect(failure(text, { a: 1 })).toBe('invalid_text');
  });

  it('matches enums case-insensitively and stores the spec spelling', () => {
    expect(coerce(channel, 'ONLINE')).toBe('online');
    expect(coerce(channel, ' Store ')).toBe('store');
    expect(failure(channel, 'pigeon')).toBe('invalid_enum');
  });

  it.each([
    [integer, '1,234', 1234],
    [integer, '3.0', 3],
    [integer, 7, 7],
    [double, '¥1,234.50', 1234.5],
    [double, '(12.5)', -12.5],
    [double, 2.5, 2.5],
  ])('numbers: %# → %j', (column, value, expected) => {
    expect(coerce(column, value)).toBe(expected);
  });

  it('converts bigints from Parquet', () => {
    expect(coerce(integer, 7n)).toBe(7);
  });

  it('rejects non-integers, non-numbers and unsafe integers', () => {
    expect(failure(integer, '1.5')).toBe('not_an_integer');
    expect(failure(integer, '9007199254740993')).toBe('not_an_integer');
    expect(failure(double, 'abc')).toBe('invalid_number');
    expect(failure(double, Number.NaN)).toBe('invalid_number');
    expect(failure(double, true)).toBe('invalid_number');
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    ['Yes', true],
    ['n', false],
    ['1', true],
    ['0', false],
    ['是', true],
    ['否', false],
    ['真', true],
    ['假', false],
    [true, true],
    [0, false],
  ])('booleans: %j → %j', (value, expected) => {
    expect(coerce(flag, value)).toBe(expected);
  });

  it('rejects other boolean words', () => {
    expect(failure(flag, 'maybe')).toBe('invalid_boolean');
    expect(failure(flag, 2)).toBe('invalid_boolean');
  });

  it('parses timestamps to Dates and dates to YYYY-MM-DD', () => {
    expect(coerce(ts, '2023年3月5日 14:30')).toEqual(new Date('2023-03-05T14:30:00Z'));
    expect(coerce(ts, 1678026600)).toEqual(new Date('2023-03-05T14:30:00Z'));
    expect(coerce(ts, new Date('2023-03-05T00:00:00Z'))).toEqual(new Date('2023-03-05T00:00:00Z'));
    expect(coerce(date, '05/03/2023', 'dmy')).toBe('2023-03-05');
    expect(coerce(date, '2023-03-05 23:59:59')).toBe('2023-03-05');
    expect(coerce(date, new Date('2023-03-05T00:00:00Z'))).toBe('2023-03-05');
    expect(failure(date, '2023-02-30')).toBe('invalid_date');
    expect(failure(ts, 'soon')).toBe('invalid_timestamp');
  });

  it('parses JSON text and passes JSON values through', () => {
    expect(coerce(json, '{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(coerce(json, { b: true })).toEqual({ b: true });
    expect(failure(json, '{not json')).toBe('invalid_json');
  });

  it('quotes the bad value in the message', () => {
    const result = coerce(double, 'twelve');
    expect(result).toBeInstanceOf(CoerceFailure);
    expect((result as CoerceFailure).message).toBe('expected a number or amount, got "twelve"');
  });
});
