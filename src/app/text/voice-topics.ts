import { InputError } from '../../core/errors.js';
import { sampleInOrder } from '../../core/random.js';
import {
  type AspectTaxonomy,
  type Bucket,
  bucketOf,
  DEFAULT_ASPECT_TAXONOMY,
  expandAspectTerms,
  type PreparedText,
  type TextLocale,
  type TextPipeline,
  type TopicClusters,
  topicClusters,
} from '../../text/index.js';
import { embeddingTopics } from '../../text/trends/embedding-topics.js';
import type { VoiceDocument } from './voice-documents.js';
import { hintOf } from './voice-quotes.js';
import { bucketRange } from './voice-spikes.js';
import type {
  ExpandedAspectTerm,
  TermNeighbours,
  TopicEmbeddings,
  TopicExample,
  TopicLanguageFit,
  VoiceAspectTerms,
  VoiceTopic,
  VoiceTopicOptions,
  VoiceTopics,
} from './voice-topic-types.js';

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
 * With an embedding model, voice-topics-embedded.ts clusters embeddings instead (`embeddingTopics`)
 * and proposes aspect terms by embedding neighbours, through `topicsOf` / `aspectTermsOf` below.
 */

/** Sampled documents a term must occur in to be kept as an aspect-term candidate. */
export const MIN_SUPPORT_DOCUMENTS = 5;
/** A language needs this many sampled documents before it is clustered. */
const MIN_LANGUAGE_DOCUMENTS = 30;
const TOP_TERMS = 8;
const EXAMPLES = 3;
const EXCERPT = 160;
const TERMS_PER_ASPECT = 8;
const MIN_CO_OCCURRENCE = 3;
/** Candidates backed by fewer documents are noise from rare aspects (3 clauses give npmi near 1). */
const MIN_SUPPORT = MIN_SUPPORT_DOCUMENTS;

const isHan = (term: string) => /\p{Script=Han}/u.test(term);

/** All documents when at most `size`, else a seeded uniform sample without replacement, in input order. */
export const sampleDocuments: <T>(docs: readonly T[], size: number, seed: number, label: string) => T[] =
  sampleInOrder;

