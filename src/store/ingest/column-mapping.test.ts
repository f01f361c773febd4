import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { findTable, type TableSpec } from '../../core/schema/index.js';
import {
  loadMappingFile,
  mergeMappings,
  normalizeName,
  parseMapPairs,
  parseMappingSpec,
  resolveMapping,
} from './column-mapping.js';

const orders = findTable('orders') as TableSpec;
const none = mergeMappings(undefined);

function targetsOf(headers: string[], mapping = none): Record<string, string> {
  const resolved = resolveMapping(orders, headers, mapping, 'f.csv');
  return Object.fromEntries(
    resolved.targets.map((t, i) => [t.name, headers[resolved.sourceIndex[i] as number] ?? '(default)']),
  );
}

describe('column mapping', () => {
  it('normalises case, spaces, underscores and hyphens', () => {
    expect(normalizeName(' Order_ID ')).toBe('orderid');
    expect(normalizeName('total-amount')).toBe('totalamount');
  });

  it('matches headers to columns automatically and notes ignored ones', () => {
    const headers = ['ID', 'Customer Id', 'ordered-at', 'TOTAL_AMOUNT', 'colour'];
    expect(targetsOf(headers)).toEqual({
      id: 'ID',
      customer_id: 'Customer Id',
      ordered_at: 'ordered-at',
      total_amount: 'TOTAL_AMOUNT',
    });
    expect(resolveMapping(orders, headers, none, 'f.csv').ignored).toEqual(['colour']);
  });

  it('applies --map pairs over automatic matches', () => {
    const headers = ['订单号', '客户', '下单时间', '金额', 'id'];
    const mapping = mergeMappings(
      undefined,
      parseMapPairs(['订单号=id', '客户=customer_id', '下单时间=ordered_at', '金额=total_amount']),
    );
    const resolved = resolveMapping(orders, headers, mapping, 'f.csv');
    expect(targetsOf(headers, mapping).id).toBe('订单号');
    expect(resolved.ignored).toEqual(['id']);
  });

  it('reads a mapping file with defaults and day order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-map-'));
    const path = join(dir, 'map.json');
    writeFileSync(
      path,
      JSON.stringify({
        columns: { no: 'id', buyer: 'customer_id', when: 'ordered_at', sum: 'total_amount' },
        defaults: { currency: 'CNY' },
        dayOrder: 'dmy',
      }),
    );
    const spec = await loadMappingFile(path);
    expect(spec.dayOrder).toBe('dmy');
    const mapping = mergeMappings(spec, { sum: 'discount_amount', paid: 'total_amount' });
    expect(targetsOf(['no', 'buyer', 'when', 'sum', 'paid'], mapping)).toEqual({
      id: 'no',
      customer_id: 'buyer',
      ordered_at: 'when',
      currency: '(default)',
      total_amount: 'paid',
      discount_amount: 'sum',
    });
  });

  it('names missing required columns and lists the headers', () => {
    try {
      resolveMapping(orders, ['id', 'amount'], none, 'orders.csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const message = (error as Error).message;
      expect(message).toContain('customer_id, ordered_at, total_amount');
      expect(message).toContain("'id', 'amount'");
      expect(message).toContain('orders.csv');
    }
  });

  it('rejects unknown targets, ambiguous sources and bad pairs or files', () => {
    expect(() => resolveMapping(orders, ['a'], mergeMappings(undefined, { a: 'nope' }), 'f')).toThrow(
      /not a column/,
    );
    const twice = mergeMappings(undefined, { a: 'id', b: 'id' });
    expect(() => resolveMapping(orders, ['a', 'b'], twice, 'f')).toThrow(/both map to orders.id/);
    expect(() => parseMapPairs(['novalue'])).toThrow(InputError);
    expect(() => parseMappingSpec({ columns: { a: 1 } })).toThrow(InputError);
    expect(() => parseMappingSpec({ dayOrder: 'ymd' })).toThrow(InputError);
  });
});
