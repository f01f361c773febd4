import type { DetectedLanguage } from '../types.js';

/**
 * Language identification for zh / en customer text by script share plus function words.
 *
 * 1. Count letters by script: Han (CJK ideographs incl. extension A and compatibility forms), Kana
 *    (hiragana/katakana), Latin (ASCII letters and Latin-1/Extended), and other letters (Cyrillic,
 *    Arabic, Hangul, Thai, Greek …). Digits, punctuation and emoji are not letters; no letters → `unknown`.
 * 2. Japanese: Chinese text never has a run of kana, so kana ≥ 2 and ≥ 15% of Han+kana → `other`.
 * 3. Scores: zh = 2 × Han chars (a Han char carries about a word's worth of information), en = Latin
 *    letters, other = other-script letters + kana. The highest score wins; confidence = its share.
 * 4. Latin text is English only if it reads like English: hits among ~80 frequent English function
 *    words versus hits among frequent Spanish/French/German/Italian/Portuguese/Dutch function words plus
 *    words with non-English diacritics. More foreign than English signals → `other`. No signal either
 *    way (telegraphic reviews: "Great product, fast shipping") → `en` with reduced confidence when the
 *    text is short (≤ 8 words), `other` when longer (a long text without one English function word is
 *    not English).
 * Cost: O(n) over code points, no allocation beyond the Latin word list.
 * Reference: script-share heuristics as in Google's CLD (Compact Language Detector) pre-pass,
 * https://github.com/CLD2Owners/cld2 — simplified to the two analysed languages.
 * Example: detectLanguage('质量很好，但是物流太慢') → { lang: 'zh', confidence: 1 }.
 */

export interface LanguageGuess {
  readonly lang: DetectedLanguage;
  /** In [0, 1]; 0 for `unknown`. */
  readonly confidence: number;
}

const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "the a an and or but not no is are was were be been being am it its it's this that these those " +
    'i me my we our you your he she his her they them their to of in on at for with from by as ' +
    "have has had do does did don't didn't doesn't isn't wasn't can't won't will would can could " +
    'should very so too really just what which who when where how if than then there here all ' +
    "about after before up out one also only because again i'm i've"
  ).split(' '),
);

const FOREIGN_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  // es
  (
    'el la los las del y es muy pero para por con una uno que esta este está lo mi su sin ' +
    'bueno buena malo mala producto fue más como ' +
    // fr
    'le les des du et est très mais pour avec une un ce cette sont pas je il elle nous vous ils ' +
    'au aux sur dans qui ne bon bonne produit ' +
    // de
    'der die das und ist sehr aber für mit ein eine nicht ich sie wir es war zu auf dem den des ' +
    'gut schlecht nur auch noch wie ' +
    // it / pt / nl
    'il della di che sono molto ma con non ho è são não muito mas em um uma os het een ' +
    'ik niet zeer maar voor goed'
  ).split(' '),
);

const LATIN_WORD = /[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]+(?:['’][A-Za-z]+)*/g;
const NON_ENGLISH_LATIN = /[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]/;
const ANY_LETTER = /\p{L}/u;

/** Script class of one code point: 1 Han, 2 kana, 3 Latin, 4 other letter, 0 not a letter. */
function scriptOf(code: number): number {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? 3 : 0;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || code === 0x3007) return 1;
  if (code >= 0x3000 && code <= 0x303f) return 0; // CJK punctuation
  if (code >= 0xff00 && code <= 0xffef) {
    if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) return 3; // full-width Latin
    return code >= 0xff66 && code <= 0xff9d ? 2 : 0; // half-width katakana, else punctuation
  }
  if (
    (code >= 0x2000 && code <= 0x2bff) ||
    (code >= 0x1f000 && code <= 0x1faff) ||
    (code >= 0xfe00 && code <= 0xfe0f)
  )
    return 0; // punctuation, symbols, emoji, variation selectors
  if ((code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x323af)) return 1;
  if ((code >= 0x3041 && code <= 0x30fa) || (code >= 0x31f0 && code <= 0x31ff)) return 2;
  if (code >= 0xc0 && code <= 0x24f) return code === 0xd7 || code === 0xf7 ? 0 : 3;
  if (code >= 0x1e00 && code <= 0x1eff) return 3;
  return ANY_LETTER.test(String.fromCodePoint(code)) ? 4 : 0;
}

/** English vs foreign function-word evidence in a Latin-script text. */
function latinEvidence(text: string): { english: number; foreign: number; words: number } {
  let english = 0;
  let foreign = 0;
  let words = 0;
  LATIN_WORD.lastIndex = 0;
  for (let match = LATIN_WORD.exec(text); match !== null; match = LATIN_WORD.exec(text)) {
    const word = match[0].toLowerCase().replace('’', "'");
    words += 1;
    if (ENGLISH_FUNCTION_WORDS.has(word)) english += 1;
    else if (FOREIGN_FUNCTION_WORDS.has(word)) foreign += 1;
    else if (NON_ENGLISH_LATIN.test(word)) foreign += 0.5;
  }
  return { english, foreign, words };
}

/** Detects the language of a (normalised) document; see the module comment for the rule. */
export function detectLanguage(text: string): LanguageGuess {
  let han = 0;
  let kana = 0;
  let latin = 0;
  let other = 0;
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      code = text.codePointAt(i) ?? code;
      i += 1;
    }
    const script = scriptOf(code);
    if (script === 1) han += 1;
    else if (script === 2) kana += 1;
    else if (script === 3) latin += 1;
    else if (script === 4) other += 1;
  }
  if (han + kana + latin + other === 0) return { lang: 'unknown', confidence: 0 };
  if (kana >= 2 && kana >= 0.15 * (han + kana)) {
    return { lang: 'other', confidence: (kana + han) / (kana + han + latin + other) };
  }
  const zhScore = 2 * han;
  const otherScore = other + kana;
  const total = zhScore + latin + otherScore;
  if (zhScore >= latin && zhScore >= otherScore) return { lang: 'zh', confidence: zhScore / total };
  if (otherScore > latin) return { lang: 'other', confidence: otherScore / total };
  const share = latin / total;
  const { english, foreign, words } = latinEvidence(text);
  if (english > foreign)
    return { lang: 'en', confidence: share * (0.6 + 0.4 * (english / (english + foreign))) };
  if (foreign > english) return { lang: 'other', confidence: share * (foreign / (english + foreign)) };
  if (words <= 8) return { lang: 'en', confidence: share * 0.5 };
  return { lang: 'other', confidence: share * 0.5 };
}
