import { InputError } from '../core/errors.js';
import { deriveRng } from '../core/random.js';
import { plantBadCustomers, plantBadOrders } from './bad-data.js';
import { makeWindow, windowPromotions } from './calendar.js';
import { generateConsents } from './consents.js';
import { buildIdentities, buildRecords, type CustomerRecord, duplicateTruth } from './customers.js';
import {
  demandClock,
  demandPattern,
  HOURLY,
  TREND_PER_YEAR,
  WEEKLY,
  YEARLY_AMPLITUDE,
  YEARLY_PEAK_DOY,
} from './demand.js';
import { generateDocuments } from './documents.js';
import { FUNNEL, finalizeEvents, generateFunnelEvents, newEventSink } from './events.js';
import { generateExperiments } from './experiments.js';
import { generateJourneys } from './journeys.js';
import { generateKbArticles, generateQaSet } from './knowledge-base.js';
import { generateMarketing } from './marketing.js';
import { CATEGORY_AFFINITY, generateOrders, ORDER_STATUS_RATES } from './orders.js';
import { DUPLICATE_SHARE, generatePeople, ZH_SHARE } from './people.js';
import { personaTruth } from './personas.js';
import { CATEGORIES, generateCatalogue } from './products.js';
import {
  BG_NBD_PARAMS,
  CNY_PER_USD,
  GAMMA_GAMMA_PARAMS,
  SPEND_UNIT_CNY,
  simulatePurchases,
} from './purchases.js';
import type { DemoDataOptions, DemoDataSet, DemoRow, TruthEntry } from './types.js';

/** Bumped whenever the generated data changes for a given seed. */
export const DEMO_GENERATOR_VERSION = 2;
export const MAX_DEMO_CUSTOMERS = 2_000_000;

function resolveOptions(options: DemoDataOptions): Required<DemoDataOptions> {
  const { seed, customers } = options;
  if (!Number.isInteger(seed)) throw new InputError('invalid_option', `seed must be an integer, got ${seed}`);
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_DEMO_CUSTOMERS) {
    throw new InputError(
      'invalid_option',
      `customers must be an integer in 1..${MAX_DEMO_CUSTOMERS}, got ${customers}`,
    );
  }
  return { seed, customers, start: options.start ?? '2023-01-01', months: options.months ?? 24 };
}

const EXACTNESS =
  'Exact: per person lambda, p, nu, alive-at-end, and the number of repeat purchases X(T) over the whole window T (BG/NBD eq. 9 holds for E[X(T)]); ' +
  "each spend z is Gamma-Gamma. Timing inside a person's window is a time change with intensity proportional to the daily multiplier m(d) " +
  'times the hourly profile, so relative weekly/yearly/holiday/hourly effects are exact per person; calendar recency and sub-window counts are ' +
  'approximate, and the aggregate daily order series is m(d) times a slowly varying customer-base factor. Signups follow m(d) exactly (Poisson ' +
  'process in operational time, conditioned on the count).';

/**
 * Generates the whole demo data set for a seed: customers with planted duplicate identities and
 * personas (channel, discount, category and web behaviour; personas.ts), products, BG/NBD +
 * Gamma-Gamma orders with seasonal timing, funnel events, campaigns with an adstock/Hill media
 * response, journeys with noisy-OR channel lifts, labelled zh/en documents with negative spikes, a
 * knowledge base with a QA set, consents, DSRs, two A/B tests, and planted bad rows; every planted
 * process is recorded in `groundTruth`. Pure and deterministic: the same options give the same data
 * set.
 */
