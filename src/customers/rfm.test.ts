import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { quintileScores, rfmGrid, rfmSegmentNames, rfmSegmentOf, rfmSegments, scoreRfm } from './rfm.js';

/*
 * Reference scores from pandas 1.5.3 (Debian python3-pandas):
 *   R = pd.qcut(df.r.rank(method='first'), 5, labels=[5, 4, 3, 2, 1])
 *   F = pd.qcut(df.f.rank(method='first'), 5, labels=[1, 2, 3, 4, 5]); M likewise
 *   for n in [2, 3, 4, 5, 6, 7, 11, 23]: pd.qcut(pd.Series(range(n), dtype=float).rank(method='first'), 5, labels=[1..5])
 *   x = [(i * 7919) % 23 for i in range(100)]; pd.qcut(pd.Series(x).rank(method='first'), 5, labels=[1..5])
 */

const example = {
  customerIds: ['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10', 'c11', 'c12'],
  recencyDays: [5, 40, 40, 3, 200, 17, 90, 3, 60, 12, 40, 365],
  frequency: [1, 1, 2, 8, 1, 3, 1, 5, 2, 1, 1, 1],
  monetary: [30, 12.5, 80, 45, 9.9, 150, 22, 60, 30, 75, 5, 300],
};
const pandasCells = ['512', '311', '345', '553', '111', '455', '122', '554', '243', '424', '231', '135'];

