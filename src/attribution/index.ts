// Multi-touch attribution: journeys, heuristic (rule-based), Markov removal-effect and Shapley models.

export { type HeuristicAttribution, type HeuristicOptions, heuristicAttribution } from './heuristic.js';
export {
  aggregateJourneys,
  type ChannelCredit,
  type EncodedJourneys,
  encodeJourneys,
  type Journey,
  type JourneyOptions,
  parseJourneyPath,
} from './journeys.js';
export {
  buildMarkovChain,
  type MarkovAttribution,
  type MarkovChain,
  type MarkovChannelResult,
  type MarkovOptions,
  markovAttribution,
  markovAttributionFromChain,
} from './markov.js';
export * from './media-mix/index.js';
export {
  type ShapleyAttribution,
  type ShapleyChannelResult,
  type ShapleyOptions,
  shapleyAttribution,
} from './shapley.js';
