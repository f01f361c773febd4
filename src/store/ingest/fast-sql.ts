import type { ColumnSpec } from '../../core/schema/index.js';

/**
 * DuckDB SQL for the fast CSV path (fast-csv.ts): per column, an expression that coerces a raw
 * CSV field (VARCHAR, NULL when empty) to the column's type, and a flag telling whether the
 * result is certainly what the exact JavaScript path (coerce.ts + validate.ts) would produce.
 *
 * The principle is one-sided: SQL handles only *canonical* forms — a strict subset of what the
 * JavaScript coercer accepts, chosen so that DuckDB's result is provably the same value — and
 * every other non-empty value makes the whole row "pending": it is re-read from its raw line and
 * run through the exact path's RowBuilder, which alone produces rejections and their messages.
 * So a form missing here costs speed, never correctness. The forms (all anchored, no whitespace
 * around the value):
 * - text: the value itself; records where a field may start or end with whitespace that
 *   `String.prototype.trim` removes (`whitespaceCodePoints`, checked exhaustively in the test)
 *   are found on the raw line (whitespaceBoundaryPattern) and left to JavaScript;
 * - enum: ASCII values equal to an allowed value ignoring case → the spec's spelling (ASCII only:
 *   `lower()` of DuckDB and `toLowerCase()` of JavaScript differ outside ASCII, e.g. 'İ');
 * - integer: `-?[0-9]{1,15}`; double: the same with up to 12 decimals, or an amount with one
 *   currency sign (¥ ￥ $ € £) before or after a leading minus and `,` thousands groups — both
 *   parse to the correctly rounded IEEE double in DuckDB and in `Number()`, and the JavaScript
 *   amount parser reads exactly these forms as the plain number without signs and commas;
 * - boolean: true/false, yes/no, y/n, t/f, 1/0, on/off (ASCII, any case), 是/否, 真/假, 对/错;
 * - timestamp / date: `Y-M-D` or `Y/M/D` (year 1000–9999, 1–2 digit month and day) with an
 *   optional `[T ]H:MM[:SS[.fff]]` and offset `Z` / `±HH[[:]MM]`, and `Y年M月D日 [H:MM[:SS]]`.
 *   Ranges the JavaScript parser checks (hour ≤ 23, minutes and seconds ≤ 59, offset ≤ 23:59) are
 *   in the pattern; the calendar day is checked by TRY_CAST (2023-02-30 → NULL → pending).
 *   A time without offset is UTC in both. A date column takes the calendar date as written,
 *   as the JavaScript coercer does;
 * - json: never (always pending when present).
 * Validation (required, enum, nonNegative, positive, probability) is applied to the SQL value
 * with the same rules as validate.ts; a failure makes the row pending, so the exact path writes
 * the rejection. Equivalence with the JavaScript coercers is tested value by value in
 * fast-sql.test.ts over generated canonical and near-canonical inputs.
 */

/** Code points `String.prototype.trim` removes (ECMAScript WhiteSpace and LineTerminator). */
// biome-ignore format: a list of code points reads better in rows
export const whitespaceCodePoints: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** RE2 escape of one character (inside or outside a class). */
function reChar(char: string): string {
  return `\\x{${(char.codePointAt(0) as number).toString(16)}}`;
}

/** The RE2 class of `whitespaceCodePoints`, without `except` (a whitespace delimiter). */
function whitespaceClass(except?: string): string {
  const ranges: [number, number][] = [];
  for (const c of whitespaceCodePoints) {
    if (c === except?.codePointAt(0)) continue;
    const last = ranges.at(-1);
    if (last && last[1] === c - 1) last[1] = c;
    else ranges.push([c, c]);
  }
  const char = (c: number) => `\\x{${c.toString(16)}}`;
  return `[${ranges.map(([a, b]) => (a === b ? char(a) : `${char(a)}-${char(b)}`)).join('')}]`;
}

