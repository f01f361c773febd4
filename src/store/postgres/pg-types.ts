import pg from 'pg';

/**
 * Result parsing for one pool (the `types` option), so PostgreSQL values come back in the same
 * in-memory forms as DuckDB's (store.ts) without changing `pg`'s global parsers for other users:
 * int8 and numeric → number, date → 'YYYY-MM-DD' string (pg's default would build a local-time
 * Date), timestamp without time zone → Date read as UTC; timestamptz → Date and json/jsonb →
 * parsed value are pg's defaults. Arrays of those types follow the same rules.
 */

type Parser = (text: string) => unknown;

const oid = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  textArray: 1009,
  int8Array: 1016,
  numericArray: 1231,
  dateArray: 1182,
  timestampArray: 1115,
} as const;

const parseTimestamptz = pg.types.getTypeParser(oid.timestamptz as never) as Parser;
const parseTextArray = pg.types.getTypeParser(oid.textArray as never) as (text: string) => unknown[];

/** timestamp without time zone: the wall-clock value is taken as UTC (sessions run in UTC). */
function parseTimestampAsUtc(text: string): unknown {
  return text === 'infinity' || text === '-infinity'
    ? parseTimestamptz(text)
    : parseTimestamptz(`${text}+00`);
}

function mapArray(items: unknown[], parse: Parser): unknown[] {
  return items.map((item) => {
    if (item === null) return null;
    return Array.isArray(item) ? mapArray(item, parse) : parse(item as string);
  });
}

function arrayOf(parse: Parser): Parser {
  return (text) => mapArray(parseTextArray(text), parse);
}

const identity: Parser = (text) => text;

const overrides = new Map<number, Parser>([
  [oid.int8, Number],
  [oid.numeric, Number],
  [oid.date, identity],
  [oid.timestamp, parseTimestampAsUtc],
  [oid.int8Array, arrayOf(Number)],
  [oid.numericArray, arrayOf(Number)],
  [oid.dateArray, arrayOf(identity)],
  [oid.timestampArray, arrayOf(parseTimestampAsUtc)],
]);

/** The `types` option of a pg Pool/Client applying the store's value forms. */
export const storeTypes = {
  getTypeParser(typeId: number, format?: 'text' | 'binary'): Parser {
    const override = format === 'binary' ? undefined : overrides.get(typeId);
    return override ?? (pg.types.getTypeParser(typeId as never, format ?? 'text') as Parser);
  },
} as unknown as pg.CustomTypesConfig;
