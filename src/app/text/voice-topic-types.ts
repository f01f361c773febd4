import type { AspectTaxonomy, Bucket, TextLocale } from '../../text/index.js';

/** The result and option types of voice-topics.ts (and voice-topics-embedded.ts). */

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
  /** Set when an embedding model was used (or tried: `failed` is then the error code, and TF-IDF was used). */
  readonly embedding?: EmbeddingUse;
}

/** Which embedding model made a result, for renderers that word the method themselves. */
export interface EmbeddingUse {
  /** `provider/model`. */
  readonly engine: string;
  readonly failed?: string;
}

export interface ExpandedAspectTerm {
  readonly aspect: string;
  readonly term: string;
  readonly lang: TextLocale;
  /**
   * Normalised PMI with the aspect's seed terms (clause co-occurrence), in (0, 1]; or, when
   * `VoiceAspectTerms.method` says embedding neighbours, the cosine to the nearest seed term.
   */
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
  /** Set when the terms are embedding neighbours (or were meant to be: see `EmbeddingUse.failed`). */
  readonly embedding?: EmbeddingUse;
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
  /** With an embedder: documents embedded for topics, at most (a seeded sample). Default 2 000. */
  readonly maxEmbeddedDocuments?: number;
}

/** Vectors of the topic sample's documents from an embedding model (voice-topics-embedded.ts). */
export interface TopicEmbeddings {
  /** `provider/model`, named in the method. */
  readonly engine: string;
  readonly vectors: ReadonlyMap<string, Float32Array>;
}

/** Aspect-term candidates and their nearest seed terms by embeddings (voice-topics-embedded.ts). */
export interface TermNeighbours {
  /** `provider/model` of the embeddings. */
  readonly engine: string;
  readonly method: string;
  /** Per aspect key, best first. */
  readonly byAspect: Readonly<Record<string, readonly { readonly term: string; readonly score: number }[]>>;
}
