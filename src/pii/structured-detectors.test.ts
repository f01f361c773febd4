import { describe, expect, it } from 'vitest';
import { cnIdCheckCharacter } from './checksums.js';
import type { PiiSpan } from './pii-types.js';
import {
  detectCards,
  detectCnIds,
  detectEmails,
  detectIbans,
  detectIps,
  isIpv6,
} from './structured-detectors.js';

/** The matched substrings, for readable assertions. */
function values(text: string, spans: readonly PiiSpan[]): string[] {
  return spans.map((span) => text.slice(span.start, span.end));
}

describe('detectEmails', () => {
  it('finds plus-addressed, dotted and subdomain addresses with exact offsets', () => {
    const text = '请联系 alice.smith+promo@mail.example.co.uk 或 bob@example.com。';
    const spans = detectEmails(text);
    expect(spans).toEqual([
      { kind: 'email', start: 4, end: 40, confidence: 0.99 },
      { kind: 'email', start: 43, end: 58, confidence: 0.99 },
    ]);
    expect(values(text, spans)).toEqual(['alice.smith+promo@mail.example.co.uk', 'bob@example.com']);
  });

  it('does not take @mentions, a trailing period, or hosts without a TLD', () => {
    expect(detectEmails('thanks @alice and @bob_shop!')).toEqual([]);
    expect(detectEmails('ping me at admin@localhost')).toEqual([]);
    const text = 'Write to support@example.org.';
    expect(values(text, detectEmails(text))).toEqual(['support@example.org']);
  });
});

describe('detectCards', () => {
  it('finds grouped and ungrouped card numbers of each network', () => {
    const text =
      'Visa 4111 1111 1111 1111, MC 5555-5555-5555-4444, Amex 378282246310005, 银联卡6200000000000005，JCB 3530111333300000';
    expect(values(text, detectCards(text))).toEqual([
      '4111 1111 1111 1111',
      '5555-5555-5555-4444',
      '378282246310005',
      '6200000000000005',
      '3530111333300000',
    ]);
  });

  it('keeps the card when an expiry follows in the same digit run', () => {
    const text = 'card 4111 1111 1111 1111 1228';
    expect(values(text, detectCards(text))).toEqual(['4111 1111 1111 1111']);
  });

  it('rejects Luhn-valid numbers with an unknown prefix and numbers failing Luhn', () => {
    // 79927398713 passes Luhn but is 11 digits; 1234567812345670 passes Luhn but has no known IIN.
    expect(detectCards('ref 1234567812345670 and 79927398713')).toEqual([]);
    expect(detectCards('4111 1111 1111 1112')).toEqual([]);
    expect(detectCards('订单号20261129001，数量12345678，2026-11-29')).toEqual([]);
  });
});

describe('detectCnIds', () => {
  const id = `11010519900307123${cnIdCheckCharacter('11010519900307123')}`;

  it('finds an 18-character ID glued to Chinese text and a legacy 15-digit ID', () => {
    const text = `身份证号${id}，旧证110105491231002。`;
    const spans = detectCnIds(text);
    expect(spans).toEqual([
      { kind: 'cn_id', start: 4, end: 22, confidence: 0.99 },
      { kind: 'cn_id', start: 25, end: 40, confidence: 0.8 },
    ]);
  });

  it('rejects a wrong check character and digit runs that are not IDs', () => {
    const wrong = `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`;
    expect(detectCnIds(`ID ${wrong}`)).toEqual([]);
    expect(detectCnIds('order 202611290012345 and 202611290012345678')).toEqual([]);
  });
});

describe('detectIbans', () => {
  it('finds print and electronic forms', () => {
    const text = 'IBAN: DE89 3704 0044 0532 0130 00, or GB82WEST12345698765432.';
    expect(values(text, detectIbans(text))).toEqual([
      'DE89 3704 0044 0532 0130 00',
      'GB82WEST12345698765432',
    ]);
  });

  it('rejects a failing checksum', () => {
    expect(detectIbans('DE89 3704 0044 0532 0130 01')).toEqual([]);
    expect(detectIbans('SKU AB12 3456 7890 1234')).toEqual([]);
  });
});

describe('detectIps', () => {
  it('finds IPv4 and IPv6 addresses', () => {
    const text = 'login from 192.168.1.10 and 2001:db8::8a2e:370:7334, loopback ::1, fe80::1';
    expect(values(text, detectIps(text))).toEqual([
      '192.168.1.10',
      '2001:db8::8a2e:370:7334',
      '::1',
      'fe80::1',
    ]);
  });

  it('rejects versions, bad octets, times and C++ scopes', () => {
    expect(
      detectIps('version 10.0.0.1, v1.2.3.4, 版本 2.0.0.1, 300.1.1.1, 1.2.3, 14:30:00, std::vector'),
    ).toEqual([]);
    expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false);
    expect(isIpv6('::ffff:192.0.2.128')).toBe(true);
    expect(isIpv6('1::2::3')).toBe(false);
  });
});
