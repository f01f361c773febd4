import { InputError } from '../../core/errors.js';
import type { CustomerFeatureTable } from '../../customers/index.js';
import type { Queryable } from '../../store/store.js';
import { orderDataWindow } from '../report/overview-section.js';
import { loadCustomerFeatures } from './customer-features.js';
import { type MoneyConversion, type MoneySettings, resolveMoney } from './money.js';

export interface DataWindow {
  readonly start: Date;
  readonly end: Date;
}

/** The orders' window cut at `asOf` (default: the last order): what an analysis as of then has seen. */
export async function dataWindowUpTo(db: Queryable, asOf?: Date): Promise<DataWindow> {
  const window = await orderDataWindow(db);
  if (!window) {
    throw new InputError('insufficient_data', 'There are no orders in the store', {
      hint: 'Load orders first: marketmind ingest orders FILE (or run marketmind demo).',
    });
  }
  return { start: window.start, end: asOf !== undefined && asOf < window.end ? asOf : window.end };
}

/**
 * What every feature-based analysis starts with: the data window (a clear error when there are no
 * orders), the money conversion (a clear error when a rate is missing), then the feature table.
 */
export async function loadAnalysisFeatures(
  db: Queryable,
  options: { readonly asOf?: Date; readonly money?: MoneySettings },
): Promise<{ window: DataWindow; money: MoneyConversion; features: CustomerFeatureTable }> {
  const window = await dataWindowUpTo(db, options.asOf);
  const money = await resolveMoney(db, options.money);
  const features = await loadCustomerFeatures(db, { asOf: options.asOf, money });
  return { window, money, features };
}
