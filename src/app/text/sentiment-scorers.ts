import type { LoadedConfig } from '../../core/config.js';
import type { LlmClient } from '../../llm/index.js';
import type { LlmProvider } from '../../llm/language-model.js';
import type { Queryable } from '../../store/store.js';
import {
  createLexiconEngine,
  createTextPipeline,
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
