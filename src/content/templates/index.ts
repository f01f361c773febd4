/** Template engine: marketing copy in Chinese and English without an LLM. */

export { formatDate, formatDiscount, formatPrice } from './facts.js';
export type { Alternative, Facts, Grammar } from './grammar.js';
export { grammars } from './grammars.js';
export { defaultBrandVoice, optOutTexts, templateVersion, writeFromTemplate } from './write-from-template.js';
