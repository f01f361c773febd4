import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random.js';
import { buildFacts, formatDate, formatDiscount, formatPrice } from './facts.js';
import { attributeBenefit, festivalFacts } from './lexicon.js';
import { defaultBrandVoice } from './write-from-template.js';

describe('template facts', () => {
  it('formats prices per locale and omits them without a currency', () => {
    expect(formatPrice(129, 'USD', 'en')).toBe('$129');
    expect(formatPrice(129.5, 'usd', 'en')).toBe('$129.50');
    expect(formatPrice(599, 'CNY', 'zh')).toBe('¥599');
    expect(formatPrice(599, undefined, 'zh')).toBeUndefined();
    expect(formatPrice(undefined, 'USD', 'en')).toBeUndefined();
  });

  it('phrases discounts as "N% off" and as 折 in Chinese', () => {
    expect(formatDiscount(15, 'en')).toBe('15% off');
    expect(formatDiscount(15, 'zh')).toBe('85折');
    expect(formatDiscount(20, 'zh')).toBe('8折');
    expect(formatDiscount(12, 'zh')).toBe('88折');
    expect(formatDiscount(12.5, 'zh')).toBe('立减12.5%');
    expect(formatDiscount(95, 'zh')).toBe('立减95%');
    expect(formatDiscount(0, 'en')).toBeUndefined();
    expect(formatDiscount(100, 'zh')).toBeUndefined();
  });

  it('formats ISO dates and rejects others', () => {
    expect(formatDate('2026-10-08', 'en')).toBe('Oct 8');
    expect(formatDate('2026-10-08T23:59:00Z', 'zh')).toBe('10月8日');
    expect(formatDate('next week', 'en')).toBeUndefined();
    expect(formatDate('2026-13-01', 'en')).toBeUndefined();
  });

  it('phrases attributes as benefits and names festivals per locale', () => {
    expect(attributeBenefit('Material', 'merino wool', 'en')).toBe('made from merino wool');
    expect(attributeBenefit('产地', '内蒙古', 'zh')).toBe('产自内蒙古');
    expect(attributeBenefit('fit', 'slim', 'en')).toBe('with slim fit');
    expect(attributeBenefit('版型', '修身', 'zh')).toBe('版型修身');
    expect(festivalFacts('中秋', 'en')).toEqual({
      name: 'Mid-Autumn Festival',
      wish: 'Happy Mid-Autumn Festival',
    });
    expect(festivalFacts('Christmas', 'zh')).toEqual({ name: '圣诞', wish: '圣诞快乐' });
    expect(festivalFacts('双十一', 'zh')).toEqual({ name: '双十一', wish: undefined });
    expect(festivalFacts('Hanami', 'en')).toEqual({ name: 'Hanami', wish: undefined });
  });

  it('sets no emoji when they are not allowed, and a coupon slot only when asked', () => {
    const request = {
      kind: 'ad' as const,
      format: 'feed_ad' as const,
      locale: 'en' as const,
      variants: 1,
      seed: 1,
      offer: { discountPercent: 10 },
    };
    const facts = buildFacts(request, defaultBrandVoice, createRng(1), { allowEmoji: false });
    expect(facts.emoji).toBeUndefined();
    expect(facts.coupon).toBeUndefined();
    expect(facts.offer).toBe('10% off');
    expect(facts.product).toBeUndefined();
    const withCoupon = buildFacts(
      { ...request, offer: { couponSlot: true } },
      defaultBrandVoice,
      createRng(1),
      {
        allowEmoji: true,
      },
    );
    expect(withCoupon.coupon).toBe('{{coupon_code}}');
    expect(withCoupon.emoji).toBeDefined();
  });
});
