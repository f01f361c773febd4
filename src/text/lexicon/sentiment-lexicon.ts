import { InputError } from '../../core/errors.js';
import type { TextLocale } from '../types.js';
import { englishLexicon } from './lexicon-en.js';
import { chineseLexicon } from './lexicon-zh.js';
import { INTENSIFIERS, isNegator } from './modifiers.js';

/**
 * The opinion lexicons of both languages with the lookups the engine and the aspect extractor
 * share: opinion valence, modifier decomposition (很, 不太, 非常不 …) of a token.
 */

export interface SentimentLexicon {
  readonly locale: TextLocale;
  /** Valences in [−1, 1]; 0 blocks a term (it is known and carries no opinion). */
  readonly terms: ReadonlyMap<string, number>;
  /** Longest key in UTF-16 units: bounds the phrase search. */
  readonly maxKeyLength: number;
  /** Every prefix of every key: the phrase search stops as soon as it leaves this set. */
  readonly prefixes: ReadonlySet<string>;
}

export type ExtraTerms = Partial<Record<TextLocale, Readonly<Record<string, number>>>>;

export type Modifier =
  | { readonly kind: 'negator' }
  | { readonly kind: 'intensifier'; readonly multiplier: number };

function build(locale: TextLocale, base: Map<string, number>, extra?: Readonly<Record<string, number>>) {
  for (const [term, value] of Object.entries(extra ?? {})) {
    if (!Number.isFinite(value) || value < -1 || value > 1)
      throw new InputError('invalid_lexicon_term', `extra ${locale} term "${term}" has valence ${value}`, {
        hint: 'valences are numbers in [-1, 1]',
      });
    const key = locale === 'en' ? term.trim().toLowerCase().replace(/\s+/g, ' ') : term.trim();
    if (key.length > 0) base.set(key, value);
  }
  let maxKeyLength = 1;
  const prefixes = new Set<string>();
  for (const key of base.keys()) {
    maxKeyLength = Math.max(maxKeyLength, key.length);
    for (let length = 1; length <= key.length; length++) prefixes.add(key.slice(0, length));
  }
  return { locale, terms: base, maxKeyLength, prefixes };
}

/** Both lexicons, with the caller's extra terms (which override the built-in ones). */
export function createSentimentLexicons(
  extraTerms?: ExtraTerms,
): Readonly<Record<TextLocale, SentimentLexicon>> {
  return {
    zh: build('zh', chineseLexicon(), extraTerms?.zh),
    en: build('en', englishLexicon(), extraTerms?.en),
  };
}

/** The modifier a single word is, if any. */
export function modifierOf(locale: TextLocale, word: string): Modifier | undefined {
  if (isNegator(locale, word)) return { kind: 'negator' };
  const multiplier = INTENSIFIERS[locale].get(word);
  return multiplier === undefined ? undefined : { kind: 'intensifier', multiplier };
}

const MAX_MODIFIER_LENGTH = 5;

/**
 * Splits a Chinese string made only of modifiers (不太 → 不 + 太, 非常不 → 非常 + 不), greedy
 * longest-first; English words are matched whole. Returns them in reading order, or undefined
 * when some part is not a modifier.
 */
export function splitModifiers(locale: TextLocale, text: string): Modifier[] | undefined {
  if (locale === 'en') {
    const modifier = modifierOf(locale, text);
    return modifier ? [modifier] : undefined;
  }
  const found: Modifier[] = [];
  let at = 0;
  while (at < text.length) {
    let matched = 0;
    for (let length = Math.min(MAX_MODIFIER_LENGTH, text.length - at); length > 0; length--) {
      const modifier = modifierOf(locale, text.slice(at, at + length));
      if (modifier) {
        found.push(modifier);
        matched = length;
        break;
      }
    }
    if (matched === 0) return undefined;
    at += matched;
  }
  return found.length > 0 ? found : undefined;
}
