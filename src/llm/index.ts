/**
 * The public API of the LLM layer: the provider spec, the client and its reliability parts.
 * Vendor adapters (`providers/ai-sdk`, `providers/local`) and the test server (`testing/`) are
 * imported from their own paths, so importing this module never loads a vendor SDK.
 */

export { type CacheKeyParts, canonicalJson, llmCacheKey, promptHash } from './cache-key.js';
export {
  type CachedLlmResponse,
  type LlmCacheStore,
  type LlmCallRecord,
  type LlmCallRecorder,
  type LlmCallStatus,
  memoryCache,
  memoryRecorder,
  toCachedResponse,
} from './call-log.js';
export {
  type CircuitBreaker,
  type CircuitBreakerOptions,
  CircuitOpenError,
  type CircuitState,
  createCircuitBreaker,
} from './circuit-breaker.js';
export {
  createLlmClient,
  type LlmClient,
  type LlmClientOptions,
  type LlmObjectRequest,
  type LlmTextRequest,
  type LlmTextResult,
  type LlmTotals,
} from './client.js';
export { type Budget, callCost, createBudget, LlmBudgetError, type ModelPrice } from './cost.js';
// --- Other helpers' modules (issue 6): the guard is exported above (src/llm/guard). ---
// Vendor adapters and the test server stay on their own paths on purpose (see the module comment):
// export { createAiSdkProvider } from './providers/ai-sdk/index.js';
// export { startOpenAiTestServer } from './testing/openai-test-server.js';
export type {
  Embedder,
  EmbedderTotals,
  EmbeddingCache,
  EmbeddingProvider,
  EmbeddingRequest,
  EmbeddingResponse,
  EmbedOptions,
} from './embedding.js';
export { createEmbedder, type EmbedderOptions } from './embedding-client.js';
// The privacy guard (another helper's module, src/llm/guard):
export { createPromptGuard, type PromptGuardOptions } from './guard/index.js';
export { type RepairResult, type RepairStep, repairJson } from './json-repair.js';
export {
  type GuardedPrompt,
  type JsonSchema,
  LlmCallError,
  type LlmMessage,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
  type LlmRole,
  type LlmUsage,
  type PromptGuard,
  type StructuredMode,
} from './language-model.js';
export { createLimiter, type Limiter } from './limiter.js';
export { abortableSleep, fullJitterDelay, isRetryableError, type RetryOptions, withRetry } from './retry.js';
export {
  completeStructured,
  jsonSchemaFor,
  repairMessage,
  StructuredOutputError,
  type StructuredResult,
  type StructuredStats,
  validateAnswer,
} from './structured-output.js';
