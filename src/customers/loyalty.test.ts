import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  assignLoyaltyTiers,
  defaultLoyaltyThresholds,
  type LoyaltyTier,
  loyaltyTierNames,
  loyaltyTiers,
  tierMovement,
  tiersById,
} from './loyalty.js';

/* Expected tiers worked by hand from the rule in loyalty.ts (counts in the comments). */

const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${String(i).padStart(3, '0')}`);

describe('assignLoyaltyTiers', () => {
  it('splits 100 active customers 5 / 15 / 30 / 50 and marks the top 20% alive ones high value', () => {
    const n = 100;
    // CLV n − i: customer 0 has the largest; P(alive) 0.9 except every 10th customer 0.4
    const clv = Float64Array.from({ length: n }, (_, i) => n - i);
    const probabilityAlive = Float64Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 0.4 : 0.9));
    const result = assignLoyaltyTiers({ customerIds: ids(n), clv, probabilityAlive });
    const count = (tier: LoyaltyTier) => result.tier.filter((t) => t === tier).length;
    expect(loyaltyTiers.map(count)).toEqual([5, 15, 30, 50, 0]);
    expect(result.tier.slice(0, 6)).toEqual([
      'platinum',
      'platinum',
      'platinum',
      'platinum',
      'platinum',
      'gold',
    ]);
    // top 20 by CLV are customers 0..19, minus 0 and 10 whose P(alive) is 0.4 < 0.5
    expect(result.highValue.filter(Boolean)).toHaveLength(18);
    expect(result.highValue[0]).toBe(false);
    expect(result.highValue[1]).toBe(true);
    expect(result.highValue[20]).toBe(false);
    const platinum = result.summary[0];
    expect(platinum).toMatchObject({
      tier: 'platinum',
      nameZh: '铂金',
      customers: 5,
      share: 0.05,
      clvTotal: 100 + 99 + 98 + 97 + 96,
      minClv: 96,
      maxClv: 100,
    });
    expect(platinum?.clvShare).toBeCloseTo(490 / 5050, 12);
    expect(result.summary.find((s) => s.tier === 'dormant')).toMatchObject({
      customers: 0,
      minClv: null,
      meanProbabilityAlive: null,
      clvShare: 0,
    });
    expect(result.thresholds).toEqual(defaultLoyaltyThresholds);
  });

  it('makes customers with P(alive) < 0.2 dormant whatever their CLV, and tiers the rest among themselves', () => {
    // the doc example: CLV 100, 90, …, 10; the last one (CLV 10) and the first (CLV 100) are unlikely alive
    const clv = Float64Array.from({ length: 10 }, (_, i) => 100 - 10 * i);
    const probabilityAlive = Float64Array.from({ length: 10 }, (_, i) => (i === 0 || i === 9 ? 0.1 : 0.9));
    const result = assignLoyaltyTiers({ customerIds: ids(10), clv, probabilityAlive });
    // m = 8 active: platinum ⌊0.4⌋ = 0, gold ⌊1.6⌋ = 1, silver ⌊4⌋ − 1 = 3, bronze 4
    expect(result.tier).toEqual([
      'dormant',
      'gold',
      'silver',
      'silver',
      'silver',
      'bronze',
      'bronze',
      'bronze',
      'bronze',
      'dormant',
    ]);
    expect(
      assignLoyaltyTiers({
        customerIds: ['a'],
        clv: Float64Array.of(5),
        probabilityAlive: Float64Array.of(0.2),
      }).tier,
    ).toEqual(['bronze']); // 0.2 is not below 0.2
  });

  it('keeps equal CLVs in one tier (the lower one at a boundary); all equal → all bronze', () => {
    const clv = Float64Array.from([50, 40, 40, 40, 10, 10, 10, 10, 10, 10]);
    const alive = new Float64Array(10).fill(0.8);
    const result = assignLoyaltyTiers({ customerIds: ids(10), clv, probabilityAlive: alive });
    // a = 1 for 50 → gold (⌊2⌋ = 2 ≥ 1); a = 4 for the 40s → silver (⌊5⌋); a = 10 for the 10s → bronze
    expect(result.tier).toEqual([
      'gold',
      'silver',
      'silver',
      'silver',
      'bronze',
      'bronze',
      'bronze',
      'bronze',
      'bronze',
      'bronze',
    ]);
    const flat = assignLoyaltyTiers({
      customerIds: ids(4),
      clv: new Float64Array(4).fill(7),
      probabilityAlive: new Float64Array(4).fill(1),
    });
    expect(flat.tier).toEqual(['bronze', 'bronze', 'bronze', 'bronze']);
    expect(flat.highValue).toEqual([false, false, false, false]);
  });

  it('takes configurable thresholds and checks them', () => {
    const n = 20;
    const clv = Float64Array.from({ length: n }, (_, i) => n - i);
    const alive = Float64Array.from({ length: n }, (_, i) => i / n);
    const result = assignLoyaltyTiers(
      { customerIds: ids(n), clv, probabilityAlive: alive },
      { dormantBelowProbabilityAlive: 0.5, platinumShare: 0.1, goldShare: 0.2, silverShare: 0.3 },
    );
    // customers 0..9 dormant (P < 0.5); of 10..19: platinum 1, gold 2, silver 3, bronze 4
    expect(result.tier.slice(10)).toEqual([
      'platinum',
      'gold',
      'gold',
      'silver',
      'silver',
      'silver',
      'bronze',
      'bronze',
      'bronze',
      'bronze',
    ]);
    expect(() =>
      assignLoyaltyTiers(
        { customerIds: ids(n), clv, probabilityAlive: alive },
        { platinumShare: 0.5, goldShare: 0.4, silverShare: 0.3 },
      ),
    ).toThrow(/must not exceed 1/);
    expect(() =>
      assignLoyaltyTiers({ customerIds: ids(n), clv, probabilityAlive: alive }, { goldShare: -0.1 }),
    ).toThrow(/goldShare must be in \[0, 1\]/);
  });

  it('rejects empty input, mismatched lengths, non-finite CLV and P(alive) outside [0, 1]', () => {
    const one = { customerIds: ['a'], clv: Float64Array.of(1), probabilityAlive: Float64Array.of(0.5) };
    expect(() =>
      assignLoyaltyTiers({ customerIds: [], clv: new Float64Array(), probabilityAlive: new Float64Array() }),
    ).toThrow(/at least one customer/);
    expect(() => assignLoyaltyTiers({ ...one, clv: Float64Array.of(1, 2) })).toThrow(
      /1 customers but 2 CLV values/,
    );
    expect(() => assignLoyaltyTiers({ ...one, clv: Float64Array.of(Number.NaN) })).toThrow(
      /CLV of a is not finite/,
    );
    expect(() => assignLoyaltyTiers({ ...one, probabilityAlive: Float64Array.of(1.5) })).toThrow(InputError);
    expect(() =>
      assignLoyaltyTiers({
        customerIds: ['a', 'a'],
        clv: Float64Array.of(1, 2),
        probabilityAlive: Float64Array.of(1, 1),
      }),
    ).toThrow(/unique/);
  });

  it('names every tier in English and Chinese', () => {
    expect(loyaltyTiers.map((t) => loyaltyTierNames[t].zh)).toEqual(['铂金', '黄金', '白银', '青铜', '沉睡']);
  });
});

describe('tierMovement', () => {
  it('counts from → to with new and gone, and upgraded / downgraded / unchanged', () => {
    const previous = new Map<string, LoyaltyTier>([
      ['a', 'gold'],
      ['b', 'bronze'],
      ['c', 'silver'],
      ['d', 'dormant'],
      ['e', 'platinum'],
    ]);
    const current = new Map<string, LoyaltyTier>([
      ['a', 'platinum'],
      ['c', 'silver'],
      ['d', 'bronze'],
      ['e', 'dormant'],
      ['f', 'silver'],
    ]);
    const movement = tierMovement(previous, current);
    expect(movement).toMatchObject({ upgraded: 2, downgraded: 1, unchanged: 1, newCustomers: 1, gone: 1 });
    expect(movement.matrix.gold.platinum).toBe(1);
    expect(movement.matrix.bronze.gone).toBe(1);
    expect(movement.matrix.new.silver).toBe(1);
    expect(movement.matrix.dormant.bronze).toBe(1);
    expect(movement.matrix.platinum.dormant).toBe(1);
    expect(movement.matrix.silver.silver).toBe(1);
    const total = Object.values(movement.matrix).reduce(
      (s, row) => s + Object.values(row).reduce((t, v) => t + v, 0),
      0,
    );
    expect(total).toBe(6); // 5 previous + 1 new
  });

  it('works from assignments via tiersById, and on empty maps', () => {
    const clv = Float64Array.from({ length: 20 }, (_, i) => 20 - i);
    const alive = new Float64Array(20).fill(0.9);
    const first = tiersById(assignLoyaltyTiers({ customerIds: ids(20), clv, probabilityAlive: alive }));
    const second = tiersById(
      assignLoyaltyTiers({ customerIds: ids(20), clv: clv.slice().reverse(), probabilityAlive: alive }),
    );
    const movement = tierMovement(first, second);
    expect(movement.upgraded + movement.downgraded + movement.unchanged).toBe(20);
    expect(movement.upgraded).toBe(movement.downgraded);
    expect(tierMovement(new Map(), new Map())).toMatchObject({ upgraded: 0, newCustomers: 0, gone: 0 });
  });

  it('rejects unknown tier names', () => {
    const bad = new Map([['a', 'diamond' as LoyaltyTier]]);
    expect(() => tierMovement(bad, new Map())).toThrow(/previous tier of a is 'diamond'/);
  });
});
