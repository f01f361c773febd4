import type { Localized } from '../../../report/index.js';
import type { VoiceInsights } from '../voice-insights.js';
import type { DriverQuote } from '../voice-quotes.js';

/** Formatting shared by the voice report sections. */

/** Calendar buckets as adjectives ("weekly buckets", "每周分桶"). */
export const bucketNames: Readonly<Record<string, Localized>> = {
  day: { en: 'daily', zh: '每日' },
  week: { en: 'weekly', zh: '每周' },
  month: { en: 'monthly', zh: '每月' },
};

/** A finite number rounded for a table cell, else null (an empty cell). */
export const round = (x: number | null, digits = 3) =>
  x === null || !Number.isFinite(x) ? null : Number(x.toFixed(digits));

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const aspectLabel = (insights: VoiceInsights, key: string): Localized =>
  key === 'overall' ? { en: 'Overall', zh: '整体' } : (insights.aspectNames[key] ?? { en: key, zh: key });

export const quoteCell = (quote: DriverQuote | null | undefined): string =>
  quote ? `“${quote.text}” (${quote.docId}, ${quote.ts.toISOString().slice(0, 10)})` : '';
