import type { PreparedText, Token } from '../types.js';
import { ZH_TOPIC_NOUNS } from './lexicon-zh.js';
import { symbolValence } from './modifiers.js';
import { type Modifier, type SentimentLexicon, splitModifiers } from './sentiment-lexicon.js';

/**
 * Opinion units of a prepared document: each lexicon hit (word, phrase, emoji) with the valence
 * it carries after negation and intensifiers. Shared by the lexicon engine and the aspect
 * extractor so both apply the same rules.
 *
 * Rules (Taboada et al. 2011, "Lexicon-based methods for sentiment analysis", SO-CAL; Hutto &
 * Gilbert 2014, "VADER", ICWSM):
 * - phrases first, longest match (token norms joined: without spaces for zh, with for en);
 * - a Chinese token unknown to the lexicon is split into modifiers + opinion word (很差 →
 *   很 + 差, 不太好 → 不 + 太 + 好) or topic noun + opinion word (价格便宜 → 价格 + 便宜);
 * - modifiers are looked for up to 3 tokens back, not across punctuation, the clause start or
 *   another opinion word; intensifiers multiply; a negator flips and damps (× −0.74, VADER's
 *   N_SCALAR); an intensifier between the negator and the word is inverted (不太好, "not very
 *   good" are milder than 不好, "not good": SO-CAL's order of application).
 * - after a comparative degree word (那么, 这么, "as") the negator may be up to 6 tokens back
 *   (没有想象中那么差 = not as bad as imagined: mildly positive);
 * - a word that is both a modifier and an opinion word (好, so, super, pretty) is a modifier when
 *   the next token is an opinion word (好贵 = very expensive).
 * Cost: O(tokens × phrase length).
 */

export interface OpinionUnit {
  /** Token range, inclusive. */
  readonly firstToken: number;
  readonly lastToken: number;
  /** Offsets into the document text of the opinion word itself. */
  readonly start: number;
  readonly end: number;
  /** The lexicon entry that matched. */
  readonly term: string;
  /** Valence of the entry. */
  readonly prior: number;
  /** Valence after negation and intensifiers, in [−1, 1]. */
  readonly value: number;
  readonly negated: boolean;
  readonly clause: number;
}

const NEGATION_SCALAR = -0.74;
const WINDOW = 3;
/** 没有想象中那么差 / "not as bad as": a comparative degree word reaches a negator further back. */
const COMPARATIVES: ReadonlySet<string> = new Set(['那么', '这么', '那样', '这样', 'as']);
const COMPARATIVE_WINDOW = 6;

const clauseCache = new WeakMap<PreparedText, Int32Array>();
const unitCache = new WeakMap<PreparedText, { lexicon: SentimentLexicon; units: readonly OpinionUnit[] }>();

/**
 * Clause index of every token (by its start offset); all 0 when the document has no spans.
 * Memoised per document object (prepared documents are immutable); treat the array as read-only.
 */
export function clauseOfTokens(doc: PreparedText): Int32Array {
  const cached = clauseCache.get(doc);
  if (cached) return cached;
  const clause = computeClauses(doc);
  clauseCache.set(doc, clause);
  return clause;
}

function computeClauses(doc: PreparedText): Int32Array {
  const clause = new Int32Array(doc.tokens.length);
  let k = 0;
  for (let i = 0; i < doc.tokens.length; i++) {
    const start = (doc.tokens[i] as Token).start;
    while (k + 1 < doc.sentences.length && start >= (doc.sentences[k + 1] as { start: number }).start) k++;
    clause[i] = k;
  }
  return clause;
}

const isWord = (token: Token): boolean =>
  token.kind === 'word' || token.kind === 'hashtag' || token.kind === 'number';

/** Lower-cased surface text; the norm itself when the text is already in that form. */
function lowerText(token: Token): string {
  return token.text === token.norm ? token.norm : token.text.toLowerCase();
}

function lookup(lexicon: SentimentLexicon, token: Token): { term: string; value: number } | undefined {
  const value = lexicon.terms.get(token.norm);
  if (value !== undefined) return { term: token.norm, value };
  const lower = lowerText(token);
  const other = lower === token.norm ? undefined : lexicon.terms.get(lower);
  return other === undefined ? undefined : { term: lower, value: other };
}

