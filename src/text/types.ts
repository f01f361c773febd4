/**
 * Shared shapes of the text-analytics domain (voice of the customer): a prepared document
 * (normalised, language-tagged, tokenised), sentiment results from any engine, aspect mentions.
 * Every result names the engine that made it.
 */

export type TextLocale = 'zh' | 'en';

/** `other`: a language we do not analyse; `unknown`: nothing to tell by (empty, only emoji, numbers). */
export type DetectedLanguage = TextLocale | 'other' | 'unknown';

export type TokenKind = 'word' | 'number' | 'emoji' | 'emoticon' | 'hashtag' | 'mention' | 'url' | 'punct';

export interface Token {
  /** The surface text as in the normalised document. */
  readonly text: string;
  /** Comparison form: lower-cased, lemmatised (en), simplified (zh), emoji as-is. */
  readonly norm: string;
  /** Offsets into `PreparedText.text` (UTF-16 code units). */
  readonly start: number;
  readonly end: number;
  readonly kind: TokenKind;
  /** A stop word of its language (kept in the list; analyses skip it). */
  readonly stop: boolean;
}

export interface PreparedText {
  /** Normalised text: HTML stripped, full-width ASCII folded, whitespace collapsed, truncated. */
  readonly text: string;
  readonly lang: DetectedLanguage;
  readonly tokens: readonly Token[];
  /** True when the document was cut to the length limit. */
  readonly truncated: boolean;
  /** What the pipeline did that a user should know (truncated, HTML removed, converted …). */
  readonly notes: readonly string[];
  /** Clause boundaries: offsets where a sentence or a contrast clause (但是 / but) starts. */
  readonly sentences: readonly { readonly start: number; readonly end: number }[];
}

export type SentimentLabel = 'positive' | 'negative' | 'neutral' | 'unknown';

export interface SentimentResult {
  readonly label: SentimentLabel;
  /** Polarity in [-1, 1]. */
  readonly score: number;
  /** In [0, 1]: how sure the engine is of the label. */
  readonly confidence: number;
  /** `lexicon`, `trained:<model run id>`, or the LLM's `provider/model`. */
  readonly engine: string;
}

/** A classical (synchronous) sentiment engine; the LLM engine lives in the app layer behind the same result. */
export interface SentimentEngine {
  readonly name: string;
  analyze(doc: PreparedText): SentimentResult;
}

export type Polarity = 'positive' | 'negative' | 'neutral';

export interface AspectMention {
  /** Aspect key of the taxonomy, e.g. `price`, `quality`, `service`, `logistics`, `packaging`. */
  readonly aspect: string;
  /** The aspect term found in the text (e.g. 物流, delivery). */
  readonly term: string;
  readonly start: number;
  readonly end: number;
  readonly polarity: Polarity;
  /** The opinion word that carried the polarity, when one was found. */
  readonly opinion?: string;
  /** Opinion strength in [-1, 1]. */
  readonly score: number;
}
