import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import type { ContentPiece } from '../types.js';
import { lintPiece, lintText, type TextContext } from './index.js';
import { brandWith, fakeDetectPii } from './test-support.js';

const rulesOf = (text: string, context: TextContext, options = {}) =>
  lintText(text, context, options).findings.map((f) => f.rule);

const zh: TextContext = { locale: 'zh' };
const en: TextContext = { locale: 'en' };

describe('term rules fire on positives and stay silent on hard negatives', () => {
  const table: [string, string, TextContext, boolean][] = [
    ['absolute_term', '全网最低价，销量第一', zh, true],
    ['absolute_term', '最近上新，第一次下单立减，第一批到货，最后一天', zh, false],
    ['absolute_term', '最高可减50元，每人最多限购2件，最好提前预约，最佳赏味期7天', zh, false],
    ['absolute_term', '我们会在第一时间发货，100%纯棉', zh, false],
    ['superlative_claim', 'The best coffee, #1 in town', en, true],
    ['superlative_claim', 'Best regards. All the best. Bring your best friend. Order #1234.', en, false],
    ['medical_claim', '草本配方，治疗失眠', zh, true],
    ['medical_claim', '治愈系插画，补水保湿，换季降价', zh, false],
    ['medical_claim', 'Our cream cures acne. Clinically proven.', en, true],
    ['medical_claim', 'Treat yourself! Dog treats made with chicken.', en, false],
    ['financial_claim', '保本保息，投资零风险', zh, true],
    ['financial_claim', '七天无理由退货，购物零风险；保本价清仓', zh, false],
    ['financial_claim', 'Guaranteed returns, risk-free investing', en, true],
    ['financial_claim', 'Try it risk-free. Free returns on all orders.', en, false],
  ];
  it.each(table)('%s on %j', (rule, text, context, fires) => {
    expect(rulesOf(text, context).includes(rule)).toBe(fires);
  });

  it('gives a compliant suggestion and a bilingual reason', () => {
    const [zhFinding] = lintText('效果最好的面霜', zh).findings;
    expect(zhFinding).toMatchObject({
      rule: 'absolute_term',
      match: '最好',
      suggestion: '出色',
      start: 2,
      end: 4,
    });
    expect(zhFinding?.reason.zh).toContain('广告法');
    expect(zhFinding?.reason.en).toContain('absolute');
    const [enFinding] = lintText('Our best jacket', en).findings;
    expect(enFinding).toMatchObject({ rule: 'superlative_claim', severity: 'warning', suggestion: 'great' });
  });

  it('makes guaranteed results an error but substantiable superlatives a warning', () => {
    const findings = lintText('Guaranteed results. The cheapest flights.', en).findings;
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning']);
    expect(lintText('The cheapest flights', en).passed).toBe(true);
  });
});

describe('missing_opt_out', () => {
  it('requires 退订 / Reply STOP in SMS and accepts the unsubscribe slot in email', () => {
    expect(rulesOf('【茶语】中秋礼盒八折，到店再享好礼。', { locale: 'zh', format: 'sms' })).toEqual([
      'missing_opt_out',
    ]);
    expect(rulesOf('【茶语】中秋礼盒八折，到店再享好礼。回T退订', { locale: 'zh', format: 'sms' })).toEqual(
      [],
    );
    expect(rulesOf('Sale today only. Stop by our store!', { locale: 'en', format: 'sms' })).toEqual([
      'missing_opt_out',
    ]);
    expect(rulesOf('Sale today only. Reply STOP to opt out', { locale: 'en', format: 'sms' })).toEqual([]);
    const body = 'Hi {{first_name}}, our autumn teas are here with 15% off for members this week only.';
    expect(rulesOf(body, { locale: 'en', format: 'email', field: 'body' })).toEqual(['missing_opt_out']);
    expect(
      rulesOf(`${body}\n\n{{unsubscribe_url}}`, { locale: 'en', format: 'email', field: 'body' }),
    ).toEqual([]);
  });

  it('is not checked on an email subject or a format without the requirement', () => {
    expect(rulesOf('Autumn teas are here', { locale: 'en', format: 'email', field: 'subject' })).toEqual([]);
    expect(rulesOf('秋茶上新，欢迎品鉴，详情见官网', { locale: 'zh', format: 'weibo_post' })).toEqual([]);
  });
});

describe('pii', () => {
  it('reports the kind, never the value, and ignores slots', () => {
    const result = lintText('联系 13800138000 或 test@example.com，{{first_name}}', zh, {
      detectPii: fakeDetectPii,
    });
    expect(result.findings.map((f) => f.match)).toEqual(['phone', 'email']);
    expect(JSON.stringify(result.findings)).not.toContain('13800138000');
    expect(
      lintText('Hi {{first_name}}', en, { detectPii: () => [{ kind: 'name', start: 3, end: 17 }] }).findings,
    ).toEqual([]);
  });

  it('is skipped without a detector', () => {
    expect(rulesOf('Email jane@example.com', en)).toEqual([]);
  });
});

