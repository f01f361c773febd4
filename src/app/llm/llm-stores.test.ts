import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { storeEmbeddingCache } from './llm-stores.js';

describe.each(testStores('embedding cache'))('the embedding cache in llm_cache on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
  });
  afterAll(async () => {
    await closeTestStore(store);
  });

  it('answers from its buffer at once and from the table after a flush, bit for bit', async () => {
    const identity = { provider: 'openai-compatible', model: 'test-embed' };
    const cache = storeEmbeddingCache(store, identity);
    const vector = Float32Array.of(0.1, -2.5, 1e-7, 3.4028234e38);
    cache.put('k1', vector);
    expect((await cache.getMany(['k1', 'k2'])).get('k1')).toBe(vector);
    await cache.flush();
    const fresh = storeEmbeddingCache(store, identity);
    const found = await fresh.getMany(['k1', 'k2']);
    expect([...found.keys()]).toEqual(['k1']);
    expect(Array.from(found.get('k1') ?? [])).toEqual(Array.from(vector));
    // more keys than one lookup query takes
    const keys = Array.from({ length: 1_201 }, (_, i) => `many-${i}`);
    for (const key of keys) fresh.put(key, Float32Array.of(keys.indexOf(key)));
    await fresh.flush();
    const all = await storeEmbeddingCache(store, identity).getMany(keys);
    expect(all.size).toBe(1_201);
    expect(all.get('many-1200')?.[0]).toBe(1200);
  });
});
