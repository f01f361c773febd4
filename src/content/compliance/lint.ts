import { InputError } from '../../core/errors.js';
import { type ContentKind, type ContentLocale, type FieldSpec, type FormatId, formats } from '../channels.js';
import type { BrandVoice, ContentPiece, LintFinding, LintResult } from '../types.js';
import { findEmoji } from './emoji.js';
import {
  lintBanned,
  lintLength,
  lintPii,
  lintPlaceholders,
  lintSlots,
  lintTerms,
  type PiiDetector,
} from './field-rules.js';
import { makeFinding } from './rules.js';
import { optOutEn } from './terms-en.js';
import { optOutZh } from './terms-zh.js';

/**
 * Compliance lint of marketing content: a generated piece (`lintPiece`) or a bare line
 * (`lintText`, for `content lint --input FILE`). Field-local rules are in field-rules.ts; the
 * rules here look at the whole piece: opt-out, required disclaimers and the emoji budget.
 */

export interface LintOptions {
  readonly brand?: BrandVoice;
  /** PII detector (the app passes src/pii's detectPii); lint skips the pii rule when absent. */
  readonly detectPii?: PiiDetector;
}

export interface TextContext {
  readonly locale: ContentLocale;
  readonly format?: FormatId;
  readonly field?: string;
  readonly kind?: ContentKind;
}

interface FieldText {
  /** Name reported on findings (undefined for a bare line without a field). */
  readonly name: string | undefined;
  readonly text: string;
  readonly spec: FieldSpec | undefined;
}

function checkLocale(locale: string): asserts locale is ContentLocale {
  if (locale !== 'en' && locale !== 'zh') {
    throw new InputError('invalid_locale', `content lint supports locales en and zh, not "${locale}"`);
  }
}

function checkFormat(format: string): void {
  if (!(format in formats)) {
    throw new InputError('unknown_format', `content lint does not know the format "${format}"`, {
      hint: `formats: ${Object.keys(formats).join(', ')}`,
    });
  }
}

/** True when `text` tells the recipient how to opt out (email may use the unsubscribe slot). */
export function hasOptOut(text: string, locale: ContentLocale, format: FormatId): boolean {
  if (format === 'email' && /\{\{\s*unsubscribe_url\s*\}\}/.test(text)) return true;
  return (locale === 'zh' ? optOutZh : optOutEn).some((pattern) => pattern.test(text));
}

/** Whitespace-collapsed, case-folded (en), without final punctuation: how disclaimers are compared. */
function normaliseForDisclaimer(text: string, locale: ContentLocale): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return locale === 'en' ? collapsed.toLowerCase() : collapsed;
}

/** The disclaimer texts `brand` requires for `kind` in `locale`. */
export function requiredDisclaimers(brand: BrandVoice, kind: ContentKind, locale: ContentLocale): string[] {
  return brand.requiredDisclaimers
    .filter((d) => d.kinds.includes(kind))
    .map((d) => d.text[locale])
    .filter((text) => text !== undefined && text.trim() !== '');
}

/** True when `text` contains `disclaimer` (ignoring spacing, en case and the final full stop). */
export function containsDisclaimer(text: string, disclaimer: string, locale: ContentLocale): boolean {
  const wanted = normaliseForDisclaimer(disclaimer, locale).replace(/[。.!！]+$/u, '');
  return normaliseForDisclaimer(text, locale).includes(wanted);
}

/** Emoji findings over all fields in order: every emoji under `none`, those after the 2nd under `sparing`. */
function lintEmojiBudget(fields: readonly FieldText[], brand: BrandVoice): LintFinding[] {
  if (brand.emojiPolicy === 'free') return [];
  const limit = brand.emojiPolicy === 'none' ? 0 : 2;
  const findings: LintFinding[] = [];
  let count = 0;
  for (const field of fields) {
    for (const span of findEmoji(field.text)) {
      count++;
      if (count <= limit) continue;
      findings.push(
        makeFinding('emoji_policy', {
          field: field.name,
          match: span.emoji,
          start: span.start,
          end: span.end,
          count,
          limit,
          severity: limit === 0 ? 'error' : 'warning',
        }),
      );
    }
  }
  return findings;
}

