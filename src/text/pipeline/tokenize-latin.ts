import emojiRegex from 'emoji-regex';
import lemmatizer from 'wink-lemmatizer';
import type { Token, TokenKind } from '../types.js';
import { NEVER_STOP, STOP_WORDS_EN } from './stop-words.js';

/**
 * Regex tokenizer for the non-Han parts of a document (English text, and the Latin words, numbers,
 * punctuation and emoji between Chinese words). Alternatives, tried in this order at each position:
 * URL (http(s)://… or www.…, trailing punctuation left out) and e-mail → `url`; user words (brand names,
 * case-insensitive, whole words) → `word`; emoji (emoji-regex: ZWJ sequences, skin tones, flags and
 * keycaps stay one token) → `emoji`; ASCII emoticons (:) :-( :D ;) :P <3 T_T ^_^ -_- XD …) → `emoticon`;
 * @mention / #hashtag; words (letters with inner apostrophes and hyphens, optionally led by digits:
 * "don't", "well-made", "4K") → `word`; numbers with decimal or thousands separators (3.5, 1,299, 10:30)
 * → `number`; runs of one punctuation or symbol character (!!!, ...) → `punct`; any other non-space
 * character → `punct`. Whitespace is skipped. Negated contractions follow the Penn Treebank split:
 * "don't" → do + n't, "can't" → ca (norm can) + n't, "won't" → wo (norm will) + n't; spellings without
 * the apostrophe (dont, cant, didnt …) split the same way; `n't` has the norm "not".
 *
 * Lemma rule (`norm`): lower-case; curly apostrophes become '; then, for alphabetic words of ≥ 3 letters
 * that are neither stop words nor protected words (negations, contrast, intensifiers) nor user words,
 * wink-lemmatizer (WordNet morphy) as noun first; if that leaves the word unchanged, as verb; if still
 * unchanged, as adjective (boxes → box, loved → love, charging → charge, better → good, worst → bad).
 * Words ending in -ss are not singularised (boss, glass). Consequence for lexicon engines: -ing/-ed
 * adjectives lemmatise to their verb (amazing → amaze, disappointed → disappoint), so look up the
 * lower-cased surface text first and the norm second. Lemmas are cached per word.
 */

export interface LatinTokenizer {
  /** Appends the tokens of `text.slice(from, to)` (offsets into `text`) to `out`. */
  tokenize(text: string, from: number, to: number, out: Token[], lemmatize: boolean): void;
}

const URL = String.raw`(?:https?:\/\/|www\.)[^\s<>"'“”‘’（）【】，。！？、]*[^\s<>"'“”‘’（）【】，。！？、.,;:!?)\]}]|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`;
const EMOTICON = String.raw`(?<![\p{L}\p{N}])(?:[:;=][-^o']?[)(\]\[DPp3\/\\|*O]|:'[(]|<\/?3+|\^_*\^|T_T|T\.T|QAQ|-_-|>_<|[oO]_[oO]|[xX]D)(?![\p{L}\p{N}])`;
const MENTION = String.raw`@[\p{L}\p{N}_]+`;
const HASHTAG = String.raw`#[\p{L}\p{N}_]+`;
const WORD = String.raw`\p{N}*\p{L}[\p{L}\p{M}\p{N}_]*(?:['’]\p{L}+)*(?:-[\p{L}\p{N}]+)*`;
const NUMBER = String.raw`\p{Nd}+(?:[.,:]\p{Nd}+)*`;
const PUNCT = String.raw`(?<p>[\p{P}\p{S}])\k<p>*`;

const NEGATED_WITHOUT_APOSTROPHE: ReadonlySet<string> = new Set(
  'dont doesnt didnt isnt wasnt arent werent cant couldnt wont wouldnt shouldnt havent hasnt hadnt aint mustnt neednt'.split(
    ' ',
  ),
);
const TREEBANK_STEMS: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall', ai: 'be' };
const LEMMA_CACHE_LIMIT = 50_000;

/** Escapes a literal for a RegExp and makes its letters case-insensitive ([lL][aA]…). */
function caseInsensitiveLiteral(word: string): string {
  let out = '';
  for (const char of word) {
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    if (lower !== upper) out += `[${lower}${upper}]`;
    else if (/\s/.test(char)) out += '\\s+';
    else out += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); // `\-` is not a valid escape in a `u` regex
  }
  return out;
}

