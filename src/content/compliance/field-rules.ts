import { findPlaceholders } from '../../pii/index.js';
import { type ContentLocale, type FieldSpec, measureLength, slotLengths } from '../channels.js';
import type { BrandVoice, LintFinding } from '../types.js';
import { makeFinding } from './rules.js';
import { findTerms, replacementFor, type TermEntry } from './term-match.js';
import { financialTermsEn, medicalTermsEn, superlativeTermsEn } from './terms-en.js';
import { absoluteTermsZh, financialTermsZh, medicalTermsZh } from './terms-zh.js';

/**
 * The rules that look at one field's text on its own: term lists, slots, PII, banned words and
 * length. Each returns findings with offsets into that text; `field` is copied onto them.
 */

export type PiiDetector = (text: string) => readonly { kind: string; start: number; end: number }[];

const termsByLocale: Readonly<Record<ContentLocale, readonly TermEntry[]>> = {
  zh: [...absoluteTermsZh, ...medicalTermsZh, ...financialTermsZh],
  en: [...superlativeTermsEn, ...medicalTermsEn, ...financialTermsEn],
};

/** Absolute/superlative, medical and financial claims in `text`, from the list of its locale. */
export function lintTerms(text: string, locale: ContentLocale, field?: string): LintFinding[] {
  return findTerms(text, termsByLocale[locale]).map((match) => {
    const suggestion = replacementFor(match, text);
    return makeFinding(match.entry.rule, {
      field,
      match: match.text,
      start: match.start,
      end: match.end,
      ...(suggestion === undefined ? {} : { suggestion }),
      ...(match.entry.severity === undefined ? {} : { severity: match.entry.severity }),
      ...(match.entry.guaranteed ? { guaranteed: true } : {}),
    });
  });
}

/** Any `{{…}}`, including malformed names such as `{{First Name}}`, so typos are caught. */
export const anySlotPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Spans of every `{{…}}` in `text`. */
export function slotSpans(text: string): { start: number; end: number; name: string }[] {
  return [...text.matchAll(anySlotPattern)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    name: m[1] ?? '',
  }));
}

/** Levenshtein distance (Wagner–Fischer, O(|a|·|b|)), for suggesting the slot a typo meant. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known slot closest to `name` (after normalising case and separators), if within 2 edits. */
export function nearestSlot(name: string): string | undefined {
  const normalised = name.toLowerCase().replace(/[\s-]+/g, '_');
  let best: { slot: string; distance: number } | undefined;
  for (const slot of Object.keys(slotLengths)) {
    const distance = editDistance(normalised, slot);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { slot, distance };
  }
  return best?.slot;
}

/** Slots that are not in `slotLengths`: they would be sent as literal braces. */
export function lintSlots(text: string, field?: string): LintFinding[] {
  return slotSpans(text)
    .filter((slot) => !(slot.name in slotLengths))
    .map((slot) => {
      const near = nearestSlot(slot.name);
      return makeFinding('unknown_slot', {
        field,
        match: text.slice(slot.start, slot.end),
        start: slot.start,
        end: slot.end,
        ...(near === undefined ? {} : { suggestion: `{{${near}}}` }),
      });
    });
}

/** Personal data found by `detectPii`, reported by kind only; spans inside a slot are not PII. */
export function lintPii(text: string, detectPii: PiiDetector, field?: string): LintFinding[] {
  const slots = slotSpans(text);
  const seen = new Set<string>();
  const findings: LintFinding[] = [];
  const spans = [...detectPii(text)].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const span of spans) {
    if (slots.some((slot) => slot.start < span.end && span.start < slot.end)) continue;
    const key = `${span.start}:${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(makeFinding('pii', { field, match: span.kind, start: span.start, end: span.end }));
  }
  return findings;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Privacy placeholders (`[EMAIL_1]` …) left in the text by a model that echoed its redacted prompt. */
export function lintPlaceholders(text: string, field?: string): LintFinding[] {
  return findPlaceholders(text).map((p) =>
    makeFinding('privacy_placeholder', { field, match: p.text, start: p.start, end: p.end }),
  );
}

/** Brand-banned words: English case-insensitive on word boundaries, Chinese as substrings. */
export function lintBanned(
  text: string,
  locale: ContentLocale,
  brand: BrandVoice,
  field?: string,
): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const word of brand.bannedWords[locale] ?? []) {
    if (word.trim() === '') continue;
    const source =
      locale === 'en' ? `(?<![\\p{L}\\p{N}_])${escapeRegExp(word)}(?![\\p{L}\\p{N}_])` : escapeRegExp(word);
    for (const m of text.matchAll(new RegExp(source, 'giu'))) {
      findings.push(
        makeFinding('banned_word', { field, match: m[0], start: m.index, end: m.index + m[0].length }),
      );
    }
  }
  return findings.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

/** too_long (error) above the field's maximum, too_short (warning) below its minimum. */
export function lintLength(
  text: string,
  spec: FieldSpec,
  locale: ContentLocale,
  field?: string,
): LintFinding[] {
  const length = measureLength(text, spec.measure);
  const max = spec.max[locale];
  if (length > max) return [makeFinding('too_long', { field, length, limit: max })];
  if (spec.min !== undefined && length < spec.min) {
    return [makeFinding('too_short', { field, length, limit: spec.min })];
  }
  return [];
}
