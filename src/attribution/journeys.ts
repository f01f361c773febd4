import { InputError } from '../core/errors.js';

/**
 * Customer journeys for multi-touch attribution: the shared input type of the heuristic, Markov and
 * Shapley models, its validation, path parsing and aggregation of identical paths.
 *
 * Two input shapes are accepted, also mixed in one array:
 *  - aggregated paths like ChannelAttribution's `Data.csv`: `{ path, conversions, value, nulls }`,
 *    where `conversions` journeys with this path converted (with total revenue `value`) and `nulls`
 *    did not;
 *  - one journey per row: `nulls` omitted, `conversions` 0 or 1 (the row is one journey, so
 *    nulls = 1 − conversions).
 */

/** One path of touchpoints (channels in time order) with its outcome counts. */
export interface Journey {
  /** Channel names in time order, e.g. `['search', 'email', 'search']`. Repeats are kept. */
  readonly path: readonly string[];
  /** Journeys with this path that converted (aggregated) or 0 / 1 (one journey per row). */
  readonly conversions: number;
  /** Total conversion value (revenue) of those conversions; default 0. */
  readonly value?: number;
  /** Journeys with this path that did not convert; omit for one journey per row. */
  readonly nulls?: number;
  /** Optional touch times in epoch milliseconds, one per touch, non-decreasing (time-decay in days). */
  readonly timestamps?: readonly number[];
}

export interface JourneyOptions {
  /**
   * The known channels. When given, a touch on any other channel is an `unknown_channel` error, and
   * results list channels in this order; otherwise channels are listed in order of first appearance.
   */
  readonly channels?: readonly string[];
}

/** Validated journeys with channels encoded as indices into `channels` (internal form). */
export interface EncodedJourneys {
  readonly channels: readonly string[];
  readonly paths: readonly Int32Array[];
  readonly conversions: Float64Array;
  readonly nulls: Float64Array;
  readonly values: Float64Array;
  readonly timestamps: readonly (readonly number[] | undefined)[];
  readonly totalConversions: number;
  readonly totalValue: number;
  readonly totalNulls: number;
}

/** Attribution of one channel under one model. */
export interface ChannelCredit {
  readonly channel: string;
  /** Attributed conversions (sum over channels = total conversions). */
  readonly conversions: number;
  /** Attributed conversion value (sum over channels = total value). */
  readonly value: number;
}

const count = (x: number, what: string, row: number, caller: string): number => {
  if (!Number.isFinite(x) || x < 0)
    throw new InputError(
      'invalid_argument',
      `${caller}: journeys[${row}].${what} must be a finite number ≥ 0, got ${x}`,
      { hint: 'counts and values are totals per path; negative counts are not allowed' },
    );
  return x;
};

/**
 * Validate journeys and encode channel names as indices (the input check every model runs first).
 * Errors (InputError): not an array or empty (`insufficient_data`); an empty path, a non-string or
 * empty channel name, negative / non-finite counts or value, value without conversions, per-row
 * conversions other than 0 / 1, timestamps of the wrong length or decreasing (`invalid_argument`);
 * a channel outside `options.channels` (`unknown_channel`). Cost O(total touches).
 * @example encodeJourneys([{ path: ['a', 'b'], conversions: 1 }], {}, 'f').channels // → ['a', 'b']
 */
