import type { ContentKind, ContentLocale, FormatId } from '../channels.js';

/** One labelled line of the compliance lint's evaluation sets. */
export interface LintCase {
  readonly text: string;
  readonly locale: ContentLocale;
  readonly format?: FormatId;
  readonly field?: string;
  readonly kind?: ContentKind;
  /** Rule ids expected to fire; [] = clean. */
  readonly expected: readonly string[];
}
