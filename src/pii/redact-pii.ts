/**
 * Redaction: replaces every PII value in a text by its vault placeholder. Besides the detected
 * spans, every value the vault already holds is swept for verbatim elsewhere in the text, so a name
 * found once through a cue ("Mr. John Smith") is also replaced where it appears without one.
 */
import { detectPii, requestedKinds, resolveOverlaps } from './detect-pii.js';
import { type DetectPiiOptions, escapeRegExp, type PiiKind, type PiiSpan } from './pii-types.js';
import type { PlaceholderVault } from './placeholder-vault.js';

export interface RedactionResult {
  /** The text with every detected value replaced by its placeholder. */
  readonly text: string;
  /** The replaced spans, as offsets into the input text. */
  readonly spans: PiiSpan[];
}

/**
 * True when a known value is specific enough to sweep for verbatim: at least two Han characters
 * or three other characters (a bare surname like "王" would redact unrelated words).
 */
function isSweepable(value: string): boolean {
  const trimmed = value.trim();
  if (/^[\p{Script=Han}·]+$/u.test(trimmed)) return trimmed.length >= 2;
  return trimmed.length >= 3;
}

/** Verbatim occurrences of the vault's values of the requested kinds, as spans. */
function sweepKnownValues(text: string, vault: PlaceholderVault, kinds: readonly PiiKind[]): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const entry of vault.entries()) {
    if (!kinds.includes(entry.kind)) continue;
    for (const spelling of entry.spellings) {
      if (!isSweepable(spelling)) continue;
      // Word-like edges must not run into further letters or digits ("Ann" inside "Annual").
      const before =
        /^[\p{L}\p{N}]/u.test(spelling) && !/^\p{Script=Han}/u.test(spelling) ? '(?<![\\p{L}\\p{N}])' : '';
      const after =
        /[\p{L}\p{N}]$/u.test(spelling) && !/\p{Script=Han}$/u.test(spelling) ? '(?![\\p{L}\\p{N}])' : '';
      const flags = entry.kind === 'email' ? 'giu' : 'gu';
      const pattern = new RegExp(`${before}${escapeRegExp(spelling)}${after}`, flags);
      for (const match of text.matchAll(pattern)) {
        spans.push({
          kind: entry.kind,
          start: match.index,
          end: match.index + match[0].length,
          confidence: 0.9,
        });
      }
    }
  }
  return spans;
}

/**
 * Replaces every PII value in `text` by its placeholder from `vault` (adding new values to it).
 * Stable: with the same vault, the same value gets the same placeholder in every call.
 * Example: `redactPii('Mail a@example.com', vault).text` → `'Mail [EMAIL_1]'`.
 */
export function redactPii(
  text: string,
  vault: PlaceholderVault,
  options: DetectPiiOptions = {},
): RedactionResult {
  const kinds = requestedKinds(options);
  const detected = detectPii(text, options);
  // Register detected values first so the sweep also covers their other occurrences.
  for (const span of detected) vault.placeholderFor(span.kind, text.slice(span.start, span.end));
  const spans = resolveOverlaps([...detected, ...sweepKnownValues(text, vault, kinds)]);
  let redacted = '';
  let cursor = 0;
  for (const span of spans) {
    redacted +=
      text.slice(cursor, span.start) + vault.placeholderFor(span.kind, text.slice(span.start, span.end));
    cursor = span.end;
  }
  return { text: redacted + text.slice(cursor), spans };
}
