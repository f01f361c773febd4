import { describe, expect, it } from 'vitest';
import { formats, measureLength } from '../channels.js';
import type { ContentPiece } from '../types.js';
import { fixPiece, type LintCase, lintCaseBrand, lintCases, lintPiece, trimToLength } from './index.js';
import { brandWith, fakeDetectPii } from './test-support.js';

/** A case line as a piece: its format and field, or a social post (or a description for kind description). */
function pieceOf(item: LintCase): ContentPiece {
  if (item.format !== undefined) {
    const spec = formats[item.format];
    return {
      format: item.format,
      kind: item.kind ?? spec.kind,
      locale: item.locale,
      fields: { [item.field ?? spec.fields[0]?.name ?? 'text']: item.text },
      engine: 'test',
      source: 'lint-case',
    };
  }
  if (item.kind === 'description') {
    return {
      format: 'product_description',
      kind: 'description',
      locale: item.locale,
      fields: { title: item.locale === 'zh' ? '羊毛围巾' : 'Merino scarf', body: item.text },
      engine: 'test',
      source: 'lint-case',
    };
  }
  return {
    format: 'social_post',
    kind: 'social',
    locale: item.locale,
    fields: { text: item.text },
    engine: 'test',
    source: 'lint-case',
  };
}

const fixable = new Set([
  'absolute_term',
  'superlative_claim',
  'medical_claim',
  'financial_claim',
  'missing_opt_out',
  'too_long',
  'banned_word',
  'emoji_policy',
  'missing_disclaimer',
]);
const options = { brand: lintCaseBrand, detectPii: fakeDetectPii };

describe('fixPiece on the labelled set', () => {
  const cases = lintCases.filter(
    (c) => c.expected.length > 0 && c.expected.every((rule) => fixable.has(rule)),
  );

  it('covers every fixable rule', () => {
    expect(new Set(cases.flatMap((c) => c.expected))).toEqual(fixable);
  });

  it.each(cases.map((c) => [c.text, c] as const))('makes %j lint-clean', (_, item) => {
    const result = fixPiece(pieceOf(item), options);
    const left = result.remaining.filter((f) => f.severity === 'error' || fixable.has(f.rule));
    expect(left).toEqual([]);
    expect(result.fixed.map((f) => f.rule).sort()).toEqual(expect.arrayContaining([...item.expected].sort()));
  });

  it('is idempotent on every case, and leaves clean pieces untouched', () => {
    for (const item of lintCases) {
      const once = fixPiece(pieceOf(item), options);
      const twice = fixPiece(once.piece, options);
      expect(twice.piece).toEqual(once.piece);
      expect(twice.fixed).toEqual([]);
      if (lintPiece(pieceOf(item), options).findings.every((f) => f.rule === 'too_short')) {
        expect(once.piece.fields).toEqual(pieceOf(item).fields);
      }
    }
  });
});

