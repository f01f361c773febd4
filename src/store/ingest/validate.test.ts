import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ColumnSpec, rowSchema, type TableSpec, tables } from '../../core/schema/index.js';
import { compileColumnCheck, compileRowValidator, compileTableValidator } from './validate.js';

/** Values of every kind, valid and invalid for each column type. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('2023-03-05', '2023-02-30', '2023-3-5', 'online', 'ONLINE', 'female', 'zh', ''),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, 1, -0, 0.5, 1.5, -1, 2 ** 53, 2 ** 53 - 1, Number.POSITIVE_INFINITY, Number.NaN),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.jsonValue(),
  fc.constantFrom({ a: Number.NaN }, [Number.POSITIVE_INFINITY], new Map(), 10n, {
    nested: { ok: [1, 'x'] },
  }),
);

function rowFor(table: TableSpec): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const column of table.columns) shape[column.name] = anyValue;
  return fc.record(shape, { requiredKeys: [] });
}

describe('compiled validator ≡ rowSchema(table).safeParse', () => {
  it.each(tables.map((t) => [t.name, t] as const))('%s', (_name, table) => {
    const compiled = compileTableValidator(table);
    const schema = rowSchema(table);
    fc.assert(
      fc.property(rowFor(table), (row) => {
        expect(compiled(row)).toBe(schema.safeParse(row).success);
      }),
      { numRuns: 400 },
    );
  });

  it('rejects unknown keys like the strict zod object', () => {
    const table = tables.find((t) => t.name === 'orders') as TableSpec;
    const valid = {
      id: 'o1',
      customer_id: 'c1',
      ordered_at: new Date(),
      total_amount: 3,
    };
    expect(compileTableValidator(table)(valid)).toBe(true);
    expect(rowSchema(table).safeParse(valid).success).toBe(true);
    expect(compileTableValidator(table)({ ...valid, extra: 1 })).toBe(false);
  });
});

describe('compileColumnCheck', () => {
  const column = (extra: Partial<ColumnSpec>): ColumnSpec => ({
    name: 'x',
    type: 'double',
    description: '',
    ...extra,
  });
  it('names the failed rule', () => {
    expect(compileColumnCheck(column({ check: 'nonNegative' }))(-1)).toBe('negative');
    expect(compileColumnCheck(column({ check: 'positive' }))(0)).toBe('not_positive');
    expect(compileColumnCheck(column({ check: 'probability' }))(1.5)).toBe('out_of_range');
    expect(compileColumnCheck(column({ required: true }))(null)).toBe('missing_required');
    expect(compileColumnCheck(column({}))('1')).toBe('invalid_type');
    expect(compileColumnCheck(column({ type: 'text', enum: ['a'] }))('b')).toBe('invalid_enum');
  });

  it('lists every failing column of a row', () => {
    const validate = compileRowValidator([
      column({ name: 'a', check: 'nonNegative' }),
      column({ name: 'b', required: true }),
      column({ name: 'c' }),
    ]);
    expect(validate([-1, null, 2])).toEqual([
      { column: 'a', code: 'negative' },
      { column: 'b', code: 'missing_required' },
    ]);
    expect(validate([1, 2, null])).toBeUndefined();
  });
});
