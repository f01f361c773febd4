import { describe, expect, it } from 'vitest';
import { bgNbdExpectedRepeatPurchases } from './bg-nbd-expectation.js';
import { FUNNEL } from './events.js';
import { generateDemoData } from './generate-demo-data.js';
import { BG_NBD_PARAMS, CNY_PER_USD, GAMMA_GAMMA_PARAMS, SPEND_UNIT_CNY } from './purchases.js';
import type { DemoRow } from './types.js';

/** The planted processes are recoverable from the generated rows (N = 1000, tolerances in standard errors). */
const data = generateDemoData({ seed: 2024, customers: 1000 });
const rows = (table: string): readonly DemoRow[] => data.tables[table] ?? [];
const truth = (kind: string) => data.groundTruth.filter((row) => row.kind === kind);
const truthValue = <T>(kind: string, key: string): T =>
  data.groundTruth.find((r) => r.kind === kind && r.key === key)?.value as T;

function meanAndStandardError(values: readonly number[]): { mean: number; se: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
}

interface PersonTruth {
  readonly customerIds: string[];
  readonly lambda: number;
  readonly p: number;
  readonly nu: number;
  readonly T: number;
  readonly x: number;
}

describe('planted purchase process', () => {
  const people = truth('bg_nbd_customer').map((r) => r.value as PersonTruth);

  it('records the BG/NBD and Gamma-Gamma parameters', () => {
    expect(truthValue('bg_nbd_params', 'population')).toMatchObject({ ...BG_NBD_PARAMS, timeUnit: 'week' });
    expect(truthValue('gamma_gamma_params', 'population')).toMatchObject(GAMMA_GAMMA_PARAMS);
  });

  it('writes one order per planted purchase of each person', () => {
    const ordersByCustomer = new Map<string, number>();
    for (const o of rows('orders'))
      ordersByCustomer.set(o.customer_id as string, (ordersByCustomer.get(o.customer_id as string) ?? 0) + 1);
    for (const person of people) {
      const orders = person.customerIds.reduce((s, id) => s + (ordersByCustomer.get(id) ?? 0), 0);
      expect(orders).toBe(person.x + 1);
    }
  });

  it('has mean repeat purchases near E[X(T)] of Fader, Hardie & Lee (2005) eq. 9', () => {
    const residuals = people.map((p) => p.x - bgNbdExpectedRepeatPurchases(BG_NBD_PARAMS, p.T));
    const { mean, se } = meanAndStandardError(residuals);
    expect(Math.abs(mean)).toBeLessThan(4 * se);
    const lambda = meanAndStandardError(people.map((p) => p.lambda));
    expect(Math.abs(lambda.mean - BG_NBD_PARAMS.r / BG_NBD_PARAMS.alpha)).toBeLessThan(4 * lambda.se);
    const dropout = meanAndStandardError(people.map((p) => p.p));
    expect(Math.abs(dropout.mean - BG_NBD_PARAMS.a / (BG_NBD_PARAMS.a + BG_NBD_PARAMS.b))).toBeLessThan(
      4 * dropout.se,
    );
  });

  it('has Gamma-Gamma spend: mean z = p·γ/(q − 1)', () => {
    const z = rows('orders').map(
      (o) => ((o.total_amount as number) * (o.currency === 'USD' ? CNY_PER_USD : 1)) / SPEND_UNIT_CNY,
    );
    const { mean, se } = meanAndStandardError(z);
    const { p, q, gamma } = GAMMA_GAMMA_PARAMS;
    // orders of one person share ν, so the iid standard error understates the spread: 6 SE
    expect(Math.abs(mean - (p * gamma) / (q - 1))).toBeLessThan(6 * se);
    const nu = meanAndStandardError(people.map((person) => person.nu));
    expect(Math.abs(nu.mean - q / gamma)).toBeLessThan(4 * nu.se);
  });

  it('lifts order volume on 双十一, 618 and Black Friday as planted (pooled over both years)', () => {
    const perDay = new Map<string, number>();
    for (const o of rows('orders')) {
      const day = (o.ordered_at as Date).toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const shift = (day: string, days: number) =>
      new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
    const { startDate, multipliers } = truthValue<{ startDate: string; multipliers: number[] }>(
      'demand_pattern',
      'daily_multiplier',
    );
    const m = (day: string) => multipliers[(Date.parse(day) - Date.parse(startDate)) / 86_400_000] as number;
    let observed = 0;
    let expected = 0;
    for (const day of ['2023-11-11', '2024-11-11', '2023-06-18', '2024-06-18', '2023-11-24', '2024-11-29']) {
      observed += perDay.get(day) ?? 0;
      // the same weekday 2 and 3 weeks around, scaled by the planted multiplier ratio (≈ ×3, ×2, ×1.8)
      for (const weeks of [-3, -2, 2, 3])
        expected += ((perDay.get(shift(day, weeks * 7)) ?? 0) * m(day)) / m(shift(day, weeks * 7)) / 4;
    }
    // heavy-tailed λ makes daily counts over-dispersed at N = 1000 (sd of this ratio ≈ 0.16 over seeds)
    expect(observed / expected).toBeGreaterThan(0.6);
    expect(observed / expected).toBeLessThan(1.5);
  });
});

describe('planted funnel', () => {
  const sessions = new Map<string, { device: string; steps: Set<string> }>();
  for (const e of rows('events')) {
    if (e.customer_id === null || e.event_type === 'conversion') continue;
    const s = sessions.get(e.session_id as string) ?? {
      device: e.device as string,
      steps: new Set<string>(),
    };
    s.steps.add(e.event_type as string);
    sessions.set(e.session_id as string, s);
  }
  const rate = (from: string, to: string, device?: string) => {
    const at = [...sessions.values()].filter(
      (s) => s.steps.has(from) && (device === undefined || s.device === device),
    );
    return { rate: at.filter((s) => s.steps.has(to)).length / at.length, n: at.length };
  };
  const near = (observed: { rate: number; n: number }, planted: number) =>
    expect(Math.abs(observed.rate - planted)).toBeLessThan(
      4 * Math.sqrt((planted * (1 - planted)) / observed.n) + 0.01,
    );

  it('reproduces the step conversion rates of identified sessions', () => {
    near(rate('page_view', 'product_view'), FUNNEL.pageToProduct);
    near(rate('product_view', 'add_to_cart'), FUNNEL.productToCart);
    near(rate('add_to_cart', 'checkout'), FUNNEL.cartToCheckout);
    near(rate('checkout', 'purchase', 'desktop'), FUNNEL.checkoutToPurchase.desktop);
    near(rate('checkout', 'purchase', 'mobile'), FUNNEL.checkoutToPurchase.mobile);
  });

  it('shows the planted mobile checkout drop-off and a plausible event volume', () => {
    const ratio = rate('checkout', 'purchase', 'mobile').rate / rate('checkout', 'purchase', 'desktop').rate;
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.7);
    expect(truthValue('funnel', 'dropoff')).toMatchObject({ device: 'mobile', multiplier: 0.5 });
    const perCustomer = rows('events').length / rows('customers').length;
    expect(perCustomer).toBeGreaterThan(10);
    expect(perCustomer).toBeLessThan(25);
    expect(rows('events').some((e) => e.customer_id === null)).toBe(true);
  });
});

