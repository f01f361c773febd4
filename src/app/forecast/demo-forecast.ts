import type { Section } from '../../report/index.js';
import type { Store } from '../../store/store.js';
import type { MoneySettings } from '../customers/money.js';
import { type ForecastRunOptions, runForecast } from './forecast-service.js';
import { plantedDemandRecovery } from './planted-demand.js';
import { buildForecastSection } from './report/forecast-section.js';

/**
 * The forecasting part of the demo: daily revenue of the whole business (horizon 90) and daily units of
 * the 50 best-selling SKUs, each forecast with the back-tested model choice of forecast-service.ts, and how
 * well the demand components estimated from the daily order counts recover the planted pattern
 * (planted-demand.ts).
 */

/**
 * The demo entry: total daily revenue (horizon 90) and SKU-level daily units of the top `top` SKUs
 * (default 50), with the planted demand recovery on the first section. `options` is for tests (a
 * smaller `top`, a shared runner); `seed` is unused (the models are deterministic).
 */
export async function runForecastDemo(
  context: { store: Store; seed: number; money: MoneySettings },
  options: { readonly top?: number; readonly runner?: ForecastRunOptions['runner'] } = {},
): Promise<Section[]> {
  const shared = { money: context.money, ...(options.runner ? { runner: options.runner } : {}) };
  const total = await runForecast(context.store, {
    ...shared,
    level: 'total',
    measure: 'revenue',
    period: 'day',
    horizon: 90,
  });
  const recovery = await plantedDemandRecovery(context.store, context.money);
  const sku = await runForecast(context.store, {
    ...shared,
    level: 'sku',
    measure: 'units',
    period: 'day',
    horizon: 90,
    top: options.top ?? 50,
  });
  return [buildForecastSection(total, recovery), buildForecastSection(sku)];
}
