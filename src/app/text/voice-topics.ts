import { InputError } from '../../core/errors.js';
import { deriveRng } from '../../core/random.js';
import {
  type AspectTaxonomy,
  type Bucket,
  bucketOf,
  DEFAULT_ASPECT_TAXONOMY,
  expandAspectTerms,
  type PreparedText,
  type TextLocale,
  type TextPipeline,
  topicClusters,
} from '../../text/index.js';
import type { VoiceDocument } from './voice-documents.js';
import { shiftBucket } from './voice-spikes.js';

/**
 * Topics of the customer voice and aspect terms expanded from it, for people to read:
 * - topics: spherical k-means over TF-IDF (`topicClusters`, k chosen by silhouette), fitted per
 *   language (Chinese and English texts share no words, so a joint fit would only split them by
 *   language), each with its top terms, size, share of the language's documents over time, negative
 *   share and the most typical documents as examples;
 * - aspect terms: candidate new terms for the aspect taxonomy by clause co-occurrence with its seed
 *   terms (`expandAspectTerms`, normalised PMI), each with the documents that hold both the term and
 *   an opinion on the aspect (support). Shown for review; the analysis still uses the taxonomy.
 * Both run on a seeded uniform sample of at most `maxDocuments` documents (all when fewer) and say
 * so (`sampled` of `total`). Cost O(sampled tokens) to prepare the texts plus topicClusters' cost.
 */

export interface TopicExample {
  readonly docId: string;
  readonly ts: Date;
  readonly text: string;
}

export interface VoiceTopic {
  /** `<lang>-<n>`, n = 0 for the language's largest topic. */
  readonly id: string;
  readonly lang: TextLocale;
  /** The top three terms, joined by ` / `. */
  readonly label: string;
  readonly terms: readonly { readonly term: string; readonly weight: number }[];
  /** Documents of the sample in the topic. */
  readonly size: number;
  /** size / sampled documents of the language with a topic. */
  readonly share: number;
  /** Negative / documents with a positive, negative or neutral label; null without any. */
  readonly negativeShare: number | null;
  /** The topic's share of the language's sampled documents in each of `VoiceTopics.buckets`. */
  readonly shareByBucket: readonly (number | null)[];
  readonly examples: readonly TopicExample[];
}

export interface TopicLanguageFit {
  readonly lang: TextLocale;
  /** Sampled documents of the language. */
  readonly documents: number;
  readonly k: number;
  readonly silhouette: number | null;
  readonly vocabularySize: number;
  readonly method: string;
  /** Why the language got no topics (too few documents), when it got none. */
  readonly skipped?: string;
}

export interface VoiceTopics {
  readonly method: string;
  readonly seed: number;
  /** Documents clustered (the sample) and documents in scope. */
  readonly sampled: number;
  readonly total: number;
  readonly bucket: Bucket;
  readonly buckets: readonly string[];
  readonly languages: readonly TopicLanguageFit[];
  /** zh topics then en topics, each largest first. */
  readonly topics: readonly VoiceTopic[];
}

export interface ExpandedAspectTerm {
  readonly aspect: string;
  readonly term: string;
  readonly lang: TextLocale;
  /** Normalised PMI with the aspect's seed terms (clause co-occurrence), in (0, 1]. */
  readonly score: number;
  /** Sampled documents holding the term and an opinion on the aspect. */
  readonly support: number;
}

export interface VoiceAspectTerms {
  readonly method: string;
  readonly seed: number;
  readonly sampled: number;
  readonly total: number;
  /** By aspect (taxonomy order), best score first within an aspect. */
  readonly terms: readonly ExpandedAspectTerm[];
}

export interface VoiceTopicOptions {
  readonly bucket: Bucket;
  /** Default 1. */
  readonly seed?: number;
  /** Documents sampled for each analysis. Default 10 000. */
  readonly maxDocuments?: number;
  /** Largest k tried per language. Default 8. */
  readonly maxTopics?: number;
  /** Words left out of topic and aspect terms (brand names: they name who, not what). */
  readonly excludeWords?: readonly string[];
  readonly taxonomy?: AspectTaxonomy;
}

