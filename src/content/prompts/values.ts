import { InputError } from '../../core/errors.js';
import {
  type ContentKind,
  type ContentLocale,
  type FieldSpec,
  type FormatId,
  formats,
  slotLengths,
} from '../channels.js';
import type { AudienceFacts, BrandVoice, ContentPiece, LintFinding, Offer, ProductFacts } from '../types.js';
import {
  emojiForbidden,
  emojiForbiddenNote,
  emojiGuidance,
  fieldLabels,
  formatGuidance,
  optOutGuidance,
  toneGuidance,
} from './guidance.js';

/**
 * The values the content prompt templates are rendered with. Trusted text (our guidance, the
 * operator's brand configuration, limits from channels.ts) goes in as `text` / `list`; everything
 * that comes from the catalogue, the customer base or a free-text request field (product facts,
 * persona, festival name, offer dates, a piece to repair, the findings quoting it) goes in as
 * `data`, which the engine fences in <data> blocks.
 */

export type PromptValues = Record<string, unknown>;

const slotNames = ['first_name', 'coupon_code', 'unsubscribe_url'] as const;
const slot = (name: string): string => `{{${name}}}`;

/** "- "headline" (headline): 8 to 30 width units (…)" — the field, its limit and the unit it is counted in. */
export function fieldLine(field: FieldSpec, locale: ContentLocale): string {
  const max = field.max[locale];
  const label = fieldLabels[field.name]?.[locale] ?? field.name;
  if (locale === 'zh') {
    const range = field.min === undefined ? `不超过 ${max}` : `${field.min}～${max}`;
    return field.measure === 'width'
      ? `"${field.name}"（${label}）：${range} 个宽度单位（汉字、全角标点和 emoji 各算 2，字母、数字和半角符号各算 1；全用汉字时最多 ${Math.floor(max / 2)} 个字）`
      : `"${field.name}"（${label}）：${range} 个字符（汉字、字母、数字、标点、空格和 emoji 都各算 1）`;
  }
  const range = field.min === undefined ? `at most ${max}` : `${field.min} to ${max}`;
  return field.measure === 'width'
    ? `"${field.name}" (${label}): ${range} width units (Chinese, Japanese and Korean characters, full-width punctuation and emoji count 2, any other character 1)`
    : `"${field.name}" (${label}): ${range} characters (every letter, digit, space, punctuation mark and emoji counts 1)`;
}

/** The JSON shape the answer must have, e.g. `{"variants": [{"subject": "…", "body": "…"}, …]}`. */
export function jsonShape(format: FormatId): string {
  const fields = formats[format].fields.map((field) => `"${field.name}": "…"`).join(', ');
  return `{"variants": [{${fields}}, …]}`;
}

function slotLengthNote(locale: ContentLocale): string {
  const parts = slotNames.map((name) => `${slot(name)} ${slotLengths[name] ?? 12}`);
  return locale === 'zh' ? parts.map((part) => part.replace(' ', ' 算 ')).join('，') : parts.join(', ');
}

/** Brand voice, format, limits, slots and answer shape: what every content and repair prompt needs. */
export function baseValues(
  brand: BrandVoice,
  format: FormatId,
  kind: ContentKind,
  locale: ContentLocale,
  variants: number,
  couponSlot: boolean,
): PromptValues {
  const spec = formats[format];
  const optOut = spec.requiresOptOut
    ? (optOutGuidance[format]?.[locale] ??
      (locale === 'zh' ? '必须写明读者如何退订。' : 'include a clear way to opt out of further messages.'))
    : undefined;
  return {
    brand_name: brand.name[locale],
    tone: toneGuidance[brand.tone][locale],
    emoji_policy: emojiForbidden[format]?.includes(locale)
      ? emojiForbiddenNote[locale]
      : emojiGuidance[brand.emojiPolicy][locale],
    vocabulary: [...brand.vocabulary[locale]],
    banned_words: [...brand.bannedWords[locale]],
    disclaimers: brand.requiredDisclaimers
      .filter((disclaimer) => disclaimer.kinds.includes(kind))
      .map((disclaimer) => disclaimer.text[locale]),
    main_field: spec.fields.at(-1)?.name ?? '',
    format_label: spec.label[locale],
    format_guidance: formatGuidance[format][locale],
    fields: spec.fields.map((field) => fieldLine(field, locale)),
    slot_lengths: slotLengthNote(locale),
    first_name_slot: slot('first_name'),
    coupon_code_slot: slot('coupon_code'),
    unsubscribe_url_slot: slot('unsubscribe_url'),
    coupon_slot: couponSlot ? slot('coupon_code') : undefined,
    opt_out: optOut,
    variants,
    json_shape: jsonShape(format),
  };
}

