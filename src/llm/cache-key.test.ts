import { describe, expect, it } from 'vitest';
import { canonicalJson, llmCacheKey, promptHash } from './cache-key.js';

const parts = {
  provider: 'openai-compatible',
  model: 'qwen2.5:3b',
  messages: [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: 'Hello [EMAIL_1]' },
  ],
  temperature: 0.2,
  seed: 7,
};

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [true, undefined, { d: 1, c: 'x' }], e: undefined })).toBe(
      '{"a":[true,null,{"c":"x","d":1}],"b":1}',
    );
  });
});

describe('llmCacheKey', () => {
  it('is a sha256 hex digest, stable under key order and undefined fields', () => {
    const key = llmCacheKey(parts);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(
      llmCacheKey({
        seed: 7,
        temperature: 0.2,
        messages: parts.messages,
        model: parts.model,
        provider: parts.provider,
      }),
    ).toBe(key);
    expect(llmCacheKey({ ...parts, maxOutputTokens: undefined, json: undefined })).toBe(key);
  });

  it('changes with every part that changes the answer', () => {
    const key = llmCacheKey(parts);
    const variants = [
      { ...parts, provider: 'openai' },
      { ...parts, model: 'qwen2.5:7b' },
      {
        ...parts,
        messages: [...parts.messages.slice(0, 1), { role: 'user' as const, content: 'Hello [EMAIL_2]' }],
      },
      { ...parts, temperature: 0.3 },
      { ...parts, seed: 8 },
      { ...parts, maxOutputTokens: 100 },
      { ...parts, json: { name: 'Copy', schema: { type: 'object' } } },
      { ...parts, json: { name: 'Copy', schema: { type: 'array' } } },
      { ...parts, json: { name: 'Copy', schema: { type: 'object' } }, structuredMode: 'tool' as const },
    ];
    const keys = new Set([key, ...variants.map((variant) => llmCacheKey(variant))]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('separates message boundaries (no ambiguity from concatenation)', () => {
    const a = llmCacheKey({
      ...parts,
      messages: [
        { role: 'user', content: 'ab' },
        { role: 'user', content: 'c' },
      ],
    });
    const b = llmCacheKey({
      ...parts,
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'bc' },
      ],
    });
    expect(a).not.toBe(b);
  });
});

describe('promptHash', () => {
  it('hashes role and content of each message', () => {
    expect(promptHash(parts.messages)).toMatch(/^[0-9a-f]{64}$/);
    expect(promptHash(parts.messages)).not.toBe(
      promptHash([{ role: 'user', content: 'Be brief.' }, ...parts.messages.slice(1)]),
    );
  });
});
