import pg from 'pg';
import { intervalOf } from '../sql.js';

/**
 * Result parsing for one pool (the `types` option), so PostgreSQL values come back in the same
 * in-memory forms as DuckDB's (store.ts) without changing `pg`'s global parsers for other users:
 * int8 and numeric → number, date → 'YYYY-MM-DD' string (pg's default would build a local-time
 * Date), timestamp without time zone → Date read as UTC, interval → SqlInterval (pg's default
 * is a PostgresInterval object DuckDB cannot match); timestamptz → Date and json/jsonb →
 * parsed value are pg's defaults. Arrays of those types follow the same rules.
 */

type Parser = (text: string) => unknown;

const oid = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  intervalArray: 1187,
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

/**
 * PostgreSQL's interval text in IntervalStyle `postgres` (pinned per session by the store):
 * optional '<n> year(s)', '<n> mon(s)', '<n> day(s)', then '[-]H…H:MM:SS[.ffffff]'; each part
 * signed on its own. Example: '1 year 2 mons -3 days -04:05:06.789'.
 */
const intervalPattern =
  /^(?:([+-]?\d+) years? ?)?(?:([+-]?\d+) mons? ?)?(?:([+-]?\d+) days? ?)?(?:([+-])?(\d+):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?$/;

/** An interval's text as SqlInterval (store.ts); text it does not know (e.g. 'infinity') stays text. */
export function parseInterval(text: string): unknown {
  const match = text === '' ? null : intervalPattern.exec(text);
  if (!match) return text;
  const [, years, months, days, sign, hours, minutes, seconds, fraction] = match;
  const int = (part: string | undefined) => (part === undefined ? 0 : Number.parseInt(part, 10));
  const wholeSeconds = (BigInt(int(hours)) * 60n + BigInt(int(minutes))) * 60n + BigInt(int(seconds));
  const micros = wholeSeconds * 1_000_000n + BigInt(int(fraction?.padEnd(6, '0')));
  return intervalOf(int(years) * 12 + int(months), int(days), sign === '-' ? -micros : micros);
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
  [oid.interval, parseInterval],
  [oid.intervalArray, arrayOf(parseInterval)],
]);

/** The `types` option of a pg Pool/Client applying the store's value forms. */
export const storeTypes = {
  getTypeParser(typeId: number, format?: 'text' | 'binary'): Parser {
    const override = format === 'binary' ? undefined : overrides.get(typeId);
    return override ?? (pg.types.getTypeParser(typeId as never, format ?? 'text') as Parser);
  },
} as unknown as pg.CustomTypesConfig;
