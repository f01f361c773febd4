import { type CampaignKpiReport, campaignKpis } from '../../experiments/index.js';
import type { Localized } from '../../report/index.js';
import type { Store } from '../../store/store.js';
import type { MoneySettings } from '../customers/money.js';
import { insertModelRun } from '../model-runs.js';
import { loadCampaignStats } from './campaign-stats-sql.js';

/**
 * Campaign KPIs over `campaign_stats`: CTR, CVR, CPC, CPM, CPA, ROAS, ROI by campaign, channel and
 * day with robust-z anomaly flags (src/experiments campaignKpis), recorded as a `campaigns.kpis`
 * run. Amounts are in the reporting currency (campaign-stats-sql.ts).
 */

export const campaignKpisRunKind = 'campaigns.kpis';

export interface CampaignKpisOptions {
  readonly from?: Date;
  readonly to?: Date;
  readonly money?: MoneySettings;
}

export interface CampaignKpisRun {
  readonly modelRunId: string;
  readonly engine: 'classic';
  readonly dataWindow: { readonly start: Date; readonly end: Date };
  readonly currency: string;
  readonly report: CampaignKpiReport;
  /** Campaign id → name. */
  readonly campaignNames: Readonly<Record<string, string>>;
  readonly notes: readonly Localized[];
}

/**
 * Campaign KPIs with anomaly flags for the stored statistics (optionally only days in [from, to]),
 * recorded as a `campaigns.kpis` run (params: range and currency; metrics: totals, the by-channel
 * table and the anomaly count). Errors: no statistics → InputError `insufficient_data`; a campaign
 * currency without a rate → `missing_fx_rate`. Cost: one scan of campaign_stats + O(rows).
 * Example: (await runCampaignKpis(store)).report.byChannel[0] → { channel: 'affiliate', ctr: 0.02, … }.
 */
export async function runCampaignKpis(
  store: Store,
  options: CampaignKpisOptions = {},
): Promise<CampaignKpisRun> {
  const started = new Date();
  const data = await loadCampaignStats(store, options);
  const report = campaignKpis(data.rows);
  const dataWindow = data.dataWindow as { start: Date; end: Date };
  const modelRunId = await store.transaction((tx) =>
    insertModelRun(tx, {
      kind: campaignKpisRunKind,
      engine: 'classic',
      params: {
        from: options.from?.toISOString().slice(0, 10) ?? null,
        to: options.to?.toISOString().slice(0, 10) ?? null,
        currency: data.currency,
        rates: data.rates,
        anomalyRule: 'robust z > 3.5 against the previous 28 observed days (≥ 14 needed)',
      },
      metrics: {
        rows: data.rows.length,
        campaigns: report.byCampaign.length,
        channels: report.byChannel.length,
        days: report.byDay.length,
        totals: report.totals,
        byChannel: report.byChannel,
        anomalies: report.anomalies.length,
      },
      dataWindow,
      startedAt: started,
    }),
  );
  return {
    modelRunId,
    engine: 'classic',
    dataWindow,
    currency: data.currency,
    report,
    campaignNames: Object.fromEntries(data.campaignNames),
    notes: data.notes,
  };
}
