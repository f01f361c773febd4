import type { ContentKind, ContentLocale, FormatId } from './channels.js';

/** Shared shapes of the content domain: what is asked for, what is written, what lint finds. */

export type EmojiPolicy = 'none' | 'sparing' | 'free';

/** Brand-voice profile (config `brand`): how every piece sounds, whichever engine writes it. */
export interface BrandVoice {
  readonly name: Readonly<Record<ContentLocale, string>>;
  readonly tone: 'friendly' | 'premium' | 'playful' | 'professional';
  /** Words the brand likes to use, per language. */
  readonly vocabulary: Readonly<Record<ContentLocale, readonly string[]>>;
  /** Words the brand never uses (lint error), per language. */
  readonly bannedWords: Readonly<Record<ContentLocale, readonly string[]>>;
  /** Text that must appear in pieces of the given kinds (e.g. an investment risk note). */
  readonly requiredDisclaimers: readonly {
    readonly kinds: readonly ContentKind[];
    readonly text: Readonly<Record<ContentLocale, string>>;
  }[];
  readonly emojiPolicy: EmojiPolicy;
}

export interface ProductFacts {
  readonly id?: string;
  readonly name: string;
  readonly category: string;
  readonly brand?: string;
  readonly price?: number;
  readonly currency?: string;
  /** Attribute name → value, e.g. {material: "merino wool", 产地: "内蒙古"}. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** Who the piece is for: a segment persona and, where consent allows, the customer's attributes. */
export interface AudienceFacts {
  readonly segment?: string;
  readonly personaLabel?: string;
  readonly interests?: readonly string[];
  /** Only attributes the customer's consent allows; names go in as the `{{first_name}}` slot. */
  readonly attributes?: Readonly<Record<string, string>>;
}

export type Occasion =
  | 'launch'
  | 'promotion'
  | 'birthday'
  | 'anniversary'
  | 'win_back'
  | 'care'
  | 'restock'
  | 'festival';

export interface Offer {
  /** Percentage off, e.g. 15. */
  readonly discountPercent?: number;
  /** When true the piece carries a `{{coupon_code}}` slot. */
  readonly couponSlot?: boolean;
  /** ISO date the offer ends. */
  readonly expires?: string;
}

export interface ContentRequest {
  readonly kind: ContentKind;
  readonly format: FormatId;
  readonly locale: ContentLocale;
  readonly product?: ProductFacts;
  readonly audience?: AudienceFacts;
  readonly occasion?: Occasion;
  readonly offer?: Offer;
  /** Festival name when occasion = festival, e.g. 中秋 / Christmas. */
  readonly festival?: string;
  /** How many distinct variants to return. */
  readonly variants: number;
  readonly seed: number;
}

/** One written piece: its fields (e.g. subject/preheader/body), and how it was made. */
export interface ContentPiece {
  readonly format: FormatId;
  readonly kind: ContentKind;
  readonly locale: ContentLocale;
  readonly fields: Readonly<Record<string, string>>;
  /** `template` or the LLM's `provider/model`. */
  readonly engine: string;
  /** Template or prompt id and version that produced it, e.g. `email.birthday@3`. */
  readonly source: string;
}

export type LintSeverity = 'error' | 'warning';

export interface LintFinding {
  /** Rule id, e.g. `absolute_term`, `missing_opt_out`, `too_long`, `pii`, `banned_word`. */
  readonly rule: string;
  readonly severity: LintSeverity;
  /** Field of the piece the finding is in, when it is in one. */
  readonly field?: string;
  /** The offending text, when there is one (PII is given as its kind, never the value). */
  readonly match?: string;
  /** Character offsets in the field. */
  readonly start?: number;
  readonly end?: number;
  readonly reason: Readonly<Record<ContentLocale, string>>;
  /** A replacement that fixes it, when one is known. */
  readonly suggestion?: string;
}

export interface LintResult {
  readonly findings: readonly LintFinding[];
  /** No error-severity findings. */
  readonly passed: boolean;
}
