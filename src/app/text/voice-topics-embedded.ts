import { OperationalError } from '../../core/errors.js';
import type { Embedder } from '../../llm/embedding.js';
import {
  aspectSeedTerms,
  embeddingNeighbourTerms,
  frequentCandidateTerms,
} from '../../text/aspects/embedding-neighbours.js';
import type { TextPipeline } from '../../text/index.js';
import type { VoiceDocument } from './voice-documents.js';
import type {
  TermNeighbours,
  VoiceAspectTerms,
  VoiceTopicOptions,
  VoiceTopics,
} from './voice-topic-types.js';
import {
  aspectTermSample,
  aspectTermsOf,
  MIN_SUPPORT_DOCUMENTS,
  preparer,
  resolveTopicOptions,
  sampleDocuments,
  topicsOf,
  voiceTopicsAndTerms,
} from './voice-topics.js';

/**
 * Topics and aspect terms with an embedding model (issue 5: "over embeddings when an embedding
 * model is configured"; "embedding neighbours when available"):
 * - topics: the texts of a seeded sample of at most `maxEmbeddedDocuments` (default 2 000) topic
 *   documents are embedded (redacted first, by the embedder) and clustered per language by
 *   spherical k-means on the vectors (`embeddingTopics`); topic terms still come from TF-IDF of each
 *   topic's documents. The cap bounds cost and time on paid or local models; `sampled` says how
 *   many documents were used and the method names the model.
 * - aspect terms: the `CANDIDATE_TERMS` most frequent corpus words (in ≥ 5 sampled documents) and
 *   the taxonomy's seed terms are embedded; each word goes to the aspect of its nearest seed term
 *   when the cosine is ≥ `MIN_SIMILARITY` (`embeddingNeighbourTerms`), then the same support filter
 *   as co-occurrence terms applies.
 * When the embedding calls fail for an operational reason (server down, timeouts, budget), both
 * fall back to the TF-IDF / co-occurrence results and the methods say so; bad configuration
 * (InputError) is thrown.
 */

const CANDIDATE_TERMS = 500;
const MIN_SIMILARITY = 0.6;
const TERMS_PER_ASPECT = 8;

/** `voiceTopicsAndTerms` over embeddings from `embedder` (see the module comment). */
export async function voiceTopicsAndTermsEmbedded(
  topicDocs: readonly VoiceDocument[],
  termDocs: readonly VoiceDocument[],
  pipeline: TextPipeline,
  embedder: Embedder,
  options: VoiceTopicOptions,
): Promise<{ readonly topics: VoiceTopics; readonly aspectTerms: VoiceAspectTerms }> {
  const resolved = resolveTopicOptions(options);
  const { seed, maxDocuments, maxTopics, exclude, taxonomy } = resolved;
  const cap = Math.min(maxDocuments, resolved.maxEmbeddedDocuments);
  const prepare = preparer(pipeline, exclude);
  const fallback = (error: OperationalError) => {
    const plain = voiceTopicsAndTerms(topicDocs, termDocs, pipeline, options);
    const engine = embedder.engine;
    const why = `${engine} embeddings failed (${error.code}); fell back to`;
    return {
      topics: {
        ...plain.topics,
        method: `${why} ${plain.topics.method}`,
        embedding: { engine, failed: error.code },
      },
      aspectTerms: {
        ...plain.aspectTerms,
        method: `${why} ${plain.aspectTerms.method}`,
        embedding: { engine, failed: error.code },
      },
    };
  };
  try {
    // The same sample topicsOf draws (same size, seed and label).
    const topicSample = sampleDocuments(topicDocs, cap, seed, 'voice-topics');
    const docVectors = await embedder.embed(
      topicSample.map((d) => d.text),
      { task: 'voice_topics' },
    );
    const vectors = new Map(topicSample.map((d, i) => [d.id, docVectors[i] as Float32Array]));

    const termSample = prepare(aspectTermSample(termDocs, seed, maxDocuments));
    const candidates = frequentCandidateTerms(
      termSample.map((p) => p.text),
      taxonomy,
      { minDocuments: MIN_SUPPORT_DOCUMENTS, maxTerms: CANDIDATE_TERMS + exclude.size },
    )
      .map((t) => t.term)
      .filter((term) => !exclude.has(term))
      .slice(0, CANDIDATE_TERMS);
    const seeds = aspectSeedTerms(taxonomy);
    const termTexts = [...seeds, ...candidates];
    const termVectors = await embedder.embed(termTexts, { task: 'aspect_terms' });
    const byTerm = new Map(termTexts.map((term, i) => [term, termVectors[i] as Float32Array]));
    const neighbours: TermNeighbours = {
      engine: embedder.engine,
      method: `nearest ${embedder.engine} embedding neighbours of the taxonomy's ${seeds.length} seed terms among the ${candidates.length} most frequent corpus words (cosine ≥ ${MIN_SIMILARITY})`,
      byAspect: embeddingNeighbourTerms(taxonomy, candidates, byTerm, {
        minSimilarity: MIN_SIMILARITY,
        topK: TERMS_PER_ASPECT,
      }),
    };
    return {
      topics: topicsOf(
        topicDocs,
        prepare,
        { bucket: options.bucket, seed, maxDocuments: cap, maxTopics },
        { engine: embedder.engine, vectors },
      ),
      aspectTerms: aspectTermsOf(termDocs, prepare, exclude, taxonomy, seed, maxDocuments, neighbours),
    };
  } catch (error) {
    if (error instanceof OperationalError) return fallback(error);
    throw error;
  }
}
