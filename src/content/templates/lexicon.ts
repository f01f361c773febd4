import type { ContentLocale } from '../channels.js';
import type { Occasion } from '../types.js';

/**
 * Small bilingual word lists the template facts draw on: how to phrase a product attribute as a
 * benefit, what to call well-known festivals, and which emoji suit an occasion.
 */

interface AttributePhrasing {
  readonly names: readonly string[];
  readonly en: (value: string) => string;
  readonly zh: (value: string) => string;
}

// Attribute names are matched case-insensitively in either language; unknown names fall back to
// "with <value> <name>" / "<name><value>" ("with slim fit", "版型修身"), which reads well for most.
const attributePhrasings: readonly AttributePhrasing[] = [
  {
    names: ['material', 'fabric', 'materials', '材质', '面料', '材料'],
    en: (v) => `made from ${v}`,
    zh: (v) => `${v}材质`,
  },
  {
    names: ['origin', 'made in', 'country of origin', '产地'],
    en: (v) => `from ${v}`,
    zh: (v) => `产自${v}`,
  },
  { names: ['color', 'colour', 'colors', '颜色', '颜色分类'], en: (v) => `in ${v}`, zh: (v) => `${v}配色` },
  { names: ['size', 'sizes', '尺码', '尺寸'], en: (v) => `in size ${v}`, zh: (v) => `尺码${v}` },
  { names: ['capacity', 'volume', '容量'], en: (v) => `with a ${v} capacity`, zh: (v) => `${v}容量` },
  { names: ['weight', '重量', '净含量'], en: (v) => `weighing ${v}`, zh: (v) => `重${v}` },
  { names: ['flavor', 'flavour', 'taste', '口味'], en: (v) => `with a ${v} flavour`, zh: (v) => `${v}口味` },
  { names: ['style', '风格', '款式'], en: (v) => `in a ${v} style`, zh: (v) => `${v}风格` },
  { names: ['craft', 'process', '工艺'], en: (v) => `finished by ${v}`, zh: (v) => `${v}工艺` },
  { names: ['feature', 'features', '特点', '卖点'], en: (v) => `with ${v}`, zh: (v) => v },
  { names: ['warranty', '保修'], en: (v) => `with a ${v} warranty`, zh: (v) => `保修${v}` },
];

/** A product attribute phrased as a benefit clause ("made from merino wool" / "美利奴羊毛材质"). */
export function attributeBenefit(name: string, value: string, locale: ContentLocale): string {
  const key = name.trim().toLowerCase();
  const phrasing = attributePhrasings.find((entry) => entry.names.includes(key));
  if (phrasing) return phrasing[locale](value.trim());
  return locale === 'en'
    ? `with ${value.trim()} ${name.trim().toLowerCase()}`
    : `${name.trim()}${value.trim()}`;
}

interface FestivalEntry {
  readonly names: readonly string[];
  readonly en: string;
  readonly zh: string;
  /** A greeting, where the festival has one (shopping festivals do not). */
  readonly wish?: Readonly<Record<ContentLocale, string>>;
}

const festivals: readonly FestivalEntry[] = [
  {
    names: ['中秋', '中秋节', 'mid-autumn', 'mid-autumn festival', 'moon festival'],
    en: 'Mid-Autumn Festival',
    zh: '中秋',
    wish: { en: 'Happy Mid-Autumn Festival', zh: '中秋快乐，月圆人团圆' },
  },
  {
    names: ['春节', '新春', '过年', 'spring festival', 'lunar new year', 'chinese new year'],
    en: 'Lunar New Year',
    zh: '新春',
    wish: { en: 'Happy Lunar New Year', zh: '新春快乐，万事如意' },
  },
  { names: ['双十一', '双11', '11.11', "singles' day", 'singles day'], en: "Singles' Day", zh: '双十一' },
  { names: ['618', '6.18', '年中大促'], en: '618 mid-year sale', zh: '618' },
  { names: ['black friday', '黑色星期五', '黑五'], en: 'Black Friday', zh: '黑五' },
  {
    names: ['christmas', 'xmas', '圣诞', '圣诞节'],
    en: 'Christmas',
    zh: '圣诞',
    wish: { en: 'Merry Christmas', zh: '圣诞快乐' },
  },
  {
    names: ['new year', "new year's day", '元旦'],
    en: 'New Year',
    zh: '元旦',
    wish: { en: 'Happy New Year', zh: '元旦快乐，新年新气象' },
  },
  {
    names: ['端午', '端午节', 'dragon boat festival'],
    en: 'Dragon Boat Festival',
    zh: '端午',
    wish: { en: 'Happy Dragon Boat Festival', zh: '端午安康' },
  },
  {
    names: ['七夕', 'qixi', 'qixi festival'],
    en: 'Qixi Festival',
    zh: '七夕',
    wish: { en: 'Happy Qixi Festival', zh: '七夕快乐' },
  },
  {
    names: ["valentine's day", 'valentines day', '情人节'],
    en: "Valentine's Day",
    zh: '情人节',
    wish: { en: "Happy Valentine's Day", zh: '情人节快乐' },
  },
  {
    names: ["mother's day", 'mothers day', '母亲节'],
    en: "Mother's Day",
    zh: '母亲节',
    wish: { en: "Happy Mother's Day", zh: '母亲节快乐' },
  },
  {
    names: ['thanksgiving', '感恩节'],
    en: 'Thanksgiving',
    zh: '感恩节',
    wish: { en: 'Happy Thanksgiving', zh: '感恩节快乐' },
  },
];

/** The festival's name in `locale` and its greeting; unknown festivals keep their given name and get no greeting. */
export function festivalFacts(
  festival: string,
  locale: ContentLocale,
): { readonly name: string; readonly wish: string | undefined } {
  const key = festival.trim().toLowerCase();
  const entry = festivals.find((candidate) => candidate.names.includes(key));
  if (!entry) return { name: festival.trim(), wish: undefined };
  return { name: entry[locale], wish: entry.wish?.[locale] };
}

/**
 * Emoji per occasion. None carries a variation selector, so each is one code point (and counts
 * as wide where `measureLength` says so).
 */
export const occasionEmoji: Readonly<Record<Occasion | 'default', readonly string[]>> = {
  launch: ['🎉', '✨', '🆕'],
  promotion: ['🛒', '🎁', '🔥'],
  birthday: ['🎂', '🎁', '🎈'],
  anniversary: ['🥂', '💝', '🎉'],
  win_back: ['💌', '👋', '🌟'],
  care: ['🌿', '💚', '🤝'],
  restock: ['📦', '🔔', '✅'],
  festival: ['🎊', '🏮', '🎁'],
  default: ['✨', '👉', '🌟'],
};

/** Every emoji the templates may insert (for limiting them per field). */
export const templateEmoji: ReadonlySet<string> = new Set(Object.values(occasionEmoji).flat());
