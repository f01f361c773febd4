import { InputError } from '../../core/errors.js';
import type { PreparedText, SentimentEngine, SentimentLabel, SentimentResult } from '../types.js';
import type { Tokenize } from './hashed-features.js';
import { predictProba, type TrainedSentimentModel } from './sentiment-model.js';

/**
 * A trained model as a SentimentEngine (`trained:<modelRunId>`). Model labels are read as
 * sentiment by name (positive / pos / 1 / 正面 …, negative / neg / 0 / -1 / 负面 …, neutral / neu /
 * 中性 …; case-insensitive); the model must have a positive and a negative label.
 *   score = P(positive) − P(negative) ∈ [−1, 1]; label = the most probable label;
 *   confidence = the largest probability. An empty document → label `unknown`, score 0, confidence 0.
 * Features come from `doc.text` (the pipeline's normalised text), word tokens from `tokenize`
 * (pass the tokenizer used in training).
 */

const SYNONYMS: Record<Exclude<SentimentLabel, 'unknown'>, readonly string[]> = {
  positive: ['positive', 'pos', '1', '+1', 'good', '正面', '积极', '好评', '正向'],
  negative: ['negative', 'neg', '0', '-1', 'bad', '负面', '消极', '差评', '负向'],
  neutral: ['neutral', 'neu', 'mixed', '中性', '中评', '一般'],
};

/** The sentiment a model label stands for, or undefined when it names none. */
export function sentimentLabelOf(label: string): Exclude<SentimentLabel, 'unknown'> | undefined {
  const key = label.trim().toLowerCase();
  for (const sentiment of ['positive', 'negative', 'neutral'] as const)
    if (SYNONYMS[sentiment].includes(key)) return sentiment;
  return undefined;
}

/** Wrap a trained model as an engine; InputError when its labels are not sentiment labels. */
export function trainedSentimentEngine(
  model: TrainedSentimentModel,
  modelRunId: string,
  tokenize?: Tokenize,
): SentimentEngine {
  if (modelRunId.trim() === '')
    throw new InputError('invalid_argument', 'trainedSentimentEngine needs a model run id');
  const mapped = model.labels.map(sentimentLabelOf);
  const unknown = model.labels.filter((_, i) => mapped[i] === undefined);
  if (unknown.length > 0 || new Set(mapped).size !== mapped.length)
    throw new InputError(
      'not_sentiment_labels',
      `the model's labels (${model.labels.join(', ')}) are not distinct sentiment labels${unknown.length > 0 ? `; unrecognised: ${unknown.join(', ')}` : ''}`,
      { hint: 'label training data positive / negative (/ neutral), or 1 / 0' },
    );
  const positive = mapped.indexOf('positive');
  const negative = mapped.indexOf('negative');
  if (positive < 0 || negative < 0)
    throw new InputError('not_sentiment_labels', 'a sentiment model needs a positive and a negative label');
  const name = `trained:${modelRunId}`;
  return {
    name,
    analyze(doc: PreparedText): SentimentResult {
      if (doc.text.trim() === '') return { label: 'unknown', score: 0, confidence: 0, engine: name };
      const probabilities = predictProba(model, doc.text, tokenize);
      let best = 0;
      for (let j = 1; j < probabilities.length; j++)
        if ((probabilities[j] as number) > (probabilities[best] as number)) best = j;
      const score = (probabilities[positive] as number) - (probabilities[negative] as number);
      return {
        label: mapped[best] as SentimentLabel,
        score: Math.max(-1, Math.min(1, score)),
        confidence: probabilities[best] as number,
        engine: name,
      };
    },
  };
}