/**
 * Matches a line in which some field may start or end with whitespace that the JavaScript
 * coercer trims: whitespace right after the line start or a delimiter, possibly behind an opening
 * quote, or right before a delimiter or the line end, possibly before a closing quote. (A
 * whitespace delimiter such as a tab is not whitespace of an unquoted field: it cannot be inside
 * one.) Sound for lines that are RFC 4180 well-formed — the others are pending anyway — and
 * conservative (a quoted "a, b" matches too); such records are pending, so SQL may take every
 * text field of the other records as it is. One regex per line costs ~0.2 s per 1M lines; a
 * first/last-character test per text field cost ~0.35 s for the five text columns of orders.
 */
export function whitespaceBoundaryPattern(delimiter: string): string {
  const d = reChar(delimiter);
  const w = whitespaceClass();
  const unquoted = whitespaceClass(delimiter);
  return `(?:^|${d})(?:${unquoted}|"${w})|(?:${unquoted}|${w}")(?:${d}|$)`;
}

const isAscii = (raw: string): string => `strlen(${raw}) = length(${raw})`;

const plainNumber = '-?[0-9]{1,15}(?:\\.[0-9]{1,12})?';
const amount =
  '(?:-|-?[¥￥$€£]|[¥￥$€£]-)?(?:[1-9][0-9]{0,2}(?:,[0-9]{3}){1,4}|[0-9]{1,15})(?:\\.[0-9]{1,12})?';
const month = '(?:0?[1-9]|1[0-2])';
const day = '(?:0?[1-9]|[12][0-9]|3[01])';
const clock = '(?:[01]?[0-9]|2[0-3]):[0-5][0-9]';
const offset = '(?:Z|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)';
const wallTime = `[T ]${clock}(?::[0-5][0-9](?:\\.[0-9]{1,3})?)?`;
/** Y-M-D or Y/M/D with an optional time, without or with a UTC offset (DuckDB reads '/' as '-'). */
const datePattern = (separator: string, zoned: boolean) =>
  `[1-9][0-9]{3}${separator}${month}${separator}${day}${zoned ? `${wallTime}${offset}` : `(?:${wallTime})?`}`;
export const chineseDatePattern = `([1-9][0-9]{3})年(${month})月(${day})[日号](?: ?(${clock}(?::[0-5][0-9])?))?`;

interface DateForm {
  readonly pattern: string;
  /** SQL text DuckDB casts, from the raw value. */
  readonly text: (raw: string) => string;
  readonly zoned: boolean;
}

const dateForms: readonly DateForm[] = [
  { pattern: datePattern('-', false), text: (raw) => raw, zoned: false },
  { pattern: datePattern('-', true), text: (raw) => raw, zoned: true },
  { pattern: datePattern('/', false), text: (raw) => `replace(${raw}, '/', '-')`, zoned: false },
  { pattern: datePattern('/', true), text: (raw) => `replace(${raw}, '/', '-')`, zoned: true },
  {
    pattern: chineseDatePattern,
    text: (raw) => `rtrim(regexp_replace(${raw}, '^${chineseDatePattern}$', '\\1-\\2-\\3 \\4'))`,
    zoned: false,
  },
];

/**
 * A wall time is UTC: read as TIMESTAMP and turned into the instant with the same epoch
 * microseconds (`make_timestamptz(epoch_us(…))`), which is exact and independent of the session
 * time zone, and on 1M values 0.05 s instead of 0.15 s for a TIMESTAMP → TIMESTAMPTZ cast (ICU).
 */
function dateTimeSql(raw: string, target: 'DATE' | 'TIMESTAMPTZ'): string {
  const branches = dateForms.map((form) => {
    const text = form.text(raw);
    const value =
      target === 'DATE'
        ? `TRY_CAST(${text} AS DATE)`
        : form.zoned
          ? `TRY_CAST(${text} AS TIMESTAMPTZ)`
          : `make_timestamptz(epoch_us(TRY_CAST(${text} AS TIMESTAMP)))`;
    return `WHEN regexp_full_match(${raw}, '${form.pattern}') THEN ${value}`;
  });
  return `CASE ${branches.join(' ')} END`;
}

const trueWords = ['true', 'yes', 'y', 't', '1', 'on'];
const falseWords = ['false', 'no', 'n', 'f', '0', 'off'];