describe('planted marketing effects', () => {
  it('reports campaign conversions that add up to the planted media response', () => {
    for (const row of truth('media_response')) {
      const value = row.value as { realizedConversions: number; expectedConversions: number };
      const reported = rows('campaign_stats')
        .filter((s) => s.channel === row.key)
        .reduce((s, r) => s + (r.conversions as number), 0);
      expect(reported, String(row.key)).toBe(value.realizedConversions);
      expect(Math.abs(value.realizedConversions - value.expectedConversions)).toBeLessThan(
        5 * Math.sqrt(value.expectedConversions) + 1,
      );
    }
    expect(truth('media_response').length).toBeGreaterThanOrEqual(6);
  });

  it('ends one converting journey at every counted order (not cancelled or returned)', () => {
    const counted = rows('orders').filter((o) => o.status !== 'cancelled' && o.status !== 'returned');
    expect(counted.length).toBeLessThan(rows('orders').length);
    expect(truthValue<{ convertingJourneys: number }>('channel_lift', 'model').convertingJourneys).toBe(
      counted.length,
    );
    expect(new Set(rows('touchpoints').map((t) => t.channel)).size).toBe(8);
  });
});

describe('planted voice of the customer', () => {
  const labels = new Map(
    truth('document_label').map((r) => [
      r.key as string,
      r.value as { sentiment: string; aspects: { aspect: string; polarity: string }[]; spike: string | null },
    ]),
  );

  it('labels every document and correlates ratings with sentiment', () => {
    expect(labels.size).toBe(rows('documents').length);
    const meanRating = (sentiment: string) => {
      const r = rows('documents')
        .filter((d) => d.rating !== null && labels.get(d.id as string)?.sentiment === sentiment)
        .map((d) => d.rating as number);
      return r.reduce((s, v) => s + v, 0) / r.length;
    };
    expect(meanRating('positive')).toBeGreaterThan(meanRating('neutral'));
    expect(meanRating('neutral')).toBeGreaterThan(meanRating('negative'));
  });

  it('raises negative mentions of the spike aspect inside each spike window', () => {
    for (const spike of truth('sentiment_spike')) {
      const value = spike.value as {
        aspect: string;
        firstDay: string;
        lastDay: string;
        multiplier: number;
        baselineDailyNegativeMentions: number;
      };
      const days = (Date.parse(value.lastDay) - Date.parse(value.firstDay)) / 86_400_000 + 1;
      const inWindow = rows('documents').filter((d) => {
        const day = (d.ts as Date).toISOString().slice(0, 10);
        return (
          day >= value.firstDay &&
          day <= value.lastDay &&
          labels
            .get(d.id as string)
            ?.aspects.some((a) => a.aspect === value.aspect && a.polarity === 'negative')
        );
      }).length;
      expect(inWindow / days).toBeGreaterThan(2 * value.baselineDailyNegativeMentions);
    }
  });
});

