/** The local GGUF provider (node-llama-cpp, loaded lazily from the project or a runtime directory). */
export { defaultSystemPrompt, toChatPrompt, toCompletionPrompt } from './format-messages.js';
export { type GbnfSchemaMapping, toGbnfJsonSchema } from './gbnf-json-schema.js';
export {
  defaultLocalRuntimeDir,
  findLocalRuntime,
  findRuntimeInDir,
  LOCAL_RUNTIME_PACKAGE,
  LOCAL_RUNTIME_VERSION,
  type LocalRuntime,
  type LocalRuntimeLocation,
  type LocalRuntimePlatform,
  loadLocalRuntime,
  localRuntimePlatform,
  supportedLocalPlatforms,
} from './load-llama.js';
export { createLocalEmbeddingProvider, type LocalEmbeddingConfig } from './local-embedding.js';
export { createLocalProvider, type LocalProviderConfig, resolveLocalSettings } from './local-provider.js';
