/**
 * Shared types of the PII layer and the small helpers every detector uses. Offsets are UTF-16 code
 * unit indices into the scanned string (what `String.prototype.slice` takes), end exclusive.
 */

export type PiiKind = 'email' | 'phone' | 'cn_id' | 'card' | 'iban' | 'ip' | 'name' | 'address';

/** Every kind, in the order placeholders are documented. */
export const PII_KINDS: readonly PiiKind[] = [
  'email',
  'phone',
  'cn_id',
  'card',
  'iban',
  'ip',
  'name',
  'address',
];

export interface PiiSpan {
  readonly kind: PiiKind;
  /** Start offset (inclusive) in the scanned text. */
  readonly start: number;
  /** End offset (exclusive) in the scanned text. */
  readonly end: number;
  /** 0..1: how sure the detector is (checksummed values ≈ 0.99, heuristics 0.6–0.8). */
  readonly confidence: number;
}

export interface DetectPiiOptions {
  /** Only these kinds (all kinds by default). */
  readonly kinds?: readonly PiiKind[];
  /** Known person names to catch verbatim (e.g. from the customers table). */
  readonly names?: readonly string[];
}

/** A detector scans one text and returns candidate spans of its kind(s); overlaps are resolved later. */
export type PiiDetector = (text: string, options: DetectPiiOptions) => PiiSpan[];

/** True when `char` is an ASCII letter or digit (the boundary test for Latin-script values). */
export function isAsciiAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z0-9]$/.test(char);
}

/** True when `char` is an ASCII digit. */
export function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/** Escapes a literal for use inside a RegExp source. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs a global regex over `text` and maps every match (with its index) through `toSpan`. */
export function collectMatches(
  text: string,
  pattern: RegExp,
  toSpan: (match: RegExpExecArray) => PiiSpan | readonly PiiSpan[] | undefined,
): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const regex = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    if (match[0].length === 0) {
      regex.lastIndex += 1;
      continue;
    }
    const result = toSpan(match);
    if (result === undefined) continue;
    if (Array.isArray(result)) spans.push(...(result as readonly PiiSpan[]));
    else spans.push(result as PiiSpan);
  }
  return spans;
}
