import { InternalError } from '../../core/errors.js';
import {
  LlmCallError,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
  type LlmUsage,
  type StructuredMode,
} from '../language-model.js';

/**
 * A scripted `LlmProvider` for tests (the AI SDK's MockLanguageModel idea): each call takes the
 * next step of the script — a response, an error, or a function of the request — and the fake
 * records every request it received, how many calls it served, and the most it ran at once.
 * No network, no clock: it yields one macrotask per call so concurrent calls really overlap.
 */

export type FakeStep =
  | {
      readonly text: string;
      readonly usage?: Partial<LlmUsage>;
      readonly finishReason?: string;
      readonly structuredMode?: StructuredMode;
      /** Streamed to `onDelta` in this order (default: the whole text as one delta). */
      readonly deltas?: readonly string[];
    }
  | { readonly error: unknown }
  | ((request: LlmRequest, call: number) => LlmResponse | Promise<LlmResponse>);

export interface FakeProviderOptions {
  readonly script?: readonly FakeStep[];
  /** Used once the script is exhausted; without it an exhausted fake throws. */
  readonly fallback?: FakeStep;
  readonly provider?: string;
  readonly model?: string;
  readonly structuredMode?: StructuredMode;
}

export interface FakeProvider extends LlmProvider {
  /** Requests in call order, as received (guarded messages, json schema, signal …). */
  readonly requests: readonly LlmRequest[];
  readonly calls: number;
  /** Calls in progress now, and the most ever in progress at once. */
  readonly active: number;
  readonly maxActive: number;
  readonly closed: boolean;
  /** Appends steps to the script. */
  push(...steps: FakeStep[]): void;
}

/** A rough token count (4 characters ≈ 1 token), so usage is deterministic and non-zero. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** An HTTP failure as an adapter would report it: 408, 429 and 5xx are retryable. */
export function fakeHttpError(status: number, retryAfterMs?: number): LlmCallError {
  const isRetryable = status === 408 || status === 429 || status >= 500;
  return new LlmCallError('llm_http', `Fake provider HTTP ${status}`, {
    status,
    isRetryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

function abortPromise(signal: AbortSignal | undefined): Promise<never> | undefined {
  if (!signal) return undefined;
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** Creates a fake provider following `script`; see the module comment. */
export function createFakeProvider(options: FakeProviderOptions = {}): FakeProvider {
  const script: FakeStep[] = [...(options.script ?? [])];
  const requests: LlmRequest[] = [];
  let calls = 0;
  let active = 0;
  let maxActive = 0;
  let closed = false;
  const structuredMode = options.structuredMode ?? 'json_schema';

  const play = async (step: FakeStep, request: LlmRequest, call: number): Promise<LlmResponse> => {
    await new Promise((resolve) => setImmediate(resolve));
    if (typeof step === 'function') return step(request, call);
    if ('error' in step) throw step.error;
    for (const delta of step.deltas ?? [step.text]) request.onDelta?.(delta);
    const mode =
      step.structuredMode ?? (request.json ? (request.structuredMode ?? structuredMode) : undefined);
    const prompt = request.messages.map((message) => message.content).join('\n');
    return {
      text: step.text,
      usage: {
        inputTokens: step.usage?.inputTokens ?? estimateTokens(prompt),
        outputTokens: step.usage?.outputTokens ?? estimateTokens(step.text),
      },
      finishReason: step.finishReason ?? 'stop',
      ...(mode === undefined ? {} : { structuredMode: mode }),
    };
  };

  return {
    provider: options.provider ?? 'fake',
    model: options.model ?? 'fake-model',
    structuredMode,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      if (closed) throw new InternalError('fake_provider_closed', 'The fake provider was closed');
      requests.push(request);
      calls++;
      const step = script.shift() ?? options.fallback;
      if (step === undefined) {
        throw new InternalError(
          'fake_provider_exhausted',
          `The fake provider's script ran out at call ${calls}`,
        );
      }
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        const aborted = abortPromise(request.signal);
        const played = play(step, request, calls);
        return await (aborted ? Promise.race([played, aborted]) : played);
      } finally {
        active--;
      }
    },
    async close() {
      closed = true;
    },
    push(...steps: FakeStep[]) {
      script.push(...steps);
    },
    get requests() {
      return requests;
    },
    get calls() {
      return calls;
    },
    get active() {
      return active;
    },
    get maxActive() {
      return maxActive;
    },
    get closed() {
      return closed;
    },
  };
}
