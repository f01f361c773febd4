/**
 * PII detection: runs every detector for the requested kinds and resolves overlapping candidates
 * into one sorted, non-overlapping list of spans.
 */
import { InputError } from '../core/errors.js';
import { detectAddresses } from './address-detectors.js';
import { detectNames } from './name-detectors.js';
import { detectPhones } from './phone-detector.js';
import { type DetectPiiOptions, PII_KINDS, type PiiKind, type PiiSpan } from './pii-types.js';
import { detectCards, detectCnIds, detectEmails, detectIbans, detectIps } from './structured-detectors.js';

/** The detector behind each kind. */
const DETECTORS: Readonly<Record<PiiKind, (text: string, options: DetectPiiOptions) => PiiSpan[]>> = {
  email: detectEmails,
  phone: detectPhones,
  cn_id: detectCnIds,
  card: detectCards,
  iban: detectIbans,
  ip: detectIps,
  name: (text, options) => detectNames(text, options.names ?? []),
  address: detectAddresses,
};

/** Validates and returns the requested kinds (all by default). */
export function requestedKinds(options: DetectPiiOptions): readonly PiiKind[] {
  if (options.kinds === undefined) return PII_KINDS;
  for (const kind of options.kinds) {
    if (!PII_KINDS.includes(kind)) {
      throw new InputError('unknown_pii_kind', `Unknown PII kind "${String(kind)}"`, {
        hint: `Use one of: ${PII_KINDS.join(', ')}`,
      });
    }
  }
  return options.kinds;
}

/** True when a character carries content (letter, digit or Han), not just spacing/punctuation. */
function hasContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * Resolves overlapping candidates. Winners are taken greedily by length (longer first), then
 * confidence, then position; a candidate overlapping a winner keeps only its uncovered pieces that
 * still contain a letter or digit, so a partly-overlapping value is never left half in the clear.
 * Returns spans sorted by start. O(n²) in the number of candidates, which is small per text.
 */
export function resolveOverlaps(candidates: readonly PiiSpan[]): PiiSpan[] {
  const ordered = [...candidates].sort(
    (left, right) =>
      right.end - right.start - (left.end - left.start) ||
      right.confidence - left.confidence ||
      left.start - right.start,
  );
  const accepted: PiiSpan[] = [];
  const queue = [...ordered];
  while (queue.length > 0) {
    const candidate = queue.shift() as PiiSpan;
    const blocker = accepted.find((span) => span.start < candidate.end && candidate.start < span.end);
    if (blocker === undefined) {
      accepted.push(candidate);
      continue;
    }
    // Keep the parts outside the blocker; they are re-checked against the other winners.
    const pieces = [
      { ...candidate, end: blocker.start },
      { ...candidate, start: blocker.end },
    ].filter((piece) => piece.end > piece.start);
    queue.unshift(...pieces);
  }
  return accepted.sort((left, right) => left.start - right.start);
}

/**
 * Finds PII in `text`: e-mail, phone, Chinese resident ID, payment card, IBAN, IP address (validated
 * by syntax and check digits) and — best effort — person names and postal addresses.
 * Returns sorted, non-overlapping spans (see `resolveOverlaps`).
 * Example: `detectPii('Mail a@example.com')` → `[{ kind: 'email', start: 5, end: 18, confidence: 0.99 }]`.
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiSpan[] {
  const candidates: PiiSpan[] = [];
  for (const kind of requestedKinds(options)) candidates.push(...DETECTORS[kind](text, options));
  return resolveOverlaps(candidates).filter((span) => hasContent(text.slice(span.start, span.end)));
}
