import type { Localized } from '../../../report/index.js';

/** Calendar buckets as adjectives in the voice report sections ("weekly buckets", "每周分桶"). */
export const bucketNames: Readonly<Record<string, Localized>> = {
  day: { en: 'daily', zh: '每日' },
  week: { en: 'weekly', zh: '每周' },
  month: { en: 'monthly', zh: '每月' },
};