interface Resolved {
  readonly term: string;
  readonly prior: number;
  readonly inline: readonly Modifier[];
  readonly offset: number;
}

/** A fused Chinese token: the longest opinion suffix after modifiers or a topic noun. */
function resolveFused(lexicon: SentimentLexicon, text: string): Resolved | undefined {
  for (let cut = 1; cut < text.length; cut++) {
    const suffix = text.slice(cut);
    const prior = lexicon.terms.get(suffix);
    if (prior === undefined || prior === 0) continue;
    const prefix = text.slice(0, cut);
    const modifiers = splitModifiers('zh', prefix);
    if (modifiers) return { term: suffix, prior, inline: modifiers, offset: cut };
    if (ZH_TOPIC_NOUNS.has(prefix) || (prefix.length >= 2 && suffix.length >= 2))
      return { term: suffix, prior, inline: [], offset: cut };
  }
  return undefined;
}

/** The longest multi-token phrase starting at `first`, as the index of its last token. */
function matchPhrase(
  lexicon: SentimentLexicon,
  tokens: readonly Token[],
  clause: Int32Array,
  first: number,
): { last: number; term: string; value: number } | undefined {
  const joiner = lexicon.locale === 'zh' ? '' : ' ';
  const { prefixes, terms } = lexicon;
  const head = tokens[first] as Token;
  // The surface form (English before lemmatisation) is followed alongside the norm.
  let norms: string | undefined = prefixes.has(head.norm) ? head.norm : undefined;
  const lower = lowerText(head);
  let texts: string | undefined = prefixes.has(lower) ? lower : undefined;
  let best: { last: number; term: string; value: number } | undefined;
  for (let j = first + 1; j < tokens.length && j - first < 6 && (norms ?? texts) !== undefined; j++) {
    const token = tokens[j] as Token;
    if (!isWord(token) || clause[j] !== clause[first]) break;
    if (norms !== undefined) {
      norms += joiner + token.norm;
      if (!prefixes.has(norms)) norms = undefined;
    }
    if (texts !== undefined) {
      texts += joiner + lowerText(token);
      if (!prefixes.has(texts)) texts = undefined;
    }
    const byNorm = norms === undefined ? undefined : terms.get(norms);
    const byText =
      byNorm === undefined && texts !== undefined && texts !== norms ? terms.get(texts) : undefined;
    if (byNorm !== undefined) best = { last: j, term: norms as string, value: byNorm };
    else if (byText !== undefined) best = { last: j, term: texts as string, value: byText };
  }
  return best;
}

const MEMO_LIMIT = 50_000;

/** What a word is out of context: its opinion reading and the modifiers it consists of. */
interface WordInfo {
  readonly word: Resolved | undefined;
  readonly modifiers: readonly Modifier[] | undefined;
}

const memos = new WeakMap<SentimentLexicon, Map<string, WordInfo>>();

/** A word's opinion reading (direct or fused) and modifiers, ignoring context; memoised per lexicon. */
function wordInfo(lexicon: SentimentLexicon, token: Token): WordInfo {
  let memo = memos.get(lexicon);
  if (!memo) {
    memo = new Map();
    memos.set(lexicon, memo);
  }
  const lower = lowerText(token);
  const key = lower === token.norm ? token.norm : `${token.norm}\u0000${lower}`;
  const known = memo.get(key);
  if (known) return known;
  const direct = lookup(lexicon, token);
  const word = direct
    ? { term: direct.term, prior: direct.value, inline: [], offset: 0 }
    : lexicon.locale === 'zh'
      ? resolveFused(lexicon, token.norm)
      : undefined;
  const locale = lexicon.locale;
  const modifiers =
    splitModifiers(locale, token.norm) ?? (lower === token.norm ? undefined : splitModifiers(locale, lower));
  const info = { word, modifiers };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, info);
  return info;
}

