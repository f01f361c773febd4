/**
 * Number parsing for ingest: plain numbers, and amounts as exports write them.
 * - currency symbols and codes anywhere around the number: ¥ ￥ $ € £ 元, RMB CNY USD EUR GBP HKD
 *   JPY (case-insensitive);
 * - a sign before or after the currency (`-$1,234.50`, `$-1,234.50`), or parentheses for a
 *   negative (`(1,234.50)`);
 * - thousands separators `,` `.` `'` and spaces (incl. no-break and thin spaces) with groups of 3;
 * - decimal separator: the last of `,`/`.` when both occur (`1,234.56`, `1.234,56`); a single
 *   comma is a thousands separator when exactly 3 digits follow and 1–3 non-zero-led digits
 *   precede it (`1,234` → 1234), else a decimal comma (`1,5` → 1.5, `0,125` → 0.125); several
 *   dots only as thousands separators (`1.234.567`); a single dot is a decimal point;
 * - a trailing `%` divides by 100;
 * - exponent notation (`1.5e3`).
 * Anything else (letters, two decimal separators, bad grouping, `NaN`, `Infinity`, hex) is
 * rejected: the parser returns undefined and never NaN.
 */

const currencyPattern = /[¥￥$€£元]|(?<![A-Za-z])(?:RMB|CNY|USD|EUR|GBP|HKD|JPY)(?![A-Za-z])/gi;
const spaces = /[\s\u00a0\u2009\u202f]/g;
const plainNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a plain or amount-formatted number; undefined when the text is not a number. */
export function parseAmount(text: string): number | undefined {
  if (isPlainNumber(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
  }
  return parseFormatted(text);
}

/** A cheap pre-check for `-123`, `45.60`, `1e3`: avoids the regex path for the bulk of values. */
function isPlainNumber(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 30) return false;
  for (let i = 0; i < n; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 46 || c === 45 || c === 43 || c === 101 || c === 69) continue;
    return false;
  }
  return plainNumber.test(text);
}

function parseFormatted(input: string): number | undefined {
  let text = input.trim();
  let negative = false;
  let percent = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(currencyPattern, '').replace(spaces, '');
  if (text.endsWith('%')) {
    percent = true;
    text = text.slice(0, -1);
  }
  if (text.startsWith('-') || text.startsWith('+')) {
    if (text[0] === '-') negative = !negative;
    text = text.slice(1);
  } else if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  const body = normalizeSeparators(text);
  if (body === undefined || !plainNumber.test(body) || body.startsWith('+') || body.startsWith('-')) {
    return undefined;
  }
  let value = Number(body);
  if (!Number.isFinite(value)) return undefined;
  if (percent) value /= 100;
  return negative ? -value : value;
}

/** Rewrites a number with group/decimal separators into JavaScript syntax, or undefined. */
function normalizeSeparators(text: string): string | undefined {
  if (text.length === 0) return undefined;
  const exponentAt = text.search(/[eE]/);
  const mantissa = exponentAt === -1 ? text : text.slice(0, exponentAt);
  const exponent = exponentAt === -1 ? '' : text.slice(exponentAt);
  const commas = count(mantissa, ',');
  const dots = count(mantissa, '.');
  const apostrophes = count(mantissa, "'");
  let integerPart: string;
  let fraction: string | undefined;
  let groupSeparator: string | undefined;
  if (commas > 0 && dots > 0) {
    const decimal = mantissa.lastIndexOf(',') > mantissa.lastIndexOf('.') ? ',' : '.';
    groupSeparator = decimal === ',' ? '.' : ',';
    if (count(mantissa, decimal) !== 1) return undefined;
    [integerPart, fraction] = mantissa.split(decimal) as [string, string];
  } else if (commas > 0) {
    const [head, tail] = mantissa.split(',') as [string, string];
    if (commas === 1 && !(tail.length === 3 && /^[1-9]\d{0,2}$/.test(head))) {
      integerPart = head;
      fraction = tail;
    } else {
      groupSeparator = ',';
      integerPart = mantissa;
    }
  } else if (dots > 1) {
    groupSeparator = '.';
    integerPart = mantissa;
  } else {
    const [head, tail] = mantissa.split('.') as [string, string | undefined];
    integerPart = head;
    fraction = tail;
  }
  if (apostrophes > 0) {
    // Swiss grouping `1'234.50`: only when no other group separator is used.
    if (groupSeparator !== undefined || !validGroups(integerPart, "'")) return undefined;
    integerPart = integerPart.replaceAll("'", '');
  }
  if (groupSeparator !== undefined) {
    if (!validGroups(integerPart, groupSeparator)) return undefined;
    integerPart = integerPart.replaceAll(groupSeparator, '');
  }
  if (!/^\d*$/.test(integerPart) || (fraction !== undefined && !/^\d+$/.test(fraction))) return undefined;
  if (integerPart.length === 0 && fraction === undefined) return undefined;
  return `${integerPart.length === 0 ? '0' : integerPart}${fraction === undefined ? '' : `.${fraction}`}${exponent}`;
}

/** `1,234,567`: first group 1–3 digits, then groups of exactly 3. */
function validGroups(text: string, separator: string): boolean {
  if (!text.includes(separator)) return /^\d+$/.test(text);
  const groups = text.split(separator);
  const first = groups[0] as string;
  if (first.length < 1 || first.length > 3 || !/^\d+$/.test(first)) return false;
  for (let i = 1; i < groups.length; i += 1) if (!/^\d{3}$/.test(groups[i] as string)) return false;
  return true;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n += 1;
  return n;
}
