import type { LoadedConfig } from '../../core/config.js';
import type { Embedder } from '../../llm/embedding.js';
import type { Store } from '../../store/store.js';
import {
  type AspectComparison,
  type AspectStats,
  aspectSummary,
  type Bucket,
  brandComparison,
  bucketOf,
  type ComparisonItem,
  createTextPipeline,
  DEFAULT_ASPECT_TAXONOMY,
  emergingTerms,
  type ShareOfVoice,
  shareOfVoice,
  type TextPipeline,
} from '../../text/index.js';
import { isAboutOurs, loadVoiceDocuments, ourBrandKey, type VoiceDocument } from './voice-documents.js';
import { type ProductDrivers, productDrivers } from './voice-product-drivers.js';
import { type DriverQuote, hintOf, quotesFor } from './voice-quotes.js';
import { bucketRange, shiftBucket, type VoiceAlert, voiceSpikeAlerts } from './voice-spikes.js';
import type { VoiceAspectTerms, VoiceTopics } from './voice-topic-types.js';
import { voiceTopicsAndTerms } from './voice-topics.js';
import { voiceTopicsAndTermsEmbedded } from './voice-topics-embedded.js';

export type { DriverQuote };
export { shiftBucket };

/**
 * Voice of the customer from the stored per-document insights: the sentiment trend, the aspect ×
 * brand heatmap, our satisfaction drivers with quotes, emerging terms, negative-spike alerts,
 * share of voice, the aspect-by-aspect comparison with each competitor, topics and candidate aspect
 * terms (voice-topics.ts, on a seeded sample of at most 10 000 documents). Reads documents and
 * `doc_insights` (see voice-documents.ts), re-prepares texts with the pipeline for terms and
 * quotes, and calls the text domain for every statistic.
 */

export interface LocalizedName {
  readonly en: string;
  readonly zh: string;
}

export interface SatisfactionDriver {
  readonly aspect: string;
  readonly label: LocalizedName;
  readonly mentions: number;
  readonly documents: number;
  readonly netSentiment: number;
  readonly ratingCorrelation: number | null;
  readonly driverScore: number;
  readonly quotes: readonly DriverQuote[];
}

export interface VoiceInsights {
  /** Sentiment engines of the rows read, e.g. `lexicon` or `trained:<run>`. */
  readonly engine: string;
  /** Newest `text.analyze` run read, and all of them (newest first). */
  readonly modelRunId: string | null;
  readonly modelRunIds: readonly string[];
  readonly dataWindow: { readonly start: Date; readonly end: Date } | null;
  readonly documents: number;
  readonly unanalysed: number;
  readonly ours: string | null;
  readonly brandNames: Readonly<Record<string, LocalizedName>>;
  readonly aspectNames: Readonly<Record<string, LocalizedName>>;
  readonly sentimentTrend: {
    readonly bucket: Bucket;
    readonly buckets: readonly string[];
    readonly volume: readonly number[];
    readonly positive: readonly number[];
    readonly negative: readonly number[];
    readonly neutral: readonly number[];
    /** negative / (positive + negative + neutral); null without labelled documents. */
    readonly negativeShare: readonly (number | null)[];
  };
  readonly aspectHeatmap: {
    readonly aspects: readonly string[];
    /** Ours first, then competitors by mentions. */
    readonly brands: readonly string[];
    /** [aspect][brand]: documents with an opinion on the aspect attributed to the brand. */
    readonly mentions: readonly (readonly number[])[];
    /** [aspect][brand]: (positive − negative) / mentions, null without mentions. */
    readonly net: readonly (readonly (number | null)[])[];
  };
  readonly drivers: {
    readonly brand: string;
    readonly documents: number;
    readonly positive: readonly SatisfactionDriver[];
    readonly negative: readonly SatisfactionDriver[];
  } | null;
  readonly emergingTerms: {
    readonly bucket: Bucket;
    readonly terms: readonly {
      readonly term: string;
      readonly bucket: string;
      readonly count: number;
      readonly expected: number;
      readonly z: number;
      readonly exampleIds: readonly string[];
    }[];
  };
  readonly spikes: {
    readonly bucket: Bucket;
    readonly documents: number;
    readonly alerts: readonly VoiceAlert[];
  };
  readonly shareOfVoice: ShareOfVoice;
  readonly comparison: readonly AspectComparison[];
  /** Topics of the customer voice about our brand, per language (see voice-topics.ts). */
  readonly topics: VoiceTopics;
  /** Liked and disliked aspects per product category and per product (voice-product-drivers.ts). */
  readonly productDrivers: ProductDrivers;
  /** Candidate aspect terms expanded from the whole customer voice, for review. */
  readonly aspectTerms: VoiceAspectTerms;
}

