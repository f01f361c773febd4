export {
  type AspectStats,
  type AspectSummaryItem,
  aspectSummary,
  type GroupAspectSummary,
  pearson,
} from './aspect-summary.js';
export {
  type AspectNeighbourTerm,
  aspectSeedTerms,
  type EmbeddingNeighbourOptions,
  embeddingNeighbourTerms,
  type FrequentTerm,
  type FrequentTermOptions,
  frequentCandidateTerms,
} from './embedding-neighbours.js';
export {
  type AspectTermCandidate,
  type ExpandAspectTermsOptions,
  expandAspectTerms,
} from './expand-aspect-terms.js';
export { extractAspects, matchAspectTerms } from './extract-aspects.js';
export {
  type AspectDefinition,
  type AspectTaxonomy,
  type CompiledTaxonomy,
  compileTaxonomy,
  DEFAULT_ASPECT_TAXONOMY,
} from './taxonomy.js';
