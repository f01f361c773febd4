import type { LintSeverity } from '../types.js';
import type { RuleId } from './rules.js';

/**
 * Term lists as data: each entry is a regular expression (with its exclusions written as
 * look-arounds next to it, so a reviewer sees the term and its hard negatives together), the rule
 * it belongs to and, when a word-for-word compliant wording exists, its replacement.
 */

export type TermRule = Extract<
  RuleId,
  'absolute_term' | 'superlative_claim' | 'medical_claim' | 'financial_claim'
>;

export interface TermEntry {
  readonly rule: TermRule;
  /** Matches the offending text; flags other than `g` are kept (en lists use `i`). */
  readonly pattern: RegExp;
  /**
   * Compliant wording for the matched text (a function also sees the text after the match, e.g.
   * to drop "a" before a plural); absent when the clause must go instead.
   */
  readonly replacement?: string | ((match: string, after: string) => string);
  /** Overrides the rule's default severity (e.g. guaranteed results → error). */
  readonly severity?: LintSeverity;
  /** Marks a guarantee of results (changes the reason's wording). */
  readonly guaranteed?: boolean;
}

export interface TermMatch {
  readonly entry: TermEntry;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const globalCache = new WeakMap<RegExp, RegExp>();

function globalOf(pattern: RegExp): RegExp {
  let global = globalCache.get(pattern);
  if (global === undefined) {
    global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globalCache.set(pattern, global);
  }
  global.lastIndex = 0;
  return global;
}

/**
 * All matches of `entries` in `text`. Within one rule, overlapping matches keep the longest (then
 * the earliest), so 全网最低价 is one finding, not three. Matches of different rules may overlap.
 * Cost: O(entries × |text|) regex scans.
 */
export function findTerms(text: string, entries: readonly TermEntry[]): TermMatch[] {
  const all: TermMatch[] = [];
  for (const entry of entries) {
    const regex = globalOf(entry.pattern);
    for (const m of text.matchAll(regex)) {
      if (m[0].length === 0) continue;
      all.push({ entry, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  // Per rule, sweep by start: an overlapping longer match replaces the last kept one (earlier
  // kept matches end before it starts, so they cannot overlap it). O(m log m) for m matches.
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const lastByRule = new Map<TermRule, TermMatch>();
  const kept = new Set<TermMatch>();
  for (const match of all) {
    const last = lastByRule.get(match.entry.rule);
    if (last !== undefined && match.start < last.end) {
      if (match.end - match.start <= last.end - last.start) continue;
      kept.delete(last);
    }
    kept.add(match);
    lastByRule.set(match.entry.rule, match);
  }
  return [...kept].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The replacement for a match in `text`; in Latin text it is capitalised when the match starts a
 * sentence with a capital ("The best …" → "A great …", but "Voted No. 1" → "Voted popular").
 */
export function replacementFor(match: TermMatch, text: string): string | undefined {
  const { replacement } = match.entry;
  if (replacement === undefined) return undefined;
  const value =
    typeof replacement === 'string' ? replacement : replacement(match.text, text.slice(match.end));
  const startsSentence = /(?:^|[.!?]\s+|\n)$/.test(text.slice(0, match.start));
  if (value.length > 0 && /[A-Z]/.test(match.text.charAt(0)) && startsSentence) {
    return value.charAt(0).toUpperCase() + value.slice(1);
  }
  return value;
}
