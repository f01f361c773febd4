import { pick, pickWeighted, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow, promotionOnDay, type WindowPromotion } from './calendar.js';
import type { CustomerRecord } from './customers.js';
import type { Person, RecordChannel } from './people.js';
import {
  BASELINE_CATEGORY_AFFINITY,
  COUPON,
  type PersonaSpec,
  personaSpec,
  promotionUptake,
} from './personas.js';
import type { Catalogue } from './products.js';
import { CNY_PER_USD, type PurchaseHistory, SPEND_UNIT_CNY } from './purchases.js';
import type { DemoRow } from './types.js';

/**
 * Orders and order lines from the planted purchase histories. Every purchase of a person becomes
 * one order on one of its customer records (the record created at that purchase, else any record
 * that existed then). The order total after discounts equals the Gamma-Gamma draw exactly (to the
 * cent); lines (1–4, products by the person's category affinity and popularity) are priced to add
 * up to it, the last line absorbing rounding. The persona sets the discount (promotion uptake on
 * promotion days, member coupons on other days), the number of lines and their categories.
 */

export const ORDER_STATUS_RATES = { cancelled: 0.035, returned: 0.04, pendingInLastThreeDays: 0.5 } as const;
/**
 * Baseline P(category of a line) by favourite / second favourite / any category (personas.ts); the
 * persona may override it, and sets the discount use and lines per order.
 */
export const CATEGORY_AFFINITY = BASELINE_CATEGORY_AFFINITY;

export interface OrderMeta {
  id: string;
  readonly person: Person;
  readonly record: CustomerRecord;
  readonly purchaseIndex: number;
  readonly ms: number;
  readonly channel: RecordChannel;
  readonly currency: 'CNY' | 'USD';
  readonly totalCents: number;
  readonly status: string;
  readonly productIds: readonly string[];
  readonly row: DemoRow;
  readonly lines: readonly DemoRow[];
}

export interface OrdersResult {
  readonly orders: readonly OrderMeta[];
  readonly orderRows: readonly DemoRow[];
  readonly lineRows: readonly DemoRow[];
}

function recordFor(
  rng: Rng,
  records: readonly CustomerRecord[],
  purchaseIndex: number,
  ms: number,
): CustomerRecord {
  const created = records.find((r) => r.createdAtPurchase === purchaseIndex);
  if (created) return created;
  const eligible = records.filter((r) => r.signupMs <= ms);
  return eligible.length > 0 ? pick(rng, eligible) : (records[0] as CustomerRecord);
}

/** Category of the next line: by the persona's affinity, or (explorers) one not yet in the order. */
function pickCategory(
  rng: Rng,
  spec: PersonaSpec,
  person: Person,
  categoryCount: number,
  usedCategories: ReadonlySet<number>,
): number {
  const categories = spec.categories;
  if (categories.mode === 'explore') {
    const unused: number[] = [];
    for (let c = 0; c < categoryCount; c++) if (!usedCategories.has(c)) unused.push(c);
    return unused.length > 0 ? pick(rng, unused) : Math.floor(rng.next() * categoryCount);
  }
  const u = rng.next();
  return u < categories.favorite
    ? person.favoriteCategories[0]
    : u < categories.favorite + categories.second
      ? person.favoriteCategories[1]
      : Math.floor(rng.next() * categoryCount);
}

function pickProduct(
  rng: Rng,
  catalogue: Catalogue,
  popularity: readonly (readonly number[])[],
  spec: PersonaSpec,
  person: Person,
  day: number,
  taken: Set<number>,
  usedCategories: Set<number>,
): number | null {
  for (let attempt = 0; attempt < 8; attempt++) {
    const category = pickCategory(rng, spec, person, catalogue.byCategory.length, usedCategories);
    const indices = catalogue.byCategory[category] as readonly number[];
    const index = indices[pickWeighted(rng, popularity[category] as readonly number[])] as number;
    const product = catalogue.products[index];
    if (product && product.launchDay <= day && !taken.has(index)) {
      usedCategories.add(category);
      return index;
    }
  }
  return null;
}

interface PricedLine {
  readonly productIndex: number;
  readonly quantity: number;
  readonly unitCents: number;
  readonly discountCents: number;
}

/** Prices lines so that Σ (quantity·unit − discount) = targetCents exactly. */
function priceLines(
  listCents: readonly number[],
  targetCents: number,
  discountRate: number,
): Omit<PricedLine, 'productIndex'>[] {
  const quantities = listCents.map(() => 1);
  const listSum = listCents.reduce((s, v) => s + v, 0);
  if (listCents.length > 1 && targetCents > 1.5 * listSum) {
    const first = listCents[0] as number;
    quantities[0] = Math.max(1, Math.min(9, Math.round((targetCents - (listSum - first)) / first)));
  }
  const grossList = listCents.reduce((s, v, i) => s + v * (quantities[i] as number), 0);
  const factor = targetCents / (grossList * (1 - discountRate));
  const out: Omit<PricedLine, 'productIndex'>[] = [];
  let netSoFar = 0;
  for (let i = 0; i < listCents.length - 1; i++) {
    const quantity = quantities[i] as number;
    const unitCents = Math.max(1, Math.round((listCents[i] as number) * factor));
    const discountCents = Math.round(quantity * unitCents * discountRate);
    netSoFar += quantity * unitCents - discountCents;
    out.push({ quantity, unitCents, discountCents });
  }
  const lastNet = targetCents - netSoFar;
  if (lastNet < 1) {
    // rounding overshoot on tiny totals: one line carries the whole order
    const unitCents = Math.round(targetCents / (1 - discountRate));
    return [{ quantity: 1, unitCents, discountCents: unitCents - targetCents }];
  }
  let unitCents = Math.round(lastNet / (1 - discountRate));
  let discountCents = unitCents - lastNet;
  if (discountCents < 0) {
    unitCents = lastNet;
    discountCents = 0;
  }
  out.push({ quantity: 1, unitCents, discountCents });
  return out;
}