/** A language needs this many sampled documents before it is clustered. */
const MIN_LANGUAGE_DOCUMENTS = 30;
const TOP_TERMS = 8;
const EXAMPLES = 3;
const EXCERPT = 160;
const TERMS_PER_ASPECT = 8;
const MIN_CO_OCCURRENCE = 3;
/** Candidates backed by fewer documents are noise from rare aspects (3 clauses give npmi near 1). */
const MIN_SUPPORT = 5;

const hintOf = (doc: VoiceDocument): TextLocale | undefined =>
  doc.lang === 'zh' || doc.lang === 'en' ? doc.lang : undefined;
const isHan = (term: string) => /\p{Script=Han}/u.test(term);

/** All documents when at most `size`, else a seeded uniform sample without replacement, in input order. */
export function sampleDocuments<T>(docs: readonly T[], size: number, seed: number, label: string): T[] {
  if (docs.length <= size) return docs.slice();
  const rng = deriveRng(seed, label);
  const index = Array.from(docs, (_, i) => i);
  for (let s = 0; s < size; s++) {
    const pick = s + Math.floor(rng.next() * (index.length - s));
    [index[s], index[pick]] = [index[pick] as number, index[s] as number];
  }
  return index
    .slice(0, size)
    .sort((a, b) => a - b)
    .map((i) => docs[i] as T);
}

interface Prepared {
  readonly doc: VoiceDocument;
  readonly text: PreparedText;
  readonly lang: TextLocale | null;
  /** Topic terms: content words of ≥ 2 characters, not excluded. */
  readonly terms: readonly string[];
}

function prepareAll(
  docs: readonly VoiceDocument[],
  pipeline: TextPipeline,
  exclude: ReadonlySet<string>,
  cache: Map<string, Prepared>,
): Prepared[] {
  return docs.map((doc) => {
    const cached = cache.get(doc.id);
    if (cached) return cached;
    const text = pipeline.prepare(doc.text, hintOf(doc));
    const terms = text.tokens
      .filter((t) => t.kind === 'word' && !t.stop && t.norm.length >= 2 && !exclude.has(t.norm))
      .filter((t) => !/^\d/.test(t.norm))
      .map((t) => t.norm);
    const lang = text.lang === 'zh' || text.lang === 'en' ? text.lang : null;
    const prepared = { doc, text, lang, terms };
    cache.set(doc.id, prepared);
    return prepared;
  });
}

/** Contiguous bucket labels from the first to the last date. */
function bucketRange(first: Date, last: Date, bucket: Bucket): string[] {
  const labels: string[] = [];
  const end = bucketOf(last, bucket);
  for (let label = bucketOf(first, bucket); label <= end; label = shiftBucket(label, bucket, 1))
    labels.push(label);
  return labels;
}

/** Members most like the topic: the sum of the topic's term weights over their distinct terms / √terms; one per text. */
function examplesOf(members: readonly Prepared[], weights: ReadonlyMap<string, number>): TopicExample[] {
  const scored = members.map((p) => {
    const distinct = new Set(p.terms);
    let sum = 0;
    for (const term of distinct) sum += weights.get(term) ?? 0;
    return { p, score: distinct.size > 0 ? sum / Math.sqrt(distinct.size) : 0 };
  });
  scored.sort((a, b) => b.score - a.score || (a.p.doc.id < b.p.doc.id ? -1 : 1));
  const seen = new Set<string>();
  const examples: TopicExample[] = [];
  for (const { p } of scored) {
    if (examples.length >= EXAMPLES) break;
    const text = p.text.text.length > EXCERPT ? `${p.text.text.slice(0, EXCERPT - 1)}…` : p.text.text;
    if (seen.has(text)) continue;
    seen.add(text);
    examples.push({ docId: p.doc.id, ts: p.doc.ts, text });
  }
  return examples;
}

