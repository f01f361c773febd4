import type { ContentLocale } from './channels.js';

/**
 * Chinese names of common retail categories, for copy written in Chinese about a catalogue whose
 * category column is in English. A category not in the list is kept as it is in English copy and
 * left out (undefined) in Chinese copy, rather than mixing an English word into a Chinese sentence.
 */
const zhCategories: Readonly<Record<string, string>> = {
  accessories: '配饰',
  apparel: '服饰',
  baby: '母婴',
  bags: '箱包',
  beauty: '美妆',
  books: '图书',
  clothing: '服装',
  electronics: '数码电子',
  food: '食品',
  furniture: '家具',
  garden: '园艺',
  grocery: '食品杂货',
  health: '健康',
  home: '家居',
  jewelry: '珠宝',
  kitchen: '厨房用品',
  office: '办公用品',
  outdoor: '户外',
  pets: '宠物用品',
  shoes: '鞋履',
  sports: '运动',
  toys: '玩具',
  travel: '旅行',
};

const hasHan = /\p{Script=Han}/u;

export function localizedCategory(category: string, locale: ContentLocale): string | undefined {
  if (locale === 'en') return category;
  if (hasHan.test(category)) return category;
  return zhCategories[category.trim().toLowerCase()];
}