describe('planted experiments and consents', () => {
  it('reproduces the true conversion rates of each variant', () => {
    for (const row of truth('experiment')) {
      const value = row.value as { variants: { name: string; conversionRate: number }[] };
      const assigned = rows('assignments').filter((a) => a.experiment_id === row.key);
      const converted = new Set(
        rows('events')
          .filter(
            (e) =>
              e.event_type === 'conversion' &&
              (e.properties as { experiment_id?: string }).experiment_id === row.key,
          )
          .map((e) => e.customer_id),
      );
      for (const variant of value.variants) {
        const group = assigned.filter((a) => a.variant === variant.name);
        const observed = group.filter((a) => converted.has(a.customer_id)).length / group.length;
        const se = Math.sqrt((variant.conversionRate * (1 - variant.conversionRate)) / group.length);
        expect(
          Math.abs(observed - variant.conversionRate),
          `${String(row.key)} ${variant.name}`,
        ).toBeLessThan(4 * se);
      }
    }
  });

  it('keeps no consent granted after a completed opt-out request', () => {
    for (const row of truth('privacy_expectation')) {
      const value = row.value as { customerId: string; kind: string; status: string };
      if (value.kind !== 'opt_out' || value.status !== 'completed') continue;
      const dsr = rows('dsr_requests').find((d) => d.id === row.key);
      if (!dsr) throw new Error(`dsr ${String(row.key)} missing`);
      const completed = (dsr.completed_at as Date).getTime();
      const later = rows('consents').filter(
        (c) =>
          c.customer_id === value.customerId && c.granted === true && (c.ts as Date).getTime() > completed,
      );
      expect(later).toEqual([]);
    }
  });
});