/** Customer voice: everything but news (press releases are not customers). */
const isCustomerVoice = (doc: VoiceDocument) => doc.source !== 'news';
/**
 * Sources every brand has (reviews, social posts): brand-against-brand views use only these, since
 * support tickets and surveys exist for our brand alone and would make it look worse.
 */
const isComparable = (doc: VoiceDocument) => doc.source === 'review' || doc.source === 'social';
/** Satisfied / dissatisfied points listed per side. */
const DRIVERS = 3;

function sentimentTrend(docs: readonly VoiceDocument[], bucket: Bucket): VoiceInsights['sentimentTrend'] {
  const first = docs[0];
  const last = docs.at(-1);
  const buckets = first && last ? bucketRange(first.ts, last.ts, bucket) : [];
  const index = new Map(buckets.map((b, i) => [b, i]));
  const zeros = () => new Array<number>(buckets.length).fill(0);
  const volume = zeros();
  const positive = zeros();
  const negative = zeros();
  const neutral = zeros();
  for (const doc of docs) {
    const i = index.get(bucketOf(doc.ts, bucket)) as number;
    volume[i] = (volume[i] as number) + 1;
    const counts = { positive, negative, neutral, unknown: null }[doc.sentiment.label];
    if (counts) counts[i] = (counts[i] as number) + 1;
  }
  const negativeShare = buckets.map((_, i) => {
    const labelled = (positive[i] as number) + (negative[i] as number) + (neutral[i] as number);
    return labelled > 0 ? (negative[i] as number) / labelled : null;
  });
  return { bucket, buckets, volume, positive, negative, neutral, negativeShare };
}

/** Per document and brand, the mean score of each aspect attributed to the brand. */
function brandAspectOpinions(doc: VoiceDocument): Map<string, Map<string, number>> {
  const sums = new Map<string, Map<string, { sum: number; count: number }>>();
  for (const { brand, aspect, score } of doc.brandAspects) {
    const byAspect = sums.get(brand) ?? new Map<string, { sum: number; count: number }>();
    sums.set(brand, byAspect);
    const s = byAspect.get(aspect) ?? { sum: 0, count: 0 };
    byAspect.set(aspect, { sum: s.sum + score, count: s.count + 1 });
  }
  return new Map(
    [...sums].map(([brand, byAspect]) => [
      brand,
      new Map([...byAspect].map(([a, s]) => [a, s.sum / s.count])),
    ]),
  );
}

function aspectHeatmap(docs: readonly VoiceDocument[], ours: string | null): VoiceInsights['aspectHeatmap'] {
  const tallies = new Map<string, Map<string, { mentions: number; net: number }>>(); // aspect → brand
  const brandTotals = new Map<string, number>();
  const aspectTotals = new Map<string, number>();
  for (const doc of docs)
    for (const [brand, byAspect] of brandAspectOpinions(doc))
      for (const [aspect, score] of byAspect) {
        const byBrand = tallies.get(aspect) ?? new Map<string, { mentions: number; net: number }>();
        tallies.set(aspect, byBrand);
        const t = byBrand.get(brand) ?? { mentions: 0, net: 0 };
        byBrand.set(brand, { mentions: t.mentions + 1, net: t.net + Math.sign(score) });
        brandTotals.set(brand, (brandTotals.get(brand) ?? 0) + 1);
        aspectTotals.set(aspect, (aspectTotals.get(aspect) ?? 0) + 1);
      }
  const byCount = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
  const brands = byCount(brandTotals).sort((a, b) => Number(b === ours) - Number(a === ours));
  const aspects = byCount(aspectTotals).slice(0, 12);
  const cell = (aspect: string, brand: string) => tallies.get(aspect)?.get(brand);
  return {
    aspects,
    brands,
    mentions: aspects.map((a) => brands.map((b) => cell(a, b)?.mentions ?? 0)),
    net: aspects.map((a) =>
      brands.map((b) => {
        const t = cell(a, b);
        return t && t.mentions > 0 ? t.net / t.mentions : null;
      }),
    ),
  };
}

