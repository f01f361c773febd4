import { clauseOfTokens, findOpinionUnits, type OpinionUnit } from '../lexicon/opinion-units.js';
import { type SentimentLexicon, splitModifiers } from '../lexicon/sentiment-lexicon.js';
import type { AspectMention, Polarity, PreparedText, TextLocale, Token } from '../types.js';
import { type AspectTaxonomy, type CompiledTaxonomy, compileTaxonomy } from './taxonomy.js';

/**
 * Aspect-based sentiment by term matching and opinion proximity (the lexicon approach of Hu &
 * Liu 2004, "Mining and summarizing customer reviews", KDD: nearest opinion word to a feature
 * term). Each aspect term (multi-token, longest first, also the head or tail of a fused Chinese
 * token like 价格便宜) takes the nearest opinion unit in its clause within 4 tokens either side,
 * not across punctuation; the unit already carries negation and intensifiers (same rules as the
 * lexicon engine). Ties go to the opinion after the term (价格便宜, "delivery was fast"). An aspect
 * term that is itself an opinion word (便宜, overpriced, broke) uses its own valence. No opinion →
 * neutral, score 0.
 * Cost: O(tokens × max term length).
 *
 * Example: 价格便宜，但是质量很差 → [{ aspect: 'price', term: '价格', polarity: 'positive', opinion: '便宜' },
 * { aspect: 'quality', term: '质量', polarity: 'negative', opinion: '差' }].
 */

const WINDOW = 4;
const MAX_TERM_TOKENS = 5;
const POLARITY_BAND = 0.05;

interface TermMatch {
  readonly aspect: string;
  readonly term: string;
  readonly firstToken: number;
  readonly lastToken: number;
  readonly start: number;
  readonly end: number;
}

const isTermToken = (token: Token): boolean =>
  token.kind === 'word' || token.kind === 'hashtag' || token.kind === 'number';

/** Aspect terms of a document, longest first, non-overlapping. */
export function matchAspectTerms(
  doc: PreparedText,
  compiled: CompiledTaxonomy,
  locale: TextLocale,
): TermMatch[] {
  const terms = compiled.terms[locale];
  const prefixes = compiled.prefixes[locale];
  const joiner = locale === 'zh' ? '' : ' ';
  const { tokens } = doc;
  const found: TermMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i] as Token;
    if (!isTermToken(first)) continue;
    let best: TermMatch | undefined;
    let norms: string | undefined = '';
    let texts: string | undefined = '';
    for (let j = i; j < tokens.length && j - i < MAX_TERM_TOKENS && (norms ?? texts) !== undefined; j++) {
      const token = tokens[j] as Token;
      if (!isTermToken(token)) break;
      const lower = token.text === token.norm ? token.norm : token.text.toLowerCase();
      if (norms !== undefined)
        norms = prefixes.has(norms + (j > i ? joiner : '') + token.norm)
          ? norms + (j > i ? joiner : '') + token.norm
          : undefined;
      if (texts !== undefined)
        texts = prefixes.has(texts + (j > i ? joiner : '') + lower)
          ? texts + (j > i ? joiner : '') + lower
          : undefined;
      const term =
        norms !== undefined && terms.has(norms)
          ? norms
          : texts !== undefined && terms.has(texts)
            ? texts
            : undefined;
      if (term !== undefined)
        best = {
          aspect: terms.get(term) as string,
          term,
          firstToken: i,
          lastToken: j,
          start: first.start,
          end: token.end,
        };
    }
    best ??= locale === 'zh' && first.norm.length > 1 ? fusedAt(compiled, first, i) : undefined;
    if (best) {
      found.push(best);
      i = best.lastToken;
    }
  }
  return found;
}

type FusedSpan = {
  readonly aspect: string;
  readonly term: string;
  readonly from: number;
  readonly to: number;
};
const fusedMemo = new WeakMap<CompiledTaxonomy, Map<string, FusedSpan | null>>();

