/**
 * Placeholder vault: maps PII values to stable placeholders (`[EMAIL_1]`, `[PHONE_2]`) for one
 * conversation and puts originals back only for the kinds a caller allows. Values are keyed by a
 * normalised form (e-mail lower-cased; phone, card, ID and IBAN without separators; names and
 * addresses with collapsed whitespace), so "138 0013 8000" and "13800138000" share a placeholder;
 * restoring yields the first spelling seen.
 */
import { InputError } from '../core/errors.js';
import { PII_KINDS, type PiiKind } from './pii-types.js';

/** The placeholder label of each kind. */
const LABELS: Readonly<Record<PiiKind, string>> = {
  email: 'EMAIL',
  phone: 'PHONE',
  cn_id: 'CN_ID',
  card: 'CARD',
  iban: 'IBAN',
  ip: 'IP',
  name: 'NAME',
  address: 'ADDRESS',
};

const KIND_BY_LABEL: ReadonlyMap<string, PiiKind> = new Map(PII_KINDS.map((kind) => [LABELS[kind], kind]));

/** Any placeholder this vault could have issued: `[LABEL_n]`. */
const PLACEHOLDER = /\[(EMAIL|PHONE|CN_ID|CARD|IBAN|IP|NAME|ADDRESS)_(\d+)\]/g;

/**
 * Every privacy placeholder in `text` (`[EMAIL_1]` …) with its kind and span: a model that echoes
 * one into its answer leaves it there, since nothing is restored by default. Example:
 * `findPlaceholders('Mail [EMAIL_1]')` → `[{kind: 'email', text: '[EMAIL_1]', start: 5, end: 14}]`.
 */
export function findPlaceholders(
  text: string,
): { readonly kind: PiiKind; readonly text: string; readonly start: number; readonly end: number }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({
    kind: KIND_BY_LABEL.get(m[1] as string) as PiiKind,
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** One value held by the vault. */
export interface VaultEntry {
  readonly kind: PiiKind;
  readonly placeholder: string;
  /** The first spelling of the value seen (what `restore` puts back). */
  readonly original: string;
  /** Every spelling seen (what redaction sweeps for elsewhere in a text). */
  readonly spellings: readonly string[];
}

/** The comparison key of a value: spellings that denote the same value share it. */
export function normalisePiiValue(kind: PiiKind, value: string): string {
  switch (kind) {
    case 'email':
      return value.trim().toLowerCase();
    case 'phone':
    case 'card':
    case 'cn_id':
    case 'iban':
      return value.replace(/[\s().\-/]/g, '').toUpperCase();
    case 'ip':
      return value.trim().toLowerCase();
    case 'name':
    case 'address':
      return value.trim().replace(/\s+/g, ' ').toLowerCase();
  }
}

export class PlaceholderVault {
  readonly #byKey = new Map<string, { entry: VaultEntry; spellings: string[] }>();
  readonly #byPlaceholder = new Map<string, VaultEntry>();
  readonly #counters = new Map<PiiKind, number>();

  /**
   * The placeholder for a value: the same (normalised) value always gets the same placeholder;
   * a new value gets the next number of its kind. Example: `placeholderFor('email', 'a@example.com')`
   * → `'[EMAIL_1]'`.
   */
  placeholderFor(kind: PiiKind, original: string): string {
    if (!PII_KINDS.includes(kind)) {
      throw new InputError('unknown_pii_kind', `Unknown PII kind "${String(kind)}"`, {
        hint: `Use one of: ${PII_KINDS.join(', ')}`,
      });
    }
    const key = `${kind}\u0000${normalisePiiValue(kind, original)}`;
    const known = this.#byKey.get(key);
    if (known !== undefined) {
      if (!known.spellings.includes(original)) known.spellings.push(original);
      return known.entry.placeholder;
    }
    const number = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, number);
    const spellings = [original];
    const entry: VaultEntry = { kind, placeholder: `[${LABELS[kind]}_${number}]`, original, spellings };
    this.#byKey.set(key, { entry, spellings });
    this.#byPlaceholder.set(entry.placeholder, entry);
    return entry.placeholder;
  }

  /**
   * Puts originals back for placeholders of the allowed kinds; placeholders of other kinds and
   * placeholders this vault never issued stay as they are. Nothing is restored by default.
   */
  restore(text: string, allowedKinds: readonly string[] = []): string {
    if (allowedKinds.length === 0 || this.#byPlaceholder.size === 0) return text;
    const allowed = new Set(allowedKinds);
    return text.replace(PLACEHOLDER, (placeholder: string, label: string) => {
      const kind = KIND_BY_LABEL.get(label);
      const entry = this.#byPlaceholder.get(placeholder);
      return kind !== undefined && entry !== undefined && allowed.has(kind) ? entry.original : placeholder;
    });
  }

  /** Every value held, in the order first seen. */
  entries(): readonly VaultEntry[] {
    return [...this.#byPlaceholder.values()];
  }

  /** How many distinct values the vault holds. */
  get size(): number {
    return this.#byPlaceholder.size;
  }
}
