import { createRng, gamma, normal, poisson, type Rng } from '../../../core/random.js';
import type { CustomerFeatureName, CustomerFeatureTable } from '../../features.js';

/** The personas planted in the test table, in the order of their ids. */
export const plantedPersonas = ['champions', 'at_risk', 'new', 'occasional'] as const;
export type PlantedPersona = (typeof plantedPersonas)[number];

interface Persona {
  readonly orders: number;
  readonly orderValue: number;
  readonly recencyDays: number;
  readonly tenureDays: number;
  readonly categories: number;
  /** Channel weights online, store, mini-program. */
  readonly channels: readonly [number, number, number];
  readonly discount: number;
  readonly sessions: number;
}

const personas: Readonly<Record<PlantedPersona, Persona>> = {
  champions: {
    orders: 12,
    orderValue: 300,
    recencyDays: 12,
    tenureDays: 700,
    categories: 6,
    channels: [2, 6, 2],
    discount: 0.15,
    sessions: 2,
  },
  at_risk: {
    orders: 9,
    orderValue: 320,
    recencyDays: 330,
    tenureDays: 900,
    categories: 4,
    channels: [7, 2, 1],
    discount: 0.3,
    sessions: 0.2,
  },
  new: {
    orders: 0.3,
    orderValue: 110,
    recencyDays: 14,
    tenureDays: 20,
    categories: 1,
    channels: [6, 1, 3],
    discount: 0.4,
    sessions: 3,
  },
  occasional: {
    orders: 1.5,
    orderValue: 45,
    recencyDays: 140,
    tenureDays: 450,
    categories: 1.2,
    channels: [2, 1, 7],
    discount: 0.7,
    sessions: 0.4,
  },
};

/** A positive draw around `centre` with a multiplicative spread (lognormal). */
function around(rng: Rng, centre: number, spread: number): number {
  return centre * Math.exp(normal(rng, 0, spread));
}

/**
 * A synthetic CustomerFeatureTable with `perPersona` customers of each planted persona (ids
 * `c0`, `c1`, … interleaved), and the planted persona index of each customer. For tests of
 * segmentation: the personas differ in value, recency, tenure and channel mix, with realistic noise
 * (lognormal amounts, Poisson order counts).
 */
export function plantedCustomerTable(
  seed: number,
  perPersona: number,
): { readonly table: CustomerFeatureTable; readonly truth: Int32Array } {
  const rng = createRng(seed);
  const n = perPersona * plantedPersonas.length;
  const columns = Object.fromEntries(
    (
      [
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
      ] as const
    ).map((name) => [name, new Float64Array(n)]),
  ) as Record<CustomerFeatureName, Float64Array>;
  const truth = new Int32Array(n);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const personaIndex = i % plantedPersonas.length;
    const persona = personas[plantedPersonas[personaIndex] as PlantedPersona];
    truth[i] = personaIndex;
    ids.push(`c${i}`);
    const orders = 1 + poisson(rng, persona.orders);
    const tenure = Math.max(1, around(rng, persona.tenureDays, 0.25));
    const recency = Math.min(tenure, around(rng, persona.recencyDays, 0.35));
    const weights = persona.channels.map((w) => gamma(rng, 4 * w)) as [number, number, number];
    const total = weights[0] + weights[1] + weights[2];
    // Shares of a small number of orders are multiples of 1/orders.
    const online = Math.round((weights[0] / total) * orders) / orders;
    const store = Math.min(1 - online, Math.round((weights[1] / total) * orders) / orders);
    const value = around(rng, persona.orderValue, 0.3);
    columns.recency_days[i] = recency;
    columns.frequency[i] = orders;
    columns.monetary[i] = value;
    columns.total_spend[i] = value * orders;
    columns.tenure_days[i] = tenure;
    columns.interpurchase_days[i] = orders > 1 ? (tenure - recency) / (orders - 1) : Number.NaN;
    columns.category_breadth[i] = Math.min(
      orders,
      Math.max(1, Math.round(around(rng, persona.categories, 0.3))),
    );
    columns.share_online[i] = online;
    columns.share_store[i] = store;
    columns.share_miniprogram[i] = 1 - online - store;
    columns.discount_share[i] =
      Math.round(Math.min(1, Math.max(0, normal(rng, persona.discount, 0.15))) * orders) / orders;
    columns.sessions_per_week[i] = around(rng, persona.sessions, 0.4);
  }
  return { table: { asOf: new Date('2026-06-30T00:00:00Z'), customerIds: ids, columns }, truth };
}
