import { InputError } from '../core/errors.js';
import { sum } from '../stats/descriptive.js';

/**
 * Loyalty tiers from predicted value and activity: customers unlikely to be alive are dormant;
 * the others are tiered by their rank in customer lifetime value (CLV). Plus a high-value flag and
 * the movement between tiers from one run to the next.
 */

export type LoyaltyTier = 'platinum' | 'gold' | 'silver' | 'bronze' | 'dormant';

/** Tiers from best to worst. */
export const loyaltyTiers: readonly LoyaltyTier[] = ['platinum', 'gold', 'silver', 'bronze', 'dormant'];

export const loyaltyTierNames: Readonly<Record<LoyaltyTier, { readonly en: string; readonly zh: string }>> = {
  platinum: { en: 'Platinum', zh: '铂金' },
  gold: { en: 'Gold', zh: '黄金' },
  silver: { en: 'Silver', zh: '白银' },
  bronze: { en: 'Bronze', zh: '青铜' },
  dormant: { en: 'Dormant', zh: '沉睡' },
};

export interface LoyaltyThresholds {
  /** Dormant when P(alive) is below this (default 0.2). */
  readonly dormantBelowProbabilityAlive: number;
  /** Share of the non-dormant customers, by CLV from the top, in platinum (default 0.05). */
  readonly platinumShare: number;
  /** The next share in gold (default 0.15). */
  readonly goldShare: number;
  /** The next share in silver (default 0.30); the rest is bronze. */
  readonly silverShare: number;
  /** High value: within this top share of all customers by CLV … (default 0.2) */
  readonly highValueShare: number;
  /** … and P(alive) at least this (default 0.5). */
  readonly highValueMinProbabilityAlive: number;
}

export const defaultLoyaltyThresholds: LoyaltyThresholds = {
  dormantBelowProbabilityAlive: 0.2,
  platinumShare: 0.05,
  goldShare: 0.15,
  silverShare: 0.3,
  highValueShare: 0.2,
  highValueMinProbabilityAlive: 0.5,
};

export interface LoyaltyInput {
  readonly customerIds: readonly string[];
  /** Customer lifetime value (any finite number; usually ≥ 0). */
  readonly clv: Float64Array;
  /** Probability that the customer is still active, in [0, 1] (e.g. BG/NBD P(alive)). */
  readonly probabilityAlive: Float64Array;
}

export interface LoyaltyTierSummary {
  readonly tier: LoyaltyTier;
  readonly nameEn: string;
  readonly nameZh: string;
  readonly customers: number;
  readonly share: number;
  readonly clvTotal: number;
  /** clvTotal / Σ CLV (0 when Σ CLV ≤ 0). */
  readonly clvShare: number;
  /** Smallest and largest CLV in the tier; null when empty. */
  readonly minClv: number | null;
  readonly maxClv: number | null;
  readonly meanProbabilityAlive: number | null;
}

export interface LoyaltyTierAssignment {
  readonly customerIds: readonly string[];
  readonly tier: readonly LoyaltyTier[];
  readonly highValue: readonly boolean[];
  readonly thresholds: LoyaltyThresholds;
  /** One row per tier in `loyaltyTiers` order, empty tiers included. */
  readonly summary: readonly LoyaltyTierSummary[];
}

function checkShare(value: number, what: string, allowZero = true): void {
  if (!(Number.isFinite(value) && value <= 1 && (allowZero ? value >= 0 : value > 0)))
    throw new InputError('invalid_argument', `assignLoyaltyTiers: ${what} must be in [0, 1], got ${value}`);
}

function resolveThresholds(partial: Partial<LoyaltyThresholds>): LoyaltyThresholds {
  const t = { ...defaultLoyaltyThresholds, ...partial };
  checkShare(t.dormantBelowProbabilityAlive, 'dormantBelowProbabilityAlive');
  checkShare(t.platinumShare, 'platinumShare');
  checkShare(t.goldShare, 'goldShare');
  checkShare(t.silverShare, 'silverShare');
  checkShare(t.highValueShare, 'highValueShare');
  checkShare(t.highValueMinProbabilityAlive, 'highValueMinProbabilityAlive');
  if (t.platinumShare + t.goldShare + t.silverShare > 1 + 1e-12)
    throw new InputError(
      'invalid_argument',
      `assignLoyaltyTiers: platinumShare + goldShare + silverShare must not exceed 1, got ${t.platinumShare + t.goldShare + t.silverShare}`,
    );
  return t;
}

