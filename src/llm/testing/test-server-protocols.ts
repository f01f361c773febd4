import { exampleFromJsonSchema } from './json-schema-example.js';

/**
 * The wire formats the test server speaks: reading OpenAI chat-completions and Anthropic
 * messages requests, and writing their JSON and server-sent-event answers. Field names follow
 * the public API references (https://platform.openai.com/docs/api-reference/chat and
 * https://docs.anthropic.com/en/api/messages, streaming: …/en/api/messages-streaming).
 */

export type WireApi = 'openai' | 'anthropic';

/** What the server answers with, before it is put in one API's format. */
export interface PlannedAnswer {
  readonly text: string;
  readonly toolCall?: { readonly id: string; readonly name: string; readonly arguments: string };
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** The reply overrides that shape an answer (a subset of `TestServerReply`). */
export interface AnswerOverrides {
  readonly text?: string;
  readonly toolCall?: { readonly name: string; readonly arguments: string };
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ECHO_LIMIT = 200;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Rough token count: one per CJK character, plus one per word or per four other characters, whichever is more. */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.replace(CJK, ' ');
  const words = rest.split(/\s+/u).filter((word) => word !== '').length;
  const characters = [...rest.replace(/\s+/gu, '')].length;
  return cjk + Math.max(words, Math.ceil(characters / 4));
}

/** The text of a message `content`: a string, or the `text` of its text parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

function messagesOf(body: Json): readonly Json[] {
  return Array.isArray(body.messages) ? body.messages.filter(isObject) : [];
}

/** All prompt text of a request (system prompt included), for token counts and schema lookup. */
function promptText(body: Json): string {
  const system = contentText(body.system);
  const messages = messagesOf(body).map((message) => contentText(message.content));
  return [system, ...messages].filter((text) => text !== '').join('\n');
}

/**
 * The first JSON object in `text` that looks like a schema (has `type` or `properties`): how a
 * JSON-mode request without a server-side schema describes what it wants.
 */
export function findSchemaInText(text: string): unknown {
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    let inString = false;
    for (let index = start; index < text.length; index += 1) {
      const char = text[index];
      if (inString) {
        if (char === '\\') index += 1;
        else if (char === '"') inString = false;
      } else if (char === '"') inString = true;
      else if (char === '{') depth += 1;
      else if (char === '}') {
        depth -= 1;
        if (depth === 0) {
          try {
            const parsed: unknown = JSON.parse(text.slice(start, index + 1));
            if (isObject(parsed) && ('type' in parsed || 'properties' in parsed)) return parsed;
          } catch {
            // Not JSON: try the next opening brace.
          }
          break;
        }
      }
    }
  }
  return undefined;
}

/** The tool the request forces (OpenAI `tool_choice`, Anthropic `tool_choice`), with its schema. */
function forcedTool(api: WireApi, body: Json): { name: string; schema: unknown } | undefined {
  const tools = Array.isArray(body.tools) ? body.tools.filter(isObject) : [];
  const choice = body.tool_choice;
  const describe = (tool: Json | undefined) => {
    if (tool === undefined) return undefined;
    if (api === 'anthropic') return { name: String(tool.name), schema: tool.input_schema };
    const fn = isObject(tool.function) ? tool.function : {};
    return { name: String(fn.name), schema: fn.parameters };
  };
  if (api === 'openai') {
    if (choice === 'required') return describe(tools[0]);
    const wanted = isObject(choice) && isObject(choice.function) ? choice.function.name : undefined;
    if (wanted === undefined) return undefined;
    return describe(tools.find((tool) => isObject(tool.function) && tool.function.name === wanted));
  }
  if (!isObject(choice)) return undefined;
  if (choice.type === 'any') return describe(tools[0]);
  if (choice.type !== 'tool') return undefined;
  return describe(tools.find((tool) => tool.name === choice.name));
}

/** The schema of a JSON answer the request asks for in its response format, if it asks for one. */
function responseFormatSchema(api: WireApi, body: Json): { schema: unknown } | undefined {
  if (api === 'openai') {
    const format = isObject(body.response_format) ? body.response_format : undefined;
    if (format?.type === 'json_schema') {
      return { schema: isObject(format.json_schema) ? format.json_schema.schema : undefined };
    }
    if (format?.type === 'json_object')
      return { schema: findSchemaInText(promptText(body)) ?? { type: 'object' } };
    return undefined;
  }
  const outputConfig = isObject(body.output_config) ? body.output_config : undefined;
  const format = isObject(outputConfig?.format) ? outputConfig.format : undefined;
  return format?.type === 'json_schema' ? { schema: format.schema } : undefined;
}

/**
 * Decides the answer to a request: the reply's text or tool call when given; otherwise a schema
 * example (as tool arguments when a tool is forced, as content when a JSON format is asked
 * for); otherwise `Echo: ` and the start of the last user message.
 */
