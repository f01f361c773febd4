import type { ColumnSpec, TableSpec } from '../../core/schema/index.js';

/**
 * Row validation for ingest: the rules of the zod `rowSchema(table)` (src/core/schema/row-schema.ts),
 * compiled into one plain check function per column.
 *
 * Why compiled and not `rowSchema(table).safeParse(row)` per row: ingest works on positional
 * arrays (no per-row object), and on the 1M-row orders bench file safeParse cost ~1.1 µs/row
 * (building the object + parsing) against ~0.06 µs/row for the compiled checks — about 1.1 s of
 * a ~3 s budget. Equivalence is not assumed but tested: validate.test.ts feeds random rows
 * (valid, wrong-typed, out of range, non-JSON values …) to both and requires the compiled
 * validator to accept exactly the rows `safeParse` accepts.
 *
 * Rules per column type (as zod): text → string (enum → one of the values); integer → safe
 * integer; double → finite number; boolean; timestamp → valid Date; date → 'YYYY-MM-DD' string;
 * json → JSON value (finite numbers, plain objects, arrays). Checks: nonNegative ≥ 0,
 * positive > 0, probability in [0, 1] (doubles only, as in row-schema.ts). Not required →
 * null/undefined allowed. email/phone/currency/lang checks are not rejections.
 */

export type IssueCode =
  | 'invalid_type'
  | 'invalid_enum'
  | 'missing_required'
  | 'negative'
  | 'not_positive'
  | 'out_of_range';

/** Returns the failing rule, or undefined when the value is valid. */
export type ValueCheck = (value: unknown) => IssueCode | undefined;

export function compileColumnCheck(column: ColumnSpec): ValueCheck {
  const base = typeCheck(column);
  const range = rangeCheck(column);
  const check: ValueCheck =
    range === undefined
      ? base
      : (value) => {
          const failed = base(value);
          return failed === undefined ? range(value as number) : failed;
        };
  if (column.required) {
    // z.json() accepts null even when required; every other type rejects a null.
    if (column.type === 'json') return (value) => (value === undefined ? 'missing_required' : check(value));
    return (value) => (value === null || value === undefined ? 'missing_required' : check(value));
  }
  return (value) => (value === null || value === undefined ? undefined : check(value));
}

export interface RowIssue {
  readonly column: string;
  readonly code: IssueCode;
}

/** Validator over positional rows (`values[i]` belongs to `columns[i]`); undefined when valid. */
export function compileRowValidator(
  columns: readonly ColumnSpec[],
): (values: readonly unknown[]) => readonly RowIssue[] | undefined {
  const checks = columns.map(compileColumnCheck);
  return (values) => {
    let issues: RowIssue[] | undefined;
    for (let i = 0; i < checks.length; i += 1) {
      const code = (checks[i] as ValueCheck)(values[i]);
      if (code === undefined) continue;
      issues ??= [];
      issues.push({ column: (columns[i] as ColumnSpec).name, code });
    }
    return issues;
  };
}

/** The compiled validator for all columns of a table, as an object-row check (used in tests). */
export function compileTableValidator(table: TableSpec): (row: Readonly<Record<string, unknown>>) => boolean {
  const validate = compileRowValidator(table.columns);
  const names = new Set(table.columns.map((c) => c.name));
  return (row) => {
    for (const key of Object.keys(row)) if (!names.has(key)) return false; // z.object().strict()
    return validate(table.columns.map((c) => row[c.name])) === undefined;
  };
}

function typeCheck(column: ColumnSpec): ValueCheck {
  switch (column.type) {
    case 'text': {
      if (column.enum) {
        const allowed = new Set(column.enum);
        return (v) => (typeof v !== 'string' ? 'invalid_type' : allowed.has(v) ? undefined : 'invalid_enum');
      }
      return (v) => (typeof v === 'string' ? undefined : 'invalid_type');
    }
    case 'integer':
      return (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? undefined : 'invalid_type');
    case 'double':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : 'invalid_type');
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? undefined : 'invalid_type');
    case 'timestamp':
      return (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? undefined : 'invalid_type');
    case 'date':
      return (v) => (typeof v === 'string' && isoDatePattern.test(v) ? undefined : 'invalid_type');
    case 'json':
      return (v) => (isJsonValue(v) ? undefined : 'invalid_type');
  }
}

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

function rangeCheck(column: ColumnSpec): ((value: number) => IssueCode | undefined) | undefined {
  if (column.type !== 'integer' && column.type !== 'double') return undefined;
  switch (column.check) {
    case 'nonNegative':
      return (v) => (v >= 0 ? undefined : 'negative');
    case 'positive':
      return (v) => (v > 0 ? undefined : 'not_positive');
    case 'probability':
      return column.type === 'double' ? (v) => (v >= 0 && v <= 1 ? undefined : 'out_of_range') : undefined;
    default:
      return undefined;
  }
}

/** z.json(): string | finite number | boolean | null | JSON[] | plain object of JSON. */
export function isJsonValue(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > 200) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isJsonValue(item, depth + 1)) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (!isJsonValue((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** zod's util.isPlainObject. */
function isPlainObject(value: object): boolean {
  const ctor = (value as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prototype = (ctor as { prototype?: unknown }).prototype;
  if (typeof prototype !== 'object' || prototype === null || Array.isArray(prototype)) return false;
  return Object.hasOwn(prototype, 'isPrototypeOf');
}
