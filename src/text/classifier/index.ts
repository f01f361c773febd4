/** Trainable sentiment classifier: n-gram TF-IDF (hashed or exact, NB-weighted) + L2 logistic regression (see each file). */
export type { ClassificationReport } from './classification-report.js';
export { classificationReport } from './classification-report.js';
export { crossValidate } from './cross-validate.js';
export type { ModelFeature } from './explain-model.js';
export { topFeatures } from './explain-model.js';
export type { CsrMatrix, FeatureSpec, Tokenize } from './hashed-features.js';
export {
  DEFAULT_FEATURES,
  defaultTokenize,
  fitIdf,
  pruneRareTerms,
  resolveFeatureSpec,
  termFrequencies,
  tfidfRows,
} from './hashed-features.js';
export { deserializeModel, serializeModel } from './model-serialization.js';
export { murmurHash3, murmurHash3String } from './murmur-hash.js';
export { logCountRatio } from './nb-weighting.js';
export { NgramVocabulary } from './ngram-vocabulary.js';
export type { TrainedSentimentModel } from './sentiment-model.js';
export { evaluate, predictLabel, predictLabels, predictProba } from './sentiment-model.js';
export { splitsForFolds, stratifiedFolds, stratifiedHoldout } from './splits.js';
export type { TrainOptions, TrainResult } from './train-sentiment-model.js';
export { DEFAULT_C_GRID, trainSentimentModel } from './train-sentiment-model.js';
export { sentimentLabelOf, trainedSentimentEngine } from './trained-sentiment-engine.js';
