import type { ContentLocale } from '../channels.js';
import type { EmojiPolicy } from '../types.js';
import { templateEmoji } from './lexicon.js';

/**
 * Clean-up applied to every expanded field, so that leaving out optional parts or facts never
 * leaves stray spaces or doubled punctuation: English gets single spaces and none before
 * punctuation; Chinese gets no spaces between Chinese characters or around full-width
 * punctuation, and collapsed runs of full-width punctuation.
 */

const cjk = '\\u2e80-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef';
const spaceBetweenCjk = new RegExp(`([${cjk}])[ \\t]+(?=[${cjk}])`, 'gu');
const spaceBeforeCjkPunctuation = /[ \t]+(?=[，。！？：；、）」』】])/gu;
const spaceAfterCjkPunctuation = /([，。！？：；、（「『【])[ \t]+/gu;

function tidyLines(text: string, fixLine: (line: string) => string): string {
  return text
    .split('\n')
    .map((line) => fixLine(line.replace(/[ \t]+/g, ' ').trim()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** English: one space between words, none before , . ! ? : ; and no doubled sentence punctuation. */
export function tidyEnglish(text: string): string {
  return tidyLines(text, (line) =>
    line
      .replace(/ +([,.!?:;])/g, '$1')
      .replace(/([,;:]) *([.!?])/g, '$2')
      .replace(/([.!?]) *\./g, '$1')
      .replace(/,(\s*,)+/g, ',')
      .replace(/^[,;:] */, ''),
  );
}

/** Chinese: no spaces between Chinese characters or next to full-width punctuation; no doubled punctuation. */
export function tidyChinese(text: string): string {
  return tidyLines(text, (line) =>
    line
      .replace(spaceBetweenCjk, '$1')
      .replace(spaceBeforeCjkPunctuation, '')
      .replace(spaceAfterCjkPunctuation, '$1')
      .replace(/[，、：；]+([。！？])/g, '$1')
      .replace(/([。！？])。/g, '$1')
      .replace(/，{2,}/g, '，')
      .replace(/^[，。、：；]+/, ''),
  );
}

export function tidy(text: string, locale: ContentLocale): string {
  return locale === 'zh' ? tidyChinese(text) : tidyEnglish(text);
}

/** How many template emoji a field may carry under each policy. */
export const emojiLimit: Readonly<Record<EmojiPolicy, number>> = { none: 0, sparing: 1, free: 3 };

/** Removes template emoji beyond `limit` (keeping the first ones) and the space each leaves. */
export function limitEmoji(text: string, limit: number): string {
  let seen = 0;
  let out = '';
  for (const char of text) {
    if (templateEmoji.has(char)) {
      seen++;
      if (seen > limit) continue;
    }
    out += char;
  }
  return seen > limit ? out.replace(/[ \t]{2,}/g, ' ').replace(/[ \t]+$/gm, '') : out;
}
