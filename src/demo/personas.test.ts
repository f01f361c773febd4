import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { mean, median, quantile, standardDeviation } from '../stats/descriptive.js';
import { generateDemoData } from './generate-demo-data.js';
import {
  drawPersona,
  PERSONA_KEYS,
  PERSONAS,
  type PersonaKey,
  personaSpec,
  promotionUptake,
} from './personas.js';
import { CNY_PER_USD } from './purchases.js';
import type { DemoRow } from './types.js';

/**
 * Planted personas, checked the way a segmentation would see them: per customer record features
 * computed straight from the generated tables (20k records), the persona signatures, a
 * nearest-centroid recoverability check, and the purchase process left exactly as it was.
 */

const CUSTOMERS = 20_000;
const data = generateDemoData({ seed: 7, customers: CUSTOMERS });
const rows = (table: string): readonly DemoRow[] => data.tables[table] ?? [];
const truthRows = (kind: string) => data.groundTruth.filter((r) => r.kind === kind);

const FEATURES = [
  'recency_days',
  'frequency',
  'monetary',
  'tenure_days',
  'category_breadth',
  'share_online',
  'share_store',
  'share_miniprogram',
  'discount_share',
  'sessions_per_week',
] as const;
type Feature = (typeof FEATURES)[number];
/** Skewed counts / amounts enter the distance as log1p (as a segmentation would scale them). */
const LOGGED: ReadonlySet<Feature> = new Set([
  'frequency',
  'monetary',
  'category_breadth',
  'sessions_per_week',
]);

interface RecordFeatures {
  readonly customerId: string;
  readonly persona: PersonaKey;
  readonly primary: boolean;
  readonly values: Record<Feature, number>;
}

/** The customer feature table of the shared brief, for records with ≥ 1 counted order, as of the window end. */
function computeFeatures(): RecordFeatures[] {
  const options = truthRows('generator')[0]?.value as { window: { endExclusive: string } };
  const asOf = Date.parse(`${options.window.endExclusive}T00:00:00Z`);
  const categoryOf = new Map(rows('products').map((p) => [p.id as string, p.category as string]));
  const categoriesOfOrder = new Map<string, string[]>();
  for (const line of rows('order_lines')) {
    const list = categoriesOfOrder.get(line.order_id as string) ?? [];
    list.push(categoryOf.get(line.product_id as string) as string);
    categoriesOfOrder.set(line.order_id as string, list);
  }
  interface Accumulator {
    orders: number;
    first: number;
    last: number;
    amountCny: number;
    categories: Set<string>;
    online: number;
    store: number;
    miniprogram: number;
    discounted: number;
    sessions: Set<string>;
  }
  const byCustomer = new Map<string, Accumulator>();
  for (const order of rows('orders')) {
    if (order.status === 'cancelled' || order.status === 'returned') continue;
    const id = order.customer_id as string;
    const ms = (order.ordered_at as Date).getTime();
    let a = byCustomer.get(id);
    if (!a) {
      a = {
        orders: 0,
        first: ms,
        last: ms,
        amountCny: 0,
        categories: new Set(),
        online: 0,
        store: 0,
        miniprogram: 0,
        discounted: 0,
        sessions: new Set(),
      };
      byCustomer.set(id, a);
    }
    a.orders++;
    a.first = Math.min(a.first, ms);
    a.last = Math.max(a.last, ms);
    a.amountCny += (order.total_amount as number) * (order.currency === 'USD' ? CNY_PER_USD : 1);
    for (const c of categoriesOfOrder.get(order.id as string) ?? []) a.categories.add(c);
    a[order.channel as 'online' | 'store' | 'miniprogram']++;
    if ((order.discount_amount as number) > 0) a.discounted++;
  }
  for (const event of rows('events')) {
    if (event.customer_id !== null)
      byCustomer.get(event.customer_id as string)?.sessions.add(event.session_id as string);
  }
  const persona = new Map(truthRows('customer_persona').map((r) => [r.key as string, r.value as PersonaKey]));
  const primary = new Map(
    truthRows('duplicate_identity').map((r) => [r.key as string, (r.value as { primary: boolean }).primary]),
  );
  const day = 86_400_000;
  return [...byCustomer.entries()].map(([customerId, a]) => {
    const tenureDays = (asOf - a.first) / day;
    return {
      customerId,
      persona: persona.get(customerId) as PersonaKey,
      primary: primary.get(customerId) ?? true,
      values: {
        recency_days: (asOf - a.last) / day,
        frequency: a.orders,
        monetary: a.amountCny / a.orders,
        tenure_days: tenureDays,
        category_breadth: a.categories.size,
        share_online: a.online / a.orders,
        share_store: a.store / a.orders,
        share_miniprogram: a.miniprogram / a.orders,
        discount_share: a.discounted / a.orders,
        sessions_per_week: a.sessions.size / Math.max(1, tenureDays / 7),
      },
    };
  });
}

