import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { findLocalRuntime } from './load-llama.js';
import { createLocalEmbeddingProvider } from './local-embedding.js';

// The tiny real model (Karpathy's stories260K, GGUF; see ../shared/models/SOURCE.md): not an
// embedding model, but node-llama-cpp embeds with any model, which is enough to test the adapter.
const modelPath = fileURLToPath(new URL('../../../../../shared/models/stories260K.gguf', import.meta.url));
const hasModel = existsSync(modelPath);
const runtimeError = await findLocalRuntime().then(
  () => undefined,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
const canRun = hasModel && runtimeError === undefined;
if (!canRun)
  console.info(
    `[local-embedding.test] skipping the model tests: ${hasModel ? runtimeError : `${modelPath} is absent (it lives in ../shared/models)`}`,
  );

describe('createLocalEmbeddingProvider', () => {
  it('validates its config and names a missing file', async () => {
    expect(() => createLocalEmbeddingProvider({ modelPath: '' })).toThrow(InputError);
    expect(() => createLocalEmbeddingProvider({ modelPath: 'm.gguf', contextSize: 8 })).toThrow(
      /contextSize/,
    );
    expect(() => createLocalEmbeddingProvider({ modelPath: 'm.gguf', threads: 0 })).toThrow(/threads/);
    const missing = createLocalEmbeddingProvider({ modelPath: '/nonexistent/missing.gguf' });
    expect(missing.model).toBe('missing.gguf');
    await expect(missing.embed({ texts: ['x'] })).rejects.toThrow(/missing\.gguf/);
    await missing.close();
  });

  it.skipIf(!canRun)(
    'embeds with the tiny GGUF model: one vector per text, deterministic, cut to the context',
    async () => {
      const provider = createLocalEmbeddingProvider({ modelPath, threads: 1, contextSize: 64 });
      try {
        const texts = ['Once upon a time', 'The dog ran home', 'word '.repeat(200)];
        const first = await provider.embed({ texts });
        expect(first.vectors).toHaveLength(3);
        for (const vector of first.vectors) {
          expect(vector.length).toBe(64); // stories260K's embedding_length
          expect(vector.every(Number.isFinite)).toBe(true);
        }
        // The long text is cut to contextSize − 2 tokens instead of overflowing the context.
        expect((await provider.embed({ texts: [texts[2] as string] })).inputTokens).toBe(62);
        const again = await provider.embed({ texts: ['Once upon a time'] });
        expect(Array.from(again.vectors[0] as Float32Array)).toEqual(
          Array.from(first.vectors[0] as Float32Array),
        );
      } finally {
        await provider.close();
      }
      await expect(provider.embed({ texts: ['x'] })).rejects.toThrow(/closed/);
    },
  );
});
