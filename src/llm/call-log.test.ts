import { describe, expect, it } from 'vitest';
import { memoryCache, memoryRecorder } from './call-log.js';

describe('memoryCache', () => {
  it('returns what was put, as an immutable copy', async () => {
    const cache = memoryCache();
    expect(await cache.get('k')).toBeUndefined();
    const value = { text: 'hi', usage: { inputTokens: 1, outputTokens: 2 }, finishReason: 'stop' };
    await cache.put('k', value);
    value.text = 'changed';
    const stored = await cache.get('k');
    expect(stored).toEqual({ text: 'hi', usage: { inputTokens: 1, outputTokens: 2 }, finishReason: 'stop' });
    expect(Object.isFrozen(stored)).toBe(true);
    expect(cache.size).toBe(1);
  });
});

describe('memoryRecorder', () => {
  it('keeps records in order', async () => {
    const recorder = memoryRecorder();
    const base = {
      ts: '2025-01-01T00:00:00.000Z',
      task: 'copy',
      provider: 'fake',
      model: 'm',
      promptHash: 'h',
      cacheKey: 'k',
      cached: false,
      status: 'ok' as const,
      attempts: 1,
      latencyMs: 3,
      inputTokens: 1,
      outputTokens: 1,
      cost: 0,
      currency: 'USD',
      redactions: {},
    };
    await recorder.record({ ...base, id: 'a' });
    await recorder.record({ ...base, id: 'b' });
    expect(recorder.calls.map((call) => call.id)).toEqual(['a', 'b']);
  });
});