/** `fusedTerm` memoised per taxonomy and word, placed at the token. */
function fusedAt(compiled: CompiledTaxonomy, token: Token, index: number): TermMatch | undefined {
  let memo = fusedMemo.get(compiled);
  if (!memo) {
    memo = new Map();
    fusedMemo.set(compiled, memo);
  }
  let span = memo.get(token.norm);
  if (span === undefined) {
    span = fusedTerm(token.norm, compiled.terms.zh) ?? null;
    if (memo.size >= 50_000) memo.clear();
    memo.set(token.norm, span);
  }
  if (span === null) return undefined;
  const { aspect, term, from, to } = span;
  return {
    aspect,
    term,
    firstToken: index,
    lastToken: index,
    start: token.start + from,
    end: token.start + to,
  };
}

/**
 * The longest aspect term at the head or tail of a fused Chinese token (价格便宜 → 价格), or after
 * modifiers (太贵 → 贵).
 */
function fusedTerm(word: string, terms: ReadonlyMap<string, string>): FusedSpan | undefined {
  for (let cut = 1; cut < word.length; cut++) {
    const aspect = terms.get(word.slice(cut));
    if (aspect && splitModifiers('zh', word.slice(0, cut)))
      return { aspect, term: word.slice(cut), from: cut, to: word.length };
  }
  for (let length = word.length - 1; length >= 2; length--) {
    const head = word.slice(0, length);
    const headAspect = terms.get(head);
    if (headAspect) return { aspect: headAspect, term: head, from: 0, to: length };
    const tail = word.slice(word.length - length);
    const tailAspect = terms.get(tail);
    if (tailAspect) return { aspect: tailAspect, term: tail, from: word.length - length, to: word.length };
  }
  return undefined;
}

/** Token distance from a term to an opinion unit (0 when they overlap), or Infinity when blocked. */
function distance(
  doc: PreparedText,
  clause: number,
  match: TermMatch,
  unit: OpinionUnit,
  termClause: number,
): number {
  if (unit.clause !== clause || termClause !== clause) return Number.POSITIVE_INFINITY;
  if (unit.lastToken >= match.firstToken && unit.firstToken <= match.lastToken) return 0;
  const [from, to] =
    unit.firstToken > match.lastToken
      ? [match.lastToken, unit.firstToken]
      : [unit.lastToken, match.firstToken];
  for (let k = from + 1; k < to; k++)
    if ((doc.tokens[k] as Token).kind === 'punct') return Number.POSITIVE_INFINITY;
  return to - from;
}

const polarityOf = (score: number): Polarity =>
  score > POLARITY_BAND ? 'positive' : score < -POLARITY_BAND ? 'negative' : 'neutral';

/** Aspect mentions of a document with the polarity of their nearest opinion. */
export function extractAspects(
  doc: PreparedText,
  taxonomy: AspectTaxonomy,
  lexicons: Readonly<Record<TextLocale, SentimentLexicon>>,
): AspectMention[] {
  if (doc.lang !== 'zh' && doc.lang !== 'en') return [];
  const compiled = compileTaxonomy(taxonomy);
  const matches = matchAspectTerms(doc, compiled, doc.lang);
  if (matches.length === 0) return [];
  const units = findOpinionUnits(doc, lexicons[doc.lang]);
  const clauseOf = clauseOfTokens(doc);
  return matches.map((match) => {
    const clause = clauseOf[match.firstToken] ?? 0;
    const lastClause = clauseOf[match.lastToken] ?? 0;
    let best: { unit: OpinionUnit; distance: number; after: boolean } | undefined;
    for (const unit of units) {
      const d = distance(doc, clause, match, unit, lastClause);
      if (d > WINDOW) continue;
      const after = unit.firstToken > match.lastToken;
      if (!best || d < best.distance || (d === best.distance && after && !best.after))
        best = { unit, distance: d, after };
    }
    const base = { aspect: match.aspect, term: match.term, start: match.start, end: match.end };
    if (!best) return { ...base, polarity: 'neutral', score: 0 };
    return {
      ...base,
      polarity: polarityOf(best.unit.value),
      opinion: best.unit.term,
      score: best.unit.value,
    };
  });
}
