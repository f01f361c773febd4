/** Privacy guard for outbound LLM calls (PII → placeholders, hashes for the call log). */
export { createPromptGuard, hashText, type PromptGuardOptions } from './prompt-guard.js';
