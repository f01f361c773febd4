/**
 * Check-digit algorithms that separate real identifiers from look-alike digit runs (order numbers,
 * quantities): Luhn for payment cards, ISO 7064 MOD 11-2 for Chinese resident IDs, ISO 7064
 * MOD 97-10 for IBANs, plus a calendar-date check for the birth date inside an ID.
 */

/**
 * Luhn (mod 10) check, ISO/IEC 7812-1 Annex B: from the rightmost digit, double every second digit,
 * subtract 9 from doubles above 9, sum everything; valid when the sum is a multiple of 10. O(n).
 * Example: `luhnValid('4111111111111111')` → true.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let value = digits.charCodeAt(index) - 48;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit that completes `payload` (used by tests to build valid fake numbers). */
export function luhnCheckDigit(payload: string): string {
  for (let digit = 0; digit <= 9; digit += 1) {
    if (luhnValid(`${payload}${digit}`)) return String(digit);
  }
  throw new Error(`luhnCheckDigit: no check digit for ${payload}`);
}

/** Weights W_i = 2^(17−i) mod 11 of GB 11643-1999 for positions i = 0..16 (left to right). */
const CN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for S mod 11 = 0..10 (GB 11643-1999, ISO 7064 MOD 11-2). */
const CN_ID_CHECK = '10X98765432';

/**
 * The check character of an 18-character Chinese resident identity number (GB 11643-1999,
 * ISO 7064:1983 MOD 11-2): S = Σ aᵢ·Wᵢ over the first 17 digits, check = "10X98765432"[S mod 11].
 */
export function cnIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('cnIdCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    sum += (first17.charCodeAt(index) - 48) * (CN_ID_WEIGHTS[index] ?? 0);
  }
  return CN_ID_CHECK.charAt(sum % 11);
}

/**
 * First two digits of a GB/T 2260 administrative division code: provinces, autonomous regions and
 * municipalities (11–65), Taiwan (71), Hong Kong / Macau (81, 82), residence-permit codes (83) and
 * the foreigners' prefix 91.
 */
const CN_PROVINCE_PREFIXES: ReadonlySet<string> = new Set(
  [
    '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45',
    '46 50 51 52 53 54 61 62 63 64 65 71 81 82 83 91',
  ]
    .join(' ')
    .split(' '),
);

/** True when year/month/day form a real Gregorian calendar date. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

/**
 * Validates an 18-character Chinese resident ID: a known province prefix, a real birth date
 * between 1900 and 2099 in positions 7–14, and the MOD 11-2 check character (GB 11643-1999 §5–§7).
 * Example: `isValidCnId18('11010519491231002X')` → true (the standard's worked example).
 */
export function isValidCnId18(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!CN_PROVINCE_PREFIXES.has(id.slice(0, 2))) return false;
  const year = Number(id.slice(6, 10));
  if (year < 1900 || year > 2099) return false;
  if (!isCalendarDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  return cnIdCheckCharacter(id.slice(0, 17)) === id.charAt(17).toUpperCase();
}

/**
 * Validates a legacy 15-digit resident ID (issued before 1999; GB 11643-1989): province prefix and a
 * real 19YYMMDD birth date; it has no check digit, so detection confidence is lower.
 */
export function isValidCnId15(id: string): boolean {
  if (!/^\d{15}$/.test(id)) return false;
  if (!CN_PROVINCE_PREFIXES.has(id.slice(0, 2))) return false;
  return isCalendarDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
}

/**
 * IBAN lengths per country from the SWIFT IBAN Registry (ISO 13616-1), release 2024.
 */
export const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  [
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27',
    'DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22',
    'IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19',
    'MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31',
    'SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30',
  ]
    .join(' ')
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))] as const),
);

/**
 * ISO 13616 / ISO 7064 MOD 97-10 check of an IBAN in electronic form (no spaces): the registered
 * length for its country, then move the first four characters to the end, replace letters by
 * 10..35 and require the number mod 97 = 1 (computed digit by digit, O(n)).
 * Example: `ibanValid('GB82WEST12345698765432')` → true (the registry's example).
 */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  if (IBAN_LENGTHS.get(iban.slice(0, 2)) !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}
