import { InputError } from '../../core/errors.js';
import { deriveRng, type Rng } from '../../core/random.js';
import { type ContentLocale, type FieldSpec, type FormatId, formats, measureLength } from '../channels.js';
import type { BrandVoice, ContentPiece, ContentRequest } from '../types.js';
import { dedupeVariants } from '../variants.js';
import { buildFacts } from './facts.js';
import { dropOptionals, Expander, type Grammar, render } from './grammar.js';
import { grammars } from './grammars.js';
import { emojiLimit, limitEmoji, tidy } from './tidy.js';

/**
 * The template engine: writes marketing copy without any LLM by expanding per-language grammars
 * (see grammar.ts) over the request's facts, choosing expansions that fit each field's length
 * limits, and keeping only variants that are not near-duplicates of each other.
 *
 * Correct by construction: every field is measured with the format's own measure (slots counted
 * at their longest fill) and kept within [min, max]; optional parts are dropped before a
 * candidate is rejected; opt-out text and required disclaimers are appended (and budgeted) by
 * code, not by the grammar, so they cannot be forgotten.
 */

/** Bump when the grammars change: recorded in every piece's `source`. */
export const templateVersion = 1;

/** Opt-out text for formats that message a person (《通信短信息服务管理规定》, CAN-SPAM, TCPA). */
export const optOutTexts: Readonly<Partial<Record<FormatId, Readonly<Record<ContentLocale, string>>>>> = {
  sms: { en: 'Reply STOP to opt out', zh: '回T退订' },
  email: {
    en: 'Unsubscribe: {{unsubscribe_url}}',
    zh: '如不想再收到此类邮件，请点击{{unsubscribe_url}}退订',
  },
};

/** A neutral brand voice for when the configuration has none. */
export const defaultBrandVoice: BrandVoice = {
  name: { en: 'Our store', zh: '本店' },
  tone: 'friendly',
  vocabulary: { en: [], zh: [] },
  bannedWords: { en: [], zh: [] },
  requiredDisclaimers: [],
  emojiPolicy: 'none',
};

const maxVariants = 200;
const attemptsPerField = 12;

function validate(request: ContentRequest): void {
  const format = formats[request.format];
  if (!format)
    throw new InputError('unknown_format', `writeFromTemplate: unknown content format "${request.format}"`);
  if (format.kind !== request.kind)
    throw new InputError(
      'format_kind_mismatch',
      `writeFromTemplate: format "${request.format}" writes ${format.kind} content, not ${request.kind}`,
    );
  if (request.locale !== 'en' && request.locale !== 'zh')
    throw new InputError(
      'unknown_locale',
      `writeFromTemplate: locale must be en or zh, got "${request.locale}"`,
    );
  if (!Number.isInteger(request.variants) || request.variants < 1 || request.variants > maxVariants)
    throw new InputError(
      'invalid_variants',
      `writeFromTemplate: variants must be an integer from 1 to ${maxVariants}, got ${request.variants}`,
    );
  if (format.kind === 'description' && !request.product?.name?.trim())
    throw new InputError(
      'missing_product',
      `writeFromTemplate: ${request.format} needs request.product (with a name) to describe`,
      { hint: 'Pass the product facts: name, category, attributes, and optionally price and currency.' },
    );
}

/** The text appended to a field by code: required disclaimers, then the opt-out (which must come last). */
function suffixFor(request: ContentRequest, brand: BrandVoice, isLast: boolean, field: FieldSpec): string {
  if (!isLast) return '';
  const parts = brand.requiredDisclaimers
    .filter((disclaimer) => disclaimer.kinds.includes(request.kind))
    .map((disclaimer) => disclaimer.text[request.locale].trim())
    .filter(Boolean);
  const optOut = optOutTexts[request.format]?.[request.locale];
  if (optOut) parts.push(optOut);
  if (parts.length === 0) return '';
  const long = field.max[request.locale] >= 500;
  const separator = long ? '\n\n' : request.locale === 'en' ? ' ' : '';
  return separator + parts.join(separator);
}

interface FieldWriter {
  readonly expander: Expander;
  readonly locale: ContentLocale;
  readonly emojiMax: number;
  /** The brand's banned words for the locale, lower-cased: a rendering containing one is not used. */
  readonly bannedWords: readonly string[];
}