function fitLanguage(
  lang: TextLocale,
  docs: readonly Prepared[],
  buckets: readonly string[],
  bucket: Bucket,
  seed: number,
  maxTopics: number,
): { fit: TopicLanguageFit; topics: VoiceTopic[] } {
  const none = (skipped: string, method = 'none') => ({
    fit: { lang, documents: docs.length, k: 0, silhouette: null, vocabularySize: 0, method, skipped },
    topics: [],
  });
  if (docs.length < MIN_LANGUAGE_DOCUMENTS)
    return none(`${docs.length} documents, fewer than ${MIN_LANGUAGE_DOCUMENTS}`);
  let clusters: ReturnType<typeof topicClusters>;
  try {
    clusters = topicClusters(
      docs.map((p) => p.terms),
      { k: 'auto', seed, topTerms: TOP_TERMS, kRange: { min: 2, max: maxTopics } },
    );
  } catch (error) {
    if (error instanceof InputError) return none(error.message);
    throw error;
  }
  const bucketIndex = new Map(buckets.map((b, i) => [b, i]));
  const bucketOfDoc = docs.map((p) => bucketIndex.get(bucketOf(p.doc.ts, bucket)) as number);
  const assignedPerBucket = new Array<number>(buckets.length).fill(0);
  let assigned = 0;
  docs.forEach((_, i) => {
    if ((clusters.assignments[i] as number) < 0) return;
    assigned++;
    const b = bucketOfDoc[i] as number;
    assignedPerBucket[b] = (assignedPerBucket[b] as number) + 1;
  });
  const topics = clusters.topics.map((topic): VoiceTopic => {
    const members = docs.filter((_, i) => clusters.assignments[i] === topic.id);
    const perBucket = new Array<number>(buckets.length).fill(0);
    let negative = 0;
    let labelled = 0;
    docs.forEach((p, i) => {
      if (clusters.assignments[i] !== topic.id) return;
      const b = bucketOfDoc[i] as number;
      perBucket[b] = (perBucket[b] as number) + 1;
      if (p.doc.sentiment.label !== 'unknown') labelled++;
      if (p.doc.sentiment.label === 'negative') negative++;
    });
    return {
      id: `${lang}-${topic.id}`,
      lang,
      label: topic.terms
        .slice(0, 3)
        .map((t) => t.term)
        .join(' / '),
      terms: topic.terms.map((t) => ({ term: t.term, weight: t.weight })),
      size: topic.size,
      share: assigned > 0 ? topic.size / assigned : 0,
      negativeShare: labelled > 0 ? negative / labelled : null,
      shareByBucket: perBucket.map((n, b) => {
        const all = assignedPerBucket[b] as number;
        return all > 0 ? n / all : null;
      }),
      examples: examplesOf(members, new Map(topic.terms.map((t) => [t.term, t.weight]))),
    };
  });
  return {
    fit: {
      lang,
      documents: docs.length,
      k: clusters.topics.length,
      silhouette: clusters.silhouette ?? null,
      vocabularySize: clusters.vocabularySize,
      method: clusters.method,
    },
    topics,
  };
}

function topicsOf(
  docs: readonly VoiceDocument[],
  prepare: (docs: readonly VoiceDocument[]) => Prepared[],
  options: Required<Pick<VoiceTopicOptions, 'bucket' | 'seed' | 'maxDocuments' | 'maxTopics'>>,
): VoiceTopics {
  const sample = prepare(sampleDocuments(docs, options.maxDocuments, options.seed, 'voice-topics'));
  const first = sample[0]?.doc.ts;
  const last = sample.at(-1)?.doc.ts;
  const buckets = first && last ? bucketRange(first, last, options.bucket) : [];
  const fits = (['zh', 'en'] as const).map((lang) =>
    fitLanguage(
      lang,
      sample.filter((p) => p.lang === lang),
      buckets,
      options.bucket,
      options.seed,
      options.maxTopics,
    ),
  );
  return {
    method: `spherical k-means on TF-IDF per language, k chosen by silhouette over 2…${options.maxTopics}`,
    seed: options.seed,
    sampled: sample.length,
    total: docs.length,
    bucket: options.bucket,
    buckets,
    languages: fits.map((f) => f.fit),
    topics: fits.flatMap((f) => f.topics),
  };
}

