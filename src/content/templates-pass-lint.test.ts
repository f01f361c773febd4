import { describe, expect, it } from 'vitest';
import { detectPii } from '../pii/index.js';
import type { ContentLocale, FormatId } from './channels.js';
import { formatIds, formats } from './channels.js';
import { lintPiece } from './compliance/index.js';
import { occasionIds } from './occasions.js';
import { defaultBrandVoice, writeFromTemplate } from './templates/index.js';
import type { BrandVoice } from './types.js';

/**
 * "Template outputs are fixed by construction": every piece the template engine writes, for every
 * format, language, occasion and tone, passes the compliance lint (with the real PII detector and a
 * brand that has banned words, a required disclaimer and a sparing emoji policy).
 */

const occasions = occasionIds;
const tones: BrandVoice['tone'][] = ['friendly', 'premium', 'playful', 'professional'];

const brand = (tone: BrandVoice['tone']): BrandVoice => ({
  ...defaultBrandVoice,
  name: { en: 'Larkspur', zh: '云雀' },
  tone,
  vocabulary: { en: ['thoughtfully made'], zh: ['用心'] },
  bannedWords: { en: ['cheap'], zh: ['便宜货'] },
  requiredDisclaimers: [{ kinds: ['email'], text: { en: 'Terms apply.', zh: '活动规则详见页面。' } }],
  emojiPolicy: 'sparing',
});

const product = {
  id: 'p1',
  name: 'Merino travel scarf',
  category: 'accessories',
  brand: 'Larkspur',
  price: 399,
  currency: 'CNY',
  attributes: { material: 'merino wool', 产地: '内蒙古' },
};

describe('template output passes the compliance lint and never repeats a sentence', () => {
  for (const format of formatIds as FormatId[])
    it(`${format}: every locale × occasion × tone passes`, () => {
      const failures: string[] = [];
      let pieces = 0;
      for (const locale of ['en', 'zh'] as ContentLocale[])
        for (const occasion of occasions)
          for (const tone of tones) {
            const written = writeFromTemplate(
              {
                kind: formats[format].kind,
                format,
                locale,
                product,
                audience: {
                  segment: 'at_risk',
                  personaLabel: locale === 'zh' ? '流失风险大客户' : 'At-risk big spenders',
                  interests: ['accessories'],
                },
                occasion,
                ...(occasion === 'festival' ? { festival: locale === 'zh' ? '中秋' : 'Christmas' } : {}),
                offer: { discountPercent: 15, couponSlot: true, expires: '2026-12-31' },
                variants: 2,
                seed: 11,
              },
              brand(tone),
            );
            for (const piece of written) {
              pieces += 1;
              const result = lintPiece(piece, { brand: brand(tone), detectPii: (t) => detectPii(t) });
              const errors = result.findings.filter((f) => f.severity === 'error');
              for (const [field, text] of Object.entries(piece.fields)) {
                const sentences = text
                  .split(/[。！？!?.]/)
                  .map((part) => part.trim())
                  .filter((part) => part.length > 1);
                if (new Set(sentences).size < sentences.length)
                  failures.push(`${locale}/${occasion}/${tone}: ${field} repeats a sentence: ${text}`);
              }
              if (errors.length)
                failures.push(
                  `${locale}/${occasion}/${tone}: ${errors.map((f) => `${f.rule}(${f.match ?? ''})`).join(', ')}`,
                );
            }
          }
      expect(pieces).toBeGreaterThan(100);
      expect(failures).toEqual([]);
    });
});

describe('template output says an offer once', () => {
  it('never repeats the discount in a short field (seen: 现享85折。现享85折。)', () => {
    const repeated: string[] = [];
    for (const format of ['weibo_post', 'sms', 'search_ad', 'feed_ad'] as FormatId[])
      for (let seed = 0; seed < 40; seed++)
        for (const piece of writeFromTemplate(
          {
            kind: formats[format].kind,
            format,
            locale: 'zh',
            product: { ...product, attributes: {} },
            occasion: 'promotion',
            offer: { discountPercent: 15, couponSlot: true },
            variants: 2,
            seed,
          },
          brand('friendly'),
        ))
          for (const text of Object.values(piece.fields))
            if (text.split('85折').length > 2) repeated.push(text);
    expect(repeated).toEqual([]);
  });
});