/** One line per fact; line breaks inside a value are folded so each fact stays on its line. */
function factLines(
  entries: readonly (readonly [string, string | undefined])[],
  locale: ContentLocale,
): string {
  const separator = locale === 'zh' ? '：' : ': ';
  return entries
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined && entry[1].trim() !== '')
    .map(([key, value]) => `${key.trim()}${separator}${value.replace(/\s*\n\s*/g, ' ').trim()}`)
    .join('\n');
}

/** The product's facts as `key: value` lines, in the request's language. */
export function productData(product: ProductFacts, locale: ContentLocale): string {
  const zh = locale === 'zh';
  const price =
    product.price === undefined
      ? undefined
      : `${product.price}${product.currency ? ` ${product.currency}` : ''}`;
  return factLines(
    [
      [zh ? '名称' : 'name', product.name],
      [zh ? '品类' : 'category', product.category],
      [zh ? '品牌' : 'brand', product.brand],
      [zh ? '价格' : 'price', price],
      ...Object.entries(product.attributes),
    ],
    locale,
  );
}

/** The audience (segment, persona, interests, consented attributes) as `key: value` lines. */
export function audienceData(audience: AudienceFacts, locale: ContentLocale): string {
  const zh = locale === 'zh';
  return factLines(
    [
      [zh ? '人群' : 'segment', audience.segment],
      [zh ? '画像' : 'persona', audience.personaLabel],
      [zh ? '兴趣' : 'interests', audience.interests?.join(zh ? '、' : ', ')],
      ...Object.entries(audience.attributes ?? {}),
    ],
    locale,
  );
}

/** The offer: discount (as 几折 in Chinese: 15% off = 8.5折) and end date. */
export function offerData(offer: Offer, locale: ContentLocale): string {
  const percent = offer.discountPercent;
  if (percent !== undefined && !(Number.isFinite(percent) && percent > 0 && percent < 100)) {
    throw new InputError(
      'invalid_offer',
      `offer.discountPercent must be between 0 and 100 (exclusive), got ${percent}`,
    );
  }
  const zhe = percent === undefined ? undefined : `${Math.round(100 - percent) / 10}折（优惠 ${percent}%）`;
  return locale === 'zh'
    ? factLines(
        [
          ['折扣', zhe],
          ['截止日期', offer.expires],
        ],
        locale,
      )
    : factLines(
        [
          ['discount', percent === undefined ? undefined : `${percent}% off`],
          ['ends', offer.expires],
        ],
        locale,
      );
}

function findingLine(finding: LintFinding, locale: ContentLocale): string {
  const zh = locale === 'zh';
  const where = finding.field === undefined ? (zh ? '整条' : 'whole piece') : `"${finding.field}"`;
  const severity = zh ? (finding.severity === 'error' ? '错误' : '提醒') : finding.severity;
  const parts = [
    zh
      ? `${finding.rule}（${severity}），${where}：${finding.reason.zh}`
      : `${finding.rule} (${severity}) in ${where}: ${finding.reason.en}`,
  ];
  // PII is named by its kind only (a kind id such as `phone`); the value itself never goes into a prompt.
  if (finding.rule === 'pii') {
    if (finding.match && /^[a-z][a-z_]{1,31}$/i.test(finding.match))
      parts.push(zh ? `信息类型：${finding.match}` : `kind of data: ${finding.match}`);
  } else {
    if (finding.match) parts.push(zh ? `问题文字："${finding.match}"` : `offending text: "${finding.match}"`);
    if (finding.suggestion)
      parts.push(zh ? `可改为："${finding.suggestion}"` : `suggested fix: "${finding.suggestion}"`);
  }
  return `- ${parts.join(zh ? '；' : '; ')}`;
}

/** The findings against a piece, one line each: rule, severity, field and reason in the piece's language. */
export function findingsData(findings: readonly LintFinding[], locale: ContentLocale): string {
  return findings.map((finding) => findingLine(finding, locale)).join('\n');
}

/** The piece's fields, in the format's order, as indented JSON (the shape the answer must have). */
export function pieceData(piece: ContentPiece): string {
  const ordered = Object.fromEntries(
    formats[piece.format].fields.map((field) => [field.name, piece.fields[field.name] ?? '']),
  );
  return JSON.stringify(ordered, null, 2);
}
