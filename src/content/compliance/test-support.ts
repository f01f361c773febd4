import type { BrandVoice } from '../types.js';
import type { PiiDetector } from './field-rules.js';

/**
 * Test doubles shared by the compliance tests: a tiny PII detector (e-mail addresses, Chinese
 * mobile numbers, US 555-01xx numbers; the real one is src/pii's detectPii) and brand voices.
 */

export const fakeDetectPii: PiiDetector = (text) => {
  const spans: { kind: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) {
    spans.push({ kind: 'email', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(/(?<!\d)(?:1[3-9]\d{9}|555-01\d{2})(?!\d)/g)) {
    spans.push({ kind: 'phone', start: m.index, end: m.index + m[0].length });
  }
  return spans;
};

export function brandWith(overrides: Partial<BrandVoice>): BrandVoice {
  return {
    name: { en: 'Teaworks', zh: '茶语' },
    tone: 'friendly',
    vocabulary: { en: [], zh: [] },
    bannedWords: { en: ['cheap', 'dirt cheap'], zh: ['廉价'] },
    requiredDisclaimers: [],
    emojiPolicy: 'free',
    ...overrides,
  };
}