function drivers(
  docs: readonly VoiceDocument[],
  ours: string,
  pipeline: TextPipeline,
  names: Readonly<Record<string, LocalizedName>>,
): VoiceInsights['drivers'] {
  const mine = docs.filter((d) => isCustomerVoice(d));
  const [summary] = aspectSummary(mine.map((d) => ({ aspects: d.aspects, rating: d.rating, group: ours })));
  if (!summary) return null;
  const driver = (aspect: string, sign: 1 | -1): SatisfactionDriver => {
    const stats = summary.aspects.find((a) => a.aspect === aspect);
    return {
      aspect,
      label: names[aspect] ?? { en: aspect, zh: aspect },
      mentions: stats?.mentions ?? 0,
      documents: stats?.documents ?? 0,
      netSentiment: stats?.netSentiment ?? 0,
      ratingCorrelation: stats?.ratingCorrelation ?? null,
      driverScore: stats?.driverScore ?? 0,
      quotes: quotesFor(mine, aspect, sign, pipeline),
    };
  };
  // aspectSummary's drivers first (net sentiment of that sign), then the aspects with the most
  // opinions of that sign: a liked aspect can still be the most common complaint
  const side = (drivers: readonly string[], sign: 1 | -1) => {
    const count = (a: AspectStats) => (sign === 1 ? a.positive : a.negative);
    const more = [...summary.aspects]
      .filter((a) => count(a) > 0 && !drivers.includes(a.aspect))
      .sort((a, b) => count(b) - count(a) || (a.aspect < b.aspect ? -1 : 1))
      .map((a) => a.aspect);
    return [...drivers, ...more].slice(0, DRIVERS).map((a) => driver(a, sign));
  };
  return {
    brand: ours,
    documents: summary.documents,
    positive: side(summary.positiveDrivers, 1),
    negative: side(summary.negativeDrivers, -1),
  };
}

/** Content-word norms of a prepared text (the trend analyses' terms). */
function termsOf(pipeline: TextPipeline, doc: VoiceDocument): string[] {
  return pipeline
    .prepare(doc.text, hintOf(doc))
    .tokens.filter((t) => t.kind === 'word' && !t.stop)
    .map((t) => t.norm);
}

function emerging(
  docs: readonly VoiceDocument[],
  terms: ReadonlyMap<string, readonly string[]>,
  bucket: Bucket,
): VoiceInsights['emergingTerms'] {
  if (docs.length === 0) return { bucket, terms: [] };
  const found = emergingTerms(
    docs.map((d) => ({ ts: d.ts, terms: terms.get(d.id) ?? [] })),
    bucket,
    { mode: 'any', top: 25 },
  );
  return {
    bucket,
    terms: found.map((t) => ({
      ...t,
      exampleIds: docs
        .filter((d) => bucketOf(d.ts, bucket) === t.bucket && (terms.get(d.id) ?? []).includes(t.term))
        .slice(0, 3)
        .map((d) => d.id),
    })),
  };
}

function voiceShare(docs: readonly VoiceDocument[], brandKeys: readonly string[]): ShareOfVoice {
  const items = docs
    .filter((d) => d.source === 'social' || d.source === 'news')
    .map((d) => ({
      ts: d.ts,
      brands: [...new Set([...d.mentions, ...(d.brand ? [d.brand] : [])])],
      ...(d.sentiment.label === 'unknown' ? {} : { sentiment: d.sentiment.score }),
    }));
  return shareOfVoice(items, 'month', { brands: brandKeys });
}