describe('length', () => {
  it('uses the field spec and measureLength (wide characters count 2 in search ads)', () => {
    const context: TextContext = { locale: 'zh', format: 'search_ad', field: 'headline' };
    expect(rulesOf('羊毛大衣限时八折', context)).toEqual([]);
    const long = lintText('秋冬新款羊毛大衣限时八折优惠抢购中', context).findings[0];
    expect(long).toMatchObject({ rule: 'too_long', severity: 'error', field: 'headline' });
    expect(long?.reason.en).toContain('34');
    expect(rulesOf('Sale', { locale: 'en', format: 'feed_ad', field: 'headline' })).toEqual(['too_short']);
  });

  it('has no length rule without a format', () => {
    expect(rulesOf('x'.repeat(10_000), en)).toEqual([]);
  });
});

describe('brand rules', () => {
  it('bans words case-insensitively on English word boundaries and as substrings in Chinese', () => {
    const brand = brandWith({});
    expect(rulesOf('CHEAP thrills', en, { brand })).toEqual(['banned_word']);
    expect(rulesOf('Cheapskate prices', en, { brand })).toEqual([]);
    expect(rulesOf('廉价好物', zh, { brand })).toEqual(['banned_word']);
  });

  it('applies the emoji policy: none → error on any, sparing → warning above 2', () => {
    const none = lintText('Sale 🎉 Marketmind™ ©', en, { brand: brandWith({ emojiPolicy: 'none' }) });
    expect(none.findings.map((f) => [f.rule, f.severity, f.match])).toEqual([
      ['emoji_policy', 'error', '🎉'],
    ]);
    const sparing = lintText('🎉🎉👨‍👩‍👧🇨🇳', en, { brand: brandWith({ emojiPolicy: 'sparing' }) });
    expect(sparing.findings.map((f) => f.match)).toEqual(['👨‍👩‍👧', '🇨🇳']);
    expect(sparing.passed).toBe(true);
  });

  it('requires the disclaimers of the piece kind', () => {
    const brand = brandWith({
      requiredDisclaimers: [
        { kinds: ['description'], text: { en: 'Images are illustrative.', zh: '图片仅供参考。' } },
      ],
    });
    expect(rulesOf('Soft scarf.', { locale: 'en', kind: 'description' }, { brand })).toEqual([
      'missing_disclaimer',
    ]);
    expect(
      rulesOf('Soft scarf. images are  illustrative', { locale: 'en', kind: 'description' }, { brand }),
    ).toEqual([]);
    expect(rulesOf('Soft scarf.', { locale: 'en', kind: 'ad' }, { brand })).toEqual([]);
  });
});

describe('unknown_slot', () => {
  it('flags unknown and malformed slots and suggests the nearest known one', () => {
    const [finding] = lintText('Hi {{firstName}}', en).findings;
    expect(finding).toMatchObject({
      rule: 'unknown_slot',
      match: '{{firstName}}',
      suggestion: '{{first_name}}',
    });
    expect(rulesOf('Use {{coupon_code}} by {{expiry_date}}', en)).toEqual([]);
  });
});

describe('privacy_placeholder', () => {
  it('flags a redaction placeholder the model echoed into the copy, in zh and en', () => {
    const [finding] = lintText('Questions? Write to [EMAIL_1] any time.', en).findings;
    expect(finding).toMatchObject({
      rule: 'privacy_placeholder',
      severity: 'error',
      match: '[EMAIL_1]',
      start: 20,
      end: 29,
    });
    expect(finding?.reason.zh).toContain('隐私占位符');
    expect(rulesOf('[NAME_2]您好，您的包裹已发出', zh)).toEqual(['privacy_placeholder']);
    expect(rulesOf('Use code [SPRING] or {{coupon_code}}', en)).toEqual([]);
  });
});

describe('lintPiece', () => {
  const piece: ContentPiece = {
    format: 'email',
    kind: 'email',
    locale: 'zh',
    fields: { subject: '最好的礼物', body: '亲爱的{{first_name}}，秋季新品已上市。' },
    engine: 'template',
    source: 'email.test@1',
  };

  it('attributes findings to fields and checks the missing preheader and opt-out', () => {
    const result = lintPiece(piece);
    expect(result.findings.map((f) => [f.rule, f.field])).toEqual([
      ['absolute_term', 'subject'],
      ['too_short', 'preheader'],
      ['too_short', 'body'],
      ['missing_opt_out', 'body'],
    ]);
    expect(result.passed).toBe(false);
  });

  it('throws InputError on an unknown format, locale or field', () => {
    expect(() => lintPiece({ ...piece, format: 'fax' as never })).toThrow(InputError);
    expect(() => lintText('x', { locale: 'fr' as never })).toThrow(InputError);
    expect(() => lintText('x', { locale: 'en', format: 'sms', field: 'subject' })).toThrow(/no field/);
  });
});

describe('lintText does not crash on odd input', () => {
  const brand = brandWith({ emojiPolicy: 'none' });
  it.each([
    ['empty', ''],
    ['emoji only', '🎉🎉🎉👍🏽'],
    ['very long', '最好的茶。The best tea! '.repeat(20_000)],
    ['HTML', '<p class="x">The <b>best</b> 茶 &amp; {{first_name}}</p><script>alert(1)</script>'],
    ['lone surrogate and braces', '\ud83d {{ }} {{{brand}}} }}{{'],
  ])('%s', (_, text) => {
    for (const locale of ['en', 'zh'] as const) {
      const result = lintText(text, { locale, format: 'sms' }, { brand, detectPii: fakeDetectPii });
      expect(Array.isArray(result.findings)).toBe(true);
      for (const f of result.findings) expect(f.reason.en.length * f.reason.zh.length).toBeGreaterThan(0);
    }
  });
});
