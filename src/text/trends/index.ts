/**
 * Trends in customer texts: keywords (TF-IDF, log-odds contrast, TextRank), term volumes over
 * calendar buckets, bursts (trailing z-score, Kleinberg), emerging terms, topic clusters and
 * negative-spike alerts. Pure functions over normalised term lists and dates.
 */
export { type ContrastKeyword, type ContrastKeywordOptions, contrastKeywords } from './contrast-keywords.js';
export { type Burst, type DetectBurstsOptions, detectBursts } from './detect-bursts.js';
export { type EmbeddingTopicOptions, embeddingTopics, unitRows } from './embedding-topics.js';
export { type EmergingTerm, type EmergingTermOptions, emergingTerms } from './emerging-terms.js';
export { type KleinbergBurst, type KleinbergOptions, kleinbergBursts } from './kleinberg-bursts.js';
export { type AlertDocument, type SpikeAlert, type SpikeAlertOptions, spikeAlerts } from './spike-alerts.js';
export { type TermVolumeOptions, type TermVolumes, type TimedTerms, termVolumes } from './term-volumes.js';
export { type TextRankKeyword, type TextRankOptions, textRankKeywords } from './textrank-keywords.js';
export { type TfidfKeyword, type TfidfKeywordOptions, tfidfKeywords } from './tfidf-keywords.js';
export { type Bucket, bucketOf } from './time-buckets.js';
export { type Topic, type TopicClusterOptions, type TopicClusters, topicClusters } from './topic-clusters.js';
