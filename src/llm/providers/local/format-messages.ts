import { InputError } from '../../../core/errors.js';
import type { LlmMessage } from '../../language-model.js';
import type { LlamaChatHistoryItem } from './llama-types.js';

/**
 * Turns provider-neutral chat messages into what node-llama-cpp takes: a chat history plus the
 * last user prompt for models with a chat template (the model's chat wrapper renders it), or one
 * plain-text prompt for base models without one (e.g. stories260K), which only continue text.
 */

/** Used when a request has no system message: short, so tiny contexts are not filled by it. */
export const defaultSystemPrompt = 'You are a helpful assistant.';

export interface ChatPrompt {
  /** The system message(s), joined; `defaultSystemPrompt` when there were none. */
  readonly systemPrompt: string;
  /** The chat history before the last user message (system first). */
  readonly history: readonly LlamaChatHistoryItem[];
  /** The last user message: what `LlamaChatSession.prompt` is called with. */
  readonly prompt: string;
}

function assertMessages(messages: readonly LlmMessage[]): void {
  if (messages.length === 0) {
    throw new InputError('llm_empty_messages', 'The local provider needs at least one message');
  }
}

function systemText(messages: readonly LlmMessage[]): string {
  return messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content.trim())
    .filter((content) => content.length > 0)
    .join('\n\n');
}

/**
 * The chat-session form of a conversation. System messages anywhere are merged into one system
 * prompt (chat templates accept one, first); the conversation must end with a user message.
 */
export function toChatPrompt(messages: readonly LlmMessage[]): ChatPrompt {
  assertMessages(messages);
  const turns = messages.filter((message) => message.role !== 'system');
  const last = turns[turns.length - 1];
  if (last === undefined || last.role !== 'user') {
    throw new InputError(
      'llm_last_message_not_user',
      'The local chat model needs the conversation to end with a user message',
    );
  }
  const systemPrompt = systemText(messages) || defaultSystemPrompt;
  const history: LlamaChatHistoryItem[] = [{ type: 'system', text: systemPrompt }];
  for (const turn of turns.slice(0, -1)) {
    history.push(
      turn.role === 'user'
        ? { type: 'user', text: turn.content }
        : { type: 'model', response: [turn.content] },
    );
  }
  return { systemPrompt, history, prompt: last.content };
}

export interface CompletionPrompt {
  readonly prompt: string;
  /** Texts that end the answer (a transcript's next speaker label). */
  readonly stopTriggers: readonly string[];
}

const speaker = { user: 'User', assistant: 'Assistant' } as const;

/**
 * The plain-text form for base models. A single user message (after optional system text) is
 * used as is, so "Once upon a time" is continued as a story. A longer conversation becomes a
 * `User:` / `Assistant:` transcript ending in `Assistant:` (or in the last assistant message,
 * which is then continued), and generation stops at the next `User:` line.
 */
export function toCompletionPrompt(messages: readonly LlmMessage[]): CompletionPrompt {
  assertMessages(messages);
  const preamble = systemText(messages);
  const turns = messages.filter((message) => message.role !== 'system');
  const only = turns[0];
  if (turns.length === 0 || (turns.length === 1 && only?.role === 'user')) {
    const prompt = [preamble, only?.content ?? ''].filter((part) => part.length > 0).join('\n\n');
    return { prompt, stopTriggers: [] };
  }
  const lines = turns.map(
    (turn) => `${speaker[turn.role === 'user' ? 'user' : 'assistant']}: ${turn.content}`,
  );
  if (turns[turns.length - 1]?.role === 'user') lines.push(`${speaker.assistant}:`);
  const transcript = lines.join('\n\n');
  return {
    prompt: preamble.length > 0 ? `${preamble}\n\n${transcript}` : transcript,
    stopTriggers: [`\n${speaker.user}:`],
  };
}