interface PieceScope {
  readonly locale: ContentLocale;
  readonly format: FormatId | undefined;
  readonly kind: ContentKind | undefined;
  /** Whether the fields hold the whole message (opt-out and disclaimers are checked only then). */
  readonly whole: boolean;
  /** Field the opt-out and disclaimers belong in (the format's last field). */
  readonly tailField: string | undefined;
}

function lintFields(fields: readonly FieldText[], scope: PieceScope, options: LintOptions): LintResult {
  const { locale } = scope;
  const findings: LintFinding[] = [];
  for (const field of fields) {
    findings.push(...lintTerms(field.text, locale, field.name));
    findings.push(...lintSlots(field.text, field.name));
    findings.push(...lintPlaceholders(field.text, field.name));
    if (options.detectPii) findings.push(...lintPii(field.text, options.detectPii, field.name));
    if (options.brand) findings.push(...lintBanned(field.text, locale, options.brand, field.name));
    if (field.spec) findings.push(...lintLength(field.text, field.spec, locale, field.name));
  }
  const joined = fields.map((f) => f.text).join('\n\n');
  if (scope.whole && scope.format !== undefined && formats[scope.format].requiresOptOut) {
    if (!hasOptOut(joined, locale, scope.format)) {
      findings.push(makeFinding('missing_opt_out', { field: scope.tailField }));
    }
  }
  if (options.brand && scope.whole && scope.kind !== undefined) {
    for (const disclaimer of requiredDisclaimers(options.brand, scope.kind, locale)) {
      if (!containsDisclaimer(joined, disclaimer, locale)) {
        findings.push(
          makeFinding('missing_disclaimer', {
            field: scope.tailField,
            match: disclaimer,
            suggestion: disclaimer,
          }),
        );
      }
    }
  }
  if (options.brand) findings.push(...lintEmojiBudget(fields, options.brand));
  return { findings, passed: !findings.some((f) => f.severity === 'error') };
}

/**
 * Lint a generated piece: every field of its format (a missing field is linted as empty, so it
 * is reported too short), plus any extra field for content rules only.
 */
export function lintPiece(piece: ContentPiece, options: LintOptions = {}): LintResult {
  checkLocale(piece.locale);
  checkFormat(piece.format);
  const spec = formats[piece.format];
  const known = new Set(spec.fields.map((f) => f.name));
  const fields: FieldText[] = [
    ...spec.fields.map((f) => ({ name: f.name, text: piece.fields[f.name] ?? '', spec: f })),
    ...Object.entries(piece.fields)
      .filter(([name]) => !known.has(name))
      .map(([name, text]) => ({ name, text, spec: undefined })),
  ];
  const scope: PieceScope = {
    locale: piece.locale,
    format: piece.format,
    kind: piece.kind,
    whole: true,
    tailField: spec.fields[spec.fields.length - 1]?.name,
  };
  return lintFields(fields, scope, options);
}

/**
 * Lint a bare line. With `format` and `field` (or a single-field format) the field's length
 * limits apply; opt-out and disclaimers are checked when the line is the whole message or the
 * format's last field (an email body, not its subject). `kind` defaults to the format's kind.
 */
export function lintText(text: string, context: TextContext, options: LintOptions = {}): LintResult {
  checkLocale(context.locale);
  let spec: FieldSpec | undefined;
  let whole = true;
  const tailField: string | undefined = context.field;
  if (context.format !== undefined) {
    checkFormat(context.format);
    const format = formats[context.format];
    const last = format.fields[format.fields.length - 1];
    if (context.field !== undefined) {
      spec = format.fields.find((f) => f.name === context.field);
      if (spec === undefined) {
        throw new InputError('unknown_field', `format ${context.format} has no field "${context.field}"`, {
          hint: `fields: ${format.fields.map((f) => f.name).join(', ')}`,
        });
      }
      whole = spec === last;
    } else if (format.fields.length === 1) {
      spec = format.fields[0];
    }
  }
  const kind = context.kind ?? (context.format === undefined ? undefined : formats[context.format].kind);
  const scope: PieceScope = { locale: context.locale, format: context.format, kind, whole, tailField };
  return lintFields([{ name: context.field, text, spec }], scope, options);
}
