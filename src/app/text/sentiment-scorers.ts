import type { LoadedConfig } from '../../core/config.js';
import type { LlmClient } from '../../llm/index.js';
import type { LlmProvider } from '../../llm/language-model.js';
import type { Queryable } from '../../store/store.js';
import {
  type DocumentInsightAnswer,
  documentInsightPrompt,
  documentInsightPrompts,
  documentInsightSchema,
} from '../../text/document-insight-prompt.js';
import {
  type AspectTaxonomy,
  createLexiconEngine,
  createTextPipeline,
  DEFAULT_ASPECT_TAXONOMY,
  type PreparedText,
  type SentimentEngine,
  type SentimentResult,
  sentimentAnswerSchema,
  sentimentPrompt,
  type TextLocale,
} from '../../text/index.js';
import { openLlm } from '../llm/llm-service.js';

/**
 * The three sentiment engines behind one async interface for `text eval`: lexicon and trained
 * (synchronous, classical) and the LLM (few-shot, structured output through the LLM layer: privacy
 * guard, cache, retries, cost accounting). Each scorer returns one result per text, in order.
 */

export interface SentimentScorer {
  readonly engine: string;
  score(texts: readonly string[]): Promise<SentimentResult[]>;
  /** LLM cost and calls, when the scorer used the LLM. */
  usage(): { readonly calls: number; readonly cachedCalls: number; readonly cost: number } | null;
  close(): Promise<void>;
}

export function classicalScorer(engine: SentimentEngine): SentimentScorer {
  const pipeline = createTextPipeline();
  return {
    engine: engine.name,
    async score(texts) {
      return texts.map((t) => engine.analyze(pipeline.prepare(t)));
    },
    usage: () => null,
    close: async () => undefined,
  };
}

export function lexiconScorer(): SentimentScorer {
  return classicalScorer(createLexiconEngine());
}

/** The LLM scorer, or null when no LLM is configured (task `classify`). */
export function llmScorer(
  config: LoadedConfig,
  options: { readonly db?: Queryable; readonly provider?: LlmProvider } = {},
): SentimentScorer | null {
  const client: LlmClient | null = openLlm(config, {
    task: 'classify',
    ...(options.db ? { db: options.db } : {}),
    ...(options.provider ? { provider: options.provider } : {}),
  });
  if (!client) return null;
  const pipeline = createTextPipeline();
  return {
    engine: client.engine,
    async score(texts) {
      return Promise.all(
        texts.map(async (text): Promise<SentimentResult> => {
          const prepared = pipeline.prepare(text);
          if (prepared.lang !== 'zh' && prepared.lang !== 'en')
            return { label: 'unknown', score: 0, confidence: 0, engine: client.engine };
          const prompt = sentimentPrompt(prepared.text, prepared.lang as TextLocale);
          const answer = await client.generateObject({
            task: 'classify',
            messages: prompt.messages,
            schema: sentimentAnswerSchema,
            schemaName: 'sentiment',
            template: prompt.source,
            temperature: 0,
            maxOutputTokens: 64,
          });
          return { ...answer.value, engine: client.engine };
        }),
      );
    },
    usage() {
      const t = client.totals();
      return { calls: t.providerCalls, cachedCalls: t.cachedCalls, cost: t.cost };
    },
    close: () => client.close(),
  };
}

/**
 * The LLM engine of `text analyze`: one structured call per prepared document (task `classify`)
 * for sentiment and per-aspect polarity restricted to the taxonomy keys. Texts that are not zh/en
 * are not sent (null). Every call goes through the LLM layer (guard → cache → budget → limiter →
 * retries → call log), so errors such as `LlmBudgetError` reach the caller unchanged.
 */
export interface LlmDocumentScorer {
  /** `provider/model` */
  readonly engine: string;
  /** `text.document-insight@1` */
  readonly prompt: string;
  analyze(prepared: PreparedText): Promise<DocumentInsightAnswer | null>;
  usage(): { readonly calls: number; readonly cachedCalls: number; readonly cost: number };
  close(): Promise<void>;
}

/** The LLM document scorer, or null when no LLM is configured. */
export function llmDocumentScorer(
  config: LoadedConfig,
  options: {
    readonly db?: Queryable;
    readonly provider?: LlmProvider;
    readonly runId?: string;
    readonly taxonomy?: AspectTaxonomy;
  } = {},
): LlmDocumentScorer | null {
  const client: LlmClient | null = openLlm(config, {
    task: 'classify',
    ...(options.db ? { db: options.db } : {}),
    ...(options.provider ? { provider: options.provider } : {}),
    ...(options.runId ? { runId: options.runId } : {}),
  });
  if (!client) return null;
  const taxonomy = options.taxonomy ?? DEFAULT_ASPECT_TAXONOMY;
  const schema = documentInsightSchema(taxonomy);
  return {
    engine: client.engine,
    prompt: `${documentInsightPrompts.en.id}@${documentInsightPrompts.en.version}`,
    async analyze(prepared) {
      if (prepared.lang !== 'zh' && prepared.lang !== 'en') return null;
      const prompt = documentInsightPrompt(prepared.text, prepared.lang, taxonomy);
      const answer = await client.generateObject({
        task: 'classify',
        messages: prompt.messages,
        schema,
        schemaName: 'document_insight',
        template: prompt.source,
        temperature: 0,
        maxOutputTokens: 256,
      });
      return answer.value;
    },
    usage() {
      const t = client.totals();
      return { calls: t.providerCalls, cachedCalls: t.cachedCalls, cost: t.cost };
    },
    close: () => client.close(),
  };
}
