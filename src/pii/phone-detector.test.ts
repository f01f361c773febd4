import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import { detectPhones } from './phone-detector.js';

/** Phone values found by the full pipeline (overlaps between the two finders resolved). */
function phones(text: string): string[] {
  return detectPii(text, { kinds: ['phone'] }).map((span) => text.slice(span.start, span.end));
}

describe('phone detection', () => {
  it('finds Chinese mobiles glued to text, with +86 and separators, and landlines', () => {
    const text = '我的手机是13800138000，也可以打+86 138 0013 8000或者010-12345678，座机(0755)86013388。';
    expect(phones(text)).toEqual(['13800138000', '+86 138 0013 8000', '010-12345678', '(0755)86013388']);
    const spans = detectPii(text, { kinds: ['phone'] });
    expect(spans[0]).toMatchObject({ kind: 'phone', start: 5, end: 16 });
  });

  it('finds US numbers in national and international formats', () => {
    const text = 'Call me at (201) 555-0123 or +1 415-555-2671, fax 212.555.0188; toll-free 1-800-555-0199.';
    expect(phones(text)).toEqual(['(201) 555-0123', '+1 415-555-2671', '212.555.0188', '1-800-555-0199']);
  });

  it('separates numbers listed with commas and semicolons (libphonenumber treats them as pauses)', () => {
    expect(phones('415-555-2671, 2015550123; 13800138000,13900139000')).toEqual([
      '415-555-2671',
      '2015550123',
      '13800138000',
      '13900139000',
    ]);
  });

  it('does not flag order numbers, prices, dates, years, quantities, SKUs or versions', () => {
    const negatives = [
      '订单号 20261129001 已发货',
      'Order 20261129001 shipped',
      'order no. 2015550123',
      '订单编号：2026112900',
      'Order 2026112900 shipped on time',
      '价格¥1299，原价￥13800',
      'price $1,299.00 or $13800138000',
      '日期 2026-11-29 14:30:00，2026/11/29',
      'since the year 2026',
      '数量12345678件，qty 12345678 units',
      'SKU AB-1234-5678, SKU 2015550123, 货号 2015550123',
      'version 13.800.138000, v10.2.3, 1.2.3.4',
      'ISBN 978-7-115-54608-1',
      'tracking SF1234567890123',
      '转化率 12.5%，增长 2015550123%',
      '13800138000.55',
    ];
    for (const text of negatives) expect(phones(text), text).toEqual([]);
  });

  it('keeps strongly phone-shaped numbers after a label, and numbers followed by a date or a year', () => {
    expect(phones('订单联系人电话 Order 13800138000')).toEqual(['13800138000']);
    expect(phones('Order (201) 555-0100 2026-11-29')).toEqual(['(201) 555-0100']);
    expect(phones('call (201) 555-0100 2026 or 415 555 2671 12.5%')).toEqual([
      '(201) 555-0100',
      '415 555 2671',
    ]);
  });

  it('returns candidates from both finders for the overlap resolution to merge', () => {
    expect(detectPhones('电话13800138000').length).toBeGreaterThanOrEqual(1);
    expect(detectPhones('电话13800138000').every((span) => span.start === 2 && span.end === 13)).toBe(true);
  });
});
