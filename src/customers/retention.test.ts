import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { buildRetentionMatrix, type CohortActivity, retentionRate } from './retention.js';

/*
 * Reference values are worked by hand from the rows (fractions in comments); the weighted average
 * is Σ active / Σ size over the cohorts that reached the period.
 */

const monthly: CohortActivity[] = [
  { cohort: '2024-01', periodIndex: 0, customers: 100 },
  { cohort: '2024-01', periodIndex: 1, customers: 40 },
  { cohort: '2024-01', periodIndex: 3, customers: 25 }, // period 2 has no row: 0 active
  { cohort: '2024-02', periodIndex: 0, customers: 50 },
  { cohort: '2024-02', periodIndex: 1, customers: 30 },
  { cohort: '2024-02', periodIndex: 2, customers: 10 },
  { cohort: '2024-04', periodIndex: 0, customers: 20 },
];

describe('buildRetentionMatrix', () => {
  it('builds the triangle up to the latest period and weights the average by cohort size', () => {
    const matrix = buildRetentionMatrix(monthly);
    expect(matrix.period).toBe('month');
    expect(matrix.cohorts).toEqual([
      { cohort: '2024-01', size: 100, active: [100, 40, 0, 25], retention: [1, 0.4, 0, 0.25] },
      { cohort: '2024-02', size: 50, active: [50, 30, 10], retention: [1, 0.6, 0.2] },
      { cohort: '2024-04', size: 20, active: [20], retention: [1] },
    ]);
    // period 1: (40 + 30) / (100 + 50); period 2: (0 + 10) / 150; period 3: 25 / 100
    expect(matrix.averageRetention).toEqual([1, 70 / 150, 10 / 150, 0.25]);
    expect(matrix.averageBase).toEqual([170, 150, 150, 100]);
  });

  it('extends young cohorts with zeros up to lastPeriod and cuts at maxPeriods', () => {
    const matrix = buildRetentionMatrix(monthly, { lastPeriod: '2024-05', maxPeriods: 3 });
    expect(matrix.cohorts.map((c) => c.retention)).toEqual([
      [1, 0.4, 0],
      [1, 0.6, 0.2],
      [1, 0],
    ]);
    expect(matrix.averageRetention).toEqual([1, 70 / 170, 10 / 150]);
    expect(() => buildRetentionMatrix(monthly, { lastPeriod: '2024-03' })).toThrow(/before activity/);
  });

  it('reads weekly cohorts (Monday labels) across a year boundary', () => {
    const weekly: CohortActivity[] = [
      { cohort: '2024-12-23', periodIndex: 0, customers: 4 },
      { cohort: '2024-12-23', periodIndex: 2, customers: 1 },
      { cohort: '2024-12-30', periodIndex: 0, customers: 2 },
    ];
    const matrix = buildRetentionMatrix(weekly);
    expect(matrix.period).toBe('week');
    expect(matrix.cohorts.map((c) => c.retention)).toEqual([
      [1, 0, 0.25],
      [1, 0],
    ]);
    expect(matrix.averageRetention).toEqual([1, 0, 0.25]);
    expect(() => buildRetentionMatrix([{ cohort: '2024-12-24', periodIndex: 0, customers: 1 }])).toThrow(
      /not the Monday/,
    );
  });

  it('returns no cohorts for no rows and one cohort for a single row', () => {
    expect(buildRetentionMatrix([])).toEqual({
      period: 'month',
      cohorts: [],
      averageRetention: [],
      averageBase: [],
    });
    expect(
      buildRetentionMatrix([{ cohort: '2024-01', periodIndex: 0, customers: 1 }]).averageRetention,
    ).toEqual([1]);
  });

  it('rejects inconsistent rows with a message naming the row', () => {
    const bad = (rows: CohortActivity[]) => () => buildRetentionMatrix(rows);
    expect(bad([{ cohort: '2024-01', periodIndex: 1, customers: 3 }])).toThrow(/no customers in period 0/);
    expect(
      bad([
        { cohort: '2024-01', periodIndex: 0, customers: 3 },
        { cohort: '2024-01', periodIndex: 1, customers: 4 },
      ]),
    ).toThrow(/4 active customers in period 1 but only 3 acquired/);
    expect(
      bad([
        { cohort: '2024-01', periodIndex: 0, customers: 3 },
        { cohort: '2024-01', periodIndex: 0, customers: 3 },
      ]),
    ).toThrow(/row 1 .* appears twice/);
    expect(bad([{ cohort: '2024-13', periodIndex: 0, customers: 3 }])).toThrow(/not a month label/);
    expect(bad([{ cohort: '2024-01', periodIndex: -1, customers: 3 }])).toThrow(
      /periodIndex must be a non-negative integer/,
    );
    expect(bad([{ cohort: '2024-01', periodIndex: 0, customers: Number.NaN }])).toThrow(InputError);
    expect(
      bad([
        { cohort: '2024-01', periodIndex: 0, customers: 3 },
        { cohort: '2024-01-01', periodIndex: 0, customers: 3 },
      ]),
    ).toThrow(/not a month label/);
    expect(() => buildRetentionMatrix(monthly, { maxPeriods: 0 })).toThrow(/maxPeriods/);
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(monthly);
    buildRetentionMatrix(monthly, { maxPeriods: 2 });
    expect(monthly).toEqual(copy);
  });
});

describe('retentionRate', () => {
  it('is (E − N) / S', () => {
    expect(retentionRate({ atStart: 200, atEnd: 180, newInPeriod: 40 })).toBe(0.7);
    expect(retentionRate({ atStart: 1, atEnd: 0, newInPeriod: 0 })).toBe(0);
    // reactivated customers can push it above 1
    expect(retentionRate({ atStart: 10, atEnd: 15, newInPeriod: 2 })).toBe(1.3);
  });

  it('refuses S = 0 with a clear message instead of returning NaN or Infinity', () => {
    expect(() => retentionRate({ atStart: 0, atEnd: 5, newInPeriod: 5 })).toThrow(
      /no customers were active at the start of the period \(S = 0\)/,
    );
    const caught = (() => {
      try {
        return retentionRate({ atStart: 0, atEnd: 0, newInPeriod: 0 });
      } catch (error) {
        return error;
      }
    })();
    expect(caught).toBeInstanceOf(InputError);
    expect(caught).toMatchObject({ code: 'insufficient_data' });
  });

  it('rejects negative or fractional counts and N > E', () => {
    expect(() => retentionRate({ atStart: -1, atEnd: 5, newInPeriod: 0 })).toThrow(/atStart \(S\)/);
    expect(() => retentionRate({ atStart: 10, atEnd: 5.5, newInPeriod: 0 })).toThrow(InputError);
    expect(() => retentionRate({ atStart: 10, atEnd: 5, newInPeriod: 6 })).toThrow(/cannot exceed atEnd/);
  });
});