describe('quintileScores', () => {
  it('matches pandas qcut(rank(method="first"), 5) for n = 2 … 23 and with ties', () => {
    const pandas: Record<number, number[]> = {
      2: [1, 5],
      3: [1, 3, 5],
      4: [1, 2, 4, 5],
      5: [1, 2, 3, 4, 5],
      6: [1, 1, 2, 3, 4, 5],
      7: [1, 1, 2, 3, 4, 5, 5],
      11: [1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
      23: [1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5],
    };
    for (const [n, expected] of Object.entries(pandas)) {
      const values = Float64Array.from({ length: Number(n) }, (_, i) => i);
      expect([...quintileScores(values)], `n = ${n}`).toEqual(expected);
    }
    const tied = Array.from({ length: 100 }, (_, i) => (i * 7919) % 23);
    expect(quintileScores(tied).join('')).toBe(
      '1245235134124523513413412452351341245235134134124523513412452352351341245235134124524523513412452351',
    );
  });

  it("gives equal values one score with ties = 'average' (all equal → 3) and 3 for a single value", () => {
    expect([...quintileScores([7, 7, 7, 7, 7, 7], 'average')]).toEqual([3, 3, 3, 3, 3, 3]);
    expect([...quintileScores([7, 7, 7, 7, 7, 7])]).toEqual([1, 1, 2, 3, 4, 5]);
    // ranks 1.5, 1.5, 3, 4, 5.5, 5.5 on 1..6 → ⌈5 (r − 1) / 5⌉
    expect([...quintileScores([1, 1, 2, 3, 9, 9], 'average')]).toEqual([1, 1, 2, 3, 5, 5]);
    expect([...quintileScores([42])]).toEqual([3]);
    expect([...quintileScores([])]).toEqual([]);
  });

  it('equals the definition (stable index sort, ⌈5 (r − 1) / (n − 1)⌉) on random data with ties', () => {
    const naive = (values: number[], ties: 'first' | 'average') => {
      const n = values.length;
      const order = values
        .map((_, i) => i)
        .sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
      const rank = new Array<number>(n);
      for (let k = 0; k < n; ) {
        let end = k + 1;
        if (ties === 'average')
          while (end < n && values[order[end] as number] === values[order[k] as number]) end++;
        for (let j = k; j < end; j++)
          rank[order[j] as number] = ties === 'average' ? (k + 1 + end) / 2 : j + 1;
        k = end;
      }
      return rank.map((r) => (n === 1 ? 3 : Math.max(1, Math.ceil((5 * (r - 1)) / (n - 1) - 1e-12))));
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 60 }), (values) => {
        expect([...quintileScores(values)]).toEqual(naive(values, 'first'));
        expect([...quintileScores(values, 'average')]).toEqual(naive(values, 'average'));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('rejects non-finite values and stays fast on 10⁵ equal values', () => {
    expect(() => quintileScores([1, Number.NaN])).toThrow(/index 1 is not finite/);
    const flat = new Float64Array(100_000).fill(4);
    expect(new Set(quintileScores(flat, 'average'))).toEqual(new Set([3]));
  });

  it('does not mutate its input', () => {
    const values = Float64Array.of(3, 1, 2);
    quintileScores(values);
    expect([...values]).toEqual([3, 1, 2]);
  });
});

describe('rfm grid', () => {
  it('assigns every one of the 25 R × FM cells to exactly one of the 11 segments', () => {
    const seen = new Set(rfmGrid.flat());
    expect([...seen].sort()).toEqual([...rfmSegments].sort());
    expect(rfmGrid.every((row) => row.length === 5)).toBe(true);
    expect(rfmSegments.map((s) => rfmSegmentNames[s].zh)).toEqual([
      '冠军客户',
      '忠诚客户',
      '潜在忠诚客户',
      '新客户',
      '有潜力客户',
      '需要关注',
      '即将沉睡',
      '有流失风险',
      '不能失去的客户',
      '休眠客户',
      '已流失客户',
    ]);
  });

  it('places the corners and centre as the published chart does', () => {
    expect(rfmSegmentOf(5, 5, 5)).toBe('champions');
    expect(rfmSegmentOf(5, 4, 5)).toBe('champions'); // FM = ⌈4.5⌉ = 5
    expect(rfmSegmentOf(5, 4, 4)).toBe('loyal');
    expect(rfmSegmentOf(5, 1, 1)).toBe('new_customers');
    expect(rfmSegmentOf(4, 1, 1)).toBe('promising');
    expect(rfmSegmentOf(3, 3, 3)).toBe('need_attention');
    expect(rfmSegmentOf(3, 1, 2)).toBe('about_to_sleep');
    expect(rfmSegmentOf(1, 5, 5)).toBe('cant_lose_them');
    expect(rfmSegmentOf(2, 5, 5)).toBe('at_risk');
    expect(rfmSegmentOf(2, 2, 2)).toBe('hibernating');
    expect(rfmSegmentOf(1, 2, 2)).toBe('lost');
    expect(rfmSegmentOf(1, 1, 1)).toBe('lost');
    expect(() => rfmSegmentOf(0, 1, 1)).toThrow(InputError);
    expect(() => rfmSegmentOf(3, 2.5, 1)).toThrow(/integer 1–5/);
  });
});

describe('scoreRfm', () => {
  it('matches pandas R, F, M scores (recency reversed) and summarises the segments', () => {
    const result = scoreRfm(example);
    expect(result.cell).toEqual(pandasCells);
    // e.g. 553 → FM = ⌈(5 + 3) / 2⌉ = 4, R 5 → loyal; 554 → FM = ⌈4.5⌉ = 5 → champions
    expect(result.segment).toEqual([
      'potential_loyalists',
      'about_to_sleep',
      'loyal',
      'loyal',
      'lost',
      'loyal',
      'lost',
      'champions',
      'at_risk',
      'potential_loyalists',
      'hibernating',
      'at_risk',
    ]);
    expect(result.customerIds).toBe(example.customerIds);
  });

  it('summary: counts, shares, means and revenue shares add up', () => {
    const result = scoreRfm(example);
    const total = result.summary.reduce((s, row) => s + row.customers, 0);
    expect(total).toBe(12);
    expect(result.summary.map((row) => row.segment)).toEqual(rfmSegments);
    expect(result.summary.reduce((s, row) => s + row.share, 0)).toBeCloseTo(1, 12);
    expect(result.summary.reduce((s, row) => s + row.revenueShare, 0)).toBeCloseTo(1, 12);
    const lost = result.summary.find((row) => row.segment === 'lost');
    const lostIds = result.customerIds.filter((_, i) => result.segment[i] === 'lost');
    const idx = lostIds.map((id) => example.customerIds.indexOf(id));
    expect(lost?.customers).toBe(lostIds.length);
    expect(lost?.meanRecencyDays).toBeCloseTo(
      idx.reduce((s, i) => s + (example.recencyDays[i] as number), 0) / idx.length,
      12,
    );
    const revenue = example.frequency.map((f, i) => f * (example.monetary[i] as number));
    const totalRevenue = revenue.reduce((s, v) => s + v, 0);
    expect(lost?.revenueShare).toBeCloseTo(
      idx.reduce((s, i) => s + (revenue[i] as number), 0) / totalRevenue,
      12,
    );
    const empty = result.summary.find((row) => row.customers === 0);
    expect(empty?.meanMonetary).toBeNull();
    expect(empty?.revenueShare).toBe(0);
  });

  it('uses the given revenue for the revenue shares', () => {
    const revenue = example.customerIds.map((_, i) => (i === 0 ? 100 : 0));
    const result = scoreRfm({ ...example, revenue });
    const segmentOfFirst = result.segment[0];
    expect(result.summary.find((row) => row.segment === segmentOfFirst)?.revenueShare).toBe(1);
  });

  it('gives the doc example', () => {
    const result = scoreRfm({
      customerIds: ['a', 'b', 'c', 'd', 'e'],
      recencyDays: [1, 2, 3, 4, 5],
      frequency: [5, 4, 3, 2, 1],
      monetary: [50, 40, 30, 20, 10],
    });
    expect(result.cell).toEqual(['555', '444', '333', '222', '111']);
    expect(result.segment).toEqual(['champions', 'loyal', 'need_attention', 'hibernating', 'lost']);
  });

  it('works for n = 1 (3-3-3, need attention) and n = 2 (1 and 5)', () => {
    const one = scoreRfm({ customerIds: ['a'], recencyDays: [10], frequency: [1], monetary: [50] });
    expect(one.cell).toEqual(['333']);
    expect(one.segment).toEqual(['need_attention']);
    expect(one.summary.find((row) => row.segment === 'need_attention')).toMatchObject({
      customers: 1,
      share: 1,
      meanRecencyDays: 10,
      revenueShare: 1,
    });
    const two = scoreRfm({
      customerIds: ['a', 'b'],
      recencyDays: [10, 90],
      frequency: [3, 1],
      monetary: [50, 20],
    });
    expect(two.cell).toEqual(['555', '111']);
    expect(two.segment).toEqual(['champions', 'lost']);
  });

  it("all-equal values: scores by input order with ties = 'first', all 3 with 'average'", () => {
    const flat = {
      customerIds: ['a', 'b', 'c', 'd', 'e'],
      recencyDays: [30, 30, 30, 30, 30],
      frequency: [1, 1, 1, 1, 1],
      monetary: [20, 20, 20, 20, 20],
    };
    expect(scoreRfm(flat).cell).toEqual(['511', '422', '333', '244', '155']);
    const average = scoreRfm(flat, { ties: 'average' });
    expect(average.cell).toEqual(['333', '333', '333', '333', '333']);
    expect(new Set(average.segment)).toEqual(new Set(['need_attention']));
    // zero revenue everywhere: shares are 0, not NaN
    const zero = scoreRfm({ ...flat, monetary: [0, 0, 0, 0, 0] });
    expect(zero.summary.every((row) => row.revenueShare === 0)).toBe(true);
  });

  it('rejects empty input, mismatched lengths, duplicates, negative and non-finite values', () => {
    expect(() => scoreRfm({ customerIds: [], recencyDays: [], frequency: [], monetary: [] })).toThrow(
      /at least one customer/,
    );
    expect(() => scoreRfm({ ...example, frequency: [1, 2] })).toThrow(
      /frequency has 2 values for 12 customers/,
    );
    expect(() => scoreRfm({ ...example, customerIds: example.customerIds.map(() => 'x') })).toThrow(/unique/);
    const bad = [...example.monetary];
    bad[4] = Number.NaN;
    expect(() => scoreRfm({ ...example, monetary: bad })).toThrow(
      /monetary must be finite and ≥ 0, got NaN at index 4/,
    );
    const negative = [...example.recencyDays];
    negative[0] = -1;
    expect(() => scoreRfm({ ...example, recencyDays: negative })).toThrow(InputError);
    expect(() => scoreRfm(example, { ties: 'dense' as 'first' })).toThrow(/ties must be/);
  });
});
