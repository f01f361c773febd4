import type { Section } from '../../report/index.js';
import type { Store } from '../../store/store.js';
import type { MoneySettings } from '../customers/money.js';
import { runBudgetOptimization } from './budget-service.js';
import { runCampaignKpis } from './campaign-service.js';
import { buildBudgetSection } from './report/budget-section.js';
import { buildCampaignKpiSection } from './report/campaign-section.js';

/**
 * The campaigns part of the demo: KPIs with anomaly flags over all of campaign_stats, then the
 * media-mix fit and a budget reallocation of the current daily budget within [0.5, 2] × each
 * channel's current spend (with the planted-vs-fitted comparison the demo's ground truth allows).
 * Cost: dominated by the media-mix fit, ≈ 2.5 s for 8 channels × 731 days.
 */
export async function runCampaignsDemo(context: {
  readonly store: Store;
  readonly seed: number;
  readonly money: MoneySettings;
}): Promise<Section[]> {
  const { store, seed, money } = context;
  const kpis = await runCampaignKpis(store, { money });
  const budget = await runBudgetOptimization(store, { money, seed, draws: 500 });
  return [buildCampaignKpiSection(kpis), buildBudgetSection(budget)];
}