/** The typed value of a non-NULL raw field, or NULL when it is not in a canonical form. */
export function canonicalValueSql(column: ColumnSpec, raw: string): string {
  switch (column.type) {
    case 'text': {
      if (!column.enum) return raw;
      // The same map as coerce.ts: lower case → the spec's spelling (a later duplicate wins).
      const byLowerCase = new Map(column.enum.map((v) => [v.toLowerCase(), v]));
      const cases = [...byLowerCase]
        .filter(([lower]) => /^[\x20-\x7e]*$/.test(lower))
        .map(([lower, spelling]) => `WHEN ${sqlString(lower)} THEN ${sqlString(spelling)}`);
      if (cases.length === 0) return 'NULL::VARCHAR';
      return `CASE WHEN ${isAscii(raw)} THEN CASE lower(${raw}) ${cases.join(' ')} END END`;
    }
    case 'integer':
      return `CASE WHEN regexp_full_match(${raw}, '-?[0-9]{1,15}') THEN TRY_CAST(${raw} AS BIGINT) END`;
    case 'double':
      return `CASE WHEN regexp_full_match(${raw}, '${plainNumber}') THEN TRY_CAST(${raw} AS DOUBLE)
        WHEN regexp_full_match(${raw}, '${amount}')
        THEN TRY_CAST(replace(regexp_replace(${raw}, '[¥￥$€£]', ''), ',', '') AS DOUBLE) END`;
    case 'boolean': {
      const ascii = [
        ...trueWords.map((w) => `WHEN '${w}' THEN TRUE`),
        ...falseWords.map((w) => `WHEN '${w}' THEN FALSE`),
      ];
      return `CASE WHEN ${isAscii(raw)} THEN CASE lower(${raw}) ${ascii.join(' ')} END
        ELSE CASE ${raw} WHEN '是' THEN TRUE WHEN '真' THEN TRUE WHEN '对' THEN TRUE
          WHEN '否' THEN FALSE WHEN '假' THEN FALSE WHEN '错' THEN FALSE END END`;
    }
    case 'timestamp':
      return dateTimeSql(raw, 'TIMESTAMPTZ');
    case 'date':
      return dateTimeSql(raw, 'DATE');
    case 'json':
      return 'NULL::JSON';
  }
}

/** The SQL of validate.ts's range rule on a non-NULL typed value, or undefined when none applies. */
export function rangeCheckSql(column: ColumnSpec, value: string): string | undefined {
  if (column.type !== 'integer' && column.type !== 'double') return undefined;
  switch (column.check) {
    case 'nonNegative':
      return `${value} >= 0`;
    case 'positive':
      return `${value} > 0`;
    case 'probability':
      return column.type === 'double' ? `(${value} >= 0 AND ${value} <= 1)` : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether the staged typed value of a non-empty field is canonical and valid: it exists and
 * passes the range rule. (Text fields need no test: the value is the field itself, and records
 * with whitespace at a field's ends are pending by whitespaceBoundaryPattern. JSON is never
 * handled in SQL.)
 */
export function stagedValueOkSql(column: ColumnSpec, value: string): string {
  if (column.type === 'json') return 'FALSE';
  if (column.type === 'text' && !column.enum) return 'TRUE';
  const range = rangeCheckSql(column, value);
  return range === undefined ? `(${value} IS NOT NULL)` : `(${value} IS NOT NULL AND ${range})`;
}

/**
 * Matches a physical line that the JavaScript CSV scanner splits into exactly the fields an
 * RFC 4180 reader gives: unquoted fields without quotes, quoted fields closed right before a
 * delimiter or the line end, `""` inside quotes. DuckDB agrees with the scanner on such lines;
 * on others (a space before an opening quote, text after a closing quote, a stray quote) the
 * two differ, so those records are pending and re-read by the scanner.
 */
export function wellFormedLinePattern(delimiter: string): string {
  const d = reChar(delimiter);
  const field = `(?:[^"${d}]*|"(?:[^"]|"")*")`;
  return `${field}(?:${d}${field})*`;
}