export function planAnswer(
  api: WireApi,
  body: unknown,
  overrides: AnswerOverrides,
  id: string,
): PlannedAnswer {
  const request = isObject(body) ? body : {};
  const inputTokens = estimateTokens(promptText(request));
  const withUsage = (text: string, toolCall?: PlannedAnswer['toolCall']): PlannedAnswer => ({
    text,
    ...(toolCall === undefined ? {} : { toolCall }),
    inputTokens,
    outputTokens: Math.max(1, estimateTokens(toolCall?.arguments ?? text)),
  });

  if (overrides.toolCall !== undefined) return withUsage('', { id, ...overrides.toolCall });
  if (overrides.text !== undefined) return withUsage(overrides.text);
  const tool = forcedTool(api, request);
  if (tool !== undefined) {
    return withUsage('', {
      id,
      name: tool.name,
      arguments: JSON.stringify(exampleFromJsonSchema(tool.schema)),
    });
  }
  const format = responseFormatSchema(api, request);
  if (format !== undefined) return withUsage(JSON.stringify(exampleFromJsonSchema(format.schema)));
  const lastUser = [...messagesOf(request)].reverse().find((message) => message.role === 'user');
  const echoed = [...contentText(lastUser?.content)].slice(0, ECHO_LIMIT).join('');
  return withUsage(`Echo: ${echoed}`);
}

/** Splits text into small pieces (six code points each) for streaming. */
export function streamPieces(text: string): string[] {
  const points = [...text];
  const pieces: string[] = [];
  for (let index = 0; index < points.length; index += 6) pieces.push(points.slice(index, index + 6).join(''));
  return pieces;
}

const sse = (data: unknown, event?: string): string =>
  `${event === undefined ? '' : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`;

/** A non-streaming OpenAI chat completion. */
export function openAiCompletion(model: string, id: string, answer: PlannedAnswer): Json {
  const toolCalls =
    answer.toolCall === undefined
      ? undefined
      : [
          {
            id: answer.toolCall.id,
            type: 'function',
            function: { name: answer.toolCall.name, arguments: answer.toolCall.arguments },
          },
        ];
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: toolCalls === undefined ? answer.text : null,
          ...(toolCalls === undefined ? {} : { tool_calls: toolCalls }),
        },
        finish_reason: toolCalls === undefined ? 'stop' : 'tool_calls',
      },
    ],
    usage: openAiUsage(answer),
  };
}

const openAiUsage = (answer: PlannedAnswer) => ({
  prompt_tokens: answer.inputTokens,
  completion_tokens: answer.outputTokens,
  total_tokens: answer.inputTokens + answer.outputTokens,
});

/** The server-sent events of a streaming OpenAI chat completion, `data: [DONE]` included. */
export function openAiStreamEvents(
  model: string,
  id: string,
  answer: PlannedAnswer,
  includeUsage: boolean,
): string[] {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Json, finishReason: string | null = null) =>
    sse({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    });
  const events = [chunk({ role: 'assistant', content: '' })];
  const call = answer.toolCall;
  if (call === undefined) {
    for (const piece of streamPieces(answer.text)) events.push(chunk({ content: piece }));
  } else {
    events.push(
      chunk({
        tool_calls: [
          { index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
        ],
      }),
    );
    for (const piece of streamPieces(call.arguments)) {
      events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
    }
  }
  events.push(chunk({}, call === undefined ? 'stop' : 'tool_calls'));
  if (includeUsage) {
    events.push(
      sse({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: openAiUsage(answer) }),
    );
  }
  events.push('data: [DONE]\n\n');
  return events;
}

/** A non-streaming Anthropic message. */
export function anthropicMessage(model: string, id: string, answer: PlannedAnswer): Json {
  const call = answer.toolCall;
  const content =
    call === undefined
      ? [{ type: 'text', text: answer.text }]
      : [{ type: 'tool_use', id: call.id, name: call.name, input: parseOrKeep(call.arguments) }];
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: call === undefined ? 'end_turn' : 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: answer.inputTokens, output_tokens: answer.outputTokens },
  };
}

/** Anthropic sends tool input as an object; malformed arguments can only travel as a string. */
function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The server-sent events of a streaming Anthropic message. */
export function anthropicStreamEvents(model: string, id: string, answer: PlannedAnswer): string[] {
  const call = answer.toolCall;
  const events = [
    sse(
      {
        type: 'message_start',
        message: {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: answer.inputTokens, output_tokens: 1 },
        },
      },
      'message_start',
    ),
  ];
  const block =
    call === undefined
      ? { type: 'text', text: '' }
      : { type: 'tool_use', id: call.id, name: call.name, input: {} };
  events.push(sse({ type: 'content_block_start', index: 0, content_block: block }, 'content_block_start'));
  const pieces = streamPieces(call === undefined ? answer.text : call.arguments);
  for (const piece of pieces) {
    const delta =
      call === undefined
        ? { type: 'text_delta', text: piece }
        : { type: 'input_json_delta', partial_json: piece };
    events.push(sse({ type: 'content_block_delta', index: 0, delta }, 'content_block_delta'));
  }
  events.push(sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'));
  events.push(
    sse(
      {
        type: 'message_delta',
        delta: { stop_reason: call === undefined ? 'end_turn' : 'tool_use', stop_sequence: null },
        usage: { output_tokens: answer.outputTokens },
      },
      'message_delta',
    ),
  );
  events.push(sse({ type: 'message_stop' }, 'message_stop'));
  return events;
}

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  409: 'conflict_error',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

/** An error body in the API's own shape. */
export function errorBody(api: WireApi, status: number): Json {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  const message = `Test server answered ${status} (${type}).`;
  if (api === 'anthropic') return { type: 'error', error: { type, message } };
  return { error: { message, type, code: type, param: null } };
}
