import { describe, expect, it } from 'vitest';
import { limitEmoji, tidyChinese, tidyEnglish } from './tidy.js';

describe('tidy', () => {
  it('fixes the English spacing and punctuation left by dropped parts', () => {
    expect(tidyEnglish('Hello there!  New in store . Code: {{coupon_code}}')).toBe(
      'Hello there! New in store. Code: {{coupon_code}}',
    );
    expect(tidyEnglish('Enjoy 15% off , .\n\n\n\nShop now.')).toBe('Enjoy 15% off.\n\nShop now.');
  });

  it('removes spaces between Chinese characters and doubled full-width punctuation', () => {
    expect(tidyChinese('全新 美利奴 毛衣 ，现已上市。。')).toBe('全新美利奴毛衣，现已上市。');
    expect(tidyChinese('，北风 Acme 新品')).toBe('北风 Acme 新品');
    expect(tidyChinese('生日快乐！。')).toBe('生日快乐！');
  });

  it('keeps at most `limit` template emoji per text', () => {
    expect(limitEmoji('🎉 New 🎁 in 🎂', 1)).toBe('🎉 New in');
    expect(limitEmoji('🎉 New', 0)).toBe(' New');
    expect(limitEmoji('Acme™ 🎉', 3)).toBe('Acme™ 🎉');
  });
});
