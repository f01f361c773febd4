import { z } from 'zod';
import type { LoadedConfig } from '../../core/config.js';
import { InputError, MarketmindError } from '../../core/errors.js';
import type { LlmProvider } from '../../llm/language-model.js';
import { endpointFor, openLlm } from './llm-service.js';

/**
 * `marketmind llm test`: one plain call and one structured call against the configured endpoint,
 * with latency — so a user sees at once whether the server answers, whether it follows a JSON
 * schema, and how fast. Neither call uses the cache or lands in the call log.
 */

export interface ProbeResult {
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly detail: string;
  readonly errorCode?: string;
}

export interface LlmCheck {
  readonly task: string;
  readonly provider: string;
  readonly model: string;
  readonly baseUrl: string | null;
  readonly text: ProbeResult;
  readonly structured: ProbeResult & { readonly mode: string | null; readonly firstTryValid: boolean | null };
}

const probeSchema = z.object({ ok: z.boolean(), language: z.enum(['en', 'zh']) }).strict();

function failure(error: unknown, started: number): ProbeResult {
  return {
    ok: false,
    latencyMs: performance.now() - started,
    detail: error instanceof Error ? error.message : String(error),
    ...(error instanceof MarketmindError ? { errorCode: error.code } : {}),
  };
}

export async function checkLlm(
  config: LoadedConfig,
  options: { readonly task?: string; readonly provider?: LlmProvider; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<LlmCheck> {
  const task = options.task ?? 'default';
  const endpoint = endpointFor(config, task);
  const client = openLlm(config, {
    task,
    ...(options.provider ? { provider: options.provider } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  if (!client)
    throw new InputError('llm_not_configured', 'No LLM is configured (llm.provider is "none")', {
      hint: 'Set llm.provider, llm.model (and llm.baseUrl for openai-compatible) in marketmind.config.json.',
    });
  try {
    let started = performance.now();
    let text: ProbeResult;
    try {
      const answer = await client.generateText({
        task: 'llm_test',
        messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
        maxOutputTokens: 16,
        temperature: 0,
      });
      text = {
        ok: answer.text.trim().length > 0,
        latencyMs: answer.latencyMs,
        detail: answer.text.slice(0, 80),
      };
    } catch (error) {
      text = failure(error, started);
    }
    started = performance.now();
    let structured: LlmCheck['structured'];
    try {
      const answer = await client.generateObject({
        task: 'llm_test',
        schema: probeSchema,
        schemaName: 'probe',
        messages: [
          {
            role: 'user',
            content: 'Answer in JSON: "ok" is true, "language" is the language of this sentence.',
          },
        ],
        maxOutputTokens: 64,
        temperature: 0,
      });
      structured = {
        ok: true,
        latencyMs: answer.latencyMs,
        detail: JSON.stringify(answer.value),
        mode: answer.structured.mode ?? null,
        firstTryValid: answer.structured.firstTryValid,
      };
    } catch (error) {
      structured = { ...failure(error, started), mode: null, firstTryValid: null };
    }
    return {
      task,
      provider: endpoint.provider,
      model: client.engine.slice(client.engine.indexOf('/') + 1),
      baseUrl: endpoint.baseUrl ?? null,
      text,
      structured,
    };
  } finally {
    await client.close();
  }
}
