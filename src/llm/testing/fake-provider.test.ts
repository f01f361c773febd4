import { describe, expect, it } from 'vitest';
import { createFakeProvider, estimateTokens, fakeHttpError } from './fake-provider.js';

const messages = [{ role: 'user' as const, content: 'Hello there, model.' }];

describe('createFakeProvider', () => {
  it('plays the script in order, records requests and streams deltas', async () => {
    const deltas: string[] = [];
    const provider = createFakeProvider({
      script: [
        { text: 'Hi!', deltas: ['H', 'i!'] },
        { error: fakeHttpError(429, 1500) },
        (request, call) => ({
          text: `call ${call}: ${request.messages.length}`,
          usage: { inputTokens: 1, outputTokens: 1 },
          finishReason: 'stop',
        }),
      ],
    });
    const first = await provider.complete({ messages, onDelta: (delta) => deltas.push(delta) });
    expect(first).toEqual({
      text: 'Hi!',
      usage: { inputTokens: estimateTokens('Hello there, model.'), outputTokens: 1 },
      finishReason: 'stop',
    });
    expect(deltas).toEqual(['H', 'i!']);
    await expect(provider.complete({ messages })).rejects.toMatchObject({
      status: 429,
      retryAfterMs: 1500,
      isRetryable: true,
    });
    await expect(provider.complete({ messages })).resolves.toMatchObject({ text: 'call 3: 1' });
    await expect(provider.complete({ messages })).rejects.toThrow(/script ran out at call 4/);
    expect(provider.calls).toBe(4);
    expect(provider.requests).toHaveLength(4);
  });

  it('reports the structured mode for JSON requests only, and honours the abort signal', async () => {
    const provider = createFakeProvider({ fallback: { text: '{}' }, structuredMode: 'tool' });
    const json = { name: 'X', schema: { type: 'object' } };
    expect((await provider.complete({ messages, json })).structuredMode).toBe('tool');
    expect((await provider.complete({ messages })).structuredMode).toBeUndefined();
    expect((await provider.complete({ messages, json, structuredMode: 'prompt' })).structuredMode).toBe(
      'prompt',
    );
    await expect(
      provider.complete({ messages, signal: AbortSignal.abort(new Error('gone')) }),
    ).rejects.toThrow('gone');
  });

  it('classifies HTTP errors like an adapter', () => {
    expect(fakeHttpError(503).isRetryable).toBe(true);
    expect(fakeHttpError(408).isRetryable).toBe(true);
    expect(fakeHttpError(400).isRetryable).toBe(false);
  });
});
