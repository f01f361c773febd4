import { pick, type Rng } from '../core/random.js';
import type { CustomerRecord } from './customers.js';
import type { OrderMeta } from './orders.js';
import type { DemoRow, RawOverride, TruthEntry } from './types.js';

/**
 * Planted bad data for ingest quarantine and the data-quality report.
 *
 * Orders (raw layer only — the in-memory `orders` table stays clean; each bad row is an extra row
 * written into orders.csv right after an existing order): negative total, impossible date
 * ('YYYY-02-30…'), non-numeric amount ('N/A'), missing customer_id, unknown customer_id (orphan),
 * an exact duplicate (after the original) and a conflicting duplicate (before the original, so an
 * ingest where the last occurrence wins keeps the clean row). About 0.04 % of orders
 * per problem (at least one each), ≈ 0.3 % in all.
 *
 * Customers (in memory, valid for the row schema, flagged by the quality report only): invalid
 * emails and invalid phone numbers on ≈ 0.3 % of records each (at least one each).
 */

export const BAD_ORDER_SHARE_PER_PROBLEM = 0.0004;
export const BAD_CUSTOMER_SHARE_PER_PROBLEM = 0.003;

/**
 * What ingest and the quality report should do: 'reject' = quarantine the row; 'flag' = load it,
 * the quality report lists it; 'dedupe' = ingest keeps one row per id (the clean original, which
 * is the last occurrence in the file) and counts the other in duplicateIdsInInput.
 */
type Expected = 'reject' | 'flag' | 'dedupe';

function badRowTruth(
  table: string,
  file: string,
  id: string,
  problem: string,
  column: string,
  rawText: string | null,
  expected: Expected,
  reason: string,
): TruthEntry {
  return {
    kind: 'planted_bad_row',
    key: `${table}:${id}:${problem}`,
    value: { table, file, id, problem, column, rawText, expected, reason },
  };
}

/** Mutates a few customer records (email / phone) and returns their truth entries. Call before identities are built. */
export function plantBadCustomers(rng: Rng, records: readonly CustomerRecord[]): TruthEntry[] {
  const truth: TruthEntry[] = [];
  const count = Math.max(1, Math.round(records.length * BAD_CUSTOMER_SHARE_PER_PROBLEM));
  const file = (r: CustomerRecord) =>
    r.channel === 'store' ? 'customers_stores.csv' : 'customers_online.csv';
  const withEmail = records.filter((r) => r.email !== null);
  const withPhone = records.filter((r) => r.phone !== null);
  const used = new Set<string>();
  // Draw without replacement so `count` rows are planted even when draws collide (small data sets).
  const draw = (pool: CustomerRecord[]): CustomerRecord | undefined => {
    const free = pool.filter((r) => !used.has(r.id));
    if (free.length === 0) return undefined;
    const record = pick(rng, free);
    used.add(record.id);
    return record;
  };
  for (let k = 0; k < count; k++) {
    const record = draw(withEmail);
    if (!record) break;
    const email = record.email as string;
    const broken = [
      email.replace('@', '.'),
      email.replace('@', '@@'),
      email.replace(/@([^.]+)\..*$/, '@$1'), // domain without any dot: x@mail
      `${email.split('@')[0]} @${email.split('@')[1]}`,
    ][k % 4] as string;
    record.email = broken;
    record.row.email = broken;
    truth.push(
      badRowTruth(
        'customers',
        file(record),
        record.id,
        'invalid_email',
        'email',
        broken,
        'flag',
        'not a valid email address',
      ),
    );
  }
  for (let k = 0; k < count; k++) {
    const record = draw(withPhone);
    if (!record) break;
    const digits = (record.phone as string).replace(/\D/g, '');
    const broken = [
      digits.slice(0, 5),
      `${digits.slice(0, 3)}-ABCD-${digits.slice(-4)}`,
      '00000000000',
      `${digits}${digits.slice(0, 4)}`,
    ][k % 4] as string;
    record.phone = broken;
    record.row.phone = broken;
    truth.push(
      badRowTruth(
        'customers',
        file(record),
        record.id,
        'invalid_phone',
        'phone',
        broken,
        'flag',
        'not a valid phone number',
      ),
    );
  }
  return truth;
}

