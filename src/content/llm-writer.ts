import { z } from 'zod';
import { InputError, InternalError } from '../core/errors.js';
import { type PromptMessage, type PromptTemplate, renderPrompt } from '../core/prompt-template.js';
import { type ContentLocale, type FormatId, formats, slotsIn } from './channels.js';
import { occasionGuidance } from './prompts/guidance.js';
import { builtInPrompts, promptIdByKind, repairPromptId } from './prompts/index.js';
import {
  audienceData,
  baseValues,
  findingsData,
  offerData,
  pieceData,
  productData,
} from './prompts/values.js';
import type { BrandVoice, ContentPiece, ContentRequest, LintFinding } from './types.js';

/**
 * The pure half of LLM content writing: a content request → chat messages (from a versioned,
 * overridable prompt template) and a JSON schema for the answer; the validated answer → content
 * pieces; a piece and its lint findings → a repair prompt. The calls themselves (privacy guard,
 * structured output, retries) happen in the llm layer, wired by the app.
 */

export { builtInPrompts } from './prompts/index.js';

/** At most this many variants per LLM call; ask in batches for more (long JSON answers degrade). */
export const maxLlmVariants = 20;

export interface ContentPrompt {
  readonly messages: PromptMessage[];
  /** Template id and version, e.g. `content.email@1`; goes into each piece's `source`. */
  readonly source: string;
  /** Name of the answer schema for tool / json_schema structured modes (`[A-Za-z0-9_]+`). */
  readonly schemaName: string;
}

/** Template variables that carry user-supplied text and must stay `data` in an override. */
const dataVariables = ['festival', 'product', 'audience', 'offer', 'piece', 'findings'];

function checkFormat(format: FormatId, caller: string): void {
  if (!Object.hasOwn(formats, format)) {
    throw new InputError('unknown_format', `${caller}: unknown content format "${format}"`, {
      hint: `formats: ${Object.keys(formats).join(', ')}`,
    });
  }
}

function checkVariants(variants: number, caller: string): void {
  if (!Number.isInteger(variants) || variants < 1 || variants > maxLlmVariants) {
    throw new InputError(
      'invalid_variants',
      `${caller}: variants must be an integer from 1 to ${maxLlmVariants}, got ${variants}`,
      { hint: 'ask for more variants in several calls' },
    );
  }
}

function schemaNameFor(format: FormatId): string {
  return `content_${format}`;
}

/**
 * The zod schema of the LLM's answer for `format`: `{ variants: [...] }` with 1..`variants`
 * objects, each with exactly the format's field names as non-empty (after trimming) strings.
 * Strict objects, so the JSON Schema derived from it has `additionalProperties: false`
 * (required by OpenAI strict structured outputs).
 *
 * Example: `contentOutputSchema('search_ad', 3)` accepts
 * `{"variants":[{"headline":"Warm merino","description":"Soft, breathable knit for cold days."}]}`.
 */
export function contentOutputSchema(
  format: FormatId,
  variants: number,
): z.ZodType<{ variants: Record<string, string>[] }> {
  checkFormat(format, 'contentOutputSchema');
  checkVariants(variants, 'contentOutputSchema');
  const shape = Object.fromEntries(
    formats[format].fields.map((field) => [field.name, z.string().trim().min(1)]),
  );
  return z.strictObject({ variants: z.array(z.strictObject(shape)).min(1).max(variants) });
}

/**
 * The template for `id` in `locale`: the user's override when there is one, else the built-in.
 * An override must be for the same id and locale, keep user-supplied variables typed `data`
 * (so they stay fenced), and carry a version different from the built-in's, so that a piece's
 * `source` tells which prompt wrote it.
 */
export function resolvePrompt(
  id: string,
  locale: ContentLocale,
  overrides?: ReadonlyMap<string, PromptTemplate>,
): PromptTemplate {
  const key = `${id}.${locale}`;
  const builtIn = builtInPrompts.get(key);
  if (!builtIn) throw new InternalError('missing_prompt', `no built-in prompt template ${key}`);
  const override = overrides?.get(key);
  if (!override) return builtIn;
  if (override.id !== id || override.locale !== locale) {
    throw new InputError(
      'prompt_override_mismatch',
      `prompt override for ${key} declares id "${override.id}" and locale "${override.locale}"`,
      { hint: `a file overriding ${key} must say id: ${id} and locale: ${locale}` },
    );
  }
  if (override.version === builtIn.version) {
    throw new InputError(
      'prompt_override_version',
      `prompt override for ${key} has version ${override.version}, the same as the built-in template`,
      {
        hint: `give the override its own version (e.g. ${builtIn.version + 100}) so results record which prompt made them`,
      },
    );
  }
  for (const name of dataVariables) {
    const type = override.variables[name];
    if (type !== undefined && type !== 'data') {
      throw new InputError(
        'prompt_override_unsafe',
        `prompt override ${override.id}@${override.version} declares "${name}" as ${type}; it carries user-supplied text and must be data`,
        { hint: `declare ${name}:data so its text is fenced as data` },
      );
    }
  }
  return override;
}