describe('fixPiece repairs', () => {
  const fix = (locale: 'zh' | 'en', text: string, format: ContentPiece['format'] = 'social_post') =>
    fixPiece(
      { format, kind: formats[format].kind, locale, fields: { text }, engine: 'test', source: 'test' },
      options,
    ).piece.fields.text;

  it('keeps sentences grammatical when replacing absolute and superlative terms', () => {
    expect(fix('zh', '效果最好的面霜，销量第一')).toBe('效果出色的面霜，销量火爆');
    expect(fix('zh', '最受欢迎的连衣裙，全网最低价')).toBe('很受欢迎的连衣裙，超值价');
    expect(fix('en', 'The best coffee in town, and the cheapest too')).toBe(
      'A great coffee in town, and an affordable too',
    );
    expect(fix('en', 'Our best-selling jacket is back')).toBe('Our customer favourite jacket is back');
    expect(fix('en', 'The best deals of the summer')).toBe('Great deals of the summer');
    expect(fix('en', 'Voted No. 1 by our customers')).toBe('Voted popular by our customers');
    expect(fix('zh', '唯一获得专利的技术，绝对好用')).toBe('获得专利的技术，好用');
  });

  it('removes the clause (zh) or sentence (en) of an unfixable medical or financial claim', () => {
    expect(fix('zh', '这款茶清香回甘，可降血压，天天喝更健康。')).toBe('这款茶清香回甘，天天喝更健康。');
    expect(fix('zh', '新茶上市，喝了能根治失眠！')).toBe('新茶上市！');
    expect(fix('en', 'Warm and light. It cures eczema overnight. Machine washable.')).toBe(
      'Warm and light. Machine washable.',
    );
    expect(fix('en', 'Join now. Guaranteed returns of 8% a year!')).toBe('Join now.');
    expect(fix('zh', '疗效显著')).toBe('效果显著');
  });

  it('appends the opt-out of the format and language', () => {
    expect(fix('zh', '【茶语】中秋礼盒八折，到店再享好礼', 'sms')).toBe(
      '【茶语】中秋礼盒八折，到店再享好礼。回T退订',
    );
    expect(fix('en', 'Flash sale: 20% off all tees today', 'sms')).toBe(
      'Flash sale: 20% off all tees today. Reply STOP to opt out',
    );
    const email = (locale: 'zh' | 'en', body: string) =>
      fixPiece(
        {
          format: 'email',
          kind: 'email',
          locale,
          fields: { subject: 'x', preheader: 'y', body },
          engine: 't',
          source: 't',
        },
        options,
      ).piece.fields.body;
    expect(email('zh', '亲爱的会员，秋季新品已上市。')).toBe(
      '亲爱的会员，秋季新品已上市。\n\n如不想再收到此类邮件，请点击{{unsubscribe_url}}退订',
    );
    expect(email('en', 'Our autumn teas are here.')).toBe(
      'Our autumn teas are here.\n\nUnsubscribe: {{unsubscribe_url}}',
    );
  });

  it('removes banned words and emoji beyond the policy', () => {
    expect(fix('zh', '廉价好物，限时抢购🎉🎉🎉🎉')).toBe('好物，限时抢购🎉🎉');
    const none = fixPiece(
      {
        format: 'social_post',
        kind: 'social',
        locale: 'en',
        fields: { text: 'Summer 🌞 is here 🎉' },
        engine: 't',
        source: 't',
      },
      { brand: brandWith({ emojiPolicy: 'none' }) },
    );
    expect(none.piece.fields.text).toBe('Summer is here');
    expect(none.remaining.filter((f) => f.rule !== 'too_short')).toEqual([]);
  });

  it('replaces a mistyped slot with the nearest known one, and leaves an unknown one', () => {
    expect(fix('en', 'Hi {{firstName}}, happy birthday from all of us')).toBe(
      'Hi {{first_name}}, happy birthday from all of us',
    );
    expect(fix('zh', '{{name}}您好，生日快乐，祝您天天开心')).toBe('{{name}}您好，生日快乐，祝您天天开心');
  });

  it('does not repair PII (it stays in remaining)', () => {
    const result = fixPiece(
      {
        format: 'social_post',
        kind: 'social',
        locale: 'en',
        fields: { text: 'Call Jane on 555-0100 to book' },
        engine: 't',
        source: 't',
      },
      options,
    );
    expect(result.remaining.map((f) => f.rule)).toEqual(['pii']);
  });
});

describe('trimming too-long fields', () => {
  it('cuts a Chinese SMS at a clause boundary and keeps the opt-out whole', () => {
    const text =
      '【茶语】{{first_name}}您好，中秋礼盒限时八折，全场满299元再送定制茶具一套，会员另享双倍积分，活动截至本月底，详询各门店，名额有限，先到先得。';
    const fixed =
      fixPiece(
        { format: 'sms', kind: 'ad', locale: 'zh', fields: { text }, engine: 't', source: 't' },
        options,
      ).piece.fields.text ?? '';
    expect(measureLength(fixed, 'chars')).toBeLessThanOrEqual(70);
    expect(fixed.endsWith('。回T退订')).toBe(true);
    expect(fixed.startsWith('【茶语】{{first_name}}您好，中秋礼盒限时八折')).toBe(true);
    expect(fixed).not.toMatch(/，。/);
  });

  it('never cuts inside a slot and cuts English at a word boundary', () => {
    // 20 chars of text + {{product_name}} (30) would be 50 > 40: the slot goes whole.
    const cut = trimToLength('Shop the new range {{product_name}} today', '', 40, 'chars', 'en');
    expect(cut).toBe('Shop the new range');
    const words = trimToLength('Warm merino jackets twenty percent off', '', 30, 'width', 'en');
    expect(words).toBe('Warm merino jackets twenty');
    expect(trimToLength('Short enough', '', 30, 'width', 'en')).toBe('Short enough');
  });

  it('prefers a sentence end that keeps at least half the limit', () => {
    const text = 'Fresh teas arrive every week. Members save 10% on every order, every day of the year.';
    // the first sentence is 29 chars: kept at a limit of 56 (29 ≥ 28), not at 60 (29 < 30)
    expect(trimToLength(text, '', 56, 'chars', 'en')).toBe('Fresh teas arrive every week.');
    expect(trimToLength(text, '', 60, 'chars', 'en')).toBe(
      'Fresh teas arrive every week. Members save 10% on every',
    );
    expect(
      trimToLength('新茶每周到店。会员每单立享九折优惠，全年有效，欢迎品鉴', '', 20, 'chars', 'zh'),
    ).toBe('新茶每周到店。会员每单立享九折优惠');
  });
});
