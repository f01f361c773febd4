/**
 * The per-customer feature table that the customer-value models read (segmentation, RFM, tiers).
 * Built in SQL by the app layer (src/app/customers/customer-features.ts) so it runs unchanged on
 * DuckDB and PostgreSQL; columnar so a million customers fit in a few typed arrays.
 */

export const customerFeatureNames = [
  'recency_days',
  'frequency',
  'monetary',
  'total_spend',
  'tenure_days',
  'interpurchase_days',
  'category_breadth',
  'share_online',
  'share_store',
  'share_miniprogram',
  'discount_share',
  'sessions_per_week',
] as const;

export type CustomerFeatureName = (typeof customerFeatureNames)[number];

/**
 * The features by what they describe: how customers shop (channels, discounts, breadth, web
 * engagement) and what they are worth (recency, frequency, order value, tenure).
 */
export const customerFeatureGroups: Readonly<Record<'behaviour' | 'value', readonly CustomerFeatureName[]>> =
  {
    behaviour: [
      'category_breadth',
      'share_online',
      'share_store',
      'share_miniprogram',
      'discount_share',
      'sessions_per_week',
    ],
    value: ['recency_days', 'frequency', 'monetary', 'tenure_days'],
  };

/**
 * One row per customer with at least one counted order (status not cancelled / returned), as of
 * `asOf`. Meanings: recency_days = asOf − last order (days); frequency = counted orders; monetary =
 * average order value; tenure_days = asOf − first order; interpurchase_days = (last − first) /
 * (orders − 1) in days, NaN when orders < 2 (the only column that may hold NaN); category_breadth =
 * distinct product categories bought; share_* = share of orders by channel; discount_share = share
 * of orders with a discount; sessions_per_week = distinct web sessions / max(1, tenure in weeks).
 */
export interface CustomerFeatureTable {
  readonly asOf: Date;
  readonly customerIds: readonly string[];
  readonly columns: Readonly<Record<CustomerFeatureName, Float64Array>>;
}
