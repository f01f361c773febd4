import { pickWeighted, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow } from './calendar.js';
import type { DemandClock } from './demand.js';
import type { OrderMeta } from './orders.js';
import type { Catalogue } from './products.js';
import type { DemoRow } from './types.js';

/**
 * Web / mini-program behaviour: sessions through the funnel page_view → product_view →
 * add_to_cart → checkout → purchase.
 *
 * Planted step rates (FUNNEL) hold for identified sessions by inverse (negative-binomial)
 * sampling: a tracked order is the first success of a run of iid checkout sessions (device ~ the
 * person's mix, success w.p. checkoutToPurchase[device]); every session that reached a stage k+1 is
 * preceded by Geometric(rate_k) sessions that stopped at stage k. The sessions are therefore
 * distributed as forward sessions of the planted funnel, conditioned on the number of purchases,
 * and passes / (passes + stops) at each stage estimates the planted rate. Mobile checkout →
 * purchase is the planted drop-off (× 0.5 of desktop). Anonymous sessions (customer_id null)
 * follow the same first three rates and stop at checkout (guest checkout needs a login).
 */

export const FUNNEL = {
  pageToProduct: 0.55,
  productToCart: 0.45,
  cartToCheckout: 0.6,
  checkoutToPurchase: { desktop: 0.7, mobile: 0.35, tablet: 0.7 },
  dropoff: { step: 'checkout_to_purchase', device: 'mobile', multiplier: 0.5 },
  /** Share of online and mini-program orders whose session was tracked. */
  trackedShareOfOrders: 0.25,
  anonymousSessionsPerRecord: 0.4,
} as const;

const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
type Device = (typeof DEVICES)[number];
const TRAFFIC = ['direct', 'search', 'social', 'email', 'display', 'affiliate', 'video', 'sms', 'wechat'];
const TRAFFIC_WEIGHTS = [0.3, 0.25, 0.15, 0.08, 0.05, 0.04, 0.03, 0.03, 0.07];

export interface EventSink {
  readonly rows: DemoRow[];
  sessionCount: number;
}

export function newEventSink(): EventSink {
  return { rows: [], sessionCount: 0 };
}

export function nextSessionId(sink: EventSink): string {
  sink.sessionCount += 1;
  return `ses_${String(sink.sessionCount).padStart(8, '0')}`;
}

function geometricFailures(rng: Rng, p: number): number {
  let u = 0;
  while (u === 0) u = rng.next();
  return Math.floor(Math.log(u) / Math.log(1 - p));
}

interface SessionSpec {
  readonly depth: 0 | 1 | 2 | 3 | 4;
  readonly device: Device;
  readonly customerId: string | null;
  readonly miniprogram: boolean;
  readonly productIds: readonly string[];
  readonly priceOf: (id: string) => number;
  /** Start time, or the purchase time when depth = 4. */
  readonly anchorMs: number;
  readonly notBeforeMs: number;
  readonly order?: OrderMeta;
}

function emitSession(rng: Rng, sink: EventSink, spec: SessionSpec, categoryKeys: readonly string[]): void {
  const sessionId = nextSessionId(sink);
  const mp = spec.miniprogram;
  const channel = mp
    ? rng.next() < 0.6
      ? 'wechat'
      : 'direct'
    : (TRAFFIC[pickWeighted(rng, TRAFFIC_WEIGHTS)] as string);
  const steps: [string, string, string | null, number | null, object | null][] = [];
  const category = categoryKeys[Math.floor(rng.next() * categoryKeys.length)] as string;
  steps.push(['page_view', mp ? 'pages/index' : '/', null, null, null]);
  if (rng.next() < 0.3)
    steps.push([
      'page_view',
      mp ? `pages/category?c=${category}` : `/category/${category}`,
      null,
      null,
      null,
    ]);
  const products = spec.productIds.length > 0 ? spec.productIds : [];
  if (spec.depth >= 1) {
    const views = spec.depth === 4 ? products.length : 1 + Math.floor(rng.next() * 2);
    for (let i = 0; i < views; i++) {
      const id = products[i % products.length] as string;
      steps.push(['product_view', mp ? `pages/product?id=${id}` : `/product/${id}`, id, null, null]);
    }
  }
  if (spec.depth >= 2) {
    const carted = spec.depth === 4 ? products : products.slice(0, 1);
    for (const id of carted)
      steps.push([
        'add_to_cart',
        mp ? `pages/product?id=${id}` : `/product/${id}`,
        id,
        spec.priceOf(id),
        { quantity: 1 },
      ]);
  }
  if (spec.depth >= 3) steps.push(['checkout', mp ? 'pages/checkout' : '/checkout', null, null, null]);
  if (spec.depth === 4 && spec.order) {
    const order = spec.order;
    steps.push([
      'purchase',
      mp ? 'pages/order/success' : '/checkout/success',
      null,
      order.totalCents / 100,
      { order_id: order.id, currency: order.currency },
    ]);
  }
  const gaps = steps.map(() => 5 + Math.floor(rng.next() * 90));
  let span = gaps.slice(1).reduce((s, g) => s + g, 0) * 1000;
  if (spec.depth === 4 && spec.anchorMs - span < spec.notBeforeMs) {
    gaps.fill(1); // a purchase right at the window start: compress the session
    span = (gaps.length - 1) * 1000;
  }
  let ts = spec.depth === 4 ? spec.anchorMs - span : spec.anchorMs;
  steps.forEach(([eventType, page, productId, value, properties], i) => {
    if (i > 0) ts += (gaps[i] as number) * 1000;
    sink.rows.push({
      id: '',
      session_id: sessionId,
      customer_id: spec.customerId,
      event_type: eventType,
      page,
      product_id: productId,
      ts: new Date(ts),
      device: spec.device,
      channel,
      value,
      properties,
    });
  });
}

