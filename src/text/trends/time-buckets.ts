import { assertNever, InputError } from '../../core/errors.js';

/** Calendar bucket of a time series: UTC day, ISO week (Monday start) or calendar month. */
export type Bucket = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

/** Throws unless `bucket` is one of the three bucket names (inputs may come from untyped callers). */
export function checkBucket(bucket: string, what: string): asserts bucket is Bucket {
  if (bucket !== 'day' && bucket !== 'week' && bucket !== 'month')
    throw new InputError(
      'invalid_argument',
      `${what}: bucket must be 'day', 'week' or 'month', got '${bucket}'`,
    );
}

/**
 * Start of the bucket holding `time` (epoch milliseconds), as epoch milliseconds, in UTC.
 * Weeks start on Monday as in ISO 8601, so a week can straddle a year boundary: 2026-01-01 (a
 * Thursday) lies in the week starting Monday 2025-12-29. O(1).
 */
export function bucketStartMs(time: number, bucket: Bucket): number {
  const dayStart = Math.floor(time / DAY_MS) * DAY_MS;
  switch (bucket) {
    case 'day':
      return dayStart;
    case 'week': {
      // getUTCDay: 0 = Sunday … 6 = Saturday; days since Monday = (day + 6) mod 7.
      const weekday = new Date(dayStart).getUTCDay();
      return dayStart - ((weekday + 6) % 7) * DAY_MS;
    }
    case 'month': {
      const date = new Date(dayStart);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
    default:
      return assertNever(bucket, 'bucket');
  }
}

/** Start of the bucket after the one starting at `start` (epoch ms, a bucket start). */
export function nextBucketStartMs(start: number, bucket: Bucket): number {
  switch (bucket) {
    case 'day':
      return start + DAY_MS;
    case 'week':
      return start + 7 * DAY_MS;
    case 'month': {
      const date = new Date(start);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
    default:
      return assertNever(bucket, 'bucket');
  }
}

/** `YYYY-MM-DD` of a UTC instant (years 0000–9999). */
export function formatUtcDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function checkDate(date: Date, what: string): number {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(time))
    throw new InputError('invalid_date', `${what}: got an invalid date (${String(date)})`);
  return time;
}

/**
 * Label of the calendar bucket holding `date`: the `YYYY-MM-DD` of the bucket's first day in UTC
 * (the day itself; the Monday of its ISO 8601 week; the first of its month). Labels sort in time
 * order as strings. Reference: ISO 8601-1:2019 §5.2.4 (weeks start on Monday).
 *
 * Example: bucketOf(new Date('2026-01-01T12:00:00Z'), 'week') → '2025-12-29';
 * bucketOf(new Date('2026-03-31T23:59:59Z'), 'month') → '2026-03-01'.
 */
export function bucketOf(date: Date, bucket: Bucket): string {
  checkBucket(bucket, 'bucketOf');
  return formatUtcDate(bucketStartMs(checkDate(date, 'bucketOf'), bucket));
}

/** Documents mapped onto a contiguous, zero-filled range of buckets. */
export interface BucketIndex {
  /** Bucket labels (`YYYY-MM-DD` of each start), first to last, none missing. */
  readonly buckets: string[];
  /** Bucket position of each document, in input order. */
  readonly bucketOfDoc: Int32Array;
}

/**
 * Assigns each timestamp to a position in the contiguous range of buckets from the earliest to the
 * latest timestamp (empty buckets included, so series built on it are zero-filled). O(n + B) for n
 * timestamps and B buckets. Throws on an invalid date; an empty input gives no buckets.
 */
export function indexBuckets(dates: readonly Date[], bucket: Bucket, what: string): BucketIndex {
  checkBucket(bucket, what);
  const starts = new Float64Array(dates.length);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < dates.length; i++) {
    const start = bucketStartMs(checkDate(dates[i] as Date, `${what}, document ${i}`), bucket);
    starts[i] = start;
    if (start < first) first = start;
    if (start > last) last = start;
  }
  const buckets: string[] = [];
  const position = new Map<number, number>();
  if (dates.length > 0) {
    for (let start = first; start <= last; start = nextBucketStartMs(start, bucket)) {
      position.set(start, buckets.length);
      buckets.push(formatUtcDate(start));
      if (buckets.length > 100_000)
        throw new InputError(
          'invalid_argument',
          `${what}: the documents span more than 100000 ${bucket} buckets; use a coarser bucket`,
        );
    }
  }
  const bucketOfDoc = new Int32Array(dates.length);
  for (let i = 0; i < dates.length; i++) bucketOfDoc[i] = position.get(starts[i] as number) as number;
  return { buckets, bucketOfDoc };
}
