import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.js';

describe('detectLanguage', () => {
  it.each([
    ['质量很好，物流也快，下次还会再买。', 'zh'],
    ['這個產品很好，物流也很快', 'zh'],
    ['The battery life is great but the screen is too dim.', 'en'],
    ['Great product, fast shipping', 'en'],
    ['这个iPhone很好用，就是有点贵', 'zh'],
    ['I bought it at 天猫 and the delivery was quick', 'en'],
    ['この製品はとても良いです', 'other'],
    ['El producto es muy bueno y llegó rápido a mi casa', 'other'],
    ['Das Produkt ist sehr gut und kam schnell an', 'other'],
    ['Очень хороший товар, рекомендую', 'other'],
    ['배송이 빠르고 좋아요', 'other'],
    ['😀😀👍🏽', 'unknown'],
    ['12345 678.9', 'unknown'],
    ['!!! ... ？？', 'unknown'],
    ['', 'unknown'],
    ['   \n ', 'unknown'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it('weights Han ×2 per character in mixed text', () => {
    // 4 Han chars (score 8) vs 7 Latin letters: Chinese wins; 3 Han (6) vs 7 letters: English wins.
    expect(detectLanguage('Larkspur 质量很好').lang).toBe('zh');
    expect(detectLanguage('Larkspur 很好用').lang).toBe('en');
  });

  it('reports confidence in [0, 1], lower for mixed and telegraphic text', () => {
    const pure = detectLanguage('质量很好');
    const mixed = detectLanguage('这个iPhone很好用');
    const short = detectLanguage('Great product');
    const english = detectLanguage('It is a great product and I love it');
    expect(pure.confidence).toBe(1);
    expect(mixed.confidence).toBeGreaterThan(0.5);
    expect(mixed.confidence).toBeLessThan(1);
    expect(short.confidence).toBeLessThan(english.confidence);
    expect(detectLanguage('🙂').confidence).toBe(0);
  });

  it('does not call a long Latin text without English function words English', () => {
    expect(
      detectLanguage('Produkt gekauft schnelle Lieferung Qualität super Preis Leistung top empfehlenswert')
        .lang,
    ).toBe('other');
  });
});