export function generateOrders(
  rng: Rng,
  people: readonly Person[],
  histories: readonly PurchaseHistory[],
  recordsByPerson: readonly (readonly CustomerRecord[])[],
  catalogue: Catalogue,
  promotions: readonly WindowPromotion[],
  window: DemoWindow,
): OrdersResult {
  const orders: OrderMeta[] = [];
  const popularity = catalogue.byCategory.map((indices) =>
    indices.map((i) => catalogue.products[i]?.popularity ?? 0),
  );
  for (const person of people) {
    const history = histories[person.index] as PurchaseHistory;
    const records = recordsByPerson[person.index] as readonly CustomerRecord[];
    const currency = person.locale === 'zh' ? 'CNY' : 'USD';
    const fx = currency === 'CNY' ? 1 : 1 / CNY_PER_USD;
    const spec = personaSpec(person.persona);
    history.times.forEach((ms, purchaseIndex) => {
      const record = recordFor(rng, records, purchaseIndex, ms);
      const day = Math.floor((ms - window.startMs) / DAY_MS);
      const promotion = promotionOnDay(promotions, day);
      let promotionId: string | null = null;
      let discountRate = 0;
      if (promotion !== undefined) {
        if (rng.next() < promotionUptake(spec, promotion.uptake)) {
          promotionId = promotion.id;
          discountRate = pick(rng, promotion.discountRates);
        }
      } else if (spec.couponRate > 0 && rng.next() < spec.couponRate) {
        promotionId = COUPON.promotionId;
        discountRate = pick(rng, COUPON.discountRates);
      }
      // the Gamma-Gamma draw: the discount changes list prices, never this total
      const targetCents = Math.max(
        1,
        Math.round((history.spends[purchaseIndex] as number) * SPEND_UNIT_CNY * fx * 100),
      );
      const lineCount = 1 + pickWeighted(rng, spec.lineCountWeights);
      const taken = new Set<number>();
      const usedCategories = new Set<number>();
      for (let k = 0; k < lineCount; k++) {
        const index = pickProduct(rng, catalogue, popularity, spec, person, day, taken, usedCategories);
        if (index !== null) taken.add(index);
      }
      if (taken.size === 0)
        taken.add((catalogue.byCategory[person.favoriteCategories[0]] as readonly number[])[0] as number);
      const productIndices = [...taken];
      const listCents = productIndices.map((i) => Math.round((catalogue.products[i]?.price ?? 1) * fx * 100));
      const priced = priceLines(listCents, targetCents, discountRate);
      const u = rng.next();
      const status =
        ms > window.endMs - 3 * DAY_MS && u < ORDER_STATUS_RATES.pendingInLastThreeDays
          ? 'pending'
          : u < ORDER_STATUS_RATES.cancelled
            ? 'cancelled'
            : u < ORDER_STATUS_RATES.cancelled + ORDER_STATUS_RATES.returned
              ? 'returned'
              : 'completed';
      const discountCents = priced.reduce((s, l) => s + l.discountCents, 0);
      const productIds = priced.map((_, i) => catalogue.products[productIndices[i] as number]?.id as string);
      const row: DemoRow = {
        id: '',
        customer_id: record.id,
        ordered_at: new Date(ms),
        channel: record.channel,
        store_id:
          record.channel === 'store'
            ? ((record.row.attributes as { home_store?: string }).home_store ??
              `store_${person.city.code}_01`)
            : record.channel === 'online'
              ? 'shop_web'
              : 'shop_mp',
        status,
        currency,
        total_amount: targetCents / 100,
        discount_amount: discountCents / 100,
        promotion_id: promotionId,
      };
      const lines = priced.map((line, i) => ({
        id: '',
        order_id: '',
        product_id: productIds[i] as string,
        quantity: line.quantity,
        unit_price: line.unitCents / 100,
        discount_amount: line.discountCents / 100,
      }));
      orders.push({
        id: '',
        person,
        record,
        purchaseIndex,
        ms,
        channel: record.channel,
        currency,
        totalCents: targetCents,
        status,
        productIds,
        row,
        lines,
      });
    });
  }
  orders.sort((x, y) => x.ms - y.ms || x.person.index - y.person.index || x.purchaseIndex - y.purchaseIndex);
  const lineRows: DemoRow[] = [];
  orders.forEach((order, i) => {
    order.id = `ord_${String(i + 1).padStart(7, '0')}`;
    order.row.id = order.id;
    for (const line of order.lines) {
      line.id = `oli_${String(lineRows.length + 1).padStart(8, '0')}`;
      line.order_id = order.id;
      lineRows.push(line);
    }
  });
  return { orders, orderRows: orders.map((o) => o.row), lineRows };
}
