import { type ContentLocale, type FormatSpec, formats, measureLength } from '../channels.js';
import type { ContentPiece, LintFinding } from '../types.js';
import { applyEdits, type Edit, removeUnits, tidy } from './edit.js';
import { findEmoji } from './emoji.js';
import { lintBanned, lintSlots, lintTerms } from './field-rules.js';
import { containsDisclaimer, hasOptOut, type LintOptions, lintPiece, requiredDisclaimers } from './lint.js';
import { optOutTextEn } from './terms-en.js';
import { optOutTextZh } from './terms-zh.js';
import { joinTail, trimToLength } from './trim.js';

/**
 * Deterministic repair of a piece, then a re-lint. In order: unfixable medical/financial claims
 * lose their clause (zh) or sentence (en); absolute, superlative and softenable medical terms and
 * mistyped slots are replaced by their suggestion; banned words and disallowed emoji are removed;
 * the opt-out sentence and required disclaimers are appended to the last field; fields over their
 * limit are trimmed at a sentence/word boundary (trim.ts) without touching the appended tail. PII
 * is not repaired (the generator must use slots). Running it twice gives the same piece.
 */

export interface FixResult {
  readonly piece: ContentPiece;
  /** Findings of the original piece that are gone. */
  readonly fixed: readonly LintFinding[];
  /** Findings of the repaired piece. */
  readonly remaining: readonly LintFinding[];
}

const replaceable = new Set(['absolute_term', 'superlative_claim', 'medical_claim', 'unknown_slot']);

/** Removes unfixable claims and applies suggestions until the field stops changing (at most 5 rounds). */
function repairClaims(text: string, locale: ContentLocale): string {
  let current = text;
  for (let round = 0; round < 5; round++) {
    const terms = lintTerms(current, locale);
    const removals = terms
      .filter(
        (f) => (f.rule === 'medical_claim' || f.rule === 'financial_claim') && f.suggestion === undefined,
      )
      .map((f) => ({ start: f.start ?? 0, end: f.end ?? 0 }));
    let next = removals.length > 0 ? removeUnits(current, removals, locale) : current;
    const edits: Edit[] = [...lintTerms(next, locale), ...lintSlots(next)]
      .filter((f) => replaceable.has(f.rule) && f.suggestion !== undefined && f.start !== undefined)
      .map((f) => ({ start: f.start ?? 0, end: f.end ?? 0, text: f.suggestion ?? '' }));
    next = applyEdits(next, edits);
    if (next === current) return current;
    current = tidy(next, locale);
  }
  return current;
}

/** Deletes the given spans and tidies the gap. */
function deleteSpans(
  text: string,
  spans: readonly { start: number; end: number }[],
  locale: ContentLocale,
): string {
  if (spans.length === 0) return text;
  return tidy(
    applyEdits(
      text,
      spans.map((s) => ({ ...s, text: '' })),
    ),
    locale,
  );
}

/** The text fixPiece appends (and trimming protects) at the end of the last field. */
function protectedTails(piece: ContentPiece, spec: FormatSpec, options: LintOptions): string[] {
  const tails: string[] = [];
  if (spec.requiresOptOut) {
    const texts = piece.locale === 'zh' ? optOutTextZh : optOutTextEn;
    tails.push(piece.format === 'email' ? texts.email : texts.sms);
  }
  if (options.brand) tails.push(...requiredDisclaimers(options.brand, piece.kind, piece.locale));
  return tails;
}

/**
 * Splits `text` into a head and the protected texts it already ends with (an opt-out or disclaimer
 * put there by an earlier fix or by the template), so trimming never cuts them.
 */
function splitTail(text: string, tails: readonly string[]): { head: string; tail: string } {
  let tailStart = text.length;
  for (let changed = true; changed; ) {
    changed = false;
    const before = text.slice(0, tailStart).replace(/[\s。.]+$/u, '');
    for (const candidate of tails) {
      const bare = candidate.replace(/[。.]+$/u, '');
      if (bare !== '' && before.endsWith(bare)) {
        tailStart = before.length - bare.length;
        changed = true;
        break;
      }
    }
  }
  return { head: text.slice(0, tailStart), tail: text.slice(tailStart) };
}

