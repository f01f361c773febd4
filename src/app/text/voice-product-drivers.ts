import { type AspectStats, aspectSummary, type TextPipeline } from '../../text/index.js';
import type { VoiceDocument } from './voice-documents.js';
import { type DriverQuote, quotesFor } from './voice-quotes.js';

/**
 * Satisfaction drivers per product category and per product: for each group with enough of our
 * customers' documents, the aspect customers like most and the one they complain about most (the
 * text domain's aspectSummary: net sentiment, driver score, correlation with the star rating), the
 * mean rating and negative share, and one quote per side. Categories come from the product
 * catalogue (`products.category` of `documents.product_id`); products with fewer than
 * `minDocuments` documents are left out rather than ranked on a handful of reviews.
 * Cost: O(documents · aspects) plus one extractive summary per quote.
 */

export interface GroupDriver {
  readonly aspect: string;
  readonly netSentiment: number;
  /** Documents of the group with an opinion on the aspect. */
  readonly documents: number;
  readonly ratingCorrelation: number | null;
  readonly quote: DriverQuote | null;
}

export interface GroupDrivers {
  readonly key: string;
  readonly name: string;
  readonly documents: number;
  readonly ratedDocuments: number;
  readonly meanRating: number | null;
  /** negative / labelled documents, null without labelled ones. */
  readonly negativeShare: number | null;
  readonly liked: GroupDriver | null;
  readonly disliked: GroupDriver | null;
}

export interface ProductDrivers {
  readonly minDocuments: number;
  readonly categories: readonly GroupDrivers[];
  /** The products with the most documents (at most `maxProducts`). */
  readonly products: readonly GroupDrivers[];
}

export interface ProductDriverOptions {
  readonly minDocuments?: number;
  readonly maxProducts?: number;
}

/** The aspect with the most opinions of a sign, ties by net sentiment then name. */
function strongest(aspects: readonly AspectStats[], sign: 1 | -1): AspectStats | undefined {
  const count = (a: AspectStats) => (sign === 1 ? a.positive : a.negative);
  return [...aspects]
    .filter((a) => count(a) > 0)
    .sort(
      (a, b) =>
        count(b) - count(a) || sign * (b.netSentiment - a.netSentiment) || (a.aspect < b.aspect ? -1 : 1),
    )[0];
}

function groupDrivers(
  key: string,
  name: string,
  docs: readonly VoiceDocument[],
  pipeline: TextPipeline,
): GroupDrivers {
  const [summary] = aspectSummary(docs.map((d) => ({ aspects: d.aspects, rating: d.rating, group: key })));
  const rated = docs.filter((d) => d.rating !== null);
  const labelled = docs.filter((d) => d.sentiment.label !== 'unknown');
  const side = (sign: 1 | -1): GroupDriver | null => {
    const stats = summary ? strongest(summary.aspects, sign) : undefined;
    if (!stats) return null;
    return {
      aspect: stats.aspect,
      netSentiment: stats.netSentiment,
      documents: stats.documents,
      ratingCorrelation: stats.ratingCorrelation,
      quote: quotesFor(docs, stats.aspect, sign, pipeline, 1)[0] ?? null,
    };
  };
  return {
    key,
    name,
    documents: docs.length,
    ratedDocuments: rated.length,
    meanRating: rated.length ? rated.reduce((sum, d) => sum + (d.rating as number), 0) / rated.length : null,
    negativeShare: labelled.length
      ? labelled.filter((d) => d.sentiment.label === 'negative').length / labelled.length
      : null,
    liked: side(1),
    disliked: side(-1),
  };
}

/** Groups with at least `min` documents, most documents first (ties by key). */
function groupsOf(
  docs: readonly VoiceDocument[],
  keyOf: (doc: VoiceDocument) => { key: string; name: string } | null,
  min: number,
): { key: string; name: string; docs: VoiceDocument[] }[] {
  const groups = new Map<string, { key: string; name: string; docs: VoiceDocument[] }>();
  for (const doc of docs) {
    const id = keyOf(doc);
    if (!id) continue;
    const group = groups.get(id.key) ?? { ...id, docs: [] };
    groups.set(id.key, group);
    group.docs.push(doc);
  }
  return [...groups.values()]
    .filter((g) => g.docs.length >= min)
    .sort((a, b) => b.docs.length - a.docs.length || (a.key < b.key ? -1 : 1));
}

/** Drivers per category and per product of `docs` (our customers' voice; see the module comment). */
export function productDrivers(
  docs: readonly VoiceDocument[],
  pipeline: TextPipeline,
  options: ProductDriverOptions = {},
): ProductDrivers {
  const minDocuments = options.minDocuments ?? 20;
  const maxProducts = options.maxProducts ?? 10;
  const categories = groupsOf(
    docs,
    (d) => (d.product?.category ? { key: d.product.category, name: d.product.category } : null),
    minDocuments,
  );
  const products = groupsOf(
    docs,
    (d) => (d.product ? { key: d.product.id, name: d.product.name } : null),
    minDocuments,
  ).slice(0, maxProducts);
  return {
    minDocuments,
    categories: categories.map((g) => groupDrivers(g.key, g.name, g.docs, pipeline)),
    products: products.map((g) => groupDrivers(g.key, g.name, g.docs, pipeline)),
  };
}
