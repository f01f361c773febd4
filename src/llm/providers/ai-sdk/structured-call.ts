import {
  type JSONValue,
  jsonSchema,
  type ModelMessage,
  Output,
  type OutputInterface,
  type ToolSet,
  tool,
} from 'ai';
import type { JsonSchema, LlmMessage, LlmRequest, StructuredMode } from '../../language-model.js';

/**
 * How one request is put to the AI SDK for each structured mode:
 * - `json_schema`: `Output.object` → OpenAI `response_format: json_schema`, Anthropic
 *   `output_config.format` (native structured outputs);
 * - `json_object`: `Output.json` → JSON mode; the schema goes into a system note;
 * - `tool`: one tool whose input schema is the JSON schema, forced with `toolChoice`;
 * - `prompt`: nothing server-side; the schema goes into a system note.
 * `grammar` is a local-model mode; over HTTP the nearest equivalent is `json_schema` (servers
 * such as llama.cpp compile a `json_schema` response format to a grammar themselves).
 */

export type AiSdkVendor = 'openai-compatible' | 'openai' | 'anthropic';

/** The providerOptions key of our openai-compatible provider (`createOpenAICompatible({ name })`). */
export const OPENAI_COMPATIBLE_NAME = 'openaiCompatible';

export interface StructuredCallParts {
  /** The mode used (`undefined` when the request asks for plain text). */
  readonly mode: StructuredMode | undefined;
  readonly messages: ModelMessage[];
  readonly output?: OutputInterface;
  readonly tools?: ToolSet;
  readonly toolChoice?: { readonly type: 'tool'; readonly toolName: string };
  /** The tool whose arguments are the answer (tool mode). */
  readonly toolName?: string;
  readonly providerOptions?: Record<string, Record<string, JSONValue>>;
}

/** The default structured mode of each vendor: native structured outputs where they are reliable. */
export function defaultStructuredMode(vendor: AiSdkVendor): StructuredMode {
  return vendor === 'anthropic' ? 'tool' : 'json_schema';
}

/**
 * OpenAI tool and schema names must match `^[a-zA-Z0-9_-]{1,64}$` (Anthropic's rule is the
 * same), so other characters become `_`.
 */
export function wireName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return cleaned === '' ? 'response' : cleaned;
}

/**
 * Whether OpenAI strict structured outputs accept the schema: every object lists all its
 * properties as required and sets `additionalProperties: false`
 * (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas). A schema that
 * is not strict-compatible is sent with `strict: false` instead of being rejected with HTTP 400.
 */
export function isStrictCompatible(schema: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (Array.isArray(schema)) return schema.every((entry) => isStrictCompatible(entry, depth + 1));
  if (typeof schema !== 'object' || schema === null) return true;
  const node = schema as Readonly<Record<string, unknown>>;
  const isObjectNode = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
  if (isObjectNode || node.properties !== undefined) {
    const keys = Object.keys((node.properties as Record<string, unknown> | undefined) ?? {});
    const required = Array.isArray(node.required) ? node.required : [];
    if (node.additionalProperties !== false || keys.some((key) => !required.includes(key))) return false;
  }
  return Object.entries(node).every(
    ([key, value]) =>
      key === 'enum' || key === 'const' || key === 'default' || isStrictCompatible(value, depth + 1),
  );
}

/** The system note that carries the schema when the server does not enforce it. */
export function schemaNote(json: NonNullable<LlmRequest['json']>): string {
  return [
    `Answer with one JSON value only — no prose, no Markdown code fences — that is valid against this JSON Schema (named "${json.name}"):`,
    JSON.stringify(json.schema),
  ].join('\n');
}

/** The messages for the AI SDK, with `note` appended to the first system message (or added as one). */
export function toModelMessages(messages: readonly LlmMessage[], note?: string): ModelMessage[] {
  const converted: ModelMessage[] = messages.map((message) => ({
    role: message.role,
    content: message.content,
  }));
  if (note === undefined) return converted;
  const index = converted.findIndex((message) => message.role === 'system');
  const first = converted[index];
  if (first === undefined || first.role !== 'system')
    return [{ role: 'system', content: note }, ...converted];
  converted[index] = { role: 'system', content: `${first.content}\n\n${note}` };
  return converted;
}

/** Resolves the mode of a request: its own, else the provider default; `grammar` → `json_schema`. */
export function resolveMode(
  request: LlmRequest,
  providerDefault: StructuredMode,
): Exclude<StructuredMode, 'grammar'> | undefined {
  if (request.json === undefined) return undefined;
  const mode = request.structuredMode ?? providerDefault;
  return mode === 'grammar' ? 'json_schema' : mode;
}

/** Builds the structured part of an AI SDK call for a request. */
export function buildStructuredCall(
  request: LlmRequest,
  vendor: AiSdkVendor,
  providerDefault: StructuredMode,
): StructuredCallParts {
  const mode = resolveMode(request, providerDefault);
  const json = request.json;
  if (mode === undefined || json === undefined)
    return { mode: undefined, messages: toModelMessages(request.messages) };
  const name = wireName(json.name);
  const schema = jsonSchema(json.schema as Parameters<typeof jsonSchema>[0]);

  switch (mode) {
    case 'json_schema':
      return {
        mode,
        messages: toModelMessages(request.messages),
        output: Output.object({ schema, name }),
        providerOptions: strictOptions(vendor, json.schema),
      };
    case 'json_object':
      return {
        mode,
        messages: toModelMessages(request.messages, schemaNote(json)),
        output: Output.json({ name }),
      };
    case 'tool':
      return {
        mode,
        messages: toModelMessages(request.messages),
        tools: { [name]: tool({ description: `Return the ${json.name} answer.`, inputSchema: schema }) },
        toolChoice: { type: 'tool', toolName: name },
        toolName: name,
      };
    case 'prompt':
      return { mode, messages: toModelMessages(request.messages, schemaNote(json)) };
  }
}

/** Vendor options for `json_schema` mode: strictness for OpenAI-style APIs, native outputs for Anthropic. */
function strictOptions(vendor: AiSdkVendor, schema: JsonSchema): Record<string, Record<string, JSONValue>> {
  const strictJsonSchema = isStrictCompatible(schema);
  switch (vendor) {
    case 'openai-compatible':
      return { [OPENAI_COMPATIBLE_NAME]: { strictJsonSchema } };
    case 'openai':
      return { openai: { strictJsonSchema } };
    case 'anthropic':
      return { anthropic: { structuredOutputMode: 'outputFormat' } };
  }
}
