import type { TrainedSentimentModel } from './sentiment-model.js';

/**
 * The n-grams that push a trained model hardest towards each label — what the model learned, in
 * words a user can check. Needs an exact-vocabulary model (hashed columns have no names). Binary
 * models: labels[1] gets the largest weights and labels[0] the most negative; multinomial models:
 * each label its own largest weights. Weights are the stored ones (NB ratio folded in), i.e. the
 * effect of one unit of L2-normalised TF-IDF. Cost: O(columns · labels + columns log columns).
 */

export interface ModelFeature {
  readonly ngram: string;
  readonly kind: 'word' | 'char';
  readonly weight: number;
}

export function topFeatures(
  model: TrainedSentimentModel,
  perLabel = 10,
): { readonly label: string; readonly features: readonly ModelFeature[] }[] | null {
  const vocabulary = model.vocabulary;
  if (!vocabulary) return null;
  const columns = model.idf.length;
  const pick = (vector: number, sign: 1 | -1): ModelFeature[] => {
    const order = Array.from({ length: columns }, (_, j) => j)
      .filter((j) => sign * (model.weights[vector * columns + j] as number) > 0)
      .sort(
        (a, b) =>
          sign *
          ((model.weights[vector * columns + b] as number) - (model.weights[vector * columns + a] as number)),
      );
    return order.slice(0, perLabel).map((j) => {
      const term = vocabulary.term(j) as { kind: 'word' | 'char'; text: string };
      return { ngram: term.text, kind: term.kind, weight: model.weights[vector * columns + j] as number };
    });
  };
  if (model.labels.length === 2)
    return [
      { label: model.labels[0] as string, features: pick(0, -1) },
      { label: model.labels[1] as string, features: pick(0, 1) },
    ];
  return model.labels.map((label, k) => ({ label, features: pick(k, 1) }));
}
