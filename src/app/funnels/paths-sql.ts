import { InputError } from '../../core/errors.js';
import type { Queryable, SqlValue } from '../../store/store.js';

/**
 * Top paths to conversion and to abandonment: the first N steps (event types or pages) of each
 * session, counted by outcome, in one portable statement (same text on DuckDB and PostgreSQL;
 * `$n` parameters, doubles cast before `/`, NULLIF on denominators, string_agg … ORDER BY).
 *
 * Definitions:
 * - a session *converts* when it has an event of type `conversionEvent`; its path is made of the
 *   events strictly before the first conversion event (in (ts, id) order, so ties in time are
 *   broken by event id); an *abandoned* session's path is all its events;
 * - conversion events never appear in a path; with `collapseRepeats` consecutive equal labels
 *   count once (page_view, page_view → page_view);
 * - the path is the first `length` labels; a session with no event before its conversion has the
 *   empty path [];
 * - a step's label is the event type, or the page (the event type when the page is NULL).
 */

export interface PathOptions {
  /** Event type that marks a conversion. Default 'purchase'. */
  readonly conversionEvent?: string | undefined;
  /** Steps kept from the start of each session, 1 to 20. Default 4. */
  readonly length?: number | undefined;
  /** Label of a step: its event type (default) or its page. */
  readonly label?: 'event_type' | 'page' | undefined;
  /** Paths reported per outcome, 1 to 1000. Default 10. */
  readonly top?: number | undefined;
  /** Count consecutive equal labels once. Default true. */
  readonly collapseRepeats?: boolean | undefined;
  /** Sessions whose events fall in [from, to) (events outside are ignored). */
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

export interface PathRow {
  /** The labels in order. */
  readonly path: readonly string[];
  /** Sessions with this path and this outcome. */
  readonly sessions: number;
  /** sessions / all sessions with this outcome. */
  readonly share: number;
  /** Sessions with this path that converted / all sessions with this path (either outcome). */
  readonly pathConversionRate: number;
}

export interface PathResult {
  readonly conversionEvent: string;
  readonly length: number;
  readonly label: 'event_type' | 'page';
  readonly convertedSessions: number;
  readonly abandonedSessions: number;
  /** Most frequent paths of converted sessions, by sessions descending then path (byte order). */
  readonly toConversion: readonly PathRow[];
  /** Most frequent paths of abandoned sessions, same order. */
  readonly toAbandonment: readonly PathRow[];
}

/** Label separator inside SQL (ASCII unit separator): never part of a page or event type in practice. */
const separator = '\u001f';

/**
 * The paths statement. Parameters: $1 conversion event type, $2 path length, $3 top, $4 the
 * separator, then $5 from and $6 to when given. `labelColumn` and `collapse` are fixed choices,
 * never user text. Exported for EXPLAIN; callers use `loadTopPaths`.
 */
export function pathsSql(
  labelColumn: 'event_type' | 'page',
  collapse: boolean,
  range: { readonly from: boolean; readonly to: boolean },
): string {
  const label = labelColumn === 'page' ? 'coalesce(e.page, e.event_type)' : 'e.event_type';
  let next = 5;
  const filters: string[] = [];
  if (range.from) filters.push(`e.ts >= CAST($${next++} AS TIMESTAMPTZ)`);
  if (range.to) filters.push(`e.ts < CAST($${next++} AS TIMESTAMPTZ)`);
  return `
WITH numbered AS (
  -- events of each session in (ts, id) order
  SELECT e.session_id, ${label} AS label, CASE WHEN e.event_type = $1 THEN 1 ELSE 0 END AS is_conversion,
         row_number() OVER (PARTITION BY e.session_id ORDER BY e.ts, e.id) AS n
  FROM events AS e
  WHERE e.session_id IS NOT NULL${filters.map((f) => ` AND ${f}`).join('')}
),
marked AS (
  -- position of the first conversion, and the previous label (for collapsing repeats)
  SELECT session_id, label, is_conversion, n,
         min(CASE WHEN is_conversion = 1 THEN n END) OVER (PARTITION BY session_id) AS conversion_n,
         lag(label) OVER (PARTITION BY session_id ORDER BY n) AS previous_label
  FROM numbered
),
flagged AS (
  -- keep = a label before the first conversion (not a conversion, not a collapsed repeat)
  SELECT session_id, label, n, conversion_n,
         CASE WHEN (conversion_n IS NULL OR n < conversion_n) AND is_conversion = 0${collapse ? ' AND (previous_label IS NULL OR previous_label <> label)' : ''}
              THEN 1 ELSE 0 END AS keep
  FROM marked
),
positioned AS (
  -- position of each kept label among the kept labels of its session
  SELECT session_id, label, n, conversion_n, keep,
         sum(keep) OVER (PARTITION BY session_id ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS position
  FROM flagged
),
paths AS (
  -- one row per session: outcome and the first $2 kept labels
  SELECT session_id,
         CASE WHEN max(conversion_n) IS NULL THEN 0 ELSE 1 END AS converted,
         coalesce(string_agg(CASE WHEN keep = 1 AND position <= CAST($2 AS INTEGER) THEN label END, $4 ORDER BY n), '') AS path
  FROM positioned
  GROUP BY session_id
),
counted AS (
  SELECT path, converted, count(*) AS sessions
  FROM paths
  GROUP BY path, converted
),
scored AS (
  SELECT path, converted, sessions,
         CAST(sessions AS DOUBLE PRECISION)
           / NULLIF(sum(sessions) OVER (PARTITION BY converted), 0) AS share,
         CAST(sum(sessions * converted) OVER (PARTITION BY path) AS DOUBLE PRECISION)
           / NULLIF(sum(sessions) OVER (PARTITION BY path), 0) AS path_conversion_rate,
         sum(sessions) OVER (PARTITION BY converted) AS outcome_sessions,
         row_number() OVER (PARTITION BY converted ORDER BY sessions DESC, path COLLATE "C") AS rank
  FROM counted
)
SELECT path, converted, sessions, share, path_conversion_rate, outcome_sessions, rank
FROM scored
WHERE rank <= CAST($3 AS INTEGER)
ORDER BY converted DESC, rank`;
}

function checkInteger(value: unknown, what: string, low: number, high: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
    throw new InputError(
      'invalid_argument',
      `loadTopPaths: ${what} must be an integer in ${low}..${high}, got ${String(value)}`,
    );
  }
  return value;
}

