import type { EmbeddingProvider, EmbeddingRequest, EmbeddingResponse } from '../embedding.js';
import { hashedEmbedding } from './test-server-embeddings.js';

/**
 * An in-process `EmbeddingProvider` for tests: vectors from `vectorOf` (default: the test server's
 * hashed bag of features), errors from `failures` in call order (an `undefined` entry succeeds),
 * and a record of every request, so tests see exactly what would have left the process.
 */

export interface FakeEmbeddingOptions {
  readonly vectorOf?: (text: string) => Float32Array;
  /** The n-th call (0-based) throws failures[n] when it is defined. */
  readonly failures?: readonly unknown[];
  readonly maxBatchSize?: number;
  readonly model?: string;
}

export interface FakeEmbeddingProvider extends EmbeddingProvider {
  /** The texts of every call, in call order. */
  readonly requests: readonly (readonly string[])[];
  readonly closed: boolean;
}

export function createFakeEmbeddingProvider(options: FakeEmbeddingOptions = {}): FakeEmbeddingProvider {
  const vectorOf = options.vectorOf ?? ((text: string) => hashedEmbedding(text));
  const requests: (readonly string[])[] = [];
  let closed = false;
  return {
    provider: 'fake',
    model: options.model ?? 'fake-embedding',
    maxBatchSize: options.maxBatchSize ?? 2048,
    async embed(request: EmbeddingRequest): Promise<EmbeddingResponse> {
      const call = requests.length;
      requests.push([...request.texts]);
      // One macrotask, so concurrent calls really overlap.
      await new Promise((resolve) => setImmediate(resolve));
      const failure = options.failures?.[call];
      if (failure !== undefined) throw failure;
      return {
        vectors: request.texts.map(vectorOf),
        inputTokens: request.texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0),
      };
    },
    async close() {
      closed = true;
    },
    get requests() {
      return requests;
    },
    get closed() {
      return closed;
    },
  };
}
