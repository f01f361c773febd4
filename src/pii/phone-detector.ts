/**
 * Phone numbers: libphonenumber-js (a port of Google's libphonenumber, full "max" metadata) finds
 * and validates numbers for the default regions China and the United States, and a dedicated
 * pattern catches mainland Chinese mobiles (`1[3-9]` + 9 digits, optional +86 / 0086 and
 * separators) that are written glued to Chinese text. Both are filtered against the things that
 * look like phones in commerce text: order and SKU numbers after a label, date-stamped IDs,
 * prices and decimals.
 */
import { type CountryCode, findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isCalendarDate } from './checksums.js';
import { collectMatches, isAsciiAlphanumeric, isDigit, type PiiSpan } from './pii-types.js';

/** Regions whose national formats are recognised without a `+` country code. */
const DEFAULT_REGIONS: readonly CountryCode[] = ['CN', 'US'];

/**
 * Mainland China mobile numbers (MIIT numbering plan: 13x–19x, 11 digits), written as
 * 13800138000, 138-0013-8000, 138 0013 8000 or with +86 / 0086 / 86.
 */
const CN_MOBILE =
  /(?<![A-Za-z0-9+.])(?:(?:\+86|0086|86)[ -]?)?1[3-9]\d(?:\d{8}|[ -]\d{4}[ -]\d{4}|\d{4}[ -]\d{4})(?!\d|\.\d)/g;

/** Labels after which a number is an order / product / document number, not a phone. */
const NON_PHONE_LABEL =
  /(?:订单号?|单号|编号|运单号?|快递单号?|物流单号?|批次号?|型号|货号|流水号|发票号?|序列号|\border(?:\s+(?:no|number|id))?|\binvoice|\bsku|\bno|\bnumber|\bref(?:erence)?|\btracking|\bserial|\bsn|\bid|\bmodel|\bbatch|\blot|\bitem|\bisbn|\bv|\bver|\bversion|\brelease|版本号?)\.?\s*[:：#＃]?\s*$/i;

/** A token shaped like a date (2026-11-29, 2026/11/29, 29.11.2026) inside a candidate. */
const DATE_TOKEN = /(?:^|\s)(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})(?:\s|$)/;

/** Currency signs before a number, or units after it, that make it an amount or a quantity. */
const CURRENCY_BEFORE = /[¥￥$€£]\s*$/;
const UNIT_AFTER = /^\s*(?:元|块|件|个|台|箱|份|%|％|RMB|CNY|USD|pcs|units?\b)/i;

/**
 * True when a bare run of ten or more digits starts with a yyyymmdd date in 2000–2099: the shape of
 * date-stamped order numbers (20261129001). Chinese mobiles start with 1, so they are never affected.
 */
function isDateStamped(candidate: string): boolean {
  if (!/^\d{10,}$/.test(candidate)) return false;
  const year = Number(candidate.slice(0, 4));
  if (year < 2000 || year > 2099) return false;
  return isCalendarDate(year, Number(candidate.slice(4, 6)), Number(candidate.slice(6, 8)));
}

/**
 * Applies the commerce-text filters to a phone candidate at [start, end). A label such as "订单号" or
 * "SKU" only vetoes bare digit runs: a number written with a `+`, brackets or in the mainland-mobile
 * shape is kept, because missing a phone costs more than redacting an order number.
 */
