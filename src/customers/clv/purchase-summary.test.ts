import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { type PurchaseTransaction, summarisePurchases } from './purchase-summary.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets/cdnow');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('summarisePurchases', () => {
  const transactions: PurchaseTransaction[] = [
    { customerId: 'b', at: new Date('2024-01-10T08:00:00Z'), amount: 5 },
    { customerId: 'a', at: new Date('2024-01-15T23:30:00Z'), amount: 30 },
    { customerId: 'a', at: new Date('2024-01-01T10:00:00Z'), amount: 100 },
    { customerId: 'a', at: new Date('2024-01-15T01:00:00Z'), amount: 10 }, // same day: merged, 40
    { customerId: 'a', at: new Date('2024-01-22T12:00:00Z'), amount: 20 },
    { customerId: 'a', at: new Date('2024-02-05T12:00:00Z'), amount: 7 }, // holdout
    { customerId: 'a', at: new Date('2024-02-05T13:00:00Z'), amount: 3 }, // holdout, same day
    { customerId: 'a', at: new Date('2024-03-01T12:00:00Z'), amount: 99 }, // after observationEnd
    { customerId: 'c', at: new Date('2024-02-01T00:00:00Z'), amount: 1 }, // first purchase in holdout: excluded
  ];

  it('merges same-day purchases, excludes the first purchase from monetary, sorts by id', () => {
    const s = summarisePurchases(transactions, {
      calibrationEnd: new Date('2024-01-29T18:00:00Z'),
      observationEnd: day('2024-02-12'),
      timeUnit: 'week',
    });
    expect(s.customerIds).toEqual(['a', 'b']);
    expect(s.calibrationEnd.toISOString()).toBe('2024-01-29T00:00:00.000Z');
    expect([...s.frequency]).toEqual([2, 0]);
    expect([...s.recency]).toEqual([3, 0]);
    expect([...s.age]).toEqual([4, 19 / 7]);
    expect([...s.monetary]).toEqual([30, 0]);
    expect(s.holdout?.duration).toBe(2);
    expect(s.holdout?.end.toISOString()).toBe('2024-02-12T00:00:00.000Z');
    expect([...(s.holdout?.frequency ?? [])]).toEqual([1, 0]);
    expect([...(s.holdout?.monetary ?? [])]).toEqual([10, 0]);
  });

  it('is independent of input order; calibrationEnd defaults to the last purchase; no holdout by default', () => {
    const forward = summarisePurchases(transactions, { timeUnit: 'day' });
    const backward = summarisePurchases([...transactions].reverse(), { timeUnit: 'day' });
    expect(backward).toEqual(forward);
    expect(forward.holdout).toBeUndefined();
    expect(forward.calibrationEnd.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(forward.customerIds).toEqual(['a', 'b', 'c']);
    expect([...forward.frequency]).toEqual([4, 0, 0]);
    expect(forward.recency[0]).toBe(60);
  });

  it('a purchase on the calibration end day counts (inclusive end), recency = T', () => {
    const s = summarisePurchases(
      [
        { customerId: 'x', at: day('2024-01-01') },
        { customerId: 'x', at: new Date('2024-01-31T22:00:00Z') },
      ],
      { calibrationEnd: day('2024-01-31'), timeUnit: 'month' },
    );
    expect(s.frequency[0]).toBe(1);
    expect(s.recency[0]).toBe(s.age[0]);
    expect(s.age[0]).toBeCloseTo(30 / (365.25 / 12), 12);
    expect(s.monetary[0]).toBe(0); // missing amounts count as 0
  });

  it('one transaction and zero-length histories give x = t_x = T = 0, never NaN', () => {
    const s = summarisePurchases([{ customerId: 'solo', at: day('2024-05-05'), amount: 12 }], {
      timeUnit: 'week',
    });
    expect([s.frequency[0], s.recency[0], s.age[0], s.monetary[0]]).toEqual([0, 0, 0, 0]);
  });

  it('rejects bad input with clear messages and issue lists', () => {
    const opts = { timeUnit: 'week' } as const;
    expect(() => summarisePurchases([], opts)).toThrow(/at least one transaction/);
    expect(() => summarisePurchases([{ customerId: 'a', at: new Date('nope') }], opts)).toThrow(
      /row 0: purchase date/,
    );
    expect(() => summarisePurchases([{ customerId: '', at: day('2024-01-01') }], opts)).toThrow(
      /customer id is empty/,
    );
    expect(() => summarisePurchases([null as unknown as PurchaseTransaction], opts)).toThrow(
      /customer id is empty/,
    );
    try {
      summarisePurchases(
        [
          { customerId: 'a', at: day('2024-01-01'), amount: -1 },
          { customerId: 'a', at: day('2024-01-02'), amount: Number.NaN },
        ],
        opts,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues.map((i) => i.path)).toEqual([
        [0, 'amount'],
        [1, 'amount'],
      ]);
    }
    expect(() =>
      summarisePurchases([{ customerId: 'a', at: day('2024-02-01') }], {
        calibrationEnd: day('2024-01-01'),
        timeUnit: 'day',
      }),
    ).toThrow(/no customer made a purchase on or before calibrationEnd \(2024-01-01\)/);
    expect(() =>
      summarisePurchases([{ customerId: 'a', at: day('2024-02-01') }], {
        calibrationEnd: day('2024-03-01'),
        observationEnd: day('2024-02-01'),
        timeUnit: 'day',
      }),
    ).toThrow(/observationEnd is before calibrationEnd/);
    expect(() =>
      summarisePurchases([{ customerId: 'a', at: day('2024-02-01') }], {
        calibrationEnd: new Date(Number.NaN),
        timeUnit: 'day',
      }),
    ).toThrow(InputError);
    expect(() =>
      summarisePurchases([{ customerId: 'a', at: day('2024-02-01') }], { timeUnit: 'year' as 'day' }),
    ).toThrow(/timeUnit/);
  });
});

describe.skipIf(!existsSync(shared))('summarisePurchases on CDNOW (needs ../shared/datasets/cdnow)', () => {
  it('reproduces cdnow_customers_summary_with_transactions.csv (x, t_x, T, zbar) from CDNOW_sample.txt', () => {
    // CDNOW_sample.txt: master id, sample id, YYYYMMDD, number of CDs, dollar value (Fader, Hardie & Lee 2005)
    const transactions = readFileSync(resolve(shared, 'CDNOW_sample.txt'), 'utf8')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [, id, date, , dollars] = line.trim().split(/\s+/) as [string, string, string, string, string];
        return {
          customerId: String(Number(id)),
          at: day(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`),
          amount: Number(dollars),
        };
      });
    expect(transactions).toHaveLength(6919);
    const s = summarisePurchases(transactions, { calibrationEnd: day('1997-09-30'), timeUnit: 'week' });
    const expected = readFileSync(resolve(shared, 'cdnow_customers_summary_with_transactions.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',').map(Number) as [number, number, number, number, number]);
    expect(s.customerIds).toHaveLength(2357);
    const position = new Map(s.customerIds.map((id, i) => [id, i]));
    let worst = 0;
    for (const [id, x, tx, T, zbar] of expected) {
      const i = position.get(String(id)) as number;
      expect(s.frequency[i]).toBe(x);
      // the CSV rounds to 2 decimals
      worst = Math.max(
        worst,
        Math.abs((s.recency[i] as number) - tx),
        Math.abs((s.age[i] as number) - T),
        Math.abs((s.monetary[i] as number) - zbar),
      );
    }
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9);
    // with T measured to 1997-10-01 instead, customer 1 would have T = 39 (the file says 38.86)
    expect(s.age[position.get('1') as number]).toBeCloseTo(272 / 7, 12);
    // the CSV without monetary values agrees as well
    const plain = readFileSync(resolve(shared, 'cdnow_customers_summary.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1);
    for (const line of plain) {
      const [id, x, tx, T] = line.split(',').map(Number) as [number, number, number, number];
      const i = position.get(String(id)) as number;
      expect(s.frequency[i]).toBe(x);
      expect(
        Math.abs((s.recency[i] as number) - tx) + Math.abs((s.age[i] as number) - T),
      ).toBeLessThanOrEqual(0.01 + 1e-9);
    }
  });
});
