/**
 * Emoji detection by emoji sequence, so a family (👨‍👩‍👧), a flag (🇨🇳) or a keycap (1️⃣) is one
 * emoji. Sequences follow the UTS #51 §1.4 grammar (ZWJ sequences of pictographs with optional
 * U+FE0F / skin-tone modifier, tag sequences, flags, keycaps); a regex is used rather than
 * Intl.Segmenter, whose iterator is quadratic on long non-ASCII strings in V8. A cluster is an emoji when it has a character with default emoji presentation, an emoji
 * presentation sequence (base + U+FE0F), a regional-indicator pair or a keycap (Unicode UTS #51
 * §1.4 "emoji presentation sequence", "emoji flag sequence", "emoji keycap sequence"); plus the
 * Miscellaneous Symbols and Dingbats emoji (❤ ☀ ✔, U+2600–U+27BF) that platforms draw as emoji even
 * without U+FE0F. ©, ®, ™ and plain digits are not emoji here. Cost: O(|text|).
 */

export interface EmojiSpan {
  readonly emoji: string;
  readonly start: number;
  readonly end: number;
}

const piece =
  '\\p{Extended_Pictographic}(?:\\uFE0F|\\p{Emoji_Modifier})?(?:[\\u{E0020}-\\u{E007E}]+\\u{E007F})?';
const sequence = new RegExp(
  `\\p{Regional_Indicator}{2}|[0-9#*]\\uFE0F?\\u20E3|${piece}(?:\\u200D${piece})*`,
  'gu',
);

const presentation = /\p{Emoji_Presentation}|\p{Emoji}\uFE0F|\p{Regional_Indicator}|\u20E3/u;
const dingbat = /[\u2600-\u27BF]/u;
const emojiProperty = /\p{Emoji}/u;

/** True when the grapheme cluster `cluster` is an emoji. */
export function isEmoji(cluster: string): boolean {
  if (presentation.test(cluster)) return true;
  const first = cluster.codePointAt(0) ?? 0;
  return dingbat.test(String.fromCodePoint(first)) && emojiProperty.test(cluster);
}

/** Every emoji in `text`, with UTF-16 offsets. */
export function findEmoji(text: string): EmojiSpan[] {
  const spans: EmojiSpan[] = [];
  for (const m of text.matchAll(sequence)) {
    if (isEmoji(m[0])) spans.push({ emoji: m[0], start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