const records = computeFeatures();
const ofPersona = (key: PersonaKey) => records.filter((r) => r.persona === key);
const column = (list: readonly RecordFeatures[], feature: Feature) =>
  Float64Array.from(list, (r) => r.values[feature]);

describe('persona definitions', () => {
  it('has five personas with en / zh labels and shares summing to 1 per locale', () => {
    expect(PERSONAS.map((p) => p.key)).toEqual([...PERSONA_KEYS]);
    for (const p of PERSONAS) {
      expect(p.en.length).toBeGreaterThan(0);
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      const weights = [p.share.zh, p.share.en, ...p.lineCountWeights, p.engagement];
      for (const w of weights) expect(w).toBeGreaterThanOrEqual(0);
    }
    for (const locale of ['zh', 'en'] as const)
      expect(PERSONAS.reduce((s, p) => s + p.share[locale], 0)).toBeCloseTo(1, 12);
  });

  it('draws personas with the planted shares, and clamps promotion uptake to [floor, 1]', () => {
    const rng = createRng(3);
    const n = 50_000;
    const counts = new Map<PersonaKey, number>();
    for (let i = 0; i < n; i++) {
      const key = drawPersona(rng, 'zh');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const p of PERSONAS) {
      const se = Math.sqrt((p.share.zh * (1 - p.share.zh)) / n);
      expect(Math.abs((counts.get(p.key) ?? 0) / n - p.share.zh), p.key).toBeLessThanOrEqual(4 * se);
    }
    expect(promotionUptake(personaSpec('deal_seeker'), 0.4)).toBe(1);
    expect(promotionUptake(personaSpec('store_regular'), 0.5)).toBeCloseTo(0.1, 12);
    expect(promotionUptake(personaSpec('casual_shopper'), 0.6)).toBeCloseTo(0.3, 12);
    expect(() => personaSpec('vip' as PersonaKey)).toThrow(InputError);
  });
});