export function encodeJourneys(
  journeys: readonly Journey[],
  options: JourneyOptions,
  caller: string,
): EncodedJourneys {
  if (!Array.isArray(journeys) || journeys.length === 0)
    throw new InputError('insufficient_data', `${caller} requires at least one journey`);
  const index = new Map<string, number>();
  const channels: string[] = [];
  const fixed = options.channels !== undefined;
  for (const channel of options.channels ?? []) {
    if (typeof channel !== 'string' || channel.length === 0)
      throw new InputError('invalid_argument', `${caller}: options.channels must be non-empty strings`);
    if (index.has(channel))
      throw new InputError('invalid_argument', `${caller}: options.channels lists "${channel}" twice`);
    index.set(channel, channels.length);
    channels.push(channel);
  }
  const n = journeys.length;
  const paths: Int32Array[] = new Array(n);
  const conversions = new Float64Array(n);
  const nulls = new Float64Array(n);
  const values = new Float64Array(n);
  const timestamps: (readonly number[] | undefined)[] = new Array(n);
  let totalConversions = 0;
  let totalValue = 0;
  let totalNulls = 0;
  for (let row = 0; row < n; row++) {
    const journey = journeys[row] as Journey;
    const path = journey?.path;
    if (!Array.isArray(path) || path.length === 0)
      throw new InputError('invalid_argument', `${caller}: journeys[${row}].path must be a non-empty array`, {
        hint: 'drop journeys without touchpoints, or give them an explicit channel such as "direct"',
      });
    const encoded = new Int32Array(path.length);
    for (let t = 0; t < path.length; t++) {
      const channel = path[t];
      if (typeof channel !== 'string' || channel.length === 0)
        throw new InputError(
          'invalid_argument',
          `${caller}: journeys[${row}].path[${t}] must be a non-empty channel name`,
        );
      let id = index.get(channel);
      if (id === undefined) {
        if (fixed)
          throw new InputError(
            'unknown_channel',
            `${caller}: journeys[${row}] touches unknown channel "${channel}"`,
            { hint: `known channels: ${channels.join(', ')}` },
          );
        id = channels.length;
        index.set(channel, id);
        channels.push(channel);
      }
      encoded[t] = id;
    }
    paths[row] = encoded;
    const converted = count(journey.conversions, 'conversions', row, caller);
    let failed: number;
    if (journey.nulls === undefined) {
      if (converted !== 0 && converted !== 1)
        throw new InputError(
          'invalid_argument',
          `${caller}: journeys[${row}] has no nulls, so it is one journey and conversions must be 0 or 1, got ${converted}`,
          { hint: 'for aggregated paths give nulls (journeys with this path that did not convert)' },
        );
      failed = 1 - converted;
    } else failed = count(journey.nulls, 'nulls', row, caller);
    const value = journey.value === undefined ? 0 : count(journey.value, 'value', row, caller);
    if (value > 0 && converted === 0)
      throw new InputError(
        'invalid_argument',
        `${caller}: journeys[${row}] has value ${value} but no conversions`,
      );
    const times = journey.timestamps;
    if (times !== undefined) {
      if (!Array.isArray(times) || times.length !== path.length)
        throw new InputError(
          'invalid_argument',
          `${caller}: journeys[${row}].timestamps must have one entry per touch (${path.length})`,
        );
      for (let t = 0; t < times.length; t++) {
        const time = times[t] as number;
        if (!Number.isFinite(time) || (t > 0 && time < (times[t - 1] as number)))
          throw new InputError(
            'invalid_argument',
            `${caller}: journeys[${row}].timestamps must be finite and non-decreasing (touch ${t})`,
          );
      }
    }
    conversions[row] = converted;
    nulls[row] = failed;
    values[row] = value;
    timestamps[row] = times;
    totalConversions += converted;
    totalValue += value;
    totalNulls += failed;
  }
  return {
    channels,
    paths,
    conversions,
    nulls,
    values,
    timestamps,
    totalConversions,
    totalValue,
    totalNulls,
  };
}

/**
 * Split a path string such as ChannelAttribution's `"eta > iota > alpha"` into trimmed channel names
 * (empty pieces are dropped, as ChannelAttribution does). Cost O(length).
 * @example parseJourneyPath('eta > iota > alpha') // → ['eta', 'iota', 'alpha']
 */
export function parseJourneyPath(text: string, separator = '>'): string[] {
  if (typeof text !== 'string')
    throw new InputError('invalid_argument', 'parseJourneyPath requires a string');
  if (separator.length === 0)
    throw new InputError('invalid_argument', 'parseJourneyPath requires a non-empty separator');
  return text
    .split(separator)
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0);
}

/**
 * Aggregate journeys with identical paths into one row each (sums of conversions, value and nulls;
 * one-journey rows count as 1 conversion or 1 null), keeping the order of first appearance.
 * Timestamps are dropped (they differ between journeys); each output row shares the (readonly) path
 * array of its first input row. The Markov and Shapley models give the same
 * result on the aggregated rows, only faster. Cost O(total touches) with one hash lookup per journey.
 * @example aggregateJourneys([{ path: ['a'], conversions: 1 }, { path: ['a'], conversions: 0 }])
 * // → [{ path: ['a'], conversions: 1, value: 0, nulls: 1 }]
 */
export function aggregateJourneys(journeys: readonly Journey[], options: JourneyOptions = {}): Journey[] {
  const encoded = encodeJourneys(journeys, options, 'aggregateJourneys');
  const rows = new Map<
    number | string,
    { path: readonly string[]; conversions: number; value: number; nulls: number }
  >();
  const base = encoded.channels.length + 1;
  // Paths short enough are keyed by a base-(k + 1) number (hashing a number is much cheaper than a
  // joined string); longer ones by their channel ids joined. The two key types never collide in a Map.
  const numericLength = Math.floor(52 / Math.log2(base));
  for (let row = 0; row < encoded.paths.length; row++) {
    const ids = encoded.paths[row] as Int32Array;
    let key: number | string;
    if (ids.length <= numericLength) {
      key = 0;
      for (let t = 0; t < ids.length; t++) key = key * base + (ids[t] as number) + 1;
    } else key = ids.join(',');
    const path = (journeys[row] as Journey).path;
    const existing = rows.get(key);
    if (existing === undefined)
      rows.set(key, {
        path,
        conversions: encoded.conversions[row] as number,
        value: encoded.values[row] as number,
        nulls: encoded.nulls[row] as number,
      });
    else {
      existing.conversions += encoded.conversions[row] as number;
      existing.value += encoded.values[row] as number;
      existing.nulls += encoded.nulls[row] as number;
    }
  }
  return [...rows.values()];
}
