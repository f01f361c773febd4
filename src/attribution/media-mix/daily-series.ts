import { InputError } from '../../core/errors.js';

/** One row of campaign statistics (the campaign_stats table); only these fields are read. */
export interface CampaignStatInput {
  /** 'YYYY-MM-DD' or a Date (its UTC day is used). */
  readonly date: string | Date;
  readonly channel: string;
  readonly spend: number;
  readonly conversions: number;
  readonly revenue?: number | null;
}

/** A channel's daily totals on a contiguous calendar. */
export interface ChannelDailySeries {
  readonly channel: string;
  /** 'YYYY-MM-DD', one per day, no gaps. */
  readonly dates: readonly string[];
  readonly spend: Float64Array;
  readonly conversions: Float64Array;
  readonly revenue: Float64Array;
}

const DAY_MS = 86_400_000;

function dayNumber(value: string | Date, index: number): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (!Number.isFinite(ms))
      throw new InputError('invalid_argument', `row ${index}: date is an invalid Date`);
    return Math.floor(ms / DAY_MS);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  if (!match) throw new InputError('invalid_argument', `row ${index}: date '${value}' is not YYYY-MM-DD`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== value)
    throw new InputError('invalid_argument', `row ${index}: date '${value}' does not exist`);
  return ms / DAY_MS;
}

/**
 * Channel daily series from campaign statistics: spend, conversions and revenue summed over the
 * channel's campaigns per day, on one calendar from the first to the last date seen in any row
 * (all channels share it, so series align). A day on which a channel has no row counts as zero
 * spend, zero conversions (documented choice: absent rows mean the channel did not run).
 * Validation: finite, non-negative spend / conversions / revenue (a null revenue counts as 0).
 * Cost: O(rows + channels × days). Example: rows for 2024-01-01 and 2024-01-03 give 3 days with
 * zeros on 2024-01-02.
 */
export function channelDailySeries(rows: readonly CampaignStatInput[]): ChannelDailySeries[] {
  if (rows.length === 0)
    throw new InputError('insufficient_data', 'channelDailySeries needs at least one campaign_stats row');
  const days = new Int32Array(rows.length);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  rows.forEach((row, i) => {
    const d = dayNumber(row.date, i);
    days[i] = d;
    first = Math.min(first, d);
    last = Math.max(last, d);
    for (const field of ['spend', 'conversions'] as const) {
      const v = row[field];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        throw new InputError(
          'invalid_argument',
          `row ${i} (${row.channel}): ${field} must be a number ≥ 0, got ${v}`,
        );
    }
    const r = row.revenue;
    if (r !== undefined && r !== null && (!Number.isFinite(r) || r < 0))
      throw new InputError('invalid_argument', `row ${i} (${row.channel}): revenue must be ≥ 0, got ${r}`);
    if (typeof row.channel !== 'string' || row.channel === '')
      throw new InputError('invalid_argument', `row ${i}: channel is missing`);
  });
  const n = last - first + 1;
  const dates = Array.from({ length: n }, (_, t) =>
    new Date((first + t) * DAY_MS).toISOString().slice(0, 10),
  );
  const byChannel = new Map<
    string,
    { spend: Float64Array; conversions: Float64Array; revenue: Float64Array }
  >();
  rows.forEach((row, i) => {
    let series = byChannel.get(row.channel);
    if (!series) {
      series = { spend: new Float64Array(n), conversions: new Float64Array(n), revenue: new Float64Array(n) };
      byChannel.set(row.channel, series);
    }
    const t = (days[i] as number) - first;
    series.spend[t] = (series.spend[t] as number) + row.spend;
    series.conversions[t] = (series.conversions[t] as number) + row.conversions;
    series.revenue[t] = (series.revenue[t] as number) + (row.revenue ?? 0);
  });
  return [...byChannel.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([channel, s]) => ({ channel, dates, ...s }));
}
