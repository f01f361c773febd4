import { pickWeighted, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow } from './calendar.js';
import type { CustomerRecord } from './customers.js';
import type { DemandClock } from './demand.js';
import type { OrderMeta } from './orders.js';
import { personaSpec } from './personas.js';
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
 *
 * Web engagement (personas.ts): the purchase session stays with its order's record, the sessions
 * that stopped are browsing of the whole customer base, given to web (online / mini-program)
 * records with probability ∝ persona engagement × demand-weighted time since the record's signup
 * (a checkout stop keeps its device; a desktop or tablet one goes to an online record). The
 * multiset of sessions — and so every step rate — is the same as without personas; what the
 * persona changes is who browses: digital enthusiasts have many sessions per week, store regulars
 * almost none.
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

/** A browsing session that stopped before purchase, waiting to be given to a web record. */
interface StoppedSession {
  readonly depth: 0 | 1 | 2 | 3;
  /** Kept for sessions that stopped at checkout (the per-device checkout rate depends on it). */
  readonly device: Device | null;
}

/**
 * Chooses web records for browsing sessions with probability ∝ persona engagement × operational
 * (demand-weighted) time from the record's signup to the window end: cumulative weights and binary
 * search, O(log records) per draw.
 */
class EngagementSampler {
  private readonly records: WebRecord[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;

  add(record: WebRecord, weight: number): void {
    if (!(weight > 0)) return;
    this.total += weight;
    this.records.push(record);
    this.cumulative.push(this.total);
  }

  get empty(): boolean {
    return this.records.length === 0;
  }

  draw(rng: Rng): WebRecord {
    const u = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > u) hi = mid;
      else lo = mid + 1;
    }
    return this.records[lo] as WebRecord;
  }
}

/** A web record with the operational time of its signup. */
interface WebRecord {
  readonly record: CustomerRecord;
  readonly signupOperational: number;
}

/** Latest start of a browsing session (it lasts under an hour). */
const LAST_SESSION_START_MS_BEFORE_END = 3_600_000;

export function generateFunnelEvents(
  rng: Rng,
  sink: EventSink,
  orders: readonly OrderMeta[],
  records: readonly CustomerRecord[],
  catalogue: Catalogue,
  window: DemoWindow,
  clock: DemandClock,
  categoryKeys: readonly string[],
): FunnelCounts {
  const priceById = new Map(catalogue.products.map((p) => [p.id, p.price]));
  const priceOf = (id: string) => priceById.get(id) ?? 0;
  const popularity = catalogue.byCategory.map((indices) =>
    indices.map((i) => catalogue.products[i]?.popularity ?? 0),
  );
  const popular = (category: number): string => {
    const indices = catalogue.byCategory[category] as readonly number[];
    const index = indices[pickWeighted(rng, popularity[category] as readonly number[])] as number;
    return catalogue.products[index]?.id as string;
  };
  let trackedOrders = 0;
  let identifiedSessions = 0;
  const stopped: StoppedSession[] = [];
  for (const order of orders) {
    if (order.channel === 'store' || rng.next() >= FUNNEL.trackedShareOfOrders) continue;
    trackedOrders++;
    const mp = order.channel === 'miniprogram';
    const weights = mp ? [0, 1, 0] : order.person.deviceWeights;
    const drawDevice = (): Device => DEVICES[pickWeighted(rng, weights)] as Device;
    const stops: StoppedSession[] = [];
    let purchaseDevice: Device;
    for (;;) {
      const device = drawDevice();
      if (rng.next() < FUNNEL.checkoutToPurchase[device]) {
        purchaseDevice = device;
        break;
      }
      stops.push({ depth: 3, device });
    }
    let reached = stops.length + 1;
    for (const [depth, rate] of [
      [2, FUNNEL.cartToCheckout],
      [1, FUNNEL.productToCart],
      [0, FUNNEL.pageToProduct],
    ] as const) {
      let failures = 0;
      for (let i = 0; i < reached; i++) failures += geometricFailures(rng, rate);
      for (let i = 0; i < failures; i++) stops.push({ depth, device: null });
      reached += failures;
    }
    emitSession(
      rng,
      sink,
      {
        depth: 4,
        device: purchaseDevice,
        customerId: order.record.id,
        miniprogram: mp,
        productIds: order.productIds,
        priceOf,
        anchorMs: order.ms,
        notBeforeMs: window.startMs,
        order,
      },
      categoryKeys,
    );
    stopped.push(...stops);
    identifiedSessions += 1;
  }
  // The stopped sessions are browsing by the customer base: each goes to a web record with
  // probability ∝ persona engagement × demand-weighted time the record exists, at a time drawn
  // uniformly in that operational time. Sessions keep their depth (and, at checkout, their
  // device), so the planted step rates are untouched.
  const webRecords = new EngagementSampler();
  const desktopRecords = new EngagementSampler(); // mini-program sessions are mobile only
  const latestStartMs = window.endMs - LAST_SESSION_START_MS_BEFORE_END;
  const latestOperational = clock.operational((latestStartMs - window.startMs) / DAY_MS);
  for (const record of records) {
    if (record.channel === 'store' || record.signupMs >= latestStartMs) continue;
    const signupOperational = clock.operational((record.signupMs - window.startMs) / DAY_MS);
    const weight = personaSpec(record.person.persona).engagement * (latestOperational - signupOperational);
    const web = { record, signupOperational };
    webRecords.add(web, weight);
    if (record.channel === 'online') desktopRecords.add(web, weight);
  }
  const placed: {
    readonly stop: StoppedSession;
    readonly record: CustomerRecord;
    readonly startMs: number;
  }[] = [];
  if (!webRecords.empty) {
    for (const stop of stopped) {
      const { record, signupOperational: from } =
        stop.device !== null && stop.device !== 'mobile' && !desktopRecords.empty
          ? desktopRecords.draw(rng)
          : webRecords.draw(rng);
      const day = clock.calendar(from + rng.next() * (latestOperational - from));
      const startMs = Math.min(
        latestStartMs,
        Math.max(record.signupMs, Math.floor((window.startMs + day * DAY_MS) / 1000) * 1000),
      );
      placed.push({ stop, record, startMs });
    }
  }
  // emitted in time order: the rows then reach finalizeEvents as a few sorted runs (cheap to merge)
  placed.sort((x, y) => x.startMs - y.startMs);
  identifiedSessions += placed.length;
  for (const { stop, record, startMs } of placed) {
    const mp = record.channel === 'miniprogram';
    const person = record.person;
    const device =
      stop.device ?? (mp ? 'mobile' : (DEVICES[pickWeighted(rng, person.deviceWeights)] as Device));
    const category =
      personaSpec(person.persona).categories.mode === 'explore'
        ? Math.floor(rng.next() * catalogue.byCategory.length)
        : person.favoriteCategories[rng.next() < 0.7 ? 0 : 1];
    emitSession(
      rng,
      sink,
      {
        depth: stop.depth,
        device,
        customerId: record.id,
        miniprogram: mp,
        productIds: stop.depth >= 1 ? [popular(category)] : [],
        priceOf,
        anchorMs: startMs,
        notBeforeMs: window.startMs,
      },
      categoryKeys,
    );
  }
  const anonymousSessions = Math.round(records.length * FUNNEL.anonymousSessionsPerRecord);
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