function checkDate(value: unknown, what: string): Date | null {
  if (value === undefined || value === null) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InputError(
      'invalid_argument',
      `loadTopPaths: ${what} must be a valid Date, got ${String(value)}`,
    );
  }
  return value;
}

const asNumber = (value: SqlValue | undefined): number =>
  typeof value === 'number' ? value : Number(value ?? 0);

/**
 * Top session paths ending in conversion vs abandonment (loadTopPaths), with counts and shares.
 *
 * Formulas: for each session s, path(s) = the first L labels before its first conversion event
 * (all its labels when it never converts), outcome(s) ∈ {converted, abandoned};
 *   sessions(p, o) = #{s : path(s) = p, outcome(s) = o};  share(p, o) = sessions(p, o) / #{s : outcome(s) = o}
 *   pathConversionRate(p) = sessions(p, converted) / (sessions(p, converted) + sessions(p, abandoned)).
 * The top `top` paths per outcome by sessions (ties by path in byte order). No NaN: an outcome
 * without sessions has no rows.
 *
 * Cost: one statement, no joins: window passes partitioned by session over the events in range
 * (sorts O(E log E)), a GROUP BY session with an ordered string_agg, a GROUP BY path; O(top)
 * rows back.
 * Reference: path analysis as in Google Analytics "path exploration" and PostHog "paths";
 * Kaushik (2009), "Web Analytics 2.0", ch. 7.
 *
 * @example
 *   const paths = await loadTopPaths(store, { conversionEvent: 'purchase', length: 4, top: 5 });
 *   paths.toAbandonment[0]; // { path: ['page_view', 'product_view'], sessions: 812, share: 0.31, … }
 */
export async function loadTopPaths(store: Queryable, options: PathOptions = {}): Promise<PathResult> {
  const conversionEvent = options.conversionEvent ?? 'purchase';
  if (typeof conversionEvent !== 'string' || conversionEvent.trim() === '') {
    throw new InputError('invalid_argument', 'loadTopPaths: conversionEvent must be a non-empty event type');
  }
  const length = checkInteger(options.length ?? 4, 'length', 1, 20);
  const top = checkInteger(options.top ?? 10, 'top', 1, 1000);
  const label = options.label ?? 'event_type';
  if (label !== 'event_type' && label !== 'page') {
    throw new InputError(
      'invalid_argument',
      `loadTopPaths: label must be 'event_type' or 'page', got ${String(label)}`,
    );
  }
  const collapse = options.collapseRepeats ?? true;
  if (typeof collapse !== 'boolean') {
    throw new InputError('invalid_argument', 'loadTopPaths: collapseRepeats must be a boolean');
  }
  const from = checkDate(options.from, 'from');
  const to = checkDate(options.to, 'to');
  if (from && to && from.getTime() >= to.getTime()) {
    throw new InputError(
      'invalid_argument',
      `loadTopPaths: from (${from.toISOString()}) must be before to (${to.toISOString()})`,
    );
  }
  const params: SqlValue[] = [conversionEvent, length, top, separator];
  if (from) params.push(from);
  if (to) params.push(to);
  const rows = await store.query(pathsSql(label, collapse, { from: from !== null, to: to !== null }), params);
  const toConversion: PathRow[] = [];
  const toAbandonment: PathRow[] = [];
  let convertedSessions = 0;
  let abandonedSessions = 0;
  for (const row of rows) {
    const path = String(row.path ?? '');
    const entry: PathRow = {
      path: path === '' ? [] : path.split(separator),
      sessions: asNumber(row.sessions),
      share: asNumber(row.share),
      pathConversionRate: asNumber(row.path_conversion_rate),
    };
    if (asNumber(row.converted) === 1) {
      toConversion.push(entry);
      convertedSessions = asNumber(row.outcome_sessions);
    } else {
      toAbandonment.push(entry);
      abandonedSessions = asNumber(row.outcome_sessions);
    }
  }
  return {
    conversionEvent,
    length,
    label,
    convertedSessions,
    abandonedSessions,
    toConversion,
    toAbandonment,
  };
}