/** One comparison item per document and brand its aspects are attributed to; the document's sentiment goes to its own brand. */
function comparison(docs: readonly VoiceDocument[], ours: string): AspectComparison[] {
  const items: ComparisonItem[] = [];
  for (const doc of docs) {
    if (!isComparable(doc)) continue;
    const opinions = brandAspectOpinions(doc);
    const own = doc.brand ?? (doc.mentions.length === 1 ? doc.mentions[0] : undefined);
    if (own && !opinions.has(own)) opinions.set(own, new Map());
    for (const [brand, byAspect] of opinions)
      items.push({
        brands: [brand],
        aspects: [...byAspect].map(([aspect, score]) => ({ aspect, score })),
        ...(brand === own && doc.sentiment.label !== 'unknown' ? { sentiment: doc.sentiment.score } : {}),
      });
  }
  return brandComparison(items, ours);
}

/**
 * The voice-of-the-customer insights of a workspace (see the module comment). `bucket` sets the
 * sentiment trend's and the emerging terms' calendar bucket (default week); `runId` reads one
 * `text.analyze` run instead of each document's newest; `embedder` (see `openEmbedder`) clusters topics
 * over embeddings of a sample and proposes aspect terms by embedding neighbours (voice-topics-embedded.ts).
 * Cost: O(documents · tokens) for re-preparing the texts, plus the domain functions' costs.
 */
export async function loadVoiceInsights(
  store: Store,
  config: LoadedConfig,
  options: { readonly bucket?: Bucket; readonly runId?: string; readonly embedder?: Embedder } = {},
): Promise<VoiceInsights> {
  const bucket = options.bucket ?? 'week';
  const corpus = await loadVoiceDocuments(store, config, options.runId ? { runId: options.runId } : {});
  const ours = ourBrandKey(corpus.brands) ?? null;
  const docs = corpus.documents;
  const brandNames: Record<string, LocalizedName> = Object.fromEntries(
    corpus.brands.map((b) => {
      const en = b.names.en[0] ?? b.names.zh[0] ?? b.key;
      return [b.key, { en, zh: b.names.zh[0] ?? en }];
    }),
  );
  const aspectNames: Record<string, LocalizedName> = Object.fromEntries(
    DEFAULT_ASPECT_TAXONOMY.aspects.map((a) => [a.key, a.label]),
  );
  const pipeline = createTextPipeline({
    userWords: corpus.brands.flatMap((b) => [...b.names.en, ...b.names.zh]),
  });
  const voice = docs.filter(isCustomerVoice);
  const ourVoice = voice.filter((d) => isAboutOurs(d, ours ?? undefined));
  const terms = new Map(voice.map((d) => [d.id, termsOf(pipeline, d)]));
  const spikeDocs = ourVoice.filter((d) => d.source === 'review' || d.source === 'social');
  const brandWords = corpus.brands.flatMap((b) => [b.key, ...b.names.en, ...b.names.zh]);
  const topicOptions = { bucket, excludeWords: brandWords };
  const { topics, aspectTerms } = options.embedder
    ? await voiceTopicsAndTermsEmbedded(ourVoice, voice, pipeline, options.embedder, topicOptions)
    : voiceTopicsAndTerms(ourVoice, voice, pipeline, topicOptions);
  return {
    engine: corpus.engines.join(' + ') || 'none',
    modelRunId: corpus.runIds[0] ?? null,
    modelRunIds: corpus.runIds,
    dataWindow: corpus.dataWindow,
    documents: docs.length,
    unanalysed: corpus.unanalysed,
    ours,
    brandNames,
    aspectNames,
    sentimentTrend: sentimentTrend(ourVoice, bucket),
    aspectHeatmap: aspectHeatmap(voice.filter(isComparable), ours),
    drivers: ours || ourVoice.length ? drivers(ourVoice, ours ?? 'all', pipeline, aspectNames) : null,
    productDrivers: productDrivers(ourVoice, pipeline),
    emergingTerms: emerging(voice, terms, bucket),
    spikes: voiceSpikeAlerts(spikeDocs, terms),
    shareOfVoice: voiceShare(
      docs,
      corpus.brands.map((b) => b.key),
    ),
    comparison: ours ? comparison(docs, ours) : [],
    topics,
    aspectTerms,
  };
}
