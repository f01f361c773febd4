/**
 * Detectors for PII with a fixed syntax: e-mail addresses, payment card numbers, Chinese resident
 * IDs, IBANs and IP addresses. Each finds candidates with a permissive pattern and keeps only those
 * passing the identifier's own validity rule (check digit, registered length, octet range), which
 * is what keeps order numbers, prices, dates and quantities out.
 */
import { ibanValid, isValidCnId15, isValidCnId18, luhnValid } from './checksums.js';
import { collectMatches, isAsciiAlphanumeric, type PiiSpan } from './pii-types.js';

/**
 * E-mail addresses: the practical subset of RFC 5322 §3.4.1 addr-spec (dot-atom local part, incl.
 * plus-addressing; a dotted domain of LDH labels ending in an alphabetic TLD, RFC 1035 §2.3.1).
 * `@mentions` have no local part and are not matched; quoted local parts and IP-literal domains
 * are left out on purpose (rare in prose, frequent in false positives).
 */
const EMAIL =
  /(?<![A-Za-z0-9.!#$%&'*+/=?^_`{|}~-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?![A-Za-z0-9-])/g;

export function detectEmails(text: string): PiiSpan[] {
  return collectMatches(text, EMAIL, (match) => ({
    kind: 'email',
    start: match.index,
    end: match.index + match[0].length,
    confidence: 0.99,
  }));
}

/**
 * True when a card number's issuer identification number (ISO/IEC 7812 IIN) and length belong to
 * a network we know: Visa 4 (13/16/19), Mastercard 51–55 and 2221–2720 (16), American Express 34/37
 * (15), UnionPay 62 (16–19), JCB 3528–3589 (16–19), Discover 6011 / 644–649 / 65 (16–19).
 */
export function isKnownCardIin(digits: string): boolean {
  const length = digits.length;
  const prefix2 = Number(digits.slice(0, 2));
  const prefix3 = Number(digits.slice(0, 3));
  const prefix4 = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) return length === 13 || length === 16 || length === 19;
  if ((prefix2 >= 51 && prefix2 <= 55) || (prefix4 >= 2221 && prefix4 <= 2720)) return length === 16;
  if (prefix2 === 34 || prefix2 === 37) return length === 15;
  const long = length >= 16 && length <= 19;
  if (prefix2 === 62) return long;
  if (prefix4 >= 3528 && prefix4 <= 3589) return long;
  if (prefix4 === 6011 || (prefix3 >= 644 && prefix3 <= 649) || prefix2 === 65) return long;
  return false;
}

/** Runs of digit groups separated by single spaces or dashes, not glued to other digits/letters. */
const DIGIT_GROUP_RUN = /(?<![A-Za-z0-9.,])\d+(?:[ -]\d+)*(?![A-Za-z0-9]|[.,]\d)/g;

interface DigitGroup {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

/** Splits a matched digit-group run into its groups with absolute offsets. */
function digitGroups(run: string, offset: number): DigitGroup[] {
  const groups: DigitGroup[] = [];
  for (const group of run.matchAll(/\d+/g)) {
    groups.push({
      start: offset + group.index,
      end: offset + group.index + group[0].length,
      digits: group[0],
    });
  }
  return groups;
}

/**
 * Payment card numbers: 13–19 digits, optionally grouped by spaces or dashes, passing Luhn
 * (ISO/IEC 7812-1) and a known IIN range. Within a longer run of groups the longest valid
 * contiguous sub-run wins (a card followed by an expiry or CVV in the same run is still found).
 */
export function detectCards(text: string): PiiSpan[] {
  return collectMatches(text, DIGIT_GROUP_RUN, (match) => {
    const groups = digitGroups(match[0], match.index);
    let best: { start: number; end: number } | undefined;
    for (let first = 0; first < groups.length; first += 1) {
      let digits = '';
      for (let last = first; last < groups.length; last += 1) {
        const group = groups[last] as DigitGroup;
        digits += group.digits;
        if (digits.length > 19) break;
        if (digits.length < 13 || !luhnValid(digits) || !isKnownCardIin(digits)) continue;
        const start = (groups[first] as DigitGroup).start;
        if (best === undefined || group.end - start > best.end - best.start) best = { start, end: group.end };
      }
    }
    return best === undefined ? undefined : { kind: 'card', ...best, confidence: 0.97 };
  });
}

/** 18-character (17 digits + check digit or X) and 15-digit legacy resident ID candidates. */
const CN_ID = /(?<![A-Za-z0-9])(?:\d{17}[\dXx]|\d{15})(?![A-Za-z0-9])/g;

/**
 * Chinese resident identity numbers: 18-character IDs with a valid GB 11643-1999 MOD 11-2 check
 * character and birth date (confidence 0.99), and 15-digit legacy IDs with a valid date (0.8).
 */
export function detectCnIds(text: string): PiiSpan[] {
  return collectMatches(text, CN_ID, (match) => {
    const id = match[0];
    const valid = id.length === 18 ? isValidCnId18(id) : isValidCnId15(id);
    if (!valid) return undefined;
    const confidence = id.length === 18 ? 0.99 : 0.8;
    return { kind: 'cn_id', start: match.index, end: match.index + id.length, confidence };
  });
}

/** IBAN candidates: country code, check digits, then alphanumerics in optional groups of four. */
const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){8,31}/g;

/**
 * IBANs in electronic (`DE89370400440532013000`) or print form (`DE89 3704 0044 0532 0130 00`),
 * validated by registered length and ISO 13616 MOD 97-10. The candidate is cut at the country's
 * length, and the cut must fall at a word boundary.
 */
export function detectIbans(text: string): PiiSpan[] {
  return collectMatches(text, IBAN_CANDIDATE, (match) => {
    const candidate = match[0];
    let compact = '';
    let end = match.index;
    for (let index = 0; index < candidate.length && compact.length < 34; index += 1) {
      const char = candidate.charAt(index);
      if (char === ' ') continue;
      compact += char;
      end = match.index + index + 1;
      if (compact.length >= 15 && ibanValid(compact) && !isAsciiAlphanumeric(text.charAt(end) || undefined)) {
        return { kind: 'iban', start: match.index, end, confidence: 0.98 };
      }
    }
    return undefined;
  });
}

/** Dotted quads not glued to letters, digits or further dotted numbers. */
const IPV4 = /(?<![A-Za-z0-9.])(?:\d{1,3}\.){3}\d{1,3}(?![A-Za-z0-9]|\.\d)/g;
/** A preceding word that marks a dotted quad as a version number, not an address. */
const VERSION_CUE = /(?:\bv|\bver\.?|\bversion|\brelease|版本|版本号)\s*[:：]?\s*$/i;

/** True for an IPv4 octet written canonically (0–255, no leading zero). */
function isOctet(part: string): boolean {
  return /^(?:0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255;
}

/** IPv6 candidates: hex groups and colons (with an optional trailing dotted quad). */
const IPV6 =
  /(?<![A-Za-z0-9:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![A-Za-z0-9:])/g;

/**
 * Validates the textual IPv6 forms of RFC 4291 §2.2: eight groups of 1–4 hex digits, or fewer with
 * one `::`, optionally ending in an embedded IPv4 quad (worth two groups). To keep `std::vector`
 * style text and clock times out, the address must contain a digit and either `::` or 8 groups.
 */
export function isIpv6(candidate: string): boolean {
  if (!/\d/.test(candidate)) return false;
  const halves = candidate.split('::');
  if (halves.length > 2) return false;
  let groupCount = 0;
  for (const [halfIndex, half] of halves.entries()) {
    if (half === '') continue;
    const parts = half.split(':');
    for (const [partIndex, part] of parts.entries()) {
      const isLast = halfIndex === halves.length - 1 && partIndex === parts.length - 1;
      if (isLast && part.includes('.')) {
        if (!part.split('.').every(isOctet) || part.split('.').length !== 4) return false;
        groupCount += 2;
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(part)) groupCount += 1;
      else return false;
    }
  }
  return halves.length === 2 ? groupCount <= 7 : groupCount === 8;
}

/** IPv4 (canonical octets, not after a version cue) and IPv6 (RFC 4291 text forms) addresses. */
export function detectIps(text: string): PiiSpan[] {
  const v4 = collectMatches(text, IPV4, (match) => {
    if (!match[0].split('.').every(isOctet)) return undefined;
    if (VERSION_CUE.test(text.slice(Math.max(0, match.index - 12), match.index))) return undefined;
    return { kind: 'ip', start: match.index, end: match.index + match[0].length, confidence: 0.9 };
  });
  const v6 = collectMatches(text, IPV6, (match) =>
    isIpv6(match[0])
      ? { kind: 'ip', start: match.index, end: match.index + match[0].length, confidence: 0.9 }
      : undefined,
  );
  return [...v4, ...v6];
}