export function generateDemoData(options: DemoDataOptions): DemoDataSet {
  const resolved = resolveOptions(options);
  const { seed } = resolved;
  const window = makeWindow(resolved.start, resolved.months);
  const pattern = demandPattern(window);
  const clock = demandClock(pattern);
  const promotions = windowPromotions(window);
  const catalogue = generateCatalogue(seed, window);
  const { people } = generatePeople(
    deriveRng(seed, 'people'),
    resolved.customers,
    window,
    clock,
    deriveRng(seed, 'personas'),
  );
  const purchaseRng = deriveRng(seed, 'purchases');
  const histories = people.map((person) => simulatePurchases(purchaseRng, person, window, clock));
  const records = buildRecords(deriveRng(seed, 'records'), people, histories, window);
  const truth: TruthEntry[] = [];
  truth.push(...plantBadCustomers(deriveRng(seed, 'bad-customers'), records));
  const identityRows = buildIdentities(deriveRng(seed, 'identities'), records);
  const recordsByPerson: CustomerRecord[][] = people.map(() => []);
  for (const record of records) recordsByPerson[record.person.index]?.push(record);
  const orders = generateOrders(
    deriveRng(seed, 'orders'),
    people,
    histories,
    recordsByPerson,
    catalogue,
    promotions,
    window,
  );
  const sink = newEventSink();
  const funnel = generateFunnelEvents(
    deriveRng(seed, 'events'),
    sink,
    orders.orders,
    records,
    catalogue,
    window,
    clock,
    CATEGORIES.map((c) => c.key),
  );
  const marketing = generateMarketing(deriveRng(seed, 'marketing'), window, promotions, resolved.customers);
  const journeys = generateJourneys(
    deriveRng(seed, 'journeys'),
    orders.orders,
    records,
    marketing.campaigns,
    window,
  );
  const documents = generateDocuments(
    deriveRng(seed, 'documents'),
    orders.orders,
    records,
    catalogue,
    window,
    clock,
  );
  const experiments = generateExperiments(deriveRng(seed, 'experiments'), sink, records, window);
  const consents = generateConsents(deriveRng(seed, 'consents'), records, window);
  const badOrders = plantBadOrders(deriveRng(seed, 'bad-orders'), orders.orders, records.length);

  truth.push(
    {
      kind: 'generator',
      key: 'options',
      value: {
        ...resolved,
        version: DEMO_GENERATOR_VERSION,
        window: { start: window.startDate, endExclusive: window.endDate, days: window.days },
      },
    },
    {
      kind: 'bg_nbd_params',
      key: 'population',
      value: {
        ...BG_NBD_PARAMS,
        timeUnit: 'week',
        firstPurchaseAtSignup: true,
        transactions:
          'all orders of the person across its customer records, any status (planted bad rows excluded)',
        exactness: EXACTNESS,
      },
    },
    {
      kind: 'gamma_gamma_params',
      key: 'population',
      value: {
        ...GAMMA_GAMMA_PARAMS,
        spendUnitCny: SPEND_UNIT_CNY,
        cnyPerUsd: CNY_PER_USD,
        formula:
          'nu ~ Gamma(q, rate gamma); z ~ Gamma(p, rate nu); total_amount = z * 10 (CNY) or z * 10 / 7 (USD), rounded to cents',
        firstPurchaseIncluded: true,
      },
    },
    {
      kind: 'demand_pattern',
      key: 'components',
      value: {
        formula:
          'm(d) = (1 + trendPerYear * d / 365.25) * weekly[UTC weekday] * (1 + yearlyAmplitude * cos(2*pi*(doy - yearlyPeakDoy)/365.25)) * prod(holiday multipliers); intra-day intensity * hourly[UTC hour]',
        trendPerYear: TREND_PER_YEAR,
        weeklyBySundayFirst: WEEKLY,
        yearlyAmplitude: YEARLY_AMPLITUDE,
        yearlyPeakDoy: YEARLY_PEAK_DOY,
        hourlyUtc: HOURLY,
        holidays: pattern.holidays.map(({ key, name, nameZh, firstDay, lastDay, multiplier }) => ({
          key,
          name,
          nameZh,
          firstDay,
          lastDay,
          multiplier,
        })),
        exactness: EXACTNESS,
      },
    },
    {
      kind: 'demand_pattern',
      key: 'daily_multiplier',
      value: { startDate: window.startDate, multipliers: Array.from(pattern.daily) },
    },
    {
      kind: 'demand_pattern',
      key: 'promotions',
      value: promotions.map(({ id, name, nameZh, firstDay, lastDay, uptake, discountRates }) => ({
        id,
        name,
        nameZh,
        firstDay,
        lastDay,
        uptake,
        discountRates,
      })),
    },
    {
      kind: 'order_model',
      key: 'rates',
      value: {
        status: ORDER_STATUS_RATES,
        categoryAffinity: CATEGORY_AFFINITY,
        duplicateShare: DUPLICATE_SHARE,
        zhShare: ZH_SHARE,
        productPopularity: Object.fromEntries(catalogue.products.map((p) => [p.id, p.popularity])),
      },
    },
    {
      kind: 'funnel',
      key: 'step_rates',
      value: {
        page_view_to_product_view: FUNNEL.pageToProduct,
        product_view_to_add_to_cart: FUNNEL.productToCart,
        add_to_cart_to_checkout: FUNNEL.cartToCheckout,
        checkout_to_purchase: FUNNEL.checkoutToPurchase,
        unit: 'session reached the next step, identified sessions (customer_id set)',
      },
    },
    { kind: 'funnel', key: 'dropoff', value: FUNNEL.dropoff },
    {
      kind: 'funnel',
      key: 'tracking',
      value: {
        trackedShareOfOnlineOrders: FUNNEL.trackedShareOfOrders,
        ...funnel,
        anonymousRule: 'anonymous sessions follow the first three step rates and never purchase',
        engagementRule:
          'identified sessions that did not purchase belong to online / mini-program records with probability proportional to persona engagement times demand-weighted time since the record signup (see customer_personas)',
      },
    },
    ...marketing.truth,
    ...journeys.truth,
    ...documents.truth,
    ...experiments.truth,
    ...consents.truth,
    ...badOrders.truth,
  );
  for (const person of people) {
    const h = histories[person.index];
    if (!h) continue;
    truth.push({
      kind: 'bg_nbd_customer',
      key: person.id,
      value: {
        customerIds: (recordsByPerson[person.index] ?? []).map((r) => r.id),
        lambda: h.lambda,
        p: h.dropout,
        alive: h.alive,
        nu: h.nu,
        signupAt: new Date(person.signupMs).toISOString(),
        T: h.weeks,
        x: h.times.length - 1,
        txOperational: h.operationalWeeks.at(-1) ?? 0,
      },
    });
  }
  truth.push(...duplicateTruth(records));
  truth.push(...personaTruth(records));
  const groundTruth: DemoRow[] = truth.map((t) => ({
    id: `${t.kind}:${t.key}`,
    kind: t.kind,
    key: t.key,
    value: t.value as object,
  }));
  return {
    options: resolved,
    tables: {
      customers: records.map((r) => r.row),
      identities: identityRows,
      products: catalogue.rows,
      orders: orders.orderRows,
      order_lines: orders.lineRows,
      events: finalizeEvents(sink),
      campaigns: marketing.campaignRows,
      campaign_stats: marketing.statRows,
      touchpoints: journeys.rows,
      documents: documents.rows,
      kb_articles: generateKbArticles(window),
      experiments: experiments.experimentRows,
      assignments: experiments.assignmentRows,
      consents: consents.consentRows,
      dsr_requests: consents.dsrRows,
    },
    groundTruth,
    qaSet: generateQaSet(),
    rawOverrides: { orders: badOrders.overrides },
  };
}
