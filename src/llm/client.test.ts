import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { sha256Hex } from '../core/ids.js';
import { llmCacheKey, promptHash } from './cache-key.js';
import { memoryCache, memoryRecorder } from './call-log.js';
import { CircuitOpenError } from './circuit-breaker.js';
import { createLlmClient, type LlmClientOptions } from './client.js';
import { createBudget, LlmBudgetError } from './cost.js';
import type { GuardedPrompt, LlmMessage, PromptGuard } from './language-model.js';
import {
  createFakeProvider,
  type FakeProvider,
  type FakeStep,
  fakeHttpError,
} from './testing/fake-provider.js';

/** A stand-in for the real guard: replaces example.com emails by numbered placeholders. */
function fakeGuard(): PromptGuard {
  return {
    protect(messages: readonly LlmMessage[]): GuardedPrompt {
      const byPlaceholder = new Map<string, string>();
      const byValue = new Map<string, string>();
      const guarded = messages.map((message) => ({
        role: message.role,
        content: message.content.replace(/[\w.+-]+@example\.com/g, (email) => {
          let placeholder = byValue.get(email);
          if (!placeholder) {
            placeholder = `[EMAIL_${byValue.size + 1}]`;
            byValue.set(email, placeholder);
            byPlaceholder.set(placeholder, email);
          }
          return placeholder;
        }),
      }));
      return {
        messages: guarded,
        sentHashes: guarded.map((message) => sha256Hex(message.content)),
        redactions: byValue.size > 0 ? { email: byValue.size } : {},
        restore: (text, kinds = []) =>
          kinds.includes('email') ? text.replace(/\[EMAIL_\d+\]/g, (p) => byPlaceholder.get(p) ?? p) : text,
      };
    },
  };
}

const email = 'ada.lovelace@example.com';
const ask = (content: string): LlmMessage[] => [
  { role: 'system', content: 'You write short customer emails.' },
  { role: 'user', content },
];

function setup(script: FakeStep[], extra: Partial<LlmClientOptions> = {}) {
  const provider = createFakeProvider({ script, provider: 'fake', model: 'tiny' });
  const recorder = memoryRecorder();
  const cache = memoryCache();
  const clock = { ms: Date.parse('2025-03-01T08:00:00Z') };
  const client = createLlmClient({
    provider,
    guard: fakeGuard(),
    cache,
    recorder,
    retry: { sleep: async () => undefined, random: () => 0.5 },
    now: () => new Date(clock.ms),
    runId: 'run_test',
    ...extra,
  });
  return { provider, recorder, cache, clock, client };
}

/** Every string a provider or recorder saw, for "no PII / no prompt text" checks. */
const seen = (provider: FakeProvider) => JSON.stringify(provider.requests.map((request) => request.messages));

