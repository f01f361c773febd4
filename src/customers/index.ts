/** Customer value: features, RFM, CLV, segmentation, retention cohorts and loyalty tiers. */

export * from './clv/index.js';
export * from './features.js';
export * from './loyalty.js';
export * from './retention.js';
export * from './rfm.js';
export * from './segmentation/index.js';