export interface Prepared {
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
  cluster: (docs: readonly Prepared[]) => TopicClusters,
): { fit: TopicLanguageFit; topics: VoiceTopic[] } {
  const none = (skipped: string, method = 'none') => ({
    fit: { lang, documents: docs.length, k: 0, silhouette: null, vocabularySize: 0, method, skipped },
    topics: [],
  });
  if (docs.length < MIN_LANGUAGE_DOCUMENTS)
    return none(`${docs.length} documents, fewer than ${MIN_LANGUAGE_DOCUMENTS}`);
  let clusters: ReturnType<typeof topicClusters>;
  try {
    clusters = cluster(docs);
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

/**
 * Topics of a seeded sample of at most `maxDocuments` of `docs`, per language: over TF-IDF, or over
 * the vectors of `embeddings` when given (it must hold the vector of every document of that sample).
 */
export function topicsOf(
  docs: readonly VoiceDocument[],
  prepare: (docs: readonly VoiceDocument[]) => Prepared[],
  options: Required<Pick<VoiceTopicOptions, 'bucket' | 'seed' | 'maxDocuments' | 'maxTopics'>>,
  embeddings?: TopicEmbeddings,
): VoiceTopics {
  const sample = prepare(sampleDocuments(docs, options.maxDocuments, options.seed, 'voice-topics'));
  const kOptions = {
    k: 'auto',
    seed: options.seed,
    topTerms: TOP_TERMS,
    kRange: { min: 2, max: options.maxTopics },
  } as const;
  const cluster = (members: readonly Prepared[]): TopicClusters =>
    embeddings
      ? embeddingTopics(
          members.map((p) => p.terms),
          members.map((p) => embeddings.vectors.get(p.doc.id) ?? new Float32Array(0)),
          { ...kOptions, model: embeddings.engine },
        )
      : topicClusters(
          members.map((p) => p.terms),
          kOptions,
        );
  const first = sample[0]?.doc.ts;
  const last = sample.at(-1)?.doc.ts;
  const buckets = first && last ? bucketRange(first, last, options.bucket) : [];
  const fits = (['zh', 'en'] as const).map((lang) =>
    fitLanguage(
      lang,
      sample.filter((p) => p.lang === lang),
      buckets,
      options.bucket,
      cluster,
    ),
  );
  return {
    method: embeddings
      ? `spherical k-means on ${embeddings.engine} embeddings per language (a seeded sample of at most ${options.maxDocuments} documents embedded), k chosen by silhouette over 2…${options.maxTopics}; topic terms by TF-IDF of each topic's documents`
      : `spherical k-means on TF-IDF per language, k chosen by silhouette over 2…${options.maxTopics}`,
    seed: options.seed,
    sampled: sample.length,
    total: docs.length,
    bucket: options.bucket,
    buckets,
    languages: fits.map((f) => f.fit),
    topics: fits.flatMap((f) => f.topics),
    ...(embeddings ? { embedding: { engine: embeddings.engine } } : {}),
  };
}

/** The aspect-term sample: what `aspectTermsOf` reads, for callers that must pick terms from it first. */
export const aspectTermSample = (docs: readonly VoiceDocument[], seed: number, maxDocuments: number) =>
  sampleDocuments(docs, maxDocuments, seed, 'voice-aspect-terms');

/** Candidate aspect terms: by clause co-occurrence, or `neighbours` (by embeddings) when given; kept when ≥ MIN_SUPPORT documents back them. */
export function aspectTermsOf(
  docs: readonly VoiceDocument[],
  prepare: (docs: readonly VoiceDocument[]) => Prepared[],
  exclude: ReadonlySet<string>,
  taxonomy: AspectTaxonomy,
  seed: number,
  maxDocuments: number,
  neighbours?: TermNeighbours,
): VoiceAspectTerms {
  const sample = prepare(aspectTermSample(docs, seed, maxDocuments));
  const candidates =
    neighbours?.byAspect ??
    expandAspectTerms(
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
    method: neighbours
      ? `${neighbours.method} (≥ ${MIN_SUPPORT} documents; top ${TERMS_PER_ASPECT} per aspect)`
      : `clause co-occurrence with the taxonomy's seed terms, normalised PMI (≥ ${MIN_CO_OCCURRENCE} clauses, ≥ ${MIN_SUPPORT} documents; top ${TERMS_PER_ASPECT} per aspect)`,
    seed,
    sampled: sample.length,
    total: docs.length,
    terms,
    ...(neighbours ? { embedding: { engine: neighbours.engine } } : {}),
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
  const resolved = resolveTopicOptions(options);
  const { seed, maxDocuments, maxTopics, exclude } = resolved;
  const prepare = preparer(pipeline, exclude);
  return {
    topics: topicsOf(topicDocs, prepare, { bucket: options.bucket, seed, maxDocuments, maxTopics }),
    aspectTerms: aspectTermsOf(termDocs, prepare, exclude, resolved.taxonomy, seed, maxDocuments),
  };
}

/** The options with defaults filled in, validated (InputError naming the bad one). */
export function resolveTopicOptions(options: VoiceTopicOptions) {
  const seed = options.seed ?? 1;
  const maxDocuments = options.maxDocuments ?? 10_000;
  const maxTopics = options.maxTopics ?? 8;
  const maxEmbeddedDocuments = options.maxEmbeddedDocuments ?? 2_000;
  for (const [name, value] of [
    ['maxDocuments', maxDocuments],
    ['maxEmbeddedDocuments', maxEmbeddedDocuments],
  ] as const)
    if (!Number.isInteger(value) || value < 1)
      throw new InputError('invalid_argument', `${name} must be a positive integer, got ${value}`);
  if (!Number.isInteger(maxTopics) || maxTopics < 2)
    throw new InputError('invalid_argument', `maxTopics must be an integer ≥ 2, got ${maxTopics}`);
  if (!Number.isFinite(seed)) throw new InputError('invalid_argument', `seed must be finite, got ${seed}`);
  const exclude: ReadonlySet<string> = new Set((options.excludeWords ?? []).map((w) => w.toLowerCase()));
  const taxonomy = options.taxonomy ?? DEFAULT_ASPECT_TAXONOMY;
  return { seed, maxDocuments, maxTopics, maxEmbeddedDocuments, exclude, taxonomy };
}

/** Prepares documents through `pipeline` once each (a cache by document id). */
export function preparer(
  pipeline: TextPipeline,
  exclude: ReadonlySet<string>,
): (docs: readonly VoiceDocument[]) => Prepared[] {
  const cache = new Map<string, Prepared>();
  return (docs) => prepareAll(docs, pipeline, exclude, cache);
}
