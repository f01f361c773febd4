import type { Section } from '../../report/index.js';
import type { Store } from '../../store/store.js';
import type { MoneySettings } from '../customers/money.js';
import { runAttribution } from './attribution-service.js';
import { plantedRecovery } from './planted-recovery.js';
import { buildAttributionSection } from './report/attribution-section.js';

/**
 * The attribution part of the demo: every model on the demo journeys (Markov order 1, lookback 30 days)
 * and, because the demo plants channel lifts, how far each model is from them. `seed` is unused (the
 * models are exact); it is part of the demo entry signature.
 */
export async function runAttributionDemo(context: {
  store: Store;
  seed: number;
  money: MoneySettings;
}): Promise<Section[]> {
  const run = await runAttribution(context.store, { money: context.money });
  const recovery = await plantedRecovery(context.store, run);
  return [buildAttributionSection(run, recovery)];
}
