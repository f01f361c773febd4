export { type AiSdkEmbeddingConfig, createAiSdkEmbeddingProvider } from './ai-sdk-embedding.js';
export { type AiSdkProviderConfig, createAiSdkProvider } from './ai-sdk-provider.js';
export { type CallErrorContext, isRetryableStatus, parseRetryAfter, toLlmCallError } from './call-errors.js';
export { defaultStructuredMode, isStrictCompatible, schemaNote } from './structured-call.js';
