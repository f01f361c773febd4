import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LlmMessage, LlmResponse } from './language-model.js';
import {
  completeStructured,
  repairMessage,
  StructuredOutputError,
  validateAnswer,
} from './structured-output.js';

const schema = z.object({ headline: z.string().max(20), tags: z.array(z.string()).min(1) }).strict();
const request: readonly LlmMessage[] = [
  { role: 'system', content: 'Answer in JSON.' },
  { role: 'user', content: 'Write a headline for the spring sale / 春季促销.' },
];

/** A `complete` that answers from a list and remembers what it was sent. */
function scripted(answers: string[]) {
  const sent: (readonly LlmMessage[])[] = [];
  const complete = async (messages: readonly LlmMessage[]): Promise<LlmResponse> => {
    sent.push(messages);
    const text = answers.shift();
    if (text === undefined) throw new Error('script ran out');
    return {
      text,
      usage: { inputTokens: 10, outputTokens: 5 },
      finishReason: 'stop',
      structuredMode: 'prompt',
    };
  };
  return { complete, sent };
}

const valid = '{"headline": "春季上新 Spring sale", "tags": ["sale"]}';

describe('completeStructured', () => {
  it('accepts a first-try valid answer with one call', async () => {
    const { complete, sent } = scripted([valid]);
    const result = await completeStructured(complete, request, schema);
    expect(result.value).toEqual({ headline: '春季上新 Spring sale', tags: ['sale'] });
    expect(result.stats).toEqual({
      mode: 'prompt',
      firstTryValid: true,
      localRepair: false,
      llmRepairs: 0,
      valid: true,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBe(request);
  });

  it('repairs a fenced, trailing-comma answer locally without another call', async () => {
    const { complete, sent } = scripted(['```json\n{"headline": "Spring", "tags": ["a",],}\n```']);
    const result = await completeStructured(complete, request, schema);
    expect(result.value).toEqual({ headline: 'Spring', tags: ['a'] });
    expect(result.stats).toMatchObject({
      firstTryValid: false,
      localRepair: true,
      llmRepairs: 0,
      valid: true,
    });
    expect(sent).toHaveLength(1);
  });

  it('asks again with the previous answer and the zod issues (path + message)', async () => {
    const bad = '{"headline": "A headline that is far too long for the slot", "tags": []}';
    const { complete, sent } = scripted([bad, valid]);
    const result = await completeStructured(complete, request, schema);
    expect(result.stats).toMatchObject({
      firstTryValid: false,
      localRepair: false,
      llmRepairs: 1,
      valid: true,
    });
    expect(result.responses.map((response) => response.text)).toEqual([bad, valid]);
    const second = sent[1] ?? [];
    expect(second.slice(0, 2)).toEqual(request);
    expect(second[2]).toEqual({ role: 'assistant', content: bad });
    expect(second[3]?.role).toBe('user');
    const feedback = second[3]?.content ?? '';
    expect(feedback).toContain('- headline: Too big: expected string to have <=20 characters');
    expect(feedback).toContain('- tags: Too small');
    expect(feedback).toContain('corrected JSON only');
  });

  it('treats an answer that is not JSON at all as an issue at the root', async () => {
    const { complete, sent } = scripted(['Sorry, here is a headline: Spring!', valid]);
    const result = await completeStructured(complete, request, schema);
    expect(result.stats.llmRepairs).toBe(1);
    expect(sent[1]?.[3]?.content).toContain('(root): the answer is not JSON');
  });

  it('gives up after maxRepairs with an error naming the issues', async () => {
    const { complete, sent } = scripted([
      '{"headline": 1, "tags": ["x"]}',
      '{"tags": ["x"]}',
      '{"headline": true}',
    ]);
    const error = await completeStructured(complete, request, schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputError);
    const failure = error as StructuredOutputError;
    expect(failure.code).toBe('llm_invalid_response');
    expect(failure.isRetryable).toBe(false);
    expect(failure.message).toMatch(
      /after 2 repair round\(s\): headline: Invalid input: expected string, received boolean/,
    );
    expect(failure.message).toContain('tags: Invalid input');
    expect(failure.stats).toMatchObject({ valid: false, llmRepairs: 2, firstTryValid: false });
    expect(sent).toHaveLength(3);
    // each round re-sends the original request plus only the latest answer
    expect(sent[2]).toHaveLength(4);
    expect(sent[2]?.[2]?.content).toBe('{"tags": ["x"]}');
  });

  it('with maxRepairs 0 makes exactly one call', async () => {
    const { complete, sent } = scripted(['{}']);
    await expect(completeStructured(complete, request, schema, { maxRepairs: 0 })).rejects.toThrow(
      /after 0 repair/,
    );
    expect(sent).toHaveLength(1);
  });
});

describe('validateAnswer / repairMessage', () => {
  it('formats nested paths', () => {
    const nested = z.object({ items: z.array(z.object({ price: z.number() })) });
    const checked = validateAnswer('{"items": [{"price": 1}, {"price": "2"}]}', nested);
    expect(checked.ok).toBe(false);
    expect(checked.issues).toEqual(['items[1].price: Invalid input: expected number, received string']);
    expect(repairMessage(checked.issues)).toContain('- items[1].price: Invalid input');
  });
});
