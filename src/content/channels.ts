/**
 * Content formats and their length limits, per field and language. Limits are the platforms'
 * published ones where there is one (Google Ads responsive search ads: headline 30, description 90,
 * double-width characters count 2; Meta feed ads: headline 40, primary text 125 before truncation;
 * 微博 140 characters; SMS one segment: 70 UCS-2 characters for Chinese, 160 GSM-7 for English;
 * WeChat article title 64; email subject ~60 and preheader ~100 before clients truncate).
 *
 * `measure: 'width'` counts East Asian wide characters as 2 (as Google Ads and X do);
 * `'chars'` counts code points (as 微博 and SMS segmenting do).
 */

export type ContentLocale = 'en' | 'zh';

export type ContentKind = 'ad' | 'description' | 'email' | 'social' | 'story';

export type FormatId =
  | 'search_ad'
  | 'feed_ad'
  | 'weibo_post'
  | 'sms'
  | 'wechat_article'
  | 'email'
  | 'product_description'
  | 'social_post'
  | 'brand_story';

export type LengthMeasure = 'chars' | 'width';

export interface FieldSpec {
  readonly name: string;
  /** Maximum length per language, in `measure` units. */
  readonly max: Readonly<Record<ContentLocale, number>>;
  readonly measure: LengthMeasure;
  /** Minimum length that still reads as a complete piece (lint warns below it). */
  readonly min?: number;
}

export interface FormatSpec {
  readonly id: FormatId;
  readonly kind: ContentKind;
  readonly label: Readonly<Record<ContentLocale, string>>;
  /** Fields in display order; the piece's text is the fields joined by blank lines. */
  readonly fields: readonly FieldSpec[];
  /** Marketing messages sent to a person must carry an opt-out (CAN-SPAM, 《通信短信息服务管理规定》). */
  readonly requiresOptOut: boolean;
}

const same = (n: number): Readonly<Record<ContentLocale, number>> => ({ en: n, zh: n });

export const formats: Readonly<Record<FormatId, FormatSpec>> = {
  search_ad: {
    id: 'search_ad',
    kind: 'ad',
    label: { en: 'Search ad', zh: '搜索广告' },
    fields: [
      { name: 'headline', max: same(30), measure: 'width', min: 8 },
      { name: 'description', max: same(90), measure: 'width', min: 20 },
    ],
    requiresOptOut: false,
  },
  feed_ad: {
    id: 'feed_ad',
    kind: 'ad',
    label: { en: 'Social feed ad', zh: '信息流广告' },
    fields: [
      { name: 'headline', max: same(40), measure: 'chars', min: 6 },
      { name: 'primary_text', max: same(125), measure: 'chars', min: 20 },
    ],
    requiresOptOut: false,
  },
  weibo_post: {
    id: 'weibo_post',
    kind: 'social',
    label: { en: 'Weibo post', zh: '微博' },
    fields: [{ name: 'text', max: same(140), measure: 'chars', min: 15 }],
    requiresOptOut: false,
  },
  sms: {
    id: 'sms',
    kind: 'ad',
    label: { en: 'SMS', zh: '短信' },
    fields: [{ name: 'text', max: { en: 160, zh: 70 }, measure: 'chars', min: 15 }],
    requiresOptOut: true,
  },
  wechat_article: {
    id: 'wechat_article',
    kind: 'ad',
    label: { en: 'WeChat article', zh: '公众号文章' },
    fields: [
      { name: 'title', max: same(64), measure: 'chars', min: 6 },
      { name: 'digest', max: same(120), measure: 'chars', min: 15 },
    ],
    requiresOptOut: false,
  },
  email: {
    id: 'email',
    kind: 'email',
    label: { en: 'Email', zh: '邮件' },
    fields: [
      { name: 'subject', max: same(60), measure: 'width', min: 8 },
      { name: 'preheader', max: same(100), measure: 'width', min: 15 },
      { name: 'body', max: same(5000), measure: 'chars', min: 60 },
    ],
    requiresOptOut: true,
  },
  product_description: {
    id: 'product_description',
    kind: 'description',
    label: { en: 'Product description', zh: '商品描述' },
    fields: [
      { name: 'title', max: same(60), measure: 'width', min: 6 },
      { name: 'body', max: same(1500), measure: 'chars', min: 60 },
    ],
    requiresOptOut: false,
  },
  social_post: {
    id: 'social_post',
    kind: 'social',
    label: { en: 'Social post', zh: '社交帖子' },
    fields: [{ name: 'text', max: same(280), measure: 'width', min: 15 }],
    requiresOptOut: false,
  },
  brand_story: {
    id: 'brand_story',
    kind: 'story',
    label: { en: 'Brand story', zh: '品牌故事' },
    fields: [
      { name: 'title', max: same(60), measure: 'width', min: 4 },
      { name: 'body', max: same(3000), measure: 'chars', min: 200 },
    ],
    requiresOptOut: false,
  },
};

export const formatIds = Object.keys(formats) as FormatId[];

/** The formats a content kind can be written in; the first is the default. */
export const formatsByKind: Readonly<Record<ContentKind, readonly FormatId[]>> = {
  ad: ['search_ad', 'feed_ad', 'sms', 'wechat_article'],
  description: ['product_description'],
  email: ['email'],
  social: ['social_post', 'weibo_post'],
  story: ['brand_story'],
};

/**
 * Personalisation slots (`{{first_name}}`, `{{coupon_code}}` …) stay in stored text and are filled
 * at send time; length checks count each slot as its longest fill.
 */
export const slotLengths: Readonly<Record<string, number>> = {
  first_name: 12,
  coupon_code: 12,
  discount: 4,
  expiry_date: 10,
  unsubscribe_url: 0,
  brand: 16,
  product_name: 30,
};

const slotPattern = /\{\{\s*([a-z_]+)\s*\}\}/g;

function isWide(codePoint: number): boolean {
  // East Asian Wide and Fullwidth ranges (UAX #11), the ones marketing copy meets.
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0x303e) ||
    (codePoint >= 0x3041 && codePoint <= 0x33ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/** Length of `text` in `measure` units, slots counted as their longest fill. */
export function measureLength(text: string, measure: LengthMeasure): number {
  let extra = 0;
  const bare = text.replace(slotPattern, (_, name: string) => {
    extra += slotLengths[name] ?? 12;
    return '';
  });
  let length = 0;
  for (const ch of bare) length += measure === 'width' && isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return length + extra;
}

/** The slot names used in `text`. */
export function slotsIn(text: string): string[] {
  return [...text.matchAll(slotPattern)].map((m) => m[1] as string);
}
