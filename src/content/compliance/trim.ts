import { type ContentLocale, type LengthMeasure, measureLength } from '../channels.js';
import { anySlotPattern } from './field-rules.js';

/**
 * Trim text to a length limit at a natural boundary, keeping a protected tail (an appended opt-out
 * or disclaimer) intact. Preference: the last sentence end (。！？ / . ! ?) that keeps at least half
 * of the allowed length; else for Chinese the last clause break (，；、, dropped), for English the
 * last word break; else a hard cut. A `{{slot}}` is never cut: it is kept or dropped whole, and
 * counts as its longest fill (`measureLength`). Cost: O(|text|).
 */

interface Token {
  readonly start: number;
  readonly end: number;
  readonly size: number;
}

/** Slots and single code points, each with its size in `measure` units. */
function tokenize(text: string, measure: LengthMeasure): Token[] {
  const tokens: Token[] = [];
  const slots = [...text.matchAll(anySlotPattern)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  let i = 0;
  let s = 0;
  while (i < text.length) {
    const slot = slots[s];
    if (slot !== undefined && slot.start === i) {
      tokens.push({ start: i, end: slot.end, size: measureLength(text.slice(i, slot.end), measure) });
      i = slot.end;
      s++;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    tokens.push({ start: i, end: i + ch.length, size: measureLength(ch, measure) });
    i += ch.length;
  }
  return tokens;
}

const sentenceEnd = /^(?:[。！？!?…]|\.(?=\s|$))/u;
const clauseBreakZh = /[，；、,;：:]/u;

/** Joins `head` and a protected `tail` the way fixPiece appends text (shared so trimming agrees). */
export function joinTail(head: string, tail: string, locale: ContentLocale, paragraph: boolean): string {
  if (tail === '') return head;
  const trimmed = head.trimEnd();
  if (trimmed === '') return tail;
  if (paragraph) return `${trimmed}\n\n${tail}`;
  const ended = /[。！？!?.…]$/u.test(trimmed);
  if (locale === 'zh') return `${trimmed}${ended ? '' : '。'}${tail}`;
  return `${trimmed}${ended ? '' : '.'} ${tail}`;
}

/** Strips trailing spaces and clause punctuation so a cut never ends on "，" or ",". */
function tidyEnd(text: string): string {
  return text.replace(/[\s，；、,;：:—–-]+$/u, '');
}

/**
 * `head` (plus `tail`, joined by `joinTail`) cut so that the whole measures at most `max`.
 * Returns the joined text unchanged when it already fits.
 */
export function trimToLength(
  head: string,
  tail: string,
  max: number,
  measure: LengthMeasure,
  locale: ContentLocale,
  paragraph = false,
): string {
  const whole = joinTail(head, tail, locale, paragraph);
  if (measureLength(whole, measure) <= max) return whole;
  const fits = (cut: string): boolean =>
    measureLength(joinTail(cut, tail, locale, paragraph), measure) <= max;
  const tokens = tokenize(head, measure);
  // The longest token prefix that fits: sizes only grow, so walk until the budget is spent.
  const overhead = measureLength(joinTail('x', tail, locale, paragraph), measure) - 1;
  let used = 0;
  let fit = 0;
  for (const token of tokens) {
    if (used + token.size + overhead > max) break;
    used += token.size;
    fit++;
  }
  const ends = tokens.slice(0, fit).map((t) => t.end);
  const candidates = (test: (index: number) => boolean): number[] =>
    ends.filter((end, k) => test(k) && end > 0).reverse();
  const minimum = (max - overhead) / 2;
  const sentence = candidates((k) => {
    const token = tokens[k] as Token;
    return sentenceEnd.test(head.slice(token.start, Math.min(head.length, token.end + 1)));
  }).find((end) => measureLength(head.slice(0, end), measure) >= minimum && fits(head.slice(0, end)));
  if (sentence !== undefined) return joinTail(head.slice(0, sentence), tail, locale, paragraph);
  const breakTest =
    locale === 'zh'
      ? (k: number) => clauseBreakZh.test(head.slice((tokens[k] as Token).start, (tokens[k] as Token).end))
      : (k: number) => /\s/u.test(head.charAt((tokens[k + 1] as Token | undefined)?.start ?? head.length));
  const clause = candidates(breakTest).find((end) => {
    const cut = tidyEnd(head.slice(0, end));
    return cut !== '' && fits(cut) && (locale === 'en' || measureLength(cut, measure) >= minimum);
  });
  if (clause !== undefined) return joinTail(tidyEnd(head.slice(0, clause)), tail, locale, paragraph);
  // Hard cut; in English back off to the start of a word rather than split it.
  let cutAt = ends[ends.length - 1] ?? 0;
  if (locale === 'en') {
    while (cutAt > 0 && /\w/.test(head.charAt(cutAt)) && /\w/.test(head.charAt(cutAt - 1))) cutAt--;
  }
  return joinTail(tidyEnd(head.slice(0, cutAt)), tail, locale, paragraph);
}
