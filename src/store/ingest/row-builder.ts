import { InputError } from '../../core/errors.js';
import type { ColumnSpec } from '../../core/schema/index.js';
import type { SqlValue } from '../store.js';
import { CoerceFailure, type Coercer, compileCoercer, describeValue } from './coerce.js';
import { type DayOrder, inferDayOrder } from './coerce-date.js';
import { normalizeName } from './column-mapping.js';
import type { QuarantineIssue } from './quarantine.js';
import type { SourceRecord } from './sources.js';
import { compileColumnCheck, type IssueCode, type ValueCheck } from './validate.js';

/**
 * Turns the source records of one file into staging rows: per target column a compiled coercer
 * (with the column's default and day order) and a compiled zod-equivalent check. A row is an
 * array in `columns` order, so no per-row object is built. A record that fails anything yields
 * its list of issues instead (all bad columns, not just the first).
 */

export interface RowPlan {
  /** Staging columns (the union over all files of mapped target columns). */
  readonly columns: readonly ColumnSpec[];
  /** For each staging column, its index in this file's header, or -1. */
  readonly sourceIndex: readonly number[];
  readonly headerCount: number;
  readonly defaults: Readonly<Record<string, string | number | boolean | null>>;
  /** Fixed day order for ambiguous dates; inferred per column from `sample` when undefined. */
  readonly dayOrder?: DayOrder;
  readonly sample: readonly SourceRecord[];
}

const checkMessages: Readonly<Record<IssueCode, string>> = {
  invalid_type: 'has the wrong type',
  invalid_enum: 'is not an allowed value',
  missing_required: 'required value is missing',
  negative: 'must not be negative',
  not_positive: 'must be greater than 0',
  out_of_range: 'must be between 0 and 1',
};

export class RowBuilder {
  private readonly coercers: Coercer[];
  private readonly checks: ValueCheck[];
  private readonly sourceIndex: Int32Array;
  private readonly width: number;
  private readonly headerCount: number;
  private readonly names: string[];
  /** Issues of the last record for which `build` returned undefined. */
  issues: QuarantineIssue[] = [];
  /**
   * Per column, the coerced mapping default that replaces an empty value, or undefined when
   * there is none (or it coerces to null). The fast path (fast-csv.ts) uses the same values.
   */
  readonly fallbacks: readonly (SqlValue | undefined)[];

  constructor(plan: RowPlan) {
    this.width = plan.columns.length;
    this.headerCount = plan.headerCount;
    this.sourceIndex = Int32Array.from(plan.sourceIndex);
    this.names = plan.columns.map((c) => c.name);
    const defaults = new Map(Object.entries(plan.defaults).map(([k, v]) => [normalizeName(k), v]));
    this.checks = plan.columns.map(compileColumnCheck);
    const fallbacks: (SqlValue | undefined)[] = plan.columns.map(() => undefined);
    this.fallbacks = fallbacks;
    this.coercers = plan.columns.map((column, j) => {
      const source = plan.sourceIndex[j] as number;
      const dayOrder =
        plan.dayOrder ??
        (column.type === 'date' || column.type === 'timestamp'
          ? inferDayOrder(sampleTexts(plan.sample, source))
          : undefined);
      const coerce = compileCoercer(column, dayOrder === undefined ? {} : { dayOrder });
      const key = normalizeName(column.name);
      if (!defaults.has(key)) return coerce;
      const fallback = defaults.get(key);
      const value = compileCoercer(
        { ...column, required: false },
        dayOrder === undefined ? {} : { dayOrder },
      )(fallback);
      if (value instanceof CoerceFailure) {
        throw new InputError('invalid_default', `Default for ${column.name} is invalid: ${value.message}`);
      }
      if (value === null) return coerce;
      fallbacks[j] = value;
      return (input: unknown) => (isEmpty(input) ? value : coerce(input));
    });
  }

  /**
   * The staging row of `record`, or undefined with `this.issues` set. The row has `extraSlots`
   * more cells after the columns; the first holds `sequence` (the `__row` order), the caller fills the rest.
   */
  build(record: SourceRecord, sequence: number, extraSlots: number): SqlValue[] | undefined {
    if (record.error !== undefined) {
      this.issues = [{ column: '', code: record.error.code, message: record.error.message }];
      return undefined;
    }
    const fields = record.fields;
    if (fields.length !== this.headerCount) {
      this.issues = [
        {
          column: '',
          code: 'wrong_field_count',
          message: `expected ${this.headerCount} fields, got ${fields.length}`,
        },
      ];
      return undefined;
    }
    const width = this.width;
    const row: SqlValue[] = new Array(width + extraSlots);
    let issues: QuarantineIssue[] | undefined;
    for (let j = 0; j < width; j += 1) {
      const source = this.sourceIndex[j] as number;
      const input = source >= 0 ? fields[source] : undefined;
      const value = (this.coercers[j] as Coercer)(input);
      if (value instanceof CoerceFailure) {
        issues ??= [];
        issues.push({ column: this.names[j] as string, code: value.code, message: value.message });
        continue;
      }
      const failed = (this.checks[j] as ValueCheck)(value);
      if (failed !== undefined) {
        const message = `${checkMessages[failed]}, got ${describeValue(input)}`;
        issues ??= [];
        issues.push({ column: this.names[j] as string, code: failed, message });
        continue;
      }
      row[j] = value;
    }
    if (issues !== undefined) {
      this.issues = issues;
      return undefined;
    }
    row[width] = sequence;
    return row;
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim().length === 0);
}

function* sampleTexts(sample: readonly SourceRecord[], source: number): Iterable<string> {
  if (source < 0) return;
  for (const record of sample) {
    const value = record.fields[source];
    if (typeof value === 'string') yield value;
  }
}
