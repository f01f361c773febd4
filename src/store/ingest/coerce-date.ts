/**
 * Date and timestamp parsing for ingest. Accepted forms (a time part is optional everywhere):
 * - ISO 8601 and its relatives: `2023-03-05`, `2023-03-05T14:30:00Z`, `2023-03-05 14:30`,
 *   `2023-03-05 14:30:00.123+08:00`, `2023/03/05`, `2023.3.5`;
 * - Chinese: `2023年3月5日`, `2023年3月5日 14:30`, `2023年3月5日 14时30分`;
 * - day/month/year with `/`, `.` or `-`: `05/03/2023` — day-first or month-first is decided per
 *   column from the data (`inferDayOrder`);
 * - month names: `5 Mar 2023`, `Mar 5, 2023`, `March 5 2023 2:30 PM`;
 * - compact `20230305` and `20230305143000`;
 * - epoch seconds (9–10 digits, optional fraction) and milliseconds (12–13 digits).
 * A 12-hour clock is read when AM/PM follows the time. A time without an offset is taken as UTC
 * (the data model stores UTC). Impossible values (2023-02-30, 24:00, month 13) are rejected.
 */

export type DayOrder = 'dmy' | 'mdy';

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Milliseconds since the Unix epoch (UTC) of the instant, offset applied. */
  readonly epochMs: number;
}

const time = String.raw`(?:[T\s]\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?`;
const isoLike = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${time}$`);
const dayMonthYear = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${time}$`);
const chinese =
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:(\d{1,2})\s*[:：时点]\s*(\d{1,2})\s*分?\s*(?:[:：]?\s*(\d{1,2})\s*秒?)?)?$/;
const dayMonthName = new RegExp(String.raw`^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s,-]+(\d{4})${time}$`);
const monthNameDay = new RegExp(
  String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${time}$`,
);
const compact = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/;
const epoch = /^-?(\d{9,10}(?:\.\d+)?|\d{12,13})$/;

// biome-ignore format: a lookup table reads better in rows
const monthNames: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

/** Parses a date or timestamp; returns undefined when the text is not a valid one. */
export function parseDateTime(text: string, dayOrder: DayOrder): DateParts | undefined {
  const fast = parseIsoFast(text);
  if (fast !== null) return fast;
  let m = isoLike.exec(text);
  if (m) return build(+(m[1] as string), +(m[3] as string), +(m[4] as string), m, 5);
  m = dayMonthYear.exec(text);
  if (m) {
    const first = +(m[1] as string);
    const second = +(m[3] as string);
    const [day, month] = dayOrder === 'dmy' ? [first, second] : [second, first];
    return build(+(m[4] as string), month, day, m, 5);
  }
  m = chinese.exec(text);
  if (m) {
    return fromParts(
      +(m[1] as string),
      +(m[2] as string),
      +(m[3] as string),
      num(m[4]),
      num(m[5]),
      num(m[6]),
      0,
      0,
    );
  }
  m = dayMonthName.exec(text);
  if (m) return byName(m[2] as string, +(m[1] as string), +(m[3] as string), m, 4);
  m = monthNameDay.exec(text);
  if (m) return byName(m[1] as string, +(m[2] as string), +(m[3] as string), m, 4);
  m = compact.exec(text);
  if (m) {
    return fromParts(
      +(m[1] as string),
      +(m[2] as string),
      +(m[3] as string),
      num(m[4]),
      num(m[5]),
      num(m[6]),
      0,
      0,
    );
  }
  if (epoch.test(text)) return fromEpoch(/^-?\d{12,13}$/.test(text) ? +text : +text * 1000);
  return undefined;
}

/** The instant of an epoch number: ≥ 1e11 is milliseconds (after 1973-03-03 in ms), else seconds. */
export function fromEpoch(value: number): DateParts | undefined {
  const ms = Math.abs(value) >= 1e11 ? value : value * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  const date = new Date(Math.round(ms));
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    epochMs: date.getTime(),
  };
}

/**
 * Decides day-first or month-first for a column from its values: a first number above 12 is
 * evidence for day-first, a second number above 12 for month-first; the majority of evidence
 * wins. When no value decides (all like 03/05/2023), month-first — the ISO 8601 order of
 * month before day — is assumed: ambiguous → ISO-first. Values that contradict the chosen order
 * are rejected later as invalid dates.
 */
export function inferDayOrder(values: Iterable<string>): DayOrder {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const value of values) {
    const m = dayMonthYear.exec(value.trim());
    if (!m) continue;
    const first = +(m[1] as string);
    const second = +(m[3] as string);
    if (first > 12 && second <= 12) dayFirst += 1;
    else if (second > 12 && first <= 12) monthFirst += 1;
  }
  return dayFirst > monthFirst ? 'dmy' : 'mdy';
}

/** 'YYYY-MM-DD' of the calendar date as written. */
export function formatDate(parts: DateParts): string {
  return `${parts.year}-${pad2(parts.month)}-${pad2(parts.day)}`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const num = (s: string | undefined): number => (s === undefined ? 0 : +s);

/** `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:mm:ss` and `…Z` without a regex: the bulk of real exports. */
function parseIsoFast(text: string): DateParts | null | undefined {
  const n = text.length;
  if (n !== 10 && n !== 19 && n !== 20) return null;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return null;
  if (n === 10) return fromParts(year, month, day, 0, 0, 0, 0, 0);
  const sep = text.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  if (n === 20 && text.charCodeAt(19) !== 90) return null;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return null;
  return fromParts(year, month, day, hour, minute, second, 0, 0);
}

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i += 1) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function byName(
  name: string,
  day: number,
  year: number,
  m: RegExpExecArray,
  timeAt: number,
): DateParts | undefined {
  const month = monthNames[name.toLowerCase()];
  return month === undefined ? undefined : build(year, month, day, m, timeAt);
}

/** Builds from a regex match whose time groups start at `timeAt` (hour, min, sec, fraction, am/pm, offset). */
function build(
  year: number,
  month: number,
  day: number,
  m: RegExpExecArray,
  timeAt: number,
): DateParts | undefined {
  let hour = num(m[timeAt]);
  const minute = num(m[timeAt + 1]);
  const second = num(m[timeAt + 2]);
  const fraction = m[timeAt + 3];
  const ms = fraction === undefined ? 0 : Math.round(+`0.${fraction}` * 1000);
  const meridiem = m[timeAt + 4];
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = meridiem[0] === 'p' || meridiem[0] === 'P';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const offset = m[timeAt + 5];
  let offsetMinutes = 0;
  if (offset !== undefined && offset[0] !== 'Z' && offset[0] !== 'U' && offset[0] !== 'G') {
    const sign = offset[0] === '-' ? -1 : 1;
    const body = offset.slice(1).replace(':', '');
    const hours = +body.slice(0, 2);
    const minutes = body.length > 2 ? +body.slice(2) : 0;
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  return fromParts(year, month, day, hour, minute, second, ms, offsetMinutes);
}

function fromParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMinutes: number,
): DateParts | undefined {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return { year, month, day, epochMs };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
