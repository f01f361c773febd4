import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { type ContentLocale, formatIds, formats, measureLength, slotsIn } from '../channels.js';
import type {
  BrandVoice,
  ContentPiece,
  ContentRequest,
  EmojiPolicy,
  Occasion,
  ProductFacts,
} from '../types.js';
import { textSimilarity } from '../variants.js';
import { factNames } from './facts.js';
import { Expander, referencedFacts } from './grammar.js';
import { grammars } from './grammars.js';
import { defaultBrandVoice, templateVersion, writeFromTemplate } from './index.js';

const occasions: Occasion[] = [
  'launch',
  'promotion',
  'birthday',
  'anniversary',
  'win_back',
  'care',
  'restock',
  'festival',
];
const tones: BrandVoice['tone'][] = ['friendly', 'premium', 'playful', 'professional'];
const locales: ContentLocale[] = ['en', 'zh'];

// Advertising-law absolute terms (《广告法》第九条) and unsubstantiated superlatives, plus medical / financial claims.
const bannedZh = [
  '最',
  '第一',
  '唯一',
  '顶级',
  '国家级',
  '极品',
  '绝对',
  '万能',
  '首选',
  '全网',
  '独家',
  '完美',
  '极致',
  '100%',
  '治疗',
  '疗效',
  '药',
  '投资',
  '收益',
  '保本',
  '秒杀',
  '冠军',
];
const bannedEn = [
  /\bbest\b/i,
  /#1\b/,
  /number one/i,
  /cheapest/i,
  /guarantee/i,
  /unbeatable/i,
  /\bthe only\b/i,
  /world's leading/i,
  /\bperfect\b/i,
  /\bultimate\b/i,
  /\bcures?\b/i,
  /\bmiracle/i,
  /risk-free/i,
  /\bfree\b/i,
  /\bever\b/i,
  /\binvest/i,
];
const emojiPattern = /\p{Extended_Pictographic}/gu;

function brandFor(tone: BrandVoice['tone'], emojiPolicy: EmojiPolicy): BrandVoice {
  return {
    name: { en: 'Northwind', zh: '北风' },
    tone,
    vocabulary: { en: ['everyday comfort', 'honest craft'], zh: ['日常舒适', '踏实做工'] },
    bannedWords: { en: [], zh: [] },
    requiredDisclaimers: [],
    emojiPolicy,
  };
}

const products: Record<ContentLocale, ProductFacts> = {
  en: {
    name: 'Merino Crew Sweater',
    category: 'knitwear',
    price: 129,
    currency: 'USD',
    attributes: { material: 'merino wool', origin: 'New Zealand', fit: 'relaxed' },
  },
  zh: {
    name: '美利奴圆领毛衣',
    category: '针织衫',
    price: 599,
    currency: 'CNY',
    attributes: { 材质: '美利奴羊毛', 产地: '内蒙古', 版型: '宽松' },
  },
};
const bareProducts: Record<ContentLocale, ProductFacts> = {
  en: { name: 'Field Notebook', category: 'stationery', attributes: {} },
  zh: { name: '手账本', category: '文具', attributes: {} },
};

function requestFor(
  format: (typeof formatIds)[number],
  locale: ContentLocale,
  occasion: Occasion,
  seed: number,
): ContentRequest {
  return {
    kind: formats[format].kind,
    format,
    locale,
    product: seed % 2 === 0 ? products[locale] : bareProducts[locale],
    audience: {
      personaLabel: locale === 'en' ? 'busy commuters' : '通勤白领',
      interests: locale === 'en' ? ['hiking'] : ['徒步'],
    },
    occasion,
    offer: seed % 2 === 0 ? { discountPercent: 15, couponSlot: true, expires: '2026-10-08' } : undefined,
    festival: locale === 'zh' ? '中秋' : 'Christmas',
    variants: 3,
    seed,
  };
}