describe('createLlmClient: generateText', () => {
  it('sends only guarded messages, keys and logs them by hash, restores only allowed kinds', async () => {
    const { provider, recorder, client } = setup([
      { text: 'Dear [EMAIL_1], thanks!' },
      { text: 'Hi [EMAIL_1]' },
    ]);
    const messages = ask(`Thank ${email} for the order.`);
    const plain = await client.generateText({ task: 'care', messages, template: 'care.thanks' });
    expect(plain.text).toBe('Dear [EMAIL_1], thanks!');
    expect(seen(provider)).not.toContain(email);
    expect(provider.requests[0]?.messages[1]?.content).toBe('Thank [EMAIL_1] for the order.');

    const guarded = fakeGuard().protect(messages).messages;
    const record = recorder.calls[0];
    expect(record).toMatchObject({
      task: 'care',
      provider: 'fake',
      model: 'tiny',
      template: 'care.thanks',
      runId: 'run_test',
      ts: '2025-03-01T08:00:00.000Z',
      status: 'ok',
      cached: false,
      attempts: 1,
      promptHash: promptHash(guarded),
      cacheKey: llmCacheKey({ provider: 'fake', model: 'tiny', messages: guarded }),
      redactions: { email: 1 },
    });
    expect(JSON.stringify(recorder.calls)).not.toContain(email);
    expect(JSON.stringify(recorder.calls)).not.toContain('for the order');

    const restored = await client.generateText({
      task: 'care',
      messages: ask(`Greet ${email}.`),
      restore: ['email'],
    });
    expect(restored.text).toBe(`Hi ${email}`);
    expect(restored.engine).toBe('fake/tiny');
  });

  it('serves a repeated call from the cache with zero provider calls and zero cost', async () => {
    const price = { inputPerMillion: 1000, outputPerMillion: 1000, currency: 'USD' };
    const { provider, recorder, client } = setup([{ text: 'Spring is here.' }], { price });
    const first = await client.generateText({
      task: 'copy',
      messages: ask('Write a spring line.'),
      temperature: 0,
    });
    const second = await client.generateText({
      task: 'copy',
      messages: ask('Write a spring line.'),
      temperature: 0,
    });
    expect(provider.calls).toBe(1);
    expect(first.cached).toBe(false);
    expect(first.cost).toBeGreaterThan(0);
    expect(second).toMatchObject({ text: 'Spring is here.', cached: true, cost: 0, attempts: 0 });
    expect(second.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(recorder.calls.map((call) => [call.cached, call.cost])).toEqual([
      [false, first.cost],
      [true, 0],
    ]);
    // a different temperature is a different request
    await expect(
      client.generateText({ task: 'copy', messages: ask('Write a spring line.'), temperature: 1 }),
    ).rejects.toThrow(/script ran out/);
  });

  it('keys the cache on guarded messages: prompts differing only in redacted values share an answer', async () => {
    const { provider, client } = setup([{ text: 'Welcome back, [EMAIL_1]!' }]);
    await client.generateText({ task: 'care', messages: ask('Welcome a@example.com back.') });
    const other = await client.generateText({
      task: 'care',
      messages: ask('Welcome b@example.com back.'),
      restore: ['email'],
    });
    expect(provider.calls).toBe(1);
    expect(other).toMatchObject({ cached: true, text: 'Welcome back, b@example.com!' });
  });

  it('retries retryable provider errors (honouring Retry-After) and records the attempts', async () => {
    const delays: number[] = [];
    const { provider, recorder, client } = setup(
      [{ error: fakeHttpError(503) }, { error: fakeHttpError(429, 2000) }, { text: 'ok' }],
      { retry: { sleep: async (ms) => void delays.push(ms), random: () => 0.5, baseDelayMs: 100 } },
    );
    const result = await client.generateText({ task: 'copy', messages: ask('x') });
    expect(result.attempts).toBe(3);
    expect(provider.calls).toBe(3);
    expect(delays).toEqual([50, 2000]);
    expect(recorder.calls[0]?.attempts).toBe(3);
    expect(client.totals().providerCalls).toBe(3);
  });

  it('does not retry a non-retryable error; records status error with its code', async () => {
    const { provider, recorder, client } = setup([{ error: fakeHttpError(401) }, { text: 'never' }]);
    await expect(client.generateText({ task: 'copy', messages: ask('x') })).rejects.toThrow('HTTP 401');
    expect(provider.calls).toBe(1);
    expect(recorder.calls[0]).toMatchObject({ status: 'error', errorCode: 'llm_http', attempts: 1 });
  });

  it('turns a hung attempt into a retryable llm_timeout', async () => {
    const hang: FakeStep = () => new Promise(() => undefined);
    const { provider, recorder, client } = setup([hang, hang], {
      timeoutMs: 20,
      retry: { maxRetries: 1, sleep: async () => undefined },
    });
    await expect(client.generateText({ task: 'copy', messages: ask('x') })).rejects.toMatchObject({
      code: 'llm_timeout',
      isRetryable: true,
    });
    expect(provider.calls).toBe(2);
    expect(provider.requests[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(recorder.calls[0]).toMatchObject({ status: 'error', errorCode: 'llm_timeout', attempts: 2 });
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    const { provider, client } = setup([
      () => {
        controller.abort(new Error('user cancelled'));
        return new Promise(() => undefined);
      },
    ]);
    await expect(
      client.generateText({ task: 'copy', messages: ask('x'), signal: controller.signal }),
    ).rejects.toThrow('user cancelled');
    expect(provider.calls).toBe(1);
  });

  it('opens the circuit after consecutive failures, fails fast, then half-opens and closes', async () => {
    const { provider, recorder, client, clock } = setup(
      [{ error: fakeHttpError(503) }, { error: fakeHttpError(503) }, { text: 'back' }],
      { breaker: { failureThreshold: 2, resetAfterMs: 30_000 }, retry: { maxRetries: 0 } },
    );
    const call = () => client.generateText({ task: 'copy', messages: ask(`x${provider.calls}`) });
    await expect(call()).rejects.toThrow('HTTP 503');
    await expect(call()).rejects.toThrow('HTTP 503');
    await expect(call()).rejects.toBeInstanceOf(CircuitOpenError);
    expect(provider.calls).toBe(2);
    expect(recorder.calls[2]).toMatchObject({
      status: 'circuit_open',
      errorCode: 'llm_unavailable',
      attempts: 0,
    });
    clock.ms += 30_000;
    await expect(call()).resolves.toMatchObject({ text: 'back' });
    expect(provider.calls).toBe(3);
  });

  it('stops calling once the budget is spent', async () => {
    const price = { inputPerMillion: 1, outputPerMillion: 0, currency: 'EUR' };
    const budget = createBudget({ limit: 1, currency: 'EUR' });
    const step: FakeStep = { text: 'ok', usage: { inputTokens: 500_000, outputTokens: 10 } };
    const { provider, recorder, client } = setup([step, step, step], { price, budget });
    await client.generateText({ task: 'copy', messages: ask('a') });
    await client.generateText({ task: 'copy', messages: ask('b') });
    expect(budget.spent).toBeCloseTo(1, 12);
    const error = await client.generateText({ task: 'copy', messages: ask('c') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmBudgetError);
    expect((error as Error).message).toContain('spent 1 EUR of the 1 EUR limit');
    expect(provider.calls).toBe(2);
    expect(recorder.calls[2]).toMatchObject({
      status: 'budget_exceeded',
      errorCode: 'llm_budget_exceeded',
      currency: 'EUR',
    });
  });

  it('never has more than `concurrency` provider calls in flight', async () => {
    const { provider, client } = setup([], { concurrency: 3, cache: undefined });
    provider.push(...Array.from({ length: 40 }, (_, i) => ({ text: `answer ${i}` })));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.generateText({ task: 'copy', messages: ask(`message ${i}`) }),
      ),
    );
    expect(results).toHaveLength(40);
    expect(provider.calls).toBe(40);
    expect(provider.maxActive).toBe(3);
  });

  it('rejects a price and budget in different currencies, and empty requests', async () => {
    const provider = createFakeProvider();
    expect(() =>
      createLlmClient({
        provider,
        guard: fakeGuard(),
        price: { inputPerMillion: 1, outputPerMillion: 1, currency: 'USD' },
        budget: createBudget({ limit: 1, currency: 'CNY' }),
      }),
    ).toThrow(InputError);
    const client = createLlmClient({ provider, guard: fakeGuard() });
    await expect(client.generateText({ task: 'copy', messages: [] })).rejects.toThrow(InputError);
    await expect(client.generateText({ task: ' ', messages: ask('x') })).rejects.toThrow(InputError);
  });
});

const copySchema = z.object({ subject: z.string().min(1).max(40), body: z.string().min(1) }).strict();

describe('createLlmClient: generateObject', () => {
  it('sends the JSON schema, repairs through a second guarded call, and caches only the valid answer', async () => {
    const { provider, recorder, cache, client } = setup([
      { text: '{"subject": "", "body": "Hello [EMAIL_1]"}', usage: { inputTokens: 100, outputTokens: 20 } },
      {
        text: '{"subject": "Thanks", "body": "Hello [EMAIL_1]"}',
        usage: { inputTokens: 150, outputTokens: 25 },
      },
    ]);
    const request = {
      task: 'copy',
      messages: ask(`Write to ${email}.`),
      schema: copySchema,
      schemaName: 'CareEmail',
      restore: ['email'],
    };
    const result = await client.generateObject(request);
    expect(result.value).toEqual({ subject: 'Thanks', body: `Hello ${email}` });
    expect(result.structured).toEqual({
      mode: 'json_schema',
      firstTryValid: false,
      localRepair: false,
      llmRepairs: 1,
      valid: true,
    });
    expect(provider.requests[0]?.json).toEqual({ name: 'CareEmail', schema: z.toJSONSchema(copySchema) });
    const repairRound = provider.requests[1]?.messages ?? [];
    expect(repairRound[2]).toEqual({
      role: 'assistant',
      content: '{"subject": "", "body": "Hello [EMAIL_1]"}',
    });
    expect(repairRound[3]?.content).toContain('- subject: Too small');
    expect(seen(provider)).not.toContain(email);
    expect(result).toMatchObject({ attempts: 2, usage: { inputTokens: 250, outputTokens: 45 } });
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]).toMatchObject({
      status: 'ok',
      attempts: 2,
      inputTokens: 250,
      structured: result.structured,
    });
    expect(cache.size).toBe(1);

    const again = await client.generateObject(request);
    expect(provider.calls).toBe(2);
    expect(again).toMatchObject({
      cached: true,
      value: result.value,
      structured: { llmRepairs: 0, valid: true },
    });
  });

  it('counts a locally repaired answer without another call', async () => {
    const { provider, client } = setup([{ text: 'Here:\n```json\n{"subject": "Hi", "body": "Body",}\n```' }]);
    const result = await client.generateObject({
      task: 'copy',
      messages: ask('x'),
      schema: copySchema,
      schemaName: 'C',
    });
    expect(result.structured).toMatchObject({ firstTryValid: false, localRepair: true, llmRepairs: 0 });
    expect(provider.calls).toBe(1);
  });

  it('gives up after maxRepairs, records the failure with stats, and caches nothing', async () => {
    const bad: FakeStep = { text: '{"subject": 42}' };
    const { provider, recorder, cache, client } = setup([bad, bad]);
    const error = await client
      .generateObject({
        task: 'copy',
        messages: ask('x'),
        schema: copySchema,
        schemaName: 'C',
        maxRepairs: 1,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'llm_invalid_response', isRetryable: false });
    expect((error as Error).message).toContain('subject: Invalid input: expected string, received number');
    expect(provider.calls).toBe(2);
    expect(cache.size).toBe(0);
    expect(recorder.calls[0]).toMatchObject({
      status: 'error',
      errorCode: 'llm_invalid_response',
      attempts: 2,
      structured: { valid: false, llmRepairs: 1 },
    });
  });

  it('totals add up to the call records', async () => {
    const price = { inputPerMillion: 2, outputPerMillion: 8, currency: 'USD' };
    const { client, recorder } = setup(
      [
        { text: 'one' },
        { error: fakeHttpError(503) },
        { text: '{"subject": "S", "body": "B"}' },
        { error: fakeHttpError(400) },
      ],
      { price },
    );
    await client.generateText({ task: 'copy', messages: ask('1') });
    await client.generateText({ task: 'copy', messages: ask('1') }); // cached
    await client.generateObject({ task: 'copy', messages: ask('2'), schema: copySchema, schemaName: 'C' });
    await client.generateText({ task: 'copy', messages: ask('3') }).catch(() => undefined);
    const totals = client.totals();
    const calls = recorder.calls;
    const sum = (pick: (call: (typeof calls)[number]) => number) =>
      calls.reduce((acc, call) => acc + pick(call), 0);
    expect(totals).toMatchObject({ calls: 4, cachedCalls: 1, providerCalls: 4 });
    expect(calls).toHaveLength(totals.calls);
    expect(sum((call) => call.attempts)).toBe(totals.providerCalls);
    expect(sum((call) => call.inputTokens)).toBe(totals.inputTokens);
    expect(sum((call) => call.outputTokens)).toBe(totals.outputTokens);
    expect(sum((call) => call.cost)).toBeCloseTo(totals.cost, 15);
    expect(totals.cost).toBeCloseTo((totals.inputTokens * 2 + totals.outputTokens * 8) / 1e6, 15);
    expect(calls.filter((call) => call.cached)).toHaveLength(totals.cachedCalls);
  });
});
