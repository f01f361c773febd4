import type { PreparedText, Token } from '../types.js';

/** One candidate sentence of a summary. */
export interface SentenceUnit {
  readonly docId: string;
  /** The sentence, trimmed. */
  readonly text: string;
  /** Offsets into the document's `text`. */
  readonly start: number;
  readonly end: number;
  /** Content terms: `norm` of the non-stop word tokens, in order. */
  readonly terms: readonly string[];
}

export interface SentenceLimits {
  /** Sentences with Han characters need at least this many letters / digits (default 4). */
  readonly minHanChars: number;
  /** Other sentences need at least this many word tokens (default 3). */
  readonly minWords: number;
  /** Longer sentences are skipped (default 300 code units): run-ons and pasted walls of text. */
  readonly maxChars: number;
}

type Span = { start: number; end: number };

const SENTENCE_END = /[。！？!?…．.]["'”’」』)）]*$/u;
const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;

/**
 * Sentence spans of a document: the pipeline's clause spans merged back into sentences (a clause
 * joins the one before unless that one ends with sentence punctuation or a line break separates
 * them — contrast clauses such as 但是… / but… are halves of one sentence), or, when the document
 * has no spans, a split after sentence punctuation and line breaks.
 */
export function sentenceSpans(doc: PreparedText): Span[] {
  const text = doc.text;
  const spans: Span[] = [];
  if (doc.sentences.length > 0) {
    const clauses = [...doc.sentences].sort((a, b) => a.start - b.start);
    for (const clause of clauses) {
      const last = spans.at(-1);
      const joins =
        last !== undefined &&
        !SENTENCE_END.test(text.slice(last.start, last.end).trimEnd()) &&
        !text.slice(last.end, clause.start).includes('\n');
      if (joins) last.end = Math.max(last.end, clause.end);
      else spans.push({ start: clause.start, end: clause.end });
    }
  } else {
    let start = 0;
    for (const m of text.matchAll(/[。！？!?…]+["'”’」』)）]*|\.+["'”’)]*(?=\s|$)|\n+/gu)) {
      spans.push({ start, end: m.index + m[0].length });
      start = m.index + m[0].length;
    }
    spans.push({ start, end: text.length });
  }
  return spans.flatMap(({ start, end }) => {
    let s = start;
    let e = end;
    while (s < e && /\s/u.test(text[s] as string)) s++;
    while (e > s && /\s/u.test(text[e - 1] as string)) e--;
    return e > s ? [{ start: s, end: e }] : [];
  });
}

/** Index of the first token whose start is ≥ `offset` (tokens are in text order). */
function firstTokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when the sentence is too short to say anything (counted in Han characters or in words). */
function tooShort(text: string, wordCount: number, limits: SentenceLimits): boolean {
  if (HAN.test(text)) return (text.match(LETTER_OR_DIGIT)?.length ?? 0) < limits.minHanChars;
  return wordCount < limits.minWords;
}

/**
 * The summary candidates of a set of documents: sentences within the length limits that have at
 * least one content term. Cost: O(tokens + sentences · log tokens).
 */
export function sentenceUnits(
  docs: readonly { readonly id: string; readonly doc: PreparedText }[],
  limits: SentenceLimits,
): SentenceUnit[] {
  const units: SentenceUnit[] = [];
  for (const { id, doc } of docs) {
    for (const { start, end } of sentenceSpans(doc)) {
      const text = doc.text.slice(start, end);
      if (text.length > limits.maxChars) continue;
      const terms: string[] = [];
      let words = 0;
      for (let i = firstTokenAt(doc.tokens, start); i < doc.tokens.length; i++) {
        const token = doc.tokens[i] as Token;
        if (token.start >= end) break;
        if (token.kind !== 'word') continue;
        words += 1;
        if (!token.stop && token.norm !== '') terms.push(token.norm);
      }
      if (terms.length === 0 || tooShort(text, words, limits)) continue;
      units.push({ docId: id, text, start, end, terms });
    }
  }
  return units;
}