/** Every property a piece must have, whatever it says. */
function checkPiece(piece: ContentPiece, request: ContentRequest, brand: BrandVoice): void {
  const spec = formats[request.format];
  const where = `${request.format}/${request.locale}/${request.occasion}/${brand.tone}/${request.seed}`;
  expect(Object.keys(piece.fields), where).toEqual(spec.fields.map((field) => field.name));
  for (const field of spec.fields) {
    const text = piece.fields[field.name] as string;
    const length = measureLength(text, field.measure);
    expect(length, `${where} ${field.name} too long: ${text}`).toBeLessThanOrEqual(field.max[request.locale]);
    expect(length, `${where} ${field.name} too short: ${text}`).toBeGreaterThanOrEqual(field.min ?? 1);
    expect(text, `${where} unexpanded reference`).not.toMatch(/(?<!\{)\{[a-z_]+\??\}(?!\})/);
    const emojiCount = text.match(emojiPattern)?.length ?? 0;
    const emojiMax = { none: 0, sparing: 1, free: 3 }[brand.emojiPolicy];
    expect(emojiCount, `${where} emoji in ${text}`).toBeLessThanOrEqual(emojiMax);
    if (request.format === 'search_ad' || (request.format === 'sms' && request.locale === 'en'))
      expect(emojiCount, where).toBe(0);
    for (const slot of slotsIn(text))
      expect(['first_name', 'coupon_code', 'unsubscribe_url'], where).toContain(slot);
    if (!spec.requiresOptOut) expect(text, where).not.toContain('{{first_name}}');
    if (request.locale === 'zh') {
      expect(text, `${where} banned term in ${text}`).not.toMatch(new RegExp(bannedZh.join('|')));
      expect(text, `${where} space between Chinese characters`).not.toMatch(
        /[\u4e00-\u9fff][ \t]+[\u4e00-\u9fff]/,
      );
      expect(text, `${where} ASCII punctuation after Chinese`).not.toMatch(/[\u4e00-\u9fff][,.!?;:]/);
    } else {
      for (const pattern of bannedEn) expect(text, `${where} banned term in ${text}`).not.toMatch(pattern);
      expect(text, `${where} spacing`).not.toMatch(/ {2}| [,.!?;:]/);
    }
  }
  const last = piece.fields[spec.fields.at(-1)?.name as string] as string;
  if (request.format === 'sms' && request.locale === 'zh') expect(last.endsWith('回T退订'), where).toBe(true);
  if (request.format === 'sms' && request.locale === 'en')
    expect(last.endsWith('Reply STOP to opt out'), where).toBe(true);
  if (request.format === 'sms' && request.locale === 'zh')
    expect(last.startsWith(`【${brand.name.zh}】`), where).toBe(true);
  if (request.format === 'email' && request.locale === 'zh')
    expect(last.endsWith('如不想再收到此类邮件，请点击{{unsubscribe_url}}退订'), where).toBe(true);
  if (request.format === 'email' && request.locale === 'en')
    expect(last.endsWith('Unsubscribe: {{unsubscribe_url}}'), where).toBe(true);
  expect(piece.engine).toBe('template');
  expect(piece.source).toBe(`template:${request.format}.${request.occasion}@${templateVersion}`);
}

describe('writeFromTemplate over the full grid', () => {
  for (const format of formatIds) {
    it(`${format}: every locale × occasion × tone × seed is in bounds, compliant and varied`, () => {
      for (const locale of locales)
        for (const occasion of occasions)
          for (const [toneIndex, tone] of tones.entries())
            for (const seed of [1, 2]) {
              const policy: EmojiPolicy = (['none', 'sparing', 'free'] as const)[
                (toneIndex + seed) % 3
              ] as EmojiPolicy;
              const brand = brandFor(tone, policy);
              const request = requestFor(format, locale, occasion, seed);
              const pieces = writeFromTemplate(request, brand);
              expect(pieces.length, `${format}/${locale}/${occasion}/${tone}/${seed}`).toBe(3);
              for (const piece of pieces) checkPiece(piece, request, brand);
              const texts = pieces.map((piece) => Object.values(piece.fields).join('\n\n'));
              for (let i = 0; i < texts.length; i++)
                for (let j = i + 1; j < texts.length; j++)
                  expect(textSimilarity(texts[i] as string, texts[j] as string)).toBeLessThan(0.8);
            }
    });
  }
});

