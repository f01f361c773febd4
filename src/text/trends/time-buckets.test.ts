import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { termVolumes } from './term-volumes.js';
import { bucketOf, indexBuckets } from './time-buckets.js';

const at = (iso: string) => new Date(iso);

describe('bucketOf', () => {
  it('puts a day in its UTC day, whatever the local time zone', () => {
    expect(bucketOf(at('2026-03-02T00:00:00Z'), 'day')).toBe('2026-03-02');
    expect(bucketOf(at('2026-03-02T23:59:59.999Z'), 'day')).toBe('2026-03-02');
    // 08:00 in Shanghai on 3 March is still 2 March in UTC.
    expect(bucketOf(at('2026-03-03T07:59:59+08:00'), 'day')).toBe('2026-03-02');
  });

  it('starts ISO weeks on Monday, across year boundaries', () => {
    // 2026-01-01 is a Thursday: ISO week 2026-W01 starts Monday 2025-12-29.
    expect(bucketOf(at('2026-01-01T12:00:00Z'), 'week')).toBe('2025-12-29');
    expect(bucketOf(at('2025-12-29T00:00:00Z'), 'week')).toBe('2025-12-29');
    // Sunday 2025-12-28 belongs to the week before.
    expect(bucketOf(at('2025-12-28T23:59:59Z'), 'week')).toBe('2025-12-22');
    // 2021-01-03 (Sunday) is in ISO week 2020-W53, which starts 2020-12-28.
    expect(bucketOf(at('2021-01-03T10:00:00Z'), 'week')).toBe('2020-12-28');
    expect(bucketOf(at('2024-02-29T10:00:00Z'), 'week')).toBe('2024-02-26');
  });

  it('starts months on the first, leap days included', () => {
    expect(bucketOf(at('2024-02-29T23:00:00Z'), 'month')).toBe('2024-02-01');
    expect(bucketOf(at('2026-12-31T23:59:59Z'), 'month')).toBe('2026-12-01');
    expect(bucketOf(at('2027-01-01T00:00:00Z'), 'month')).toBe('2027-01-01');
  });

  it('rejects invalid dates and buckets', () => {
    expect(() => bucketOf(new Date('nope'), 'day')).toThrow(InputError);
    expect(() => bucketOf(at('2026-01-01T00:00:00Z'), 'year' as 'day')).toThrow(/bucket must be/);
  });
});

describe('indexBuckets', () => {
  it('spans a contiguous month range across a year end', () => {
    const { buckets, bucketOfDoc } = indexBuckets(
      [at('2026-02-10T00:00:00Z'), at('2025-11-30T00:00:00Z')],
      'month',
      'test',
    );
    expect(buckets).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
    expect([...bucketOfDoc]).toEqual([3, 0]);
  });

  it('gives no buckets for no documents', () => {
    expect(indexBuckets([], 'week', 'test').buckets).toEqual([]);
  });
});

describe('termVolumes', () => {
  const docs = [
    { terms: ['物流', '慢', '物流'], ts: at('2026-03-02T09:00:00Z') },
    { terms: ['物流'], ts: at('2026-03-04T09:00:00Z') },
    { terms: ['价格', '贵'], ts: at('2026-03-04T10:00:00Z') },
  ];

  it('counts documents per term and bucket, zero-filled', () => {
    const volumes = termVolumes(docs, 'day', { terms: ['物流', '慢', '没有'] });
    expect(volumes.buckets).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(volumes.series).toEqual([
      { term: '物流', counts: [1, 0, 1] }, // twice in the first document: counted once
      { term: '慢', counts: [1, 0, 0] },
      { term: '没有', counts: [0, 0, 0] },
    ]);
    expect(volumes.totals).toEqual([1, 0, 2]);
  });

  it('picks the top terms by document count, ties by code-unit order', () => {
    const volumes = termVolumes(docs, 'week', { top: 2 });
    expect(volumes.buckets).toEqual(['2026-03-02']);
    expect(volumes.series.map((entry) => entry.term)).toEqual(['物流', '价格']);
    expect(volumes.series[0]?.counts).toEqual([2]);
  });
});
