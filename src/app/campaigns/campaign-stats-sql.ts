import { InputError } from '../../core/errors.js';
import type { CampaignStatRow } from '../../experiments/index.js';
import type { Localized } from '../../report/index.js';
import type { Queryable, SqlValue } from '../../store/store.js';
import type { MoneySettings } from '../customers/money.js';

/**
 * Loading `campaign_stats` for the campaign analyses: one row per stored daily statistic, joined to
 * its campaign for the currency (and the channel when the statistic has none), amounts (spend,
 * revenue) converted to the reporting currency.
 *
 * Money: campaigns carry an ISO 4217 `currency` column, so spend and revenue are converted per
 * campaign with the configured `fxRates` (units of the reporting currency per unit), the same
 * settings `resolveMoney` (src/app/customers/money.ts) uses for orders. The reporting currency is
 * `money.reportingCurrency`, else the most common campaign currency, else CNY. A campaign without a
 * currency (or a statistic without a campaign row) is taken to be in the reporting currency, and a
 * note says how many rows that concerns. A currency without a rate is an InputError naming it.
 * Null counts (impressions, clicks, conversions) and a null revenue are read as 0 and noted.
 */

export interface CampaignStatsOptions {
  /** First day included (UTC day of the Date). */
  readonly from?: Date;
  /** Last day included (UTC day of the Date). */
  readonly to?: Date;
  readonly money?: MoneySettings;
}

export interface CampaignStatsData {
  readonly rows: CampaignStatRow[];
  /** The reporting currency every amount of `rows` is in. */
  readonly currency: string;
  /** Units of the reporting currency per unit of each campaign currency used. */
  readonly rates: Readonly<Record<string, number>>;
  /** Campaign id → name, for the campaigns in `rows` that have a campaign row. */
  readonly campaignNames: ReadonlyMap<string, string>;
  /** First and last day of `rows` (UTC midnight); null when there are none. */
  readonly dataWindow: { readonly start: Date; readonly end: Date } | null;
  readonly notes: readonly Localized[];
}

const currencyCode = /^[A-Z]{3}$/;

const isoDay = (date: Date): string => {
  if (!Number.isFinite(date.getTime()))
    throw new InputError('invalid_argument', 'from / to is an invalid date');
  return date.toISOString().slice(0, 10);
};

const dayDate = (text: string): Date => new Date(`${text}T00:00:00Z`);

/** The currencies of the campaigns that have statistics, most rows first; null = no currency. */
async function campaignCurrencies(db: Queryable): Promise<{ currency: string | null; rows: number }[]> {
  const rows = await db.query(
    `SELECT upper(trim(c.currency)) AS currency, count(*) AS n
     FROM campaign_stats s LEFT JOIN campaigns c ON c.id = s.campaign_id
     GROUP BY upper(trim(c.currency)) ORDER BY count(*) DESC, upper(trim(c.currency))`,
  );
  return rows.map((r) => ({
    currency: r.currency === null || r.currency === '' ? null : String(r.currency),
    rows: Number(r.n),
  }));
}

/**
 * Resolves the reporting currency and the rate of every campaign currency (see the file comment).
 * Throws InputError `invalid_currency` (not an ISO code) or `missing_fx_rate` (no rate configured).
 */
export async function resolveCampaignMoney(
  db: Queryable,
  settings: MoneySettings = {},
): Promise<{ currency: string; rates: Record<string, number>; withoutCurrency: number }> {
  const currencies = await campaignCurrencies(db);
  const known = currencies.filter((c): c is { currency: string; rows: number } => c.currency !== null);
  const reporting = settings.reportingCurrency ?? known[0]?.currency ?? 'CNY';
  const rates: Record<string, number> = { [reporting]: 1 };
  const notCodes = known.filter((c) => !currencyCode.test(c.currency)).map((c) => c.currency);
  if (notCodes.length > 0)
    throw new InputError(
      'invalid_currency',
      `Campaigns carry currency values that are not ISO 4217 codes: ${notCodes.join(', ')}`,
      { hint: 'Fix the currency column of the campaigns (e.g. RMB → CNY) and import them again.' },
    );
  const missing: string[] = [];
  for (const { currency } of known) {
    if (currency === reporting) continue;
    const rate = settings.fxRates?.[currency];
    if (rate === undefined) missing.push(currency);
    else if (!(Number.isFinite(rate) && rate > 0))
      throw new InputError('invalid_config', `fxRates: "${currency}" → ${rate} is not a positive rate`);
    else rates[currency] = rate;
  }
  if (missing.length > 0)
    throw new InputError(
      'missing_fx_rate',
      `Campaigns are in ${known.map((c) => c.currency).join(', ')}; spend in ${missing.join(', ')} cannot be compared with ${reporting} without an exchange rate`,
      {
        hint: `Add "fxRates" (units of ${reporting} per unit) to marketmind.config.json, e.g. {"reportingCurrency": "${reporting}", "fxRates": {${missing.map((c) => `"${c}": 7.1`).join(', ')}}}`,
      },
    );
  if (!currencyCode.test(reporting))
    throw new InputError('invalid_config', `reportingCurrency "${reporting}" is not an ISO 4217 code`);
  const withoutCurrency = currencies.find((c) => c.currency === null)?.rows ?? 0;
  return { currency: reporting, rates, withoutCurrency };
}