/**
 * For each listed index, how many of the listed customers have a CLV ≥ its own (ties count
 * together, so equal CLVs always get the same tier): m − (first position of the CLV in the sorted
 * list). O(m log m) with a native sort and one binary search per customer.
 */
function countAtOrAbove(clv: Float64Array, indices: ArrayLike<number>): Uint32Array {
  const m = indices.length;
  const sorted = Float64Array.from(indices, (i) => clv[i] as number).sort();
  const atOrAbove = new Uint32Array(clv.length);
  for (let k = 0; k < m; k++) {
    const i = indices[k] as number;
    const value = clv[i] as number;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    atOrAbove[i] = m - lo;
  }
  return atOrAbove;
}

/** Largest count c with c ≤ share × m (1e-9 guards shares like 0.05 + 0.15 against rounding). */
const cutoff = (share: number, m: number) => Math.floor(share * m + 1e-9);

/**
 * Loyalty tiers. A customer is dormant when P(alive) < dormantBelowProbabilityAlive (default
 * 0.2). The other m customers are tiered by a = the number of them with CLV ≥ theirs:
 *   platinum when a ≤ ⌊0.05 m⌋, gold when a ≤ ⌊0.20 m⌋, silver when a ≤ ⌊0.50 m⌋, else bronze
 * (cumulative shares of the configurable platinum/gold/silver shares). Equal CLVs share a tier
 * (the lower one at a boundary), so the top shares are never exceeded: with few customers a tier
 * can be empty (10 customers → no platinum) and all-equal CLVs put everyone in bronze.
 * highValue = CLV within the top highValueShare (0.2) of all customers by the same rule and
 * P(alive) ≥ highValueMinProbabilityAlive (0.5).
 *
 * Reference: value tiers after the customer pyramid of Zeithaml, Rust & Lemon (2001), "The
 * customer pyramid: creating and serving profitable customers", California Management Review
 * 43(4), here on predicted CLV with P(alive) (Fader, Hardie & Lee 2005) gating the dormant tier.
 * Cost: O(n log n).
 * Example: CLV 100, 90, …, 10 (10 customers), P(alive) 0.9 except 0.1 for the last →
 * dormant ×1; of the other 9: platinum 0, gold 1 (⌊1.8⌋), silver 3 (⌊4.5⌋ − 1), bronze 5.
 */
export function assignLoyaltyTiers(
  input: LoyaltyInput,
  thresholds: Partial<LoyaltyThresholds> = {},
): LoyaltyTierAssignment {
  const t = resolveThresholds(thresholds);
  const { customerIds, clv, probabilityAlive } = input;
  const n = customerIds.length;
  if (n === 0) throw new InputError('insufficient_data', 'assignLoyaltyTiers needs at least one customer');
  if (clv.length !== n || probabilityAlive.length !== n)
    throw new InputError(
      'invalid_argument',
      `assignLoyaltyTiers: ${n} customers but ${clv.length} CLV values and ${probabilityAlive.length} P(alive) values`,
    );
  if (new Set(customerIds).size !== n)
    throw new InputError('invalid_argument', 'assignLoyaltyTiers: customerIds must be unique');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(clv[i] as number))
      throw new InputError(
        'invalid_argument',
        `assignLoyaltyTiers: CLV of ${customerIds[i]} is not finite (${clv[i]})`,
      );
    const p = probabilityAlive[i] as number;
    if (!(p >= 0 && p <= 1))
      throw new InputError(
        'invalid_argument',
        `assignLoyaltyTiers: P(alive) of ${customerIds[i]} must be in [0, 1], got ${p}`,
      );
  }

  const active: number[] = [];
  for (let i = 0; i < n; i++)
    if ((probabilityAlive[i] as number) >= t.dormantBelowProbabilityAlive) active.push(i);
  const m = active.length;
  const atOrAboveActive = countAtOrAbove(clv, active);
  const platinumMax = cutoff(t.platinumShare, m);
  const goldMax = cutoff(t.platinumShare + t.goldShare, m);
  const silverMax = cutoff(t.platinumShare + t.goldShare + t.silverShare, m);
  const tier: LoyaltyTier[] = new Array(n).fill('dormant');
  for (const i of active) {
    const a = atOrAboveActive[i] as number;
    tier[i] = a <= platinumMax ? 'platinum' : a <= goldMax ? 'gold' : a <= silverMax ? 'silver' : 'bronze';
  }
  const atOrAboveAll = countAtOrAbove(
    clv,
    Uint32Array.from({ length: n }, (_, i) => i),
  );
  const highValueMax = cutoff(t.highValueShare, n);
  const highValue = Array.from(
    { length: n },
    (_, i) =>
      (atOrAboveAll[i] as number) <= highValueMax &&
      (probabilityAlive[i] as number) >= t.highValueMinProbabilityAlive,
  );
  return { customerIds, tier, highValue, thresholds: t, summary: summarise(input, tier) };
}

