/** Competitor analysis: brand mentions, share of voice, aspect-by-aspect brand comparison. */
export { type AttributedAspect, attributeToBrands } from './attribute-to-brands.js';
export {
  type AspectComparison,
  type BrandComparisonOptions,
  brandComparison,
  type ComparisonItem,
  type ComparisonVerdict,
  OVERALL_ASPECT,
  twoProportionZTest,
} from './brand-comparison.js';
export { type BrandEntry, type BrandMention, brandMentions } from './brand-mentions.js';
export {
  type ShareOfVoice,
  type ShareOfVoiceOptions,
  shareOfVoice,
  type TimeBucket,
  type VoiceItem,
} from './share-of-voice.js';
