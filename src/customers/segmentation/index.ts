/** Customer segmentation: robust scaling, k-means with k by silhouette, profiles and bilingual rule names. */

export {
  type ChooseKOptions,
  chooseK,
  elbowK,
  type KCandidate,
  type KChoice,
  type KRange,
} from './choose-k.js';
export {
  type LabelEngine,
  type LocalizedText,
  nameSegments,
  namingThresholds,
  type SegmentArchetype,
  type SegmentDescriber,
  type SegmentLabel,
  type SegmentTrait,
  segmentArchetype,
  segmentArchetypeNames,
  segmentTraitNames,
  segmentTraits,
  segmentTraitTitles,
  valueScore,
} from './naming.js';
export {
  type ClusteringSpace,
  type FeatureProfile,
  profileSegments,
  type SegmentStatistics,
} from './profile.js';
export {
  defaultSegmentationFeatures,
  miniBatchThreshold,
  type SegmentationResult,
  type SegmentCustomersOptions,
  type SegmentProfile,
  segmentCustomers,
} from './segment-customers.js';