/**
 * Turns a content request into chat messages for an LLM, with the brand voice, the format's fields
 * and limits (channels.ts), the compliance rules and the answer shape. Product facts, audience,
 * festival name and offer go in as fenced `data`.
 *
 * Example: a `{kind: 'email', format: 'email', locale: 'zh', occasion: 'birthday', variants: 3}`
 * request gives a system and a user message from `content.email@1` and `schemaName: 'content_email'`.
 */
export function buildContentPrompt(
  request: ContentRequest,
  brand: BrandVoice,
  overrides?: ReadonlyMap<string, PromptTemplate>,
): ContentPrompt {
  const caller = 'buildContentPrompt';
  checkFormat(request.format, caller);
  const spec = formats[request.format];
  if (spec.kind !== request.kind) {
    throw new InputError(
      'format_kind_mismatch',
      `${caller}: format "${request.format}" writes ${spec.kind} content, not ${request.kind}`,
    );
  }
  if (request.locale !== 'en' && request.locale !== 'zh') {
    throw new InputError('unknown_locale', `${caller}: locale must be en or zh, got "${request.locale}"`);
  }
  checkVariants(request.variants, caller);
  if (request.kind === 'description' && !request.product) {
    throw new InputError('missing_product', `${caller}: a product description needs the product's facts`, {
      hint: 'pass request.product with at least its name and category',
    });
  }
  const { locale } = request;
  const template = resolvePrompt(promptIdByKind[request.kind], locale, overrides);
  const festival = request.festival?.trim();
  const rendered = renderPrompt(template, {
    ...baseValues(
      brand,
      request.format,
      request.kind,
      locale,
      request.variants,
      request.offer?.couponSlot === true,
    ),
    occasion: request.occasion === undefined ? undefined : occasionText(request.occasion, locale),
    festival: festival === '' ? undefined : festival,
    product: request.product ? productData(request.product, locale) : undefined,
    audience: request.audience ? audienceData(request.audience, locale) : undefined,
    offer: request.offer ? offerData(request.offer, locale) : undefined,
  });
  return { ...rendered, schemaName: schemaNameFor(request.format) };
}

function occasionText(occasion: NonNullable<ContentRequest['occasion']>, locale: ContentLocale): string {
  const guidance = occasionGuidance[occasion];
  if (!guidance)
    throw new InputError('unknown_occasion', `buildContentPrompt: unknown occasion "${occasion}"`);
  return guidance[locale];
}

/**
 * Turns the LLM's validated answer into content pieces: trims each field (and normalises line
 * breaks), drops variants with an empty or missing field and exact duplicates, and keeps at most
 * `request.variants`. Near-duplicate removal happens later (`dedupeVariants`).
 */
export function piecesFromLlmOutput(
  output: { variants: Record<string, string>[] },
  request: ContentRequest,
  engine: string,
  source: string,
): ContentPiece[] {
  checkFormat(request.format, 'piecesFromLlmOutput');
  const spec = formats[request.format];
  const seen = new Set<string>();
  const pieces: ContentPiece[] = [];
  for (const variant of output.variants) {
    const fields: Record<string, string> = {};
    for (const field of spec.fields) {
      const value = variant[field.name];
      fields[field.name] = typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
    }
    if (Object.values(fields).some((value) => value === '')) continue;
    const key = JSON.stringify(spec.fields.map((field) => fields[field.name]));
    if (seen.has(key)) continue;
    seen.add(key);
    pieces.push({ format: spec.id, kind: spec.kind, locale: request.locale, fields, engine, source });
    if (pieces.length >= request.variants) break;
  }
  return pieces;
}

/**
 * A prompt asking for one corrected version of `piece` that fixes every finding: the piece (as
 * fenced data), the findings by rule, field and reason in the piece's language (PII by its kind
 * only), and the same brand voice, limits and rules as the writing prompt.
 */
export function buildRepairPrompt(
  piece: ContentPiece,
  findings: readonly LintFinding[],
  brand: BrandVoice,
  overrides?: ReadonlyMap<string, PromptTemplate>,
): ContentPrompt {
  checkFormat(piece.format, 'buildRepairPrompt');
  if (findings.length === 0) {
    throw new InputError('no_findings', 'buildRepairPrompt: the piece has no findings to repair');
  }
  const usesCoupon = Object.values(piece.fields).some((text) => slotsIn(text).includes('coupon_code'));
  const template = resolvePrompt(repairPromptId, piece.locale, overrides);
  const rendered = renderPrompt(template, {
    ...baseValues(brand, piece.format, piece.kind, piece.locale, 1, usesCoupon),
    piece: pieceData(piece),
    findings: findingsData(findings, piece.locale),
  });
  return { ...rendered, schemaName: schemaNameFor(piece.format) };
}