function aspectTermsOf(
  docs: readonly VoiceDocument[],
  prepare: (docs: readonly VoiceDocument[]) => Prepared[],
  exclude: ReadonlySet<string>,
  taxonomy: AspectTaxonomy,
  seed: number,
  maxDocuments: number,
): VoiceAspectTerms {
  const sample = prepare(sampleDocuments(docs, maxDocuments, seed, 'voice-aspect-terms'));
  const candidates = expandAspectTerms(
    sample.map((p) => p.text),
    taxonomy,
    { minCount: MIN_CO_OCCURRENCE, topK: TERMS_PER_ASPECT + exclude.size },
  );
  const tokenSets = sample.map((p) => new Set(p.text.tokens.map((t) => t.norm)));
  const aspectSets = sample.map((p) => new Set(p.doc.aspects.map((a) => a.aspect)));
  const terms: ExpandedAspectTerm[] = [];
  for (const aspect of taxonomy.aspects.map((a) => a.key))
    for (const { term, score } of (candidates[aspect] ?? [])
      .filter((c) => !exclude.has(c.term))
      .slice(0, TERMS_PER_ASPECT)) {
      let support = 0;
      sample.forEach((_, i) => {
        if (tokenSets[i]?.has(term) && aspectSets[i]?.has(aspect)) support++;
      });
      if (support >= MIN_SUPPORT)
        terms.push({ aspect, term, lang: isHan(term) ? 'zh' : 'en', score, support });
    }
  return {
    method: `clause co-occurrence with the taxonomy's seed terms, normalised PMI (≥ ${MIN_CO_OCCURRENCE} clauses, ≥ ${MIN_SUPPORT} documents; top ${TERMS_PER_ASPECT} per aspect)`,
    seed,
    sampled: sample.length,
    total: docs.length,
    terms,
  };
}

/**
 * Topics of `topicDocs` and aspect terms expanded from `termDocs` (see the module comment); texts
 * in both sets are prepared once. Deterministic for a seed. Measured on a 2-core machine (demo voice
 * copied 25×, lexicon insights): 4 285 documents ≈ 1.0 s, 107 125 documents (10 000 sampled) ≈ 2.1 s.
 */
export function voiceTopicsAndTerms(
  topicDocs: readonly VoiceDocument[],
  termDocs: readonly VoiceDocument[],
  pipeline: TextPipeline,
  options: VoiceTopicOptions,
): { readonly topics: VoiceTopics; readonly aspectTerms: VoiceAspectTerms } {
  const seed = options.seed ?? 1;
  const maxDocuments = options.maxDocuments ?? 10_000;
  const maxTopics = options.maxTopics ?? 8;
  if (!Number.isInteger(maxDocuments) || maxDocuments < 1)
    throw new InputError('invalid_argument', `maxDocuments must be a positive integer, got ${maxDocuments}`);
  if (!Number.isInteger(maxTopics) || maxTopics < 2)
    throw new InputError('invalid_argument', `maxTopics must be an integer ≥ 2, got ${maxTopics}`);
  if (!Number.isFinite(seed)) throw new InputError('invalid_argument', `seed must be finite, got ${seed}`);
  const exclude = new Set((options.excludeWords ?? []).map((w) => w.toLowerCase()));
  const cache = new Map<string, Prepared>();
  const prepare = (docs: readonly VoiceDocument[]) => prepareAll(docs, pipeline, exclude, cache);
  return {
    topics: topicsOf(topicDocs, prepare, { bucket: options.bucket, seed, maxDocuments, maxTopics }),
    aspectTerms: aspectTermsOf(
      termDocs,
      prepare,
      exclude,
      options.taxonomy ?? DEFAULT_ASPECT_TAXONOMY,
      seed,
      maxDocuments,
    ),
  };
}
