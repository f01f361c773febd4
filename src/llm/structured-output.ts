import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { repairJson } from './json-repair.js';
import {
  type JsonSchema,
  LlmCallError,
  type LlmMessage,
  type LlmResponse,
  type StructuredMode,
} from './language-model.js';

/**
 * Reliable structured output: validate → repair locally → ask again with the errors.
 *
 * 1. Parse the answer with `repairJson` (strict JSON first, then mechanical fixes) and validate
 *    it with the zod schema.
 * 2. If it is still not valid, send the conversation again with the previous answer as an
 *    assistant message and a user message listing each zod issue (path + message), asking for
 *    the corrected JSON only — the "validate and re-ask" loop of Instructor-style libraries,
 *    which usually converges in one round because the model sees exactly what was wrong.
 * 3. After `maxRepairs` such rounds, give up with `LlmCallError('llm_invalid_response')` whose
 *    message names the remaining issues.
 *
 * The round messages are built from the caller's messages, so each round goes through whatever
 * path `complete` wraps (privacy guard, budget, retries), and is counted there.
 */

export interface StructuredStats {
  /** The structured mode the provider reported for the accepted (or last) answer. */
  readonly mode: StructuredMode | undefined;
  /** The first answer was strict, schema-valid JSON. */
  readonly firstTryValid: boolean;
  /** The accepted answer needed local repair (`repairJson` fixes). */
  readonly localRepair: boolean;
  /** Extra model calls made to fix invalid answers. */
  readonly llmRepairs: number;
  readonly valid: boolean;
}

export interface StructuredResult<T> {
  readonly value: T;
  readonly stats: StructuredStats;
  /** Every response, in order (the last is the accepted one). */
  readonly responses: LlmResponse[];
}

/** The model never produced a valid answer; carries the stats for the call log. */
export class StructuredOutputError extends LlmCallError {
  readonly stats: StructuredStats;
  constructor(message: string, stats: StructuredStats) {
    super('llm_invalid_response', message, {
      isRetryable: false,
      hint: 'Try a stronger model, a structured mode the provider supports (json_schema, tool, grammar), or a simpler schema.',
    });
    this.stats = stats;
  }
}

export interface Validation<T> {
  readonly ok: boolean;
  readonly value?: T;
  readonly repaired: boolean;
  /** One line per problem: `path: message`. */
  readonly issues: readonly string[];
}

/** The JSON Schema sent to the provider; zod types JSON cannot express (Date, transforms) are an input error. */
export function jsonSchemaFor(schema: z.ZodType, schemaName: string): JsonSchema {
  try {
    return z.toJSONSchema(schema) as JsonSchema;
  } catch (error) {
    throw new InputError('invalid_llm_schema', `Schema ${schemaName} cannot be expressed as JSON Schema`, {
      cause: error,
      hint: 'Use JSON types only (string, number, boolean, arrays, objects, enums) in LLM output schemas.',
    });
  }
}

/** `a.b[2]` style path of a zod issue; `(root)` for the whole value. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(root)' : text;
}

/** Parses (with repair) and validates one answer against the schema. */
export function validateAnswer<T>(text: string, schema: z.ZodType<T>): Validation<T> {
  const parsed = repairJson(text);
  if (!parsed.ok)
    return { ok: false, repaired: false, issues: [`(root): the answer is not JSON. ${parsed.error}`] };
  const checked = schema.safeParse(parsed.value);
  if (checked.success) return { ok: true, value: checked.data, repaired: parsed.repaired, issues: [] };
  const issues = checked.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  return { ok: false, repaired: parsed.repaired, issues };
}

/** The user message asking the model to fix its previous answer. */
export function repairMessage(issues: readonly string[]): string {
  return [
    'Your previous answer does not match the required JSON schema:',
    ...issues.map((issue) => `- ${issue}`),
    'Reply with the corrected JSON only: no explanation, no Markdown code fences.',
  ].join('\n');
}

/**
 * Runs the loop described in the module comment. `complete` sends messages to the model;
 * `maxRepairs` (default 2) bounds the extra rounds.
 * Example: an answer `{"n": "3"}` for `z.object({ n: z.number() })` is re-asked with
 * "- n: Invalid input: expected number, received string"; an answer `{"n": 3}` then returns
 * `{ value: { n: 3 }, stats: { llmRepairs: 1, valid: true, … } }`.
 */
export async function completeStructured<T>(
  complete: (messages: readonly LlmMessage[]) => Promise<LlmResponse>,
  messages: readonly LlmMessage[],
  schema: z.ZodType<T>,
  options: { readonly maxRepairs?: number } = {},
): Promise<StructuredResult<T>> {
  const maxRepairs = options.maxRepairs ?? 2;
  if (!Number.isInteger(maxRepairs) || maxRepairs < 0) {
    throw new InputError('invalid_max_repairs', `maxRepairs must be an integer ≥ 0, got ${maxRepairs}`);
  }
  const responses: LlmResponse[] = [];
  let roundMessages = messages;
  let firstTryValid = false;
  for (let round = 0; ; round++) {
    const response = await complete(roundMessages);
    responses.push(response);
    const checked = validateAnswer(response.text, schema);
    if (round === 0) firstTryValid = checked.ok && !checked.repaired;
    const stats = (valid: boolean): StructuredStats => ({
      mode: response.structuredMode,
      firstTryValid,
      localRepair: valid && checked.repaired,
      llmRepairs: round,
      valid,
    });
    if (checked.ok) return { value: checked.value as T, stats: stats(true), responses };
    if (round >= maxRepairs) {
      throw new StructuredOutputError(
        `The model's answer is still invalid after ${round} repair round(s): ${checked.issues.join('; ')}`,
        stats(false),
      );
    }
    // Keep the conversation short: the original request, the last answer, and what to fix.
    roundMessages = [
      ...messages,
      { role: 'assistant', content: response.text },
      { role: 'user', content: repairMessage(checked.issues) },
    ];
  }
}