describe('grammars', () => {
  it('refer only to facts the builder provides, and have a root rule for every format field', () => {
    for (const locale of locales) {
      for (const fact of referencedFacts(grammars[locale]))
        expect(factNames, `${locale} {${fact}}`).toContain(fact);
      for (const format of formatIds)
        for (const field of formats[format].fields)
          expect(grammars[locale], `${locale} ${format}_${field.name}`).toHaveProperty(
            `${format}_${field.name}`,
          );
    }
  });

  it('can fill every field from the brand name alone (and the name slot / product where required), for every occasion and tone', () => {
    const unfillable: string[] = [];
    for (const locale of locales)
      for (const occasion of occasions)
        for (const tone of tones)
          for (const format of formatIds) {
            const expander = new Expander({
              grammar: grammars[locale],
              // The name slot is set exactly for formats sent to one person.
              facts: {
                brand: locale === 'en' ? 'Northwind' : '北风',
                name: formats[format].requiresOptOut ? '{{first_name}}' : undefined,
                // A product description always has a product (writeFromTemplate insists).
                product: format === 'product_description' ? 'Notebook' : undefined,
                category: format === 'product_description' ? 'stationery' : undefined,
              },
              qualifiers: [`${occasion}.${tone}`, occasion, tone],
            });
            for (const field of formats[format].fields)
              if (!expander.canFill(`${format}_${field.name}`))
                unfillable.push(`${locale}/${occasion}/${tone} ${format}_${field.name}`);
          }
    expect(unfillable).toEqual([]);
  });
});

