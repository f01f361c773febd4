import type { PreparedText } from '../types.js';

export interface AttributedAspect {
  readonly brand: string;
  readonly aspect: string;
  readonly score: number;
}

type Span = { readonly start: number; readonly end: number };

/**
 * Which brand each aspect opinion in a document is about.
 *
 * Rule, per aspect mention (offsets into `doc.text`, as are the brand mentions — run
 * `brandMentions(doc.text, …)`):
 *   1. the clause (`doc.sentences` span) holding the aspect term names a brand → the nearest such
 *      mention before the term, else the nearest after it in the clause;
 *   2. otherwise the nearest brand mention before the term anywhere in the document
 *      ("… 蕨山的外观不错。物流也快" — the second sentence still talks about 蕨山);
 *   3. otherwise `fallbackBrand` (e.g. the brand of the reviewed product), or the mention is dropped.
 * A document without clause spans is one clause. Comparatives ("比蕨山的好用") are not resolved:
 * the opinion goes to the brand named in its clause.
 * Cost: O(a · (s + m)) for a aspect mentions, s clauses, m brand mentions (all small per document).
 * Example: 云雀的质量很好，但是蕨山的物流太慢 → [larkspur quality +0.8, fernhill logistics −0.7].
 */
export function attributeToBrands(
  doc: PreparedText,
  mentions: readonly { readonly brand: string; readonly start: number; readonly end: number }[],
  aspects: readonly {
    readonly aspect: string;
    readonly start: number;
    readonly end: number;
    readonly score: number;
  }[],
  fallbackBrand?: string,
): AttributedAspect[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const clauses: readonly Span[] =
    doc.sentences.length > 0 ? doc.sentences : [{ start: 0, end: doc.text.length }];
  const result: AttributedAspect[] = [];
  for (const aspect of aspects) {
    const clause = clauses.find((c) => c.start <= aspect.start && aspect.start < c.end);
    let brand: string | undefined;
    if (clause) {
      const inClause = sorted.filter((m) => m.start >= clause.start && m.end <= clause.end);
      brand = (inClause.filter((m) => m.start < aspect.start).at(-1) ?? inClause[0])?.brand;
    }
    brand ??= sorted.filter((m) => m.start < aspect.start).at(-1)?.brand ?? fallbackBrand;
    if (brand !== undefined) result.push({ brand, aspect: aspect.aspect, score: aspect.score });
  }
  return result;
}