/** One field: random expansions until one fits (dropping optional parts first), else the shortest. */
function writeField(
  writer: FieldWriter,
  format: FormatId,
  field: FieldSpec,
  suffix: string,
  rng: Rng,
): string {
  const root = `${format}_${field.name}`;
  const { locale } = writer;
  const max = field.max[locale];
  const min = field.min ?? 0;
  const finish = (text: string): string => tidy(limitEmoji(text, writer.emojiMax), locale);
  const length = (text: string): number => measureLength(text + suffix, field.measure);
  const brand = writer.expander.context.facts.brand;
  // A short field that names the brand twice ("北风祝您生日快乐｜北风") reads as a template slip.
  const repeatsBrand = (text: string): boolean =>
    max <= 100 && brand !== undefined && brand !== '' && text.split(brand).length > 2;
  const inBounds = (text: string): boolean => text.length > 0 && length(text) <= max && length(text) >= min;
  const usesBannedWord = (text: string): boolean => {
    const lower = text.toLowerCase();
    return writer.bannedWords.some((word) => lower.includes(word));
  };
  // Nor one that says the same sentence or the same offer twice ("现享85折。现享85折。").
  const offer = writer.expander.context.facts.offer;
  const repeatsItself = (text: string): boolean => {
    const sentences = text
      .split(/[。！？!?.]/)
      .map((part) => part.trim())
      .filter((part) => part.length > 1);
    if (new Set(sentences).size < sentences.length) return true;
    return typeof offer === 'string' && offer !== '' && text.split(offer).length > 2;
  };
  const fits = (text: string): boolean =>
    inBounds(text) && !repeatsBrand(text) && !usesBannedWord(text) && !repeatsItself(text);
  let fallback: string | undefined;
  let longest: string | undefined;
  for (let attempt = 0; attempt < attemptsPerField; attempt++) {
    const expansion = writer.expander.expand(root, rng);
    const text = dropOptionals(expansion, fits, finish);
    if (text !== undefined) return text + suffix;
    fallback ??= dropOptionals(expansion, inBounds, finish);
    const full = finish(render(expansion));
    if (length(full) <= max && (longest === undefined || length(full) > length(longest))) longest = full;
  }
  // No random expansion fits: take one that only repeats the brand or uses a banned word (lint flags it), else the longest one under the
  // maximum (too short, which lint reports as a warning), else the shortest possible.
  if (fallback !== undefined) return fallback + suffix;
  if (longest !== undefined) return longest + suffix;
  const shortest = finish(writer.expander.shortest(root, (text) => measureLength(text, field.measure)));
  if (length(shortest) > max)
    throw new InputError(
      'content_does_not_fit',
      `writeFromTemplate: the ${locale} ${format} ${field.name} cannot fit in ${max} (${field.measure}); the shortest is ${length(shortest)}`,
      { hint: 'Shorten the brand name, product name or required disclaimer for this format.' },
    );
  return shortest + suffix;
}

/** Qualifiers for rule lookup, most specific first: occasion+tone, occasion, tone. */
function qualifiersFor(request: ContentRequest, brand: BrandVoice): string[] {
  const occasion = request.occasion ?? 'default';
  return [`${occasion}.${brand.tone}`, occasion, brand.tone];
}

function writeCandidate(
  request: ContentRequest,
  brand: BrandVoice,
  grammar: Grammar,
  index: number,
): Record<string, string> {
  const format = formats[request.format];
  const rng = deriveRng(request.seed, `${request.format}.${request.locale}#${index}`);
  // Emoji would switch an English SMS from GSM-7 (160 chars) to UCS-2 (70 chars), so none there.
  const allowEmoji = brand.emojiPolicy !== 'none' && !(request.format === 'sms' && request.locale === 'en');
  const facts = buildFacts(request, brand, rng, { allowEmoji });
  // Only messages sent to one person may greet them by name.
  if (!format.requiresOptOut) facts.name = undefined;
  const writer: FieldWriter = {
    expander: new Expander({ grammar, facts, qualifiers: qualifiersFor(request, brand) }),
    locale: request.locale,
    emojiMax: allowEmoji ? emojiLimit[brand.emojiPolicy] : 0,
    bannedWords: brand.bannedWords[request.locale].map((word) => word.trim().toLowerCase()).filter(Boolean),
  };
  const fields: Record<string, string> = {};
  format.fields.forEach((field, i) => {
    const suffix = suffixFor(request, brand, i === format.fields.length - 1, field);
    fields[field.name] = writeField(writer, request.format, field, suffix, rng);
  });
  return fields;
}

/** The text two variants are compared by: their fields in display order. */
function pieceText(fields: Readonly<Record<string, string>>): string {
  return Object.values(fields).join('\n\n');
}

/**
 * Writes `request.variants` distinct pieces from the templates (fewer only when the grammar cannot
 * produce that many that are under 0.8 similar to each other). Same request and seed → same output.
 *
 * Throws InputError for an unknown format or locale, a kind/format mismatch, a variant count
 * outside 1…200, a product description without a product, or content that cannot fit (e.g. a
 * disclaimer longer than the format allows).
 */
export function writeFromTemplate(request: ContentRequest, brand: BrandVoice): ContentPiece[] {
  validate(request);
  const grammar = grammars[request.locale];
  const candidates: Record<string, string>[] = [];
  const total = Math.max(16, request.variants * 6);
  let distinct: Record<string, string>[] = [];
  // Generate in rounds so small requests stop early; candidate i depends only on (seed, i).
  for (let index = 0; index < total; index++) {
    candidates.push(writeCandidate(request, brand, grammar, index));
    if ((index + 1) % 8 === 0 || index === total - 1) {
      distinct = dedupeVariants(candidates, pieceText);
      if (distinct.length >= request.variants) break;
    }
  }
  const source = `template:${request.format}.${request.occasion ?? 'default'}@${templateVersion}`;
  return distinct.slice(0, request.variants).map((fields) => ({
    format: request.format,
    kind: request.kind,
    locale: request.locale,
    fields,
    engine: 'template',
    source,
  }));
}
