/**
 * The privacy guard every outbound LLM call goes through: PII in every message is replaced by
 * stable placeholders before anything leaves the process, the call log gets only sha256 hashes of
 * what was sent, and the answer can be de-anonymised for the kinds the caller allows.
 */
import { createHash } from 'node:crypto';
import { type PiiKind, PlaceholderVault, redactPii } from '../../pii/index.js';
import type { GuardedPrompt, LlmMessage, PromptGuard } from '../language-model.js';

export interface PromptGuardOptions {
  /** Kinds to redact (all by default). */
  readonly kinds?: readonly PiiKind[];
  /** Known person names to catch verbatim (e.g. the customers in the prompt). */
  readonly names?: readonly string[];
}

/** sha256 of the UTF-8 text, lower-case hex: what the call log keeps instead of the prompt. */
export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Creates a guard. `protect` uses one vault per call, so the same value gets the same placeholder
 * across the system and user messages. Messages are redacted in two passes: the first fills the
 * vault from all messages, the second redacts each message again so a value detected in one message
 * (e.g. a name after "我叫") is also replaced where it appears bare in another. `redactions` counts
 * replaced occurrences per kind.
 */
export function createPromptGuard(options: PromptGuardOptions = {}): PromptGuard {
  const detectOptions = {
    ...(options.kinds === undefined ? {} : { kinds: options.kinds }),
    ...(options.names === undefined ? {} : { names: options.names }),
  };
  return {
    protect(messages: readonly LlmMessage[]): GuardedPrompt {
      const vault = new PlaceholderVault();
      for (const message of messages) redactPii(message.content, vault, detectOptions);
      const redactions: Record<string, number> = {};
      const protectedMessages = messages.map((message): LlmMessage => {
        const result = redactPii(message.content, vault, detectOptions);
        for (const span of result.spans) redactions[span.kind] = (redactions[span.kind] ?? 0) + 1;
        return { role: message.role, content: result.text };
      });
      return {
        messages: protectedMessages,
        sentHashes: protectedMessages.map((message) => hashText(message.content)),
        redactions,
        restore: (text, allowedKinds = []) => vault.restore(text, allowedKinds),
      };
    },
  };
}