function summarise(input: LoyaltyInput, tier: readonly LoyaltyTier[]): LoyaltyTierSummary[] {
  const n = tier.length;
  const totalClv = sum(input.clv);
  return loyaltyTiers.map((name) => {
    const clv: number[] = [];
    const alive: number[] = [];
    let minClv = Number.POSITIVE_INFINITY;
    let maxClv = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (tier[i] !== name) continue;
      const value = input.clv[i] as number;
      clv.push(value);
      alive.push(input.probabilityAlive[i] as number);
      minClv = Math.min(minClv, value);
      maxClv = Math.max(maxClv, value);
    }
    const clvTotal = sum(clv);
    const empty = clv.length === 0;
    return {
      tier: name,
      nameEn: loyaltyTierNames[name].en,
      nameZh: loyaltyTierNames[name].zh,
      customers: clv.length,
      share: clv.length / n,
      clvTotal,
      clvShare: totalClv > 0 ? clvTotal / totalClv : 0,
      minClv: empty ? null : minClv,
      maxClv: empty ? null : maxClv,
      meanProbabilityAlive: empty ? null : sum(alive) / alive.length,
    };
  });
}

/** Tier per customer id of an assignment, for `tierMovement`. */
export function tiersById(assignment: LoyaltyTierAssignment): Map<string, LoyaltyTier> {
  return new Map(assignment.customerIds.map((id, i) => [id, assignment.tier[i] as LoyaltyTier]));
}

export type TierFrom = LoyaltyTier | 'new';
export type TierTo = LoyaltyTier | 'gone';

export interface TierMovement {
  /** matrix[from][to] = customers; 'new' = not in the previous run, 'gone' = not in the current one. */
  readonly matrix: Readonly<Record<TierFrom, Readonly<Record<TierTo, number>>>>;
  /** Customers in both runs whose tier rose (dormant → bronze counts as up). */
  readonly upgraded: number;
  readonly downgraded: number;
  readonly unchanged: number;
  readonly newCustomers: number;
  readonly gone: number;
}

const tierRank: Readonly<Record<LoyaltyTier, number>> = {
  platinum: 4,
  gold: 3,
  silver: 2,
  bronze: 1,
  dormant: 0,
};

function checkTiers(map: ReadonlyMap<string, LoyaltyTier>, what: string): void {
  for (const [id, value] of map) {
    if (!Object.hasOwn(tierRank, value))
      throw new InputError(
        'invalid_argument',
        `tierMovement: ${what} tier of ${id} is '${String(value)}', not a loyalty tier`,
      );
  }
}

/**
 * Movement between the tiers of two runs: a from × to count matrix (with 'new' and 'gone') and
 * the numbers of customers upgraded, downgraded and unchanged, by the order platinum > gold >
 * silver > bronze > dormant. Cost: O(previous + current).
 * Example: previous {a: gold, b: bronze}, current {a: platinum, c: silver} → matrix.gold.platinum = 1,
 * matrix.bronze.gone = 1, matrix.new.silver = 1; upgraded 1, newCustomers 1, gone 1.
 */
export function tierMovement(
  previous: ReadonlyMap<string, LoyaltyTier>,
  current: ReadonlyMap<string, LoyaltyTier>,
): TierMovement {
  checkTiers(previous, 'previous');
  checkTiers(current, 'current');
  const froms: TierFrom[] = [...loyaltyTiers, 'new'];
  const tos: TierTo[] = [...loyaltyTiers, 'gone'];
  const matrix = Object.fromEntries(
    froms.map((from) => [from, Object.fromEntries(tos.map((to) => [to, 0]))]),
  ) as Record<TierFrom, Record<TierTo, number>>;
  let upgraded = 0;
  let downgraded = 0;
  let unchanged = 0;
  let newCustomers = 0;
  let gone = 0;
  for (const [id, before] of previous) {
    const after = current.get(id);
    if (after === undefined) {
      matrix[before].gone++;
      gone++;
      continue;
    }
    matrix[before][after]++;
    const delta = tierRank[after] - tierRank[before];
    if (delta > 0) upgraded++;
    else if (delta < 0) downgraded++;
    else unchanged++;
  }
  for (const [id, after] of current) {
    if (previous.has(id)) continue;
    matrix.new[after]++;
    newCustomers++;
  }
  return { matrix, upgraded, downgraded, unchanged, newCustomers, gone };
}