export interface BadOrdersResult {
  readonly overrides: readonly RawOverride[];
  readonly truth: readonly TruthEntry[];
}

/** Extra bad order rows for orders.csv. `customerCount` sizes the ids of unknown customers. */
export function plantBadOrders(
  rng: Rng,
  orders: readonly OrderMeta[],
  customerCount: number,
): BadOrdersResult {
  const overrides: RawOverride[] = [];
  const truth: TruthEntry[] = [];
  if (orders.length === 0) return { overrides, truth };
  const perProblem = Math.max(1, Math.round(orders.length * BAD_ORDER_SHARE_PER_PROBLEM));
  let nextNumber = orders.length;
  const newId = () => `ord_${String(++nextNumber).padStart(7, '0')}`;
  const usedAnchors = new Set<number>();
  const anchor = (): number => {
    for (;;) {
      // index ≥ 1 so a row can also be placed before its anchor (after the previous order)
      const index = orders.length === 1 ? 0 : 1 + Math.floor(rng.next() * (orders.length - 1));
      if (!usedAnchors.has(index) || usedAnchors.size >= orders.length - 1) {
        usedAnchors.add(index);
        return index;
      }
    }
  };
  const add = (
    problem: string,
    column: string,
    expected: Expected,
    reason: string,
    make: (base: OrderMeta) => { row: DemoRow; cellText?: Record<string, string>; rawText: string | null },
    placeBefore = false,
  ) => {
    for (let k = 0; k < perProblem; k++) {
      const index = anchor();
      const base = orders[index] as OrderMeta;
      const afterId = placeBefore && index > 0 ? (orders[index - 1] as OrderMeta).id : base.id;
      const { row, cellText, rawText } = make(base);
      overrides.push(cellText ? { afterId, row, cellText } : { afterId, row });
      truth.push(
        badRowTruth('orders', 'orders.csv', row.id as string, problem, column, rawText, expected, reason),
      );
    }
  };
  const copy = (base: OrderMeta, id: string): DemoRow => ({ ...base.row, id });
  add('negative_total', 'total_amount', 'reject', 'total_amount must be ≥ 0', (base) => {
    const row = copy(base, newId());
    row.total_amount = -(base.row.total_amount as number);
    return { row, rawText: String(row.total_amount) };
  });
  add('impossible_date', 'ordered_at', 'reject', 'February 30 does not exist', (base) => {
    const row = copy(base, newId());
    const text = `${(base.row.ordered_at as Date).toISOString().slice(0, 4)}-02-30T10:15:00.000Z`;
    return { row, cellText: { ordered_at: text }, rawText: text };
  });
  add('non_numeric_amount', 'total_amount', 'reject', 'total_amount is not a number', (base) => ({
    row: copy(base, newId()),
    cellText: { total_amount: 'N/A' },
    rawText: 'N/A',
  }));
  add('missing_customer_id', 'customer_id', 'reject', 'customer_id is required', (base) => {
    const row = copy(base, newId());
    row.customer_id = null;
    return { row, rawText: null };
  });
  let orphan = customerCount + 500_000;
  add('unknown_customer', 'customer_id', 'flag', 'customer_id references no customer (orphan)', (base) => {
    const row = copy(base, newId());
    row.customer_id = `cus_${String(++orphan).padStart(6, '0')}`;
    return { row, rawText: row.customer_id as string };
  });
  add(
    'duplicate_id_exact',
    'id',
    'dedupe',
    'exact repeat of the row just before it (same id, same values)',
    (base) => ({
      row: { ...base.row },
      rawText: base.id,
    }),
  );
  add(
    'duplicate_id_conflict',
    'id',
    'dedupe',
    'same id as the next row with different values (status pending, total ×1.5); the later, clean row must win',
    (base) => {
      const row: DemoRow = {
        ...base.row,
        total_amount: Math.round((base.row.total_amount as number) * 1.5 * 100) / 100,
        status: 'pending',
      };
      return { row, rawText: base.id };
    },
    true,
  );
  return { overrides, truth };
}