describe('writeFromTemplate behaviour', () => {
  const brand = brandFor('friendly', 'sparing');

  it('is deterministic per seed and varies across seeds', () => {
    for (const locale of locales) {
      const request = requestFor('email', locale, 'promotion', 2);
      expect(writeFromTemplate(request, brand)).toEqual(writeFromTemplate(request, brand));
      expect(writeFromTemplate({ ...request, seed: 3 }, brand)).not.toEqual(
        writeFromTemplate(request, brand),
      );
    }
  });

  it('words each tone differently', () => {
    for (const locale of locales)
      for (const format of ['feed_ad', 'email', 'social_post'] as const) {
        const texts = tones.map((tone) =>
          writeFromTemplate(
            { ...requestFor(format, locale, 'launch', 2), variants: 4 },
            brandFor(tone, 'none'),
          )
            .map((piece) => Object.values(piece.fields).join('\n'))
            .join('\n'),
        );
        expect(new Set(texts).size, `${locale} ${format}`).toBe(tones.length);
      }
  });

  it('works with a bare product (no attributes, no price), with no product for ads, and with the default voice', () => {
    for (const locale of locales) {
      for (const format of formatIds) {
        const request = { ...requestFor(format, locale, 'launch', 1), product: bareProducts[locale] };
        for (const piece of writeFromTemplate(request, brand)) checkPiece(piece, request, brand);
        if (format === 'product_description') continue;
        const noProduct = { ...request, product: undefined, occasion: 'restock' as const };
        for (const piece of writeFromTemplate(noProduct, defaultBrandVoice))
          checkPiece(piece, noProduct, defaultBrandVoice);
      }
    }
  });

  it('throws InputError naming what is wrong', () => {
    const description = requestFor('product_description', 'zh', 'launch', 1);
    const error = (() => {
      try {
        writeFromTemplate({ ...description, product: undefined }, brand);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('missing_product');
    expect((error as InputError).message).toContain('product');
    expect(() => writeFromTemplate({ ...description, kind: 'ad' }, brand)).toThrow(
      /writes description content/,
    );
    expect(() => writeFromTemplate({ ...description, variants: 0 }, brand)).toThrow(InputError);
    expect(() => writeFromTemplate({ ...description, variants: 2.5 }, brand)).toThrow(InputError);
  });

  it('appends required disclaimers within the limits, and refuses one that cannot fit', () => {
    const withDisclaimer: BrandVoice = {
      ...brand,
      requiredDisclaimers: [{ kinds: ['ad', 'email'], text: { en: 'Terms apply.', zh: '详见活动规则。' } }],
    };
    for (const locale of locales)
      for (const format of ['search_ad', 'sms', 'email', 'social_post'] as const) {
        const request = requestFor(format, locale, 'promotion', 2);
        for (const piece of writeFromTemplate(request, withDisclaimer)) {
          checkPiece(piece, request, withDisclaimer);
          const last = Object.values(piece.fields).at(-1) as string;
          const disclaimer = locale === 'en' ? 'Terms apply.' : '详见活动规则。';
          expect(last.includes(disclaimer)).toBe(format !== 'social_post');
        }
      }
    const tooLong: BrandVoice = {
      ...brand,
      requiredDisclaimers: [{ kinds: ['ad'], text: { en: 'x'.repeat(95), zh: '字'.repeat(50) } }],
    };
    expect(() => writeFromTemplate(requestFor('search_ad', 'en', 'launch', 1), tooLong)).toThrow(
      /cannot fit/,
    );
  });

  it("avoids the brand's banned words when the grammar has other wording", () => {
    const strict: BrandVoice = {
      ...brand,
      bannedWords: { en: ['shop now', 'sale'], zh: ['欢迎选购', '快来看看'] },
    };
    for (const locale of locales) {
      const request = { ...requestFor('feed_ad', locale, 'promotion', 2), variants: 6 };
      const text = writeFromTemplate(request, strict)
        .map((piece) => Object.values(piece.fields).join(' '))
        .join(' ')
        .toLowerCase();
      for (const word of strict.bannedWords[locale]) expect(text).not.toContain(word);
    }
  });

  it('keeps fields in bounds for a very long product name', () => {
    const longName = {
      en: 'Extra Soft Organic Cotton Hooded Travel Blanket With Pocket',
      zh: '加厚有机棉连帽旅行毛毯带收纳口袋冬季保暖款',
    };
    for (const locale of locales)
      for (const format of formatIds) {
        const request = {
          ...requestFor(format, locale, 'restock', 2),
          product: { ...products[locale], name: longName[locale] },
        };
        for (const piece of writeFromTemplate(request, brand)) checkPiece(piece, request, brand);
      }
  });

  it('handles shopping festivals, unknown festivals and a missing festival name', () => {
    for (const [locale, festival] of [
      ['zh', '双十一'],
      ['en', 'Hanami'],
      ['zh', undefined],
    ] as const) {
      const request = { ...requestFor('feed_ad', locale, 'festival', 2), festival };
      const pieces = writeFromTemplate(request, brand);
      expect(pieces).toHaveLength(3);
      for (const piece of pieces) checkPiece(piece, request, brand);
      const text = pieces.map((piece) => Object.values(piece.fields).join(' ')).join(' ');
      expect(text).not.toContain('双十一快乐');
    }
  });

  it('returns many distinct variants when asked', () => {
    for (const locale of locales) {
      const pieces = writeFromTemplate({ ...requestFor('email', locale, 'birthday', 2), variants: 8 }, brand);
      expect(pieces).toHaveLength(8);
    }
  });

  it('prints examples for the reviewer', () => {
    const examples = [
      { ...requestFor('email', 'zh', 'birthday', 2), variants: 1 },
      { ...requestFor('sms', 'zh', 'festival', 2), variants: 2 },
      { ...requestFor('feed_ad', 'en', 'launch', 2), variants: 2 },
      { ...requestFor('product_description', 'en', 'restock', 2), variants: 1 },
    ];
    for (const request of examples) {
      const pieces = writeFromTemplate(request, brandFor('premium', 'sparing'));
      console.log(
        `--- ${pieces[0]?.source} (${request.locale})\n${pieces.map((p) => JSON.stringify(p.fields, null, 2)).join('\n')}`,
      );
      expect(pieces).toHaveLength(request.variants);
    }
  });
});

describe('writeFromTemplate with minimal facts', () => {
  it('stays in bounds with only a brand name: no product, audience, offer or brand vocabulary', () => {
    for (const locale of locales)
      for (const format of formatIds) {
        if (format === 'product_description') continue;
        for (const occasion of occasions)
          for (const tone of tones) {
            const brand: BrandVoice = { ...defaultBrandVoice, name: { en: 'Northwind', zh: '北风' }, tone };
            const request: ContentRequest = {
              kind: formats[format].kind,
              format,
              locale,
              occasion,
              variants: 2,
              seed: 5,
            };
            const pieces = writeFromTemplate(request, brand);
            expect(pieces.length).toBeGreaterThanOrEqual(1);
            for (const piece of pieces) checkPiece(piece, request, brand);
          }
      }
  });
});
