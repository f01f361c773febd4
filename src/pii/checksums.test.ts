import { describe, expect, it } from 'vitest';
import {
  cnIdCheckCharacter,
  ibanValid,
  isCalendarDate,
  isValidCnId15,
  isValidCnId18,
  luhnCheckDigit,
  luhnValid,
} from './checksums.js';

describe('luhnValid', () => {
  it('accepts the networks’ published test numbers and rejects a changed digit', () => {
    // Test numbers from the Stripe / PayPal sandbox documentation.
    for (const number of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117']) {
      expect(luhnValid(number)).toBe(true);
    }
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true); // the worked example of ISO/IEC 7812-1 Annex B
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111')).toBe(false);
  });

  it('luhnCheckDigit completes a payload', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(luhnValid(`411111111111111${luhnCheckDigit('411111111111111')}`)).toBe(true);
  });
});

describe('Chinese resident ID (GB 11643-1999)', () => {
  it('computes the MOD 11-2 check character of the standard’s worked example', () => {
    // GB 11643-1999 Appendix: 11010519491231002X.
    expect(cnIdCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidCnId18('11010519491231002X')).toBe(true);
    expect(isValidCnId18('11010519491231002x')).toBe(true);
    expect(isValidCnId18('110105194912310021')).toBe(false);
  });

  it('requires a real birth date and a known province prefix', () => {
    const withCheck = (first17: string) => first17 + cnIdCheckCharacter(first17);
    expect(isValidCnId18(withCheck('11010519900307123'))).toBe(true);
    expect(isValidCnId18(withCheck('11010519900230123'))).toBe(false); // 30 February
    expect(isValidCnId18(withCheck('11010520001301123'))).toBe(false); // month 13
    expect(isValidCnId18(withCheck('99010519900307123'))).toBe(false); // province 99
    expect(isValidCnId18(withCheck('11010518500307123'))).toBe(false); // before 1900
  });

  it('validates 15-digit legacy IDs by province and 19YYMMDD date', () => {
    expect(isValidCnId15('110105491231002')).toBe(true);
    expect(isValidCnId15('110105491331002')).toBe(false);
    expect(isValidCnId15('202611290012345')).toBe(false); // order number: province 20 does not exist
  });

  it('isCalendarDate handles leap years', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
    expect(isCalendarDate(2026, 4, 31)).toBe(false);
  });
});

describe('ibanValid (ISO 13616 MOD 97-10)', () => {
  it('accepts the registry examples and rejects a transposition or a wrong length', () => {
    expect(ibanValid('GB82WEST12345698765432')).toBe(true); // SWIFT IBAN Registry example
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('FR1420041010050500013M02606')).toBe(true);
    expect(ibanValid('GB82WEST12345698765423')).toBe(false);
    expect(ibanValid('GB82WEST1234569876543')).toBe(false);
    expect(ibanValid('ZZ82WEST12345698765432')).toBe(false);
  });
});