/** Applies modifiers listed closest-first: intensifiers, then negation (see the rules above). */
export function applyModifiers(
  prior: number,
  closestFirst: readonly Modifier[],
): { value: number; negated: boolean } {
  const firstNegator = closestFirst.findIndex((m) => m.kind === 'negator');
  let value = prior;
  let negations = 0;
  closestFirst.forEach((modifier, index) => {
    if (modifier.kind === 'negator') negations++;
    else if (firstNegator >= 0 && index < firstNegator && modifier.multiplier > 1)
      value /= modifier.multiplier;
    else value *= modifier.multiplier;
  });
  const negated = negations % 2 === 1;
  if (negated) value *= NEGATION_SCALAR;
  return { value: Math.max(-1, Math.min(1, value)), negated };
}

/**
 * Finds every opinion unit of a document in the lexicon's language. Memoised per document and
 * lexicon, so the engine and the aspect extractor share one pass.
 */
export function findOpinionUnits(doc: PreparedText, lexicon: SentimentLexicon): readonly OpinionUnit[] {
  const cached = unitCache.get(doc);
  if (cached?.lexicon === lexicon) return cached.units;
  const units = scanUnits(doc, lexicon);
  unitCache.set(doc, { lexicon, units });
  return units;
}

function scanUnits(doc: PreparedText, lexicon: SentimentLexicon): OpinionUnit[] {
  const { tokens } = doc;
  const clause = clauseOfTokens(doc);
  const units: OpinionUnit[] = [];
  const taken = new Uint8Array(tokens.length);
  const push = (first: number, last: number, resolved: Resolved, start: number, end: number) => {
    const closestFirst = [...resolved.inline].reverse();
    let window = WINDOW;
    for (let k = first - 1, seen = 0; k >= 0 && seen < window && clause[k] === clause[first]; k--) {
      const token = tokens[k] as Token;
      if (!isWord(token) || taken[k]) break;
      seen++;
      if (COMPARATIVES.has(token.norm)) window = COMPARATIVE_WINDOW;
      const modifiers = wordInfo(lexicon, token).modifiers;
      if (modifiers)
        for (let m = modifiers.length - 1; m >= 0; m--) closestFirst.push(modifiers[m] as Modifier);
    }
    const { value, negated } = applyModifiers(resolved.prior, closestFirst);
    for (let k = first; k <= last; k++) taken[k] = 1;
    units.push({
      firstToken: first,
      lastToken: last,
      start,
      end,
      term: resolved.term,
      prior: resolved.prior,
      value,
      negated,
      clause: clause[first] ?? 0,
    });
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'emoji' || token.kind === 'emoticon') {
      const prior = symbolValence(token.norm);
      if (prior !== 0) push(i, i, { term: token.norm, prior, inline: [], offset: 0 }, token.start, token.end);
      continue;
    }
    if (!isWord(token)) continue;
    const phrase = matchPhrase(lexicon, tokens, clause, i);
    if (phrase) {
      const last = tokens[phrase.last] as Token;
      if (phrase.value !== 0)
        push(
          i,
          phrase.last,
          { term: phrase.term, prior: phrase.value, inline: [], offset: 0 },
          token.start,
          last.end,
        );
      else for (let k = i; k <= phrase.last; k++) taken[k] = 1;
      i = phrase.last;
      continue;
    }
    const { word, modifiers } = wordInfo(lexicon, token);
    if (!word || word.prior === 0) continue;
    if (word.offset === 0 && modifiers && nextIsOpinion(lexicon, tokens, clause, i)) continue;
    push(i, i, word, token.start + word.offset, token.end);
  }
  return units;
}

/** True when the next word in the clause reads as an opinion (so a dual-use word modifies it). */
function nextIsOpinion(
  lexicon: SentimentLexicon,
  tokens: readonly Token[],
  clause: Int32Array,
  i: number,
): boolean {
  const next = tokens[i + 1];
  if (!next || !isWord(next) || clause[i + 1] !== clause[i]) return false;
  if (matchPhrase(lexicon, tokens, clause, i + 1)) return true;
  const { word } = wordInfo(lexicon, next);
  return word !== undefined && word.prior !== 0;
}
