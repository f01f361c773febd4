export {
  contrastWeights,
  createLexiconEngine,
  type LexiconEngineOptions,
  labelOf,
} from './lexicon-engine.js';
export { applyModifiers, clauseOfTokens, findOpinionUnits, type OpinionUnit } from './opinion-units.js';
export {
  createSentimentLexicons,
  type ExtraTerms,
  type Modifier,
  modifierOf,
  type SentimentLexicon,
  splitModifiers,
} from './sentiment-lexicon.js';
