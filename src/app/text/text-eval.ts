import type { LoadedConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import type { LlmProvider } from '../../llm/language-model.js';
import type { Store } from '../../store/store.js';
import { type ClassificationReport, classificationReport, sentimentLabelOf } from '../../text/index.js';
import { readLabelledFile } from './labelled-file.js';
import { loadTrainedModel } from './sentiment-models.js';
import { classicalScorer, lexiconScorer, llmScorer, type SentimentScorer } from './sentiment-scorers.js';

/**
 * `marketmind text eval`: the sentiment engines side by side on one labelled file — accuracy,
 * macro-F1, confusion matrix, documents per second and LLM cost — the model-selection loop.
 * An engine that cannot run (no trained model, no LLM configured) is listed with the reason.
 */

export type EngineName = 'lexicon' | 'trained' | 'llm';

export interface EngineEvaluation {
  readonly engine: string;
  readonly ran: boolean;
  readonly reason?: string;
  readonly report?: ClassificationReport;
  readonly unknown?: number;
  readonly docsPerSecond?: number;
  readonly llm?: { readonly calls: number; readonly cachedCalls: number; readonly cost: number } | null;
  readonly notes: readonly string[];
}

export interface TextEvalResult {
  readonly file: string;
  readonly documents: number;
  readonly labels: readonly string[];
  readonly engines: readonly EngineEvaluation[];
}

export async function evaluateSentimentEngines(
  store: Store,
  config: LoadedConfig,
  path: string,
  options: {
    readonly textColumn: string;
    readonly labelColumn: string;
    readonly engines: readonly EngineName[];
    readonly provider?: LlmProvider;
  },
): Promise<TextEvalResult> {
  const data = await readLabelledFile(path, { text: options.textColumn, label: options.labelColumn });
  const truth = data.labels.map((label) => sentimentLabelOf(label));
  const unmapped = [...new Set(data.labels.filter((_, i) => truth[i] === undefined))];
  if (unmapped.length)
    throw new InputError(
      'unknown_labels',
      `${path}: labels ${unmapped
        .slice(0, 5)
        .map((l) => JSON.stringify(l))
        .join(', ')} are not sentiment labels`,
      { hint: 'Use positive/negative/neutral (or 1/0, pos/neg, 正面/负面/中性).' },
    );
  const truthLabels = truth as string[];
  const labels = [...new Set(truthLabels)].sort();
  const results: EngineEvaluation[] = [];
  for (const name of options.engines) {
    let scorer: SentimentScorer | null = null;
    const notes: string[] = [];
    if (name === 'lexicon') scorer = lexiconScorer();
    else if (name === 'trained') {
      const trained = await loadTrainedModel(store);
      if (trained) {
        scorer = classicalScorer(trained.engine);
        if (trained.sha256 === data.sha256)
          notes.push('this file is the model’s own training file: the figures are in-sample');
      }
    } else
      scorer = llmScorer(config, { db: store, ...(options.provider ? { provider: options.provider } : {}) });
    if (!scorer) {
      results.push({
        engine: name,
        ran: false,
        reason: name === 'trained' ? 'no trained model (text train-sentiment)' : 'no LLM configured',
        notes,
      });
      continue;
    }
    try {
      const started = performance.now();
      const predicted = await scorer.score(data.texts);
      const seconds = (performance.now() - started) / 1000;
      const predictedLabels = predicted.map((p) => p.label);
      results.push({
        engine: scorer.engine,
        ran: true,
        report: classificationReport(labels, truthLabels, predictedLabels),
        unknown: predictedLabels.filter((l) => l === 'unknown').length,
        docsPerSecond: data.texts.length / Math.max(seconds, 1e-9),
        llm: scorer.usage(),
        notes,
      });
    } finally {
      await scorer.close();
    }
  }
  return { file: path, documents: data.texts.length, labels, engines: results };
}