/**
 * Campaign statistics as `CampaignStatRow`s (field `campaign` = the `campaign_id` column), ordered by
 * day then campaign, amounts in the reporting currency; optionally only the days in [from, to].
 * Throws InputError `insufficient_data` when the store (or the range) has no statistics.
 * Cost: one aggregate query for the currencies, one scan of campaign_stats.
 * Example: loadCampaignStats(store, { from: new Date('2024-06-01') }) →
 * { rows: [{ date: '2024-06-01', campaign: 'cmp_0001', channel: 'search', spend: 5012.3, … }], currency: 'CNY', … }.
 */
export async function loadCampaignStats(
  db: Queryable,
  options: CampaignStatsOptions = {},
): Promise<CampaignStatsData> {
  const from = options.from === undefined ? undefined : isoDay(options.from);
  const to = options.to === undefined ? undefined : isoDay(options.to);
  if (from !== undefined && to !== undefined && from > to)
    throw new InputError('invalid_argument', `from ${from} is after to ${to}`);
  const money = await resolveCampaignMoney(db, options.money);
  const others = Object.entries(money.rates).filter(([c]) => c !== money.currency);
  // Codes and rates are validated above before being inlined.
  const factor =
    others.length === 0
      ? '1'
      : `CASE upper(trim(c.currency)) ${others.map(([c, r]) => `WHEN '${c}' THEN ${r}`).join(' ')} ELSE 1 END`;
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (from !== undefined) {
    params.push(from);
    where.push(`s.date >= CAST($${params.length} AS DATE)`);
  }
  if (to !== undefined) {
    params.push(to);
    where.push(`s.date <= CAST($${params.length} AS DATE)`);
  }
  const result = await db.query(
    `SELECT s.date AS date, s.campaign_id AS campaign, coalesce(s.channel, c.channel) AS channel,
            c.name AS name,
            s.spend * ${factor} AS spend, coalesce(s.revenue, 0) * ${factor} AS revenue,
            coalesce(s.impressions, 0) AS impressions, coalesce(s.clicks, 0) AS clicks,
            coalesce(s.conversions, 0) AS conversions,
            CASE WHEN s.impressions IS NULL OR s.clicks IS NULL OR s.conversions IS NULL
                   OR s.revenue IS NULL THEN 1 ELSE 0 END AS has_null
     FROM campaign_stats s LEFT JOIN campaigns c ON c.id = s.campaign_id
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY s.date, s.campaign_id, s.id`,
    params,
  );
  if (result.length === 0)
    throw new InputError(
      'insufficient_data',
      from !== undefined || to !== undefined
        ? `There are no campaign statistics between ${from ?? 'the start'} and ${to ?? 'the end'}`
        : 'There are no campaign statistics in the store',
      { hint: 'Load them first: marketmind ingest campaign_stats FILE (or run marketmind demo).' },
    );
  const names = new Map<string, string>();
  let withNulls = 0;
  let withoutChannel = 0;
  const rows: CampaignStatRow[] = result.map((r) => {
    const campaign = String(r.campaign);
    if (r.name !== null && r.name !== undefined) names.set(campaign, String(r.name));
    if (Number(r.has_null) === 1) withNulls++;
    if (r.channel === null || r.channel === '') withoutChannel++;
    return {
      date: String(r.date),
      campaign,
      channel: r.channel === null || r.channel === '' ? 'unknown' : String(r.channel),
      spend: Number(r.spend),
      revenue: Number(r.revenue),
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
      conversions: Number(r.conversions),
    };
  });
  const notes: Localized[] = [];
  if (money.withoutCurrency > 0)
    notes.push({
      en: `${money.withoutCurrency} campaign statistics belong to campaigns without a currency; their amounts are taken to be in ${money.currency}.`,
      zh: `${money.withoutCurrency} 条投放统计所属的活动没有币种，其金额按 ${money.currency} 计。`,
    });
  if (others.length > 0)
    notes.push({
      en: `Amounts converted to ${money.currency} at ${others.map(([c, r]) => `1 ${c} = ${r} ${money.currency}`).join(', ')}.`,
      zh: `金额已按 ${others.map(([c, r]) => `1 ${c} = ${r} ${money.currency}`).join('、')} 换算为 ${money.currency}。`,
    });
  if (withNulls > 0)
    notes.push({
      en: `${withNulls} rows have an empty impressions, clicks, conversions or revenue value, counted as 0.`,
      zh: `${withNulls} 行的展示、点击、转化或收入为空，按 0 计。`,
    });
  if (withoutChannel > 0)
    notes.push({
      en: `${withoutChannel} rows have no channel (neither on the row nor on its campaign) and are grouped as "unknown".`,
      zh: `${withoutChannel} 行没有渠道（行与所属活动均无），归入 “unknown”。`,
    });
  const first = rows[0]?.date as string;
  const last = rows[rows.length - 1]?.date as string;
  return {
    rows,
    currency: money.currency,
    rates: money.rates,
    campaignNames: names,
    dataWindow: { start: dayDate(first), end: dayDate(last) },
    notes,
  };
}