export interface FunnelCounts {
  readonly trackedOrders: number;
  readonly identifiedSessions: number;
  readonly anonymousSessions: number;
}

export function generateFunnelEvents(
  rng: Rng,
  sink: EventSink,
  orders: readonly OrderMeta[],
  catalogue: Catalogue,
  window: DemoWindow,
  clock: DemandClock,
  recordCount: number,
  categoryKeys: readonly string[],
): FunnelCounts {
  const priceById = new Map(catalogue.products.map((p) => [p.id, p.price]));
  const priceOf = (id: string) => priceById.get(id) ?? 0;
  const popular = (category: number): string => {
    const indices = catalogue.byCategory[category] as readonly number[];
    return catalogue.products[
      indices[
        pickWeighted(
          rng,
          indices.map((i) => catalogue.products[i]?.popularity ?? 0),
        )
      ] as number
    ]?.id as string;
  };
  let trackedOrders = 0;
  let identifiedSessions = 0;
  for (const order of orders) {
    if (order.channel === 'store' || rng.next() >= FUNNEL.trackedShareOfOrders) continue;
    trackedOrders++;
    const mp = order.channel === 'miniprogram';
    const weights = mp ? [0, 1, 0] : order.person.deviceWeights;
    const drawDevice = (): Device => DEVICES[pickWeighted(rng, weights)] as Device;
    const stops: (0 | 1 | 2 | 3)[] = [];
    // devices of the sessions that failed at checkout (the success's device is the order's)
    const checkoutDevices: Device[] = [];
    let purchaseDevice: Device;
    for (;;) {
      const device = drawDevice();
      if (rng.next() < FUNNEL.checkoutToPurchase[device]) {
        purchaseDevice = device;
        break;
      }
      stops.push(3);
      checkoutDevices.push(device);
    }
    let reached = stops.length + 1;
    for (const [depth, rate] of [
      [2, FUNNEL.cartToCheckout],
      [1, FUNNEL.productToCart],
      [0, FUNNEL.pageToProduct],
    ] as const) {
      let failures = 0;
      for (let i = 0; i < reached; i++) failures += geometricFailures(rng, rate);
      for (let i = 0; i < failures; i++) stops.push(depth);
      reached += failures;
    }
    const customerId = order.record.id;
    emitSession(
      rng,
      sink,
      {
        depth: 4,
        device: purchaseDevice,
        customerId,
        miniprogram: mp,
        productIds: order.productIds,
        priceOf,
        anchorMs: order.ms,
        notBeforeMs: window.startMs,
        order,
      },
      categoryKeys,
    );
    stops.forEach((depth, i) => {
      const device = depth === 3 ? (checkoutDevices[i] as Device) : drawDevice();
      // earlier browsing in the 14 days before the order (never before the window start)
      const earliest = Math.max(window.startMs, order.ms - 14 * DAY_MS);
      const latest = order.ms - 600_000;
      const startMs = latest <= earliest ? earliest : earliest + rng.next() * (latest - earliest);
      const fav = order.person.favoriteCategories[rng.next() < 0.7 ? 0 : 1];
      const productIds =
        depth >= 1 ? [rng.next() < 0.5 ? (order.productIds[0] as string) : popular(fav)] : [];
      emitSession(
        rng,
        sink,
        {
          depth,
          device,
          customerId,
          miniprogram: mp,
          productIds,
          priceOf,
          anchorMs: Math.floor(startMs / 1000) * 1000,
          notBeforeMs: window.startMs,
        },
        categoryKeys,
      );
    });
    identifiedSessions += stops.length + 1;
  }
  const anonymousSessions = Math.round(recordCount * FUNNEL.anonymousSessionsPerRecord);
  for (let s = 0; s < anonymousSessions; s++) {
    const day = clock.calendar(rng.next() * clock.totalOperational);
    const startMs = Math.min(
      window.endMs - 3_600_000,
      Math.floor((window.startMs + day * DAY_MS) / 1000) * 1000,
    );
    let depth: 0 | 1 | 2 | 3 = 0;
    if (rng.next() < FUNNEL.pageToProduct) {
      depth = 1;
      if (rng.next() < FUNNEL.productToCart) {
        depth = 2;
        if (rng.next() < FUNNEL.cartToCheckout) depth = 3;
      }
    }
    const device = DEVICES[pickWeighted(rng, [0.35, 0.58, 0.07])] as Device;
    const productIds = depth >= 1 ? [popular(Math.floor(rng.next() * catalogue.byCategory.length))] : [];
    emitSession(
      rng,
      sink,
      {
        depth,
        device,
        customerId: null,
        miniprogram: false,
        productIds,
        priceOf,
        anchorMs: startMs,
        notBeforeMs: window.startMs,
      },
      categoryKeys,
    );
  }
  return { trackedOrders, identifiedSessions, anonymousSessions };
}

/** Sorts events by time (stable) and assigns ids. */
export function finalizeEvents(sink: EventSink): DemoRow[] {
  const rows = sink.rows
    .map((row, i) => ({ row, i, t: (row.ts as Date).getTime() }))
    .sort((x, y) => x.t - y.t || x.i - y.i)
    .map((x) => x.row);
  rows.forEach((row, i) => {
    row.id = `evt_${String(i + 1).padStart(8, '0')}`;
  });
  return rows;
}
