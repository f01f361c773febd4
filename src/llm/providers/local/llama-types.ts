/**
 * The subset of node-llama-cpp 3.21.1's API this adapter uses, declared here (as Kysely declares
 * the subset of `pg` it needs) because node-llama-cpp is not a dependency of the project: it is
 * loaded at run time from the project or from a separate runtime directory (see load-llama.ts).
 * Names and shapes follow node-llama-cpp's own `.d.ts` files (dist/index.d.ts of 3.21.1).
 */

export type LlamaLogLevel = 'disabled' | 'fatal' | 'error' | 'warn' | 'info' | 'log' | 'debug';

/** A token id (node-llama-cpp brands it; a plain number is enough here). */
export type LlamaToken = number;

/** A compiled GBNF grammar; opaque to us. */
export interface LlamaGrammar {
  readonly grammar?: string;
}

export interface LlamaModelTokens {
  readonly bos: LlamaToken | null;
  readonly shouldPrependBosToken: boolean;
}

export interface LlamaContextSequence {
  readonly nextTokenIndex: number;
  /** Forgets the evaluated tokens, so the next call starts from an empty KV cache. */
  clearHistory(): Promise<void>;
}

export interface LlamaContext {
  readonly contextSize: number;
  getSequence(): LlamaContextSequence;
  dispose(): Promise<void>;
}

export interface LlamaModel {
  readonly filename: string | undefined;
  readonly disposed: boolean;
  readonly tokens: LlamaModelTokens;
  readonly tokenizer: unknown;
  readonly fileInfo: {
    readonly metadata?: { readonly tokenizer?: { readonly chat_template?: unknown } };
  };
  tokenize(text: string, specialTokens?: boolean, options?: 'trimLeadingSpace'): LlamaToken[];
  createContext(options: {
    readonly contextSize: number;
    readonly threads: number;
    readonly sequences: number;
  }): Promise<LlamaContext>;
  dispose(): Promise<void>;
}

export interface Llama {
  readonly disposed: boolean;
  loadModel(options: { readonly modelPath: string }): Promise<LlamaModel>;
  createGrammarForJsonSchema(schema: Readonly<Record<string, unknown>>): Promise<LlamaGrammar>;
  getGrammarFor(type: 'json'): Promise<LlamaGrammar>;
  dispose(): Promise<void>;
}

export interface LlamaOptions {
  readonly gpu: false | 'metal';
  readonly build: 'never';
  readonly logLevel: LlamaLogLevel;
  readonly maxThreads: number;
  readonly skipDownload: boolean;
  readonly progressLogs: boolean;
}

/** One item of a chat history as node-llama-cpp's chat wrappers take it. */
export type LlamaChatHistoryItem =
  | { readonly type: 'system'; readonly text: string }
  | { readonly type: 'user'; readonly text: string }
  | { readonly type: 'model'; readonly response: string[] };

export interface LlamaChatWrapper {
  readonly wrapperName: string;
  generateContextState(options: { readonly chatHistory: readonly LlamaChatHistoryItem[] }): {
    readonly contextText: { tokenize(tokenizer: unknown): LlamaToken[] };
  };
}

/** Options shared by `LlamaChatSession.promptWithMeta` and `LlamaCompletion.generateCompletionWithMeta`. */
export interface LlamaGenerationOptions {
  readonly onTextChunk?: (text: string) => void;
  readonly onToken?: (tokens: LlamaToken[]) => void;
  readonly signal?: AbortSignal;
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly seed?: number;
  readonly grammar?: LlamaGrammar;
  readonly customStopTriggers?: readonly string[];
}

export interface LlamaChatSession {
  readonly chatWrapper: LlamaChatWrapper;
  setChatHistory(history: LlamaChatHistoryItem[]): void;
  promptWithMeta(
    prompt: string,
    options: LlamaGenerationOptions,
  ): Promise<{ readonly responseText: string; readonly stopReason: string }>;
  dispose(options?: { readonly disposeSequence?: boolean }): void;
}

export interface LlamaCompletion {
  generateCompletionWithMeta(
    input: string,
    options: LlamaGenerationOptions,
  ): Promise<{ readonly response: string; readonly metadata: { readonly stopReason: string } }>;
  dispose(options?: { readonly disposeSequence?: boolean }): void;
}

/** The module namespace of `node-llama-cpp` (the exports we use). */
export interface LlamaModule {
  getLlama(options: LlamaOptions): Promise<Llama>;
  LlamaChatSession: new (options: {
    readonly contextSequence: LlamaContextSequence;
    readonly autoDisposeSequence: boolean;
    readonly systemPrompt?: string;
  }) => LlamaChatSession;
  LlamaCompletion: new (options: {
    readonly contextSequence: LlamaContextSequence;
    readonly autoDisposeSequence: boolean;
  }) => LlamaCompletion;
}

/** A computed embedding (`LlamaEmbedding`). */
export interface LlamaEmbedding {
  readonly vector: readonly number[];
}

/** `LlamaEmbeddingContext`: one embedding at a time, of a text or of tokens. */
export interface LlamaEmbeddingContext {
  getEmbeddingFor(input: LlamaToken[] | string): Promise<LlamaEmbedding>;
  dispose(): Promise<void>;
}

/** A loaded model that can embed (every `LlamaModel` of node-llama-cpp 3.21.1 has the method). */
export interface LlamaEmbeddingModel extends LlamaModel {
  createEmbeddingContext(options: {
    readonly contextSize: number;
    readonly threads: number;
  }): Promise<LlamaEmbeddingContext>;
}
