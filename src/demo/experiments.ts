import { gamma, pickWeighted, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow } from './calendar.js';
import type { CustomerRecord } from './customers.js';
import { type EventSink, nextSessionId } from './events.js';
import type { DemoRow, TruthEntry } from './types.js';

/**
 * Two finished A/B tests with planted effects. Eligible customer records (signed up before the
 * test) are exposed with probability `exposedShare` at a uniform time in the exposure period and
 * assigned a variant by weight; each converts within CONVERSION_WINDOW_DAYS of exposure with the
 * variant's true rate, recorded as an `events` row of event_type 'conversion' (value = revenue in
 * CNY, revenue ~ Gamma(shape 4, mean meanRevenue); properties.experiment_id / variant).
 */

export const CONVERSION_WINDOW_DAYS = 14;

interface VariantSpec {
  readonly name: string;
  readonly weight: number;
  readonly conversionRate: number;
  readonly meanRevenue: number;
}

interface ExperimentSpec {
  readonly id: string;
  readonly name: string;
  readonly hypothesis: string;
  readonly primaryMetric: string;
  readonly startFraction: number;
  readonly days: number;
  readonly exposedShare: number;
  readonly variants: readonly VariantSpec[];
}

// biome-ignore format: data table
export const EXPERIMENTS: readonly ExperimentSpec[] = [
  {
    id: 'exp_one_page_checkout', name: 'One-page checkout',
    hypothesis: 'A one-page checkout raises the 14-day conversion rate by removing a step.',
    primaryMetric: 'conversion_rate_14d', startFraction: 0.5, days: 28, exposedShare: 0.5,
    variants: [
      { name: 'control', weight: 0.5, conversionRate: 0.1, meanRevenue: 300 },
      { name: 'one_page', weight: 0.5, conversionRate: 0.125, meanRevenue: 300 },
    ],
  },
  {
    id: 'exp_free_shipping_banner', name: 'Free-shipping threshold banner',
    hypothesis: 'Showing the free-shipping threshold raises revenue per converting customer without changing conversion.',
    primaryMetric: 'revenue_per_user_14d', startFraction: 0.78, days: 21, exposedShare: 0.5,
    variants: [
      { name: 'control', weight: 0.5, conversionRate: 0.08, meanRevenue: 260 },
      { name: 'banner', weight: 0.5, conversionRate: 0.08, meanRevenue: 290 },
    ],
  },
];

export interface ExperimentsResult {
  readonly experimentRows: readonly DemoRow[];
  readonly assignmentRows: readonly DemoRow[];
  readonly truth: readonly TruthEntry[];
}

export function generateExperiments(
  rng: Rng,
  sink: EventSink,
  records: readonly CustomerRecord[],
  window: DemoWindow,
): ExperimentsResult {
  const experimentRows: DemoRow[] = [];
  const assignments: { experimentId: string; customerId: string; variant: string; ms: number }[] = [];
  const truth: TruthEntry[] = [];
  for (const spec of EXPERIMENTS) {
    const days = Math.min(spec.days, Math.max(1, Math.floor(window.days * 0.1)));
    const startDay = Math.max(
      0,
      Math.min(Math.floor(window.days * spec.startFraction), window.days - days - CONVERSION_WINDOW_DAYS - 1),
    );
    const startMs = window.startMs + startDay * DAY_MS;
    const endMs = startMs + days * DAY_MS;
    experimentRows.push({
      id: spec.id,
      name: spec.name,
      hypothesis: spec.hypothesis,
      primary_metric: spec.primaryMetric,
      status: 'finished',
      variants: spec.variants.map((v) => ({ name: v.name, weight: v.weight })),
      start_at: new Date(startMs),
      end_at: new Date(endMs),
    });
    const stats = spec.variants.map(() => ({ assigned: 0, converted: 0, revenue: 0 }));
    for (const record of records) {
      if (record.signupMs >= startMs || rng.next() >= spec.exposedShare) continue;
      const v = pickWeighted(
        rng,
        spec.variants.map((x) => x.weight),
      );
      const variant = spec.variants[v] as VariantSpec;
      const stat = stats[v] as { assigned: number; converted: number; revenue: number };
      const ms = Math.floor((startMs + rng.next() * (endMs - startMs)) / 1000) * 1000;
      assignments.push({ experimentId: spec.id, customerId: record.id, variant: variant.name, ms });
      stat.assigned++;
      if (rng.next() < variant.conversionRate) {
        const revenue = Math.round(gamma(rng, 4, variant.meanRevenue / 4) * 100) / 100;
        const ts =
          Math.floor((ms + 60_000 + rng.next() * (CONVERSION_WINDOW_DAYS * DAY_MS - 120_000)) / 1000) * 1000;
        stat.converted++;
        stat.revenue += revenue;
        const weights = record.channel === 'miniprogram' ? [0, 1, 0] : record.person.deviceWeights;
        sink.rows.push({
          id: '',
          session_id: nextSessionId(sink),
          customer_id: record.id,
          event_type: 'conversion',
          page: record.channel === 'miniprogram' ? 'pages/order/success' : '/checkout/success',
          product_id: null,
          ts: new Date(ts),
          device: ['desktop', 'mobile', 'tablet'][pickWeighted(rng, weights)] as string,
          channel: 'direct',
          value: revenue,
          properties: { experiment_id: spec.id, variant: variant.name, currency: 'CNY' },
        });
      }
    }
    const [control, treatment] = spec.variants as [VariantSpec, VariantSpec];
    truth.push({
      kind: 'experiment',
      key: spec.id,
      value: {
        primaryMetric: spec.primaryMetric,
        conversionWindowDays: CONVERSION_WINDOW_DAYS,
        outcome:
          "events with event_type = 'conversion' and properties.experiment_id = this id, within 14 days after assigned_at; value = revenue (CNY)",
        variants: spec.variants.map((v, i) => ({ ...v, ...stats[i] })),
        trueAbsoluteLift: treatment.conversionRate - control.conversionRate,
        trueRelativeLift: treatment.conversionRate / control.conversionRate - 1,
        trueRevenuePerConversionLift: treatment.meanRevenue / control.meanRevenue - 1,
        trueRevenuePerUserLift:
          (treatment.conversionRate * treatment.meanRevenue) /
            (control.conversionRate * control.meanRevenue) -
          1,
      },
    });
  }
  assignments.sort((x, y) => x.ms - y.ms);
  const assignmentRows = assignments.map((a, i) => ({
    id: `asg_${String(i + 1).padStart(7, '0')}`,
    experiment_id: a.experimentId,
    customer_id: a.customerId,
    variant: a.variant,
    assigned_at: new Date(a.ms),
  }));
  return { experimentRows, assignmentRows, truth };
}