function findingKey(f: LintFinding): string {
  return `${f.rule}|${f.field ?? ''}|${f.match ?? ''}`;
}

/** Repairs `piece` as described above and re-lints it. */
export function fixPiece(piece: ContentPiece, options: LintOptions = {}): FixResult {
  const before = lintPiece(piece, options);
  const spec = formats[piece.format];
  const { locale } = piece;
  const fields: Record<string, string> = { ...piece.fields };
  const names = [
    ...spec.fields.map((f) => f.name),
    ...Object.keys(fields).filter((n) => !spec.fields.some((f) => f.name === n)),
  ];

  for (const name of names) {
    const text = fields[name];
    if (text === undefined) continue;
    let repaired = repairClaims(text, locale);
    if (options.brand)
      repaired = deleteSpans(repaired, spansOf(lintBanned(repaired, locale, options.brand)), locale);
    fields[name] = repaired;
  }

  // Emoji over the whole piece, in field order (the budget is per piece).
  if (options.brand && options.brand.emojiPolicy !== 'free') {
    let budget = options.brand.emojiPolicy === 'none' ? 0 : 2;
    for (const name of names) {
      const text = fields[name];
      if (text === undefined) continue;
      const spans = findEmoji(text);
      const keep = Math.min(budget, spans.length);
      budget -= keep;
      fields[name] = deleteSpans(text, spans.slice(keep), locale);
    }
  }

  // Append the disclaimers and the opt-out (which conventionally closes a message) to the last
  // field, then trim every field to its limit, never cutting into that tail.
  const tailName = spec.fields[spec.fields.length - 1]?.name;
  const tails = protectedTails(piece, spec, options);
  const paragraph = piece.format === 'email' || piece.kind === 'description' || piece.kind === 'story';
  for (const field of spec.fields) {
    const current = fields[field.name] ?? '';
    const additions =
      field.name === tailName ? missingTails(names.map((n) => fields[n] ?? '').join('\n\n')) : [];
    const limit = field.max[locale];
    if (additions.length === 0 && measureLength(current, field.measure) <= limit) continue;
    const { head, tail } = splitTail(current, tails);
    const fullTail = [tail.trim(), ...additions].reduce(
      (acc, part) => joinTail(acc, part, locale, false),
      '',
    );
    fields[field.name] = trimToLength(head, fullTail, limit, field.measure, locale, paragraph);
  }

  /** Required disclaimers absent from the piece, then the opt-out if absent. */
  function missingTails(joined: string): string[] {
    const missing: string[] = [];
    if (options.brand) {
      for (const disclaimer of requiredDisclaimers(options.brand, piece.kind, locale)) {
        if (!containsDisclaimer(joined, disclaimer, locale)) missing.push(disclaimer);
      }
    }
    if (spec.requiresOptOut && !hasOptOut(joined, locale, piece.format)) {
      const texts = locale === 'zh' ? optOutTextZh : optOutTextEn;
      missing.push(piece.format === 'email' ? texts.email : texts.sms);
    }
    return missing;
  }

  const fixedPiece: ContentPiece = { ...piece, fields };
  const after = lintPiece(fixedPiece, options);
  const pool = new Map<string, number>();
  for (const f of after.findings) pool.set(findingKey(f), (pool.get(findingKey(f)) ?? 0) + 1);
  const fixed = before.findings.filter((f) => {
    const left = pool.get(findingKey(f)) ?? 0;
    if (left > 0) pool.set(findingKey(f), left - 1);
    return left === 0;
  });
  return { piece: fixedPiece, fixed, remaining: after.findings };
}

function spansOf(findings: readonly LintFinding[]): { start: number; end: number }[] {
  return findings.map((f) => ({ start: f.start ?? 0, end: f.end ?? 0 }));
}
