/**
 * PII kernel: detection of personal data in Chinese and English text, and placeholder redaction.
 * Structured kinds (email, phone, cn_id, card, iban, ip) are validated by syntax and check digits;
 * names and addresses are best-effort heuristics (cue words, honorifics, address chains).
 */
export { ibanValid, isValidCnId15, isValidCnId18, luhnValid } from './checksums.js';
export { detectPii, resolveOverlaps } from './detect-pii.js';
export { type DetectPiiOptions, PII_KINDS, type PiiKind, type PiiSpan } from './pii-types.js';
export {
  findPlaceholders,
  normalisePiiValue,
  PlaceholderVault,
  type VaultEntry,
} from './placeholder-vault.js';
export { type RedactionResult, redactPii } from './redact-pii.js';