function looksLikePhone(text: string, start: number, end: number): boolean {
  const candidate = text.slice(start, end);
  if (!isDigit(candidate.charAt(candidate.length - 1))) return false;
  const before = text.slice(Math.max(0, start - 24), start);
  const strongShape = /[+(]/.test(candidate) || /^1[3-9]\d[ -]?\d{4}[ -]?\d{4}$/.test(candidate);
  if (!strongShape && NON_PHONE_LABEL.test(before)) return false;
  if (CURRENCY_BEFORE.test(before) || UNIT_AFTER.test(text.slice(end, end + 6))) return false;
  if (isDateStamped(candidate) || DATE_TOKEN.test(candidate)) return false;
  // Glued to letters, or to a decimal point / time / date separator followed by a digit.
  const previous = text.charAt(start - 1);
  const next = text.charAt(end);
  if (/[.:/]/.test(next) && isDigit(text.charAt(end + 1))) return false;
  if (/[.:/]/.test(previous) && isDigit(text.charAt(start - 2))) return false;
  return !isAsciiAlphanumeric(previous || undefined) && !isAsciiAlphanumeric(next || undefined);
}

/**
 * libphonenumber treats `,` and `;` as dialling pauses and then swallows the next number (with a
 * wrong end offset), so they are masked by a neutral character of the same length before scanning.
 */
function maskPauseCharacters(text: string): string {
  return text.replace(/[,;]/g, '|');
}

/** Runs of digit tokens (with brackets, +, and inner `.`/`-`) separated by single spaces. */
const DIGIT_TOKEN_RUN = /(?<![\p{L}\p{N}.+])\+?\(?\d[\d().-]*(?: \+?\(?\d[\d().-]*)*/gu;

/**
 * Phone numbers found by libphonenumber-js for each default region, filtered. A call costs about
 * 1–3 ms even on a short text (measured on Node 20 with the max metadata), so texts without a run of
 * seven digits skip it.
 */
function detectWithLibphonenumber(text: string): PiiSpan[] {
  if (!/\d(?:[ ().-]?\d){6}/.test(text)) return [];
  const masked = maskPauseCharacters(text);
  const spans: PiiSpan[] = [];
  for (const region of DEFAULT_REGIONS) {
    for (const found of findPhoneNumbersInText(masked, { defaultCountry: region })) {
      if (!found.number.isValid()) continue;
      if (!looksLikePhone(text, found.startsAt, found.endsAt)) continue;
      spans.push({ kind: 'phone', start: found.startsAt, end: found.endsAt, confidence: 0.9 });
    }
  }
  return spans;
}

/**
 * True when the whole string is a valid number for one of the default regions. US parsing is the
 * slow one (~0.15 ms), so it is tried only for the lengths a NANP number can have (10 digits, 11
 * with the leading 1) or an explicit `+`.
 */
function isValidNumberText(candidate: string): boolean {
  const digitCount = candidate.replace(/\D/g, '').length;
  if (digitCount < 7 || digitCount > 15) return false;
  const international = candidate.startsWith('+');
  return DEFAULT_REGIONS.some((region) => {
    if (region === 'US' && !international && digitCount !== 10 && digitCount !== 11) return false;
    return (
      parsePhoneNumberFromString(candidate, { defaultCountry: region, extract: false })?.isValid() === true
    );
  });
}

/**
 * A second pass over space-separated digit tokens. libphonenumber's matcher takes a whole run
 * such as "(201) 555-0100 2026" as one candidate and drops it when it does not validate; here every
 * window of consecutive tokens is validated on its own (longest first), so a number followed by a
 * year or a quantity is still found. Windows cut through a token are never tried, nor windows
 * overlapping a number the first pass found.
 */
function detectInDigitRuns(text: string, found: readonly PiiSpan[]): PiiSpan[] {
  return collectMatches(text, DIGIT_TOKEN_RUN, (match) => {
    const tokens = [...match[0].matchAll(/\S+/g)].map((token) => ({
      start: match.index + token.index,
      end: match.index + token.index + token[0].length,
    }));
    const spans: PiiSpan[] = [];
    let first = 0;
    while (first < tokens.length) {
      let accepted = false;
      for (let last = Math.min(tokens.length - 1, first + 4); last >= first && !accepted; last -= 1) {
        const start = (tokens[first] as { start: number }).start;
        const end = (tokens[last] as { end: number }).end;
        if (found.some((span) => span.start < end && start < span.end)) continue;
        if (!isValidNumberText(text.slice(start, end)) || !looksLikePhone(text, start, end)) continue;
        spans.push({ kind: 'phone', start, end, confidence: 0.85 });
        first = last + 1;
        accepted = true;
      }
      if (!accepted) first += 1;
    }
    return spans;
  });
}

/**
 * Phone numbers in Chinese and English text. Duplicates between the two regions and the mobile
 * pattern are left for the overlap resolution in `detectPii`.
 * Example: `detectPhones('电话13800138000')` → `[{ kind: 'phone', start: 2, end: 13, confidence: 0.92 }]`.
 */
export function detectPhones(text: string): PiiSpan[] {
  const mobiles = collectMatches(text, CN_MOBILE, (match) => {
    const end = match.index + match[0].length;
    if (!looksLikePhone(text, match.index, end)) return undefined;
    return { kind: 'phone', start: match.index, end, confidence: 0.92 };
  });
  const found = [...mobiles, ...detectWithLibphonenumber(text)];
  return [...found, ...detectInDigitRuns(text, found)];
}
