import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { cnIdCheckCharacter } from './checksums.js';
import { detectPii, resolveOverlaps } from './detect-pii.js';
import type { PiiKind, PiiSpan } from './pii-types.js';

/** A checksum-valid but fake resident ID (born 1990-03-07, sequence 123). */
const FAKE_ID = `11010519900307123${cnIdCheckCharacter('11010519900307123')}`;

/** The span a planted value must produce: offsets computed from where it was planted. */
function planted(text: string, kind: PiiKind, value: string): { kind: PiiKind; start: number; end: number } {
  const start = text.indexOf(value);
  if (start < 0) throw new Error(`fixture does not contain ${value}`);
  return { kind, start, end: start + value.length };
}

/** Spans without confidence, for exact comparisons of kind and offsets. */
function withoutConfidence(spans: readonly PiiSpan[]) {
  return spans.map(({ kind, start, end }) => ({ kind, start, end }));
}

describe('detectPii on realistic text', () => {
  it('finds every planted value in a Chinese customer-service message with exact kind and offsets', () => {
    const text = `您好，我是王小明，手机13800138000，邮箱wang.xm@example.com，身份证${FAKE_ID}，银行卡6200 0000 0000 0005，地址：北京市朝阳区建国路88号SOHO现代城5号楼1201室。订单号20261129001，实付¥1299，下单时间2026-11-29。`;
    expect(withoutConfidence(detectPii(text))).toEqual([
      planted(text, 'name', '王小明'),
      planted(text, 'phone', '13800138000'),
      planted(text, 'email', 'wang.xm@example.com'),
      planted(text, 'cn_id', FAKE_ID),
      planted(text, 'card', '6200 0000 0000 0005'),
      planted(text, 'address', '北京市朝阳区建国路88号SOHO现代城5号楼1201室'),
    ]);
    // Literal offsets for the first two, so the helper itself is checked.
    expect(withoutConfidence(detectPii(text)).slice(0, 2)).toEqual([
      { kind: 'name', start: 5, end: 8 },
      { kind: 'phone', start: 11, end: 22 },
    ]);
  });

  it('finds every planted value in an English support e-mail', () => {
    const text =
      'Hi, my name is Jane Doe. Call me at (201) 555-0123 or write to jane+shop@mail.example.com. ' +
      'Refund to card 4111-1111-1111-1111 or IBAN GB82 WEST 1234 5698 7654 32. Ship to 742 Evergreen Terrace, Apt 4B. ' +
      'I logged in from 203.0.113.7. Order 20261129001 placed 2026-11-29 for $1,299.00, 12345678 units, app v2.3.1.';
    expect(withoutConfidence(detectPii(text))).toEqual([
      planted(text, 'name', 'Jane Doe'),
      planted(text, 'phone', '(201) 555-0123'),
      planted(text, 'email', 'jane+shop@mail.example.com'),
      planted(text, 'card', '4111-1111-1111-1111'),
      planted(text, 'iban', 'GB82 WEST 1234 5698 7654 32'),
      planted(text, 'address', '742 Evergreen Terrace, Apt 4B'),
      planted(text, 'ip', '203.0.113.7'),
    ]);
  });

  it('returns nothing for commerce text full of numbers', () => {
    const negatives = [
      '订单号20261129001已于2026-11-29发货，实付¥1299，共12345678件，版本v3.2.1。',
      'Order 20261129001 shipped on 2026-11-29. Total $1,299.00 for 12345678 units. App version 10.4.2, SKU AB-1234-5678.',
      'Q3 revenue grew 12.5% to ¥13,800,138 in 2026; CTR 3.45%, CPC ¥1.20, ROI 2.7x.',
      '第2026112900批次于2026年11月29日入库，单价99.90元，库存12345678。',
    ];
    for (const text of negatives) expect(detectPii(text), text).toEqual([]);
  });

  it('restricts detection to the requested kinds and rejects unknown kinds', () => {
    const text = 'Mail a@example.com or call 13800138000';
    expect(detectPii(text, { kinds: ['email'] }).map((span) => span.kind)).toEqual(['email']);
    expect(detectPii(text, { kinds: [] })).toEqual([]);
    expect(() => detectPii(text, { kinds: ['ssn' as PiiKind] })).toThrow(InputError);
  });

  it('prefers the ID over a phone-like run inside it and the email over a mobile in its local part', () => {
    const text = '邮箱13800138000@example.com';
    expect(withoutConfidence(detectPii(text))).toEqual([planted(text, 'email', '13800138000@example.com')]);
  });
});

describe('resolveOverlaps', () => {
  it('keeps the longer span, then the more confident one, and sorts by start', () => {
    const spans: PiiSpan[] = [
      { kind: 'phone', start: 10, end: 21, confidence: 0.9 },
      { kind: 'card', start: 8, end: 27, confidence: 0.97 },
      { kind: 'email', start: 0, end: 5, confidence: 0.99 },
      { kind: 'name', start: 0, end: 5, confidence: 0.7 },
    ];
    expect(resolveOverlaps(spans)).toEqual([
      { kind: 'email', start: 0, end: 5, confidence: 0.99 },
      { kind: 'card', start: 8, end: 27, confidence: 0.97 },
    ]);
  });

  it('keeps the uncovered part of a partly overlapping span so nothing is left half in the clear', () => {
    const spans: PiiSpan[] = [
      { kind: 'address', start: 0, end: 20, confidence: 0.7 },
      { kind: 'name', start: 15, end: 30, confidence: 0.8 },
    ];
    expect(resolveOverlaps(spans)).toEqual([
      { kind: 'address', start: 0, end: 20, confidence: 0.7 },
      { kind: 'name', start: 20, end: 30, confidence: 0.8 },
    ]);
  });
});
