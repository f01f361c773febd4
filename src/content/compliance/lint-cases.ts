import type { BrandVoice } from '../types.js';
import type { LintCase } from './lint-case.js';
import { lintCasesEn } from './lint-cases-en.js';
import { lintCasesZh } from './lint-cases-zh.js';

/**
 * The labelled evaluation set of the compliance lint: one line each, in Chinese and English, with
 * the rule ids a reviewer expects to fire ([] = clean; about 40% are clean hard negatives). Brand
 * rules are labelled against `lintCaseBrand`; pii labels assume a detector of e-mail addresses and
 * phone numbers. Run it with `evaluateLint(lintCases, { brand: lintCaseBrand, detectPii })`.
 */

/** The brand voice the set's banned_word, emoji_policy and missing_disclaimer labels assume. */
export const lintCaseBrand: BrandVoice = {
  name: { en: 'Teaworks', zh: '茶语' },
  tone: 'friendly',
  vocabulary: { en: ['crafted', 'fresh'], zh: ['匠心', '鲜'] },
  bannedWords: { en: ['cheap', 'knockoff', 'dirt cheap'], zh: ['廉价', '山寨', '便宜货'] },
  requiredDisclaimers: [
    {
      kinds: ['description'],
      text: { en: 'Images are for illustration only.', zh: '图片仅供参考，请以实物为准。' },
    },
  ],
  emojiPolicy: 'sparing',
};

export const lintCases: readonly LintCase[] = [...lintCasesZh, ...lintCasesEn];

export type { LintCase } from './lint-case.js';