/** Builds the tokenizer for a set of Latin user words (compiled once, reused for every document). */
export function createLatinTokenizer(userWords: readonly string[]): LatinTokenizer {
  const latinUserWords = [...new Set(userWords.filter((word) => !/\p{Script=Han}/u.test(word)))]
    .map((word) => word.trim())
    .filter((word) => word.length > 0)
    .sort((a, b) => b.length - a.length);
  const userPattern =
    latinUserWords.length === 0
      ? '(?!)'
      : String.raw`(?<![\p{L}\p{N}])(?:${latinUserWords.map(caseInsensitiveLiteral).join('|')})(?![\p{L}\p{N}])`;
  // Sticky scanner: emoji-regex is written with surrogate-pair escapes and cannot share a `u` regex, so it
  // runs on its own (non-u) before the main alternatives, only where an emoji can start.
  const emoji = new RegExp(emojiRegex().source, 'y');
  const main = new RegExp(
    `(?<url>${URL})|(?<user>${userPattern})|(?<emoticon>${EMOTICON})|(?<mention>${MENTION})|(?<hashtag>${HASHTAG})|(?<word>${WORD})|(?<number>${NUMBER})|${PUNCT}|(?<other>\\S)`,
    'yu',
  );
  const lemmaCache = new Map<string, string>();

  const lemmaOf = (lower: string): string => {
    const cached = lemmaCache.get(lower);
    if (cached !== undefined) return cached;
    let lemma = lower;
    if (!lower.endsWith('ss')) lemma = lemmatizer.noun(lower);
    if (lemma === lower) lemma = lemmatizer.verb(lower);
    if (lemma === lower) lemma = lemmatizer.adjective(lower);
    if (lemmaCache.size >= LEMMA_CACHE_LIMIT) lemmaCache.clear();
    lemmaCache.set(lower, lemma);
    return lemma;
  };

  const pushWord = (out: Token[], surface: string, start: number, lemmatize: boolean): void => {
    let lower = surface.toLowerCase();
    if (lower.includes('’')) lower = lower.replaceAll('’', "'");
    const stop = STOP_WORDS_EN.has(lower);
    let norm = lower;
    if (lemmatize && !stop && lower.length >= 3 && !NEVER_STOP.has(lower) && /^[a-z]+$/.test(lower)) {
      norm = lemmaOf(lower);
    }
    out.push({ text: surface, norm, start, end: start + surface.length, kind: 'word', stop });
  };

  const pushNegated = (
    out: Token[],
    surface: string,
    start: number,
    split: number,
    lemmatize: boolean,
  ): void => {
    const stem = surface.slice(0, split);
    const stemLower = stem.toLowerCase();
    const treebank = TREEBANK_STEMS[stemLower];
    if (treebank !== undefined) {
      out.push({ text: stem, norm: treebank, start, end: start + split, kind: 'word', stop: true });
    } else if (stem.length > 0) {
      pushWord(out, stem, start, lemmatize);
    }
    const tail = surface.slice(split);
    out.push({
      text: tail,
      norm: 'not',
      start: start + split,
      end: start + surface.length,
      kind: 'word',
      stop: false,
    });
  };

  return {
    tokenize(text, from, to, out, lemmatize) {
      const slice = from === 0 && to === text.length ? text : text.slice(from, to);
      let pos = 0;
      while (pos < slice.length) {
        const code = slice.charCodeAt(pos);
        if (code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x3000 || code === 0xa0) {
          pos += 1;
          continue;
        }
        if (mayStartEmoji(slice, pos, code)) {
          emoji.lastIndex = pos;
          const found = emoji.exec(slice);
          if (found !== null) {
            const surface = found[0];
            out.push({
              text: surface,
              norm: surface,
              start: from + pos,
              end: from + pos + surface.length,
              kind: 'emoji',
              stop: false,
            });
            pos += surface.length;
            continue;
          }
        }
        main.lastIndex = pos;
        const match = main.exec(slice);
        if (match === null) {
          pos += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
          continue;
        }
        pos += match[0].length;
        pushMatch(out, match, from + match.index, lemmatize);
      }
    },
  };

  /** Turns one match of the main regex into one token (two for a negated contraction). */
  function pushMatch(out: Token[], match: RegExpExecArray, start: number, lemmatize: boolean): void {
    const surface = match[0];
    const groups = match.groups ?? {};
    if (groups.word !== undefined) {
      const lower = surface.toLowerCase();
      if (lower.length > 3 && NEGATED_CONTRACTION.test(lower)) {
        pushNegated(out, surface, start, surface.length - 3, lemmatize);
      } else if (NEGATED_WITHOUT_APOSTROPHE.has(lower)) {
        pushNegated(out, surface, start, surface.length - 2, lemmatize);
      } else {
        pushWord(out, surface, start, lemmatize);
      }
      return;
    }
    if (groups.user !== undefined) {
      const norm = surface.toLowerCase().replace(/\s+/g, ' ');
      out.push({ text: surface, norm, start, end: start + surface.length, kind: 'word', stop: false });
      return;
    }
    let kind: TokenKind = 'punct';
    if (groups.url !== undefined) kind = 'url';
    else if (groups.emoticon !== undefined) kind = 'emoticon';
    else if (groups.mention !== undefined) kind = 'mention';
    else if (groups.hashtag !== undefined) kind = 'hashtag';
    else if (groups.number !== undefined) kind = 'number';
    const norm = kind === 'emoticon' || kind === 'punct' ? surface : surface.toLowerCase();
    out.push({ text: surface, norm, start, end: start + surface.length, kind, stop: false });
  }
}

const NEGATED_CONTRACTION = /n['’]t$/;

/**
 * Cheap guard before the (large) emoji regex: non-ASCII from U+00A9 except CJK and full-width
 * punctuation (U+3000–303F but 〰 〽, U+FF00–FFEF), or a keycap base (#, *, 0-9) followed by FE0F/20E3.
 */
function mayStartEmoji(text: string, pos: number, code: number): boolean {
  if (code >= 0x3000 && code <= 0x303f) return code === 0x3030 || code === 0x303d;
  if (code >= 0xff00 && code <= 0xffef) return false;
  if (code >= 0xa9) return true;
  if (code === 0x23 || code === 0x2a || (code >= 0x30 && code <= 0x39)) {
    const next = text.charCodeAt(pos + 1);
    return next === 0xfe0f || next === 0x20e3;
  }
  return false;
}