describe('planted personas in the generated data (seed 7, 20k records)', () => {
  it('records one persona per customer record and the definitions', () => {
    const perRecord = truthRows('customer_persona');
    expect(perRecord.length).toBe(CUSTOMERS);
    expect(new Set(perRecord.map((r) => r.key))).toEqual(new Set(rows('customers').map((c) => c.id)));
    expect(new Set(perRecord.map((r) => r.value))).toEqual(new Set(PERSONA_KEYS));
    const definitions = truthRows('customer_personas')[0]?.value as {
      personas: { key: string; en: string; zh: string; records: number; signature: string }[];
    };
    expect(definitions.personas.map((p) => p.key)).toEqual([...PERSONA_KEYS]);
    expect(definitions.personas.reduce((s, p) => s + p.records, 0)).toBe(CUSTOMERS);
    for (const p of definitions.personas) expect(p.records / CUSTOMERS, p.key).toBeGreaterThan(0.12);
    // duplicates inherit the person's persona
    const personaOf = new Map(perRecord.map((r) => [r.key as string, r.value]));
    const mixed = truthRows('bg_nbd_customer').filter((r) => {
      const ids = (r.value as { customerIds: string[] }).customerIds;
      return new Set(ids.map((id) => personaOf.get(id))).size !== 1;
    });
    expect(mixed).toEqual([]);
  });

  it('shows each persona signature in the per-record features', () => {
    const store = ofPersona('store_regular');
    const deal = ofPersona('deal_seeker');
    const digital = ofPersona('digital_enthusiast');
    const explorer = ofPersona('category_explorer');
    const casual = ofPersona('casual_shopper');
    // store regulars: store records, no web sessions, few discounts, one or two categories
    expect(mean(column(store, 'share_store'))).toBeGreaterThan(0.9);
    expect(quantile(column(store, 'sessions_per_week'), 0.9)).toBe(0);
    expect(mean(column(store, 'discount_share'))).toBeLessThan(0.05);
    expect(median(column(store, 'category_breadth'))).toBe(1);
    // deal seekers: mini program, a discount on nearly every order
    expect(mean(column(deal, 'share_miniprogram'))).toBeGreaterThan(0.9);
    expect(mean(column(deal, 'discount_share'))).toBeGreaterThan(0.9);
    // digital enthusiasts: online, ≥ 10× the web sessions per week of any other persona
    expect(mean(column(digital, 'share_online'))).toBeGreaterThan(0.9);
    const otherSessions = [store, deal, explorer, casual].map((list) =>
      median(column(list, 'sessions_per_week')),
    );
    expect(median(column(digital, 'sessions_per_week'))).toBeGreaterThan(10 * Math.max(...otherSessions));
    expect(quantile(column(digital, 'sessions_per_week'), 0.05)).toBeGreaterThan(0.3);
    // category explorers: ≥ 3 categories from the first order on; nobody else goes past 2 in one order
    expect(quantile(column(explorer, 'category_breadth'), 0.05)).toBeGreaterThanOrEqual(3);
    for (const list of [store, deal, digital, casual])
      expect(quantile(column(list, 'category_breadth'), 0.99)).toBeLessThanOrEqual(2);
    // casual shoppers: online, the baseline everywhere else
    expect(mean(column(casual, 'share_online'))).toBeGreaterThan(0.9);
    expect(mean(column(casual, 'discount_share'))).toBeLessThan(0.1);
    expect(median(column(casual, 'sessions_per_week'))).toBeLessThan(0.1);
  });

  it('leaves frequency and spend independent of the persona (mean within 4 standard errors of the total)', () => {
    for (const feature of ['frequency', 'monetary'] as const) {
      const all = column(records, feature);
      const overall = mean(all);
      for (const key of PERSONA_KEYS) {
        const values = column(ofPersona(key), feature);
        const se = standardDeviation(values) / Math.sqrt(values.length);
        expect(Math.abs(mean(values) - overall), `${feature} ${key}`).toBeLessThan(4 * se + 0.02 * overall);
      }
    }
  });

  it('is recoverable: nearest centroid on standardised features assigns ≥ 90 % of records to their persona', () => {
    const transformed = FEATURES.map((f) => {
      const values = column(records, f);
      return LOGGED.has(f) ? values.map(Math.log1p) : values;
    });
    const standardised = transformed.map((values) => {
      const m = mean(values);
      const sd = standardDeviation(values);
      return values.map((v) => (v - m) / sd);
    });
    const centroids = PERSONA_KEYS.map((key) => {
      const members = records.flatMap((r, i) => (r.persona === key ? [i] : []));
      return standardised.map((values) => mean(Float64Array.from(members, (i) => values[i] as number)));
    });
    const confusion = PERSONA_KEYS.map(() => PERSONA_KEYS.map(() => 0));
    let correct = 0;
    let wrongDuplicates = 0;
    records.forEach((record, i) => {
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      centroids.forEach((centroid, k) => {
        let d = 0;
        for (let j = 0; j < centroid.length; j++)
          d += ((standardised[j]?.[i] as number) - (centroid[j] as number)) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = k;
        }
      });
      const planted = PERSONA_KEYS.indexOf(record.persona);
      (confusion[planted] as number[])[best] = ((confusion[planted] as number[])[best] as number) + 1;
      if (best === planted) correct++;
      else if (!record.primary) wrongDuplicates++;
    });
    const accuracy = correct / records.length;
    const table = Object.fromEntries(
      PERSONA_KEYS.map((key, k) => [
        key,
        Object.fromEntries(PERSONA_KEYS.map((to, j) => [to, confusion[k]?.[j]])),
      ]),
    );
    console.log(
      `nearest-centroid persona recovery: ${records.length} records with orders, accuracy ${accuracy.toFixed(4)}, ` +
        `misassigned duplicate records ${wrongDuplicates}; rows = planted, columns = assigned`,
    );
    console.table(table);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    for (const [k, key] of PERSONA_KEYS.entries()) {
      const row = confusion[k] as number[];
      expect((row[k] as number) / row.reduce((s, v) => s + v, 0), key).toBeGreaterThan(0.85);
    }
  });

  it('keeps every purchase time and order total of the BG/NBD + Gamma-Gamma truth unchanged', () => {
    // Digests of the same data set generated before personas existed (commit 50cb1aa):
    // per person (truth order), its orders' (time, total, currency) sorted by time, and its
    // bg_nbd_customer truth without the customer ids (ids are assigned after channels are drawn).
    const ordersOf = new Map<string, [number, number, string][]>();
    for (const o of rows('orders')) {
      const list = ordersOf.get(o.customer_id as string) ?? [];
      list.push([(o.ordered_at as Date).getTime(), o.total_amount as number, o.currency as string]);
      ordersOf.set(o.customer_id as string, list);
    }
    const ordersHash = createHash('sha256');
    const truthHash = createHash('sha256');
    for (const row of truthRows('bg_nbd_customer')) {
      const { customerIds, ...rest } = row.value as { customerIds: string[] };
      truthHash.update(`${String(row.key)}:${JSON.stringify(rest)}\n`);
      const orders = customerIds
        .flatMap((id) => ordersOf.get(id) ?? [])
        .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      ordersHash.update(`${String(row.key)}:${JSON.stringify(orders)}\n`);
    }
    expect(ordersHash.digest('hex')).toBe('9391239b1602c1beca1ae698ac04fd333a37afaa0160739c1475ee9b6a9de56e');
    expect(truthHash.digest('hex')).toBe('7bd4f800aa53f73eacb91828c6719cbf7375272662883c8ad8cc514741fb7d6c');
  });

  it('prices discounted orders so that the total is still the drawn amount (lines add up, discount ≥ 0)', () => {
    const lineNet = new Map<string, number>();
    for (const l of rows('order_lines')) {
      const net = (l.quantity as number) * (l.unit_price as number) - (l.discount_amount as number);
      lineNet.set(l.order_id as string, (lineNet.get(l.order_id as string) ?? 0) + net);
    }
    let coupons = 0;
    const problems: string[] = [];
    for (const o of rows('orders')) {
      const total = o.total_amount as number;
      const discount = o.discount_amount as number;
      if (Math.abs((lineNet.get(o.id as string) ?? Number.NaN) - total) > 1e-6)
        problems.push(`${String(o.id)}: lines`);
      if (!(discount >= 0)) problems.push(`${String(o.id)}: discount`);
      if (o.promotion_id === 'coupon') {
        coupons++;
        if (!(discount > 0)) problems.push(`${String(o.id)}: coupon without discount`);
      }
    }
    expect(problems).toEqual([]);
    expect(coupons).toBeGreaterThan(0);
  });
});
