import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { openAiEmbeddings } from './test-server-embeddings.js';
import {
  anthropicMessage,
  anthropicStreamEvents,
  errorBody,
  openAiCompletion,
  openAiStreamEvents,
  planAnswer,
  type WireApi,
} from './test-server-protocols.js';

export { exampleFromJsonSchema } from './json-schema-example.js';
export { hashedEmbedding, TEST_EMBEDDING_DIMENSIONS } from './test-server-embeddings.js';

/**
 * A real HTTP server on 127.0.0.1 that speaks enough of the OpenAI chat-completions API
 * (`POST /v1/chat/completions`, plain and SSE streaming, `POST /v1/embeddings`, `GET /v1/models`) and of the Anthropic
 * messages API (`POST /v1/messages`, plain and streaming) for the AI SDK providers, so adapter
 * tests, the contract suite and the benchmarks exercise real sockets, real JSON and real SSE.
 * Answers are deterministic (see `planAnswer`); `reply` shapes individual answers (status,
 * headers, delay, text, tool call, hang, raw body).
 */

export interface RecordedRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body (`undefined` when the body was empty or not JSON). */
  readonly body: unknown;
  readonly rawBody: string;
}

export interface TestServerReply {
  /** HTTP status; ≥ 400 sends an error body in the API's own shape (or `rawBody`). */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Delay before answering; overrides the server's `latencyMs`. */
  readonly delayMs?: number;
  /** The assistant text to send instead of the default answer. */
  readonly text?: string;
  /** A tool call to send instead of the default answer (`arguments` is sent verbatim). */
  readonly toolCall?: { readonly name: string; readonly arguments: string };
  /** Never answer (for timeouts); `close()` ends the connection. */
  readonly hang?: boolean;
  /** The exact response body to send (content type JSON). */
  readonly rawBody?: string;
}

export interface TestServerOptions {
  /** Delay of every answer in milliseconds (default 0). */
  readonly latencyMs?: number;
  /** Shapes the answer to the `index`-th request (0-based, counting every request received). */
  readonly reply?: (request: RecordedRequest, index: number) => TestServerReply | Promise<TestServerReply>;
}

export interface TestServer {
  /** Base URL ending in `/v1`, e.g. `http://127.0.0.1:40123/v1`. */
  readonly url: string;
  /** Every request received, in order of arrival. */
  readonly requests: readonly RecordedRequest[];
  setReply(reply: TestServerOptions['reply']): void;
  /** Stops listening and ends every connection, hanging ones included. Safe to call twice. */
  close(): Promise<void>;
}

const MODEL_ID = 'test-model';
// Longer than undici's idle timeout (4 s), so a client never reuses a socket the server is closing.
const KEEP_ALIVE_MS = 60_000;

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startOpenAiTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let reply = options.reply;
  let answered = 0;

  const server = createServer({ keepAlive: true, keepAliveInitialDelay: 1_000 }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent && !isGone(response)) {
        sendJson(response, 500, {
          error: { message: `Test server failed: ${String(error)}`, type: 'api_error' },
        });
      } else {
        response.destroy();
      }
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  server.requestTimeout = 0;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const recorded: RecordedRequest = {
      path,
      headers: { ...request.headers },
      body: parseJson(rawBody),
      rawBody,
    };
    const index = requests.length;
    requests.push(recorded);
    if (request.method === 'POST' && path.endsWith('/embeddings'))
      return answerEmbeddings(recorded, (await reply?.(recorded, index)) ?? {}, response);

    const api: WireApi | undefined =
      request.method === 'POST' && path.endsWith('/chat/completions')
        ? 'openai'
        : request.method === 'POST' && path.endsWith('/messages')
          ? 'anthropic'
          : undefined;
    if (api === undefined) {
      if (request.method === 'GET' && path.endsWith('/models')) {
        const created = Math.floor(Date.now() / 1000);
        sendJson(response, 200, {
          object: 'list',
          data: [{ id: MODEL_ID, object: 'model', created, owned_by: 'test' }],
        });
      } else {
        sendJson(response, 404, errorBody('openai', 404));
      }
      return;
    }

    const shaped = (await reply?.(recorded, index)) ?? {};
    if (shaped.hang === true) return; // The socket stays open until the client gives up or close() runs.
    await wait(shaped.delayMs ?? options.latencyMs ?? 0);
    if (isGone(response)) return; // The client went away (abort, timeout).

    const status = shaped.status ?? 200;
    const headers = shaped.headers ?? {};
    if (shaped.rawBody !== undefined) return sendRaw(response, status, headers, shaped.rawBody);
    if (status >= 400) return sendJson(response, status, errorBody(api, status), headers);

    answered += 1;
    const body = recorded.body;
    const id = `${api === 'openai' ? 'chatcmpl' : 'msg'}-test-${answered}`;
    const model = isRecord(body) && typeof body.model === 'string' ? body.model : MODEL_ID;
    const answer = planAnswer(api, body, shaped, `call_test_${answered}`);
    const stream = isRecord(body) && body.stream === true;

    if (!stream) {
      const completion =
        api === 'openai' ? openAiCompletion(model, id, answer) : anthropicMessage(model, id, answer);
      return sendJson(response, status, completion, headers);
    }
    const streamOptions = isRecord(body) && isRecord(body.stream_options) ? body.stream_options : {};
    const events =
      api === 'openai'
        ? openAiStreamEvents(model, id, answer, streamOptions.include_usage === true)
        : anthropicStreamEvents(model, id, answer);
    response.writeHead(status, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...headers,
    });
    for (const event of events) {
      if (isGone(response)) return;
      response.write(event);
    }
    response.end();
  }

  /** `POST /v1/embeddings`: hashed bag-of-features vectors (test-server-embeddings.ts), shaped by `reply`. */
  async function answerEmbeddings(
    recorded: RecordedRequest,
    shaped: TestServerReply,
    response: ServerResponse,
  ): Promise<void> {
    if (shaped.hang === true) return;
    await wait(shaped.delayMs ?? options.latencyMs ?? 0);
    if (isGone(response)) return;
    const status = shaped.status ?? 200;
    const headers = shaped.headers ?? {};
    if (shaped.rawBody !== undefined) return sendRaw(response, status, headers, shaped.rawBody);
    if (status >= 400) return sendJson(response, status, errorBody('openai', status), headers);
    const answer = openAiEmbeddings(recorded.body);
    if (!answer.ok)
      return sendJson(response, 400, {
        error: { message: answer.message, type: 'invalid_request_error', code: 'invalid_input' },
      });
    sendJson(response, status, answer.body, headers);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setReply(next) {
      reply = next;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** Whether the client closed the connection (so nothing more can be written). */
const isGone = (response: ServerResponse): boolean =>
  response.destroyed || (response.socket?.destroyed ?? false);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendRaw(response, status, headers, JSON.stringify(body));
}

function sendRaw(
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
): void {
  if (isGone(response)) return;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(body);
}
