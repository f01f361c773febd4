import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  cumulativeErrorStandardDeviations,
  inverseStandardNormalLoss,
  standardNormalLoss,
  suggestInventory,
} from './inventory.js';

/*
 * Textbook cases, recomputed with scipy 1.10 (Debian /usr/bin/python3):
 *   from scipy.stats import norm; from scipy.optimize import brentq; import numpy as np
 *   G = lambda k: norm.pdf(k) - k*norm.sf(k)
 *   G(0), G(1.02)                                   # 0.3989422804014327, 0.08019043703919013
 * 1. Nahmias, Production and Operations Analysis, Harvey's Specialty Shop: lead-time demand N(100, 25²),
 *    K = $50, h = $2 per jar per year = $1 per 6-month period, annual demand 200 → EOQ = 100.
 *    Type 1 (cycle) 98 %: 100 + 25*norm.ppf(0.98)   # 151.34372276579558 (book: R = 151)
 *    Type 2 (fill) 98 %: n(R) = (1 − 0.98)·100 = 2, G(k) = 2/25 = 0.08:
 *      k = brentq(lambda k: G(k) - 0.08, -10, 10)   # 1.0212388775430123, R = 125.5309719385753 (book: z = 1.02, R = 126)
 * 2. Common textbook case (daily demand 5 ± 2 units, lead time 3 days, 95 %): σ_L = 2√3 = 3.4641016151377544,
 *    SS = norm.ppf(0.95)*2*np.sqrt(3) = 5.697940105787788, ROP = 20.697940105787787.
 * 3. (R, S) with L = 2, R = 1, forecasts 10, 12, 14, 16, σ₁ = 3, α = 0.9:
 *    S = 36 + norm.ppf(0.9)*3*np.sqrt(3) = 42.65913727212805; s = 22 + norm.ppf(0.9)*3*np.sqrt(2) = 27.43716281462094
 *    fill rate 0.99: k = brentq(lambda k: G(k) - 0.01*14/(3*np.sqrt(3)), -10, 10) = 1.536661271932146,
 *    S = 43.98472619102967 (Silver, Pyke & Thomas (R, S): G(k) σ_{R+L} = (1 − P2) · demand per review).
 * 4. Fractional L = 1.5 with cumulative σ [2, 3, 3.5]: σ² = 4 + 0.5·(9 − 4) → σ = np.sqrt(6.5) = 2.5495097567963922.
 */

describe('standard normal loss', () => {
  it('matches scipy and inverts', () => {
    expect(standardNormalLoss(0)).toBeCloseTo(0.3989422804014327, 15);
    expect(standardNormalLoss(1.02)).toBeCloseTo(0.08019043703919013, 14);
    expect(inverseStandardNormalLoss(0.08)).toBeCloseTo(1.0212388775430123, 10);
    expect(inverseStandardNormalLoss(3)).toBeCloseTo(-2.9996173287912224, 9); // brentq(lambda k: G(k) - 3, -10, 10)
    expect(() => inverseStandardNormalLoss(0)).toThrow(InputError);
  });
});

describe('suggestInventory', () => {
  const harvey = {
    forecast: [100, 100, 100, 100],
    leadTime: 1,
    oneStepStandardDeviation: 25,
    orderingCost: 50,
    holdingCost: 1,
    policy: 'reorder-point' as const,
  };

  it('Nahmias, Harvey’s Specialty Shop: EOQ 100, cycle service 98 % → R = 151.34', () => {
    const r = suggestInventory({ ...harvey, serviceLevel: 0.98, onHand: 140 });
    expect(r.economicOrderQuantity).toBeCloseTo(100, 12);
    expect(r.reorderPoint).toBeCloseTo(151.34372276579558, 8);
    expect(r.safetyStock).toBeCloseTo(51.34372276579558, 8);
    expect(r.serviceTarget).toEqual({ kind: 'cycle-service-level', value: 0.98 });
    // IP 140 ≤ s: one lot of 100 lifts it above s.
    expect(r.orderQuantity).toBe(100);
    expect(suggestInventory({ ...harvey, serviceLevel: 0.98, onHand: 160 }).orderQuantity).toBe(0);
    // IP 20: two lots are needed to pass s = 151.3.
    expect(suggestInventory({ ...harvey, serviceLevel: 0.98, onHand: 20 }).orderQuantity).toBe(200);
  });

  it('Nahmias, Harvey’s Specialty Shop: fill rate 98 % → G(k) = 0.08, R = 125.53', () => {
    const r = suggestInventory({ ...harvey, fillRate: 0.98 });
    expect(r.safetyFactor).toBeCloseTo(1.0212388775430123, 9);
    expect(r.reorderPoint).toBeCloseTo(125.5309719385753, 7);
    expect(r.expectedShortagePerCycle).toBeCloseTo(2, 9);
  });

  it('textbook continuous review: σ_L = σ√L, SS = 5.698, ROP = 20.698', () => {
    const r = suggestInventory({
      forecast: [5, 5, 5, 5],
      leadTime: 3,
      oneStepStandardDeviation: 2,
      serviceLevel: 0.95,
      policy: 'reorder-point',
      orderQuantity: 30,
    });
    expect(r.protectionStandardDeviation).toBeCloseTo(3.4641016151377544, 14);
    expect(r.safetyStock).toBeCloseTo(5.697940105787788, 9);
    expect(r.reorderPoint).toBeCloseTo(20.697940105787787, 9);
    expect(r.leadTimeDemand).toBe(15);
    expect(r.orderQuantity).toBe(30);
  });

  it('(R, S) order-up-to with on hand, on order and backorders; fill-rate variant', () => {
    const base = { forecast: [10, 12, 14, 16], leadTime: 2, reviewPeriod: 1, oneStepStandardDeviation: 3 };
    const r = suggestInventory({ ...base, serviceLevel: 0.9, onHand: 20, onOrder: 5, backorders: 2 });
    expect(r.policy).toBe('order-up-to');
    expect(r.protectionPeriods).toBe(3);
    expect(r.protectionDemand).toBe(36);
    expect(r.orderUpToLevel).toBeCloseTo(42.65913727212805, 9);
    expect(r.reorderPoint).toBeCloseTo(27.43716281462094, 9);
    expect(r.inventoryPosition).toBe(23);
    expect(r.orderQuantity).toBe(20); // ⌈42.66 − 23⌉
    expect(
      suggestInventory({ ...base, serviceLevel: 0.9, onHand: 20, roundingUnit: 0 }).orderQuantity,
    ).toBeCloseTo(22.65913727212805, 9);
    expect(suggestInventory({ ...base, serviceLevel: 0.9, onHand: 20, roundingUnit: 12 }).orderQuantity).toBe(
      24,
    );
    expect(suggestInventory({ ...base, serviceLevel: 0.9, onHand: 100 }).orderQuantity).toBe(0);
    const fill = suggestInventory({ ...base, fillRate: 0.99 });
    expect(fill.safetyFactor).toBeCloseTo(1.536661271932146, 9);
    expect(fill.orderUpToLevel).toBeCloseTo(43.98472619102967, 8);
    expect(fill.expectedShortagePerCycle).toBeCloseTo(0.14, 9);
  });

  it('uses backtest cumulative σ, interpolating variance for a fractional lead time', () => {
    const r = suggestInventory({
      forecast: [10, 20, 30],
      leadTime: 1.5,
      policy: 'reorder-point',
      orderQuantity: 10,
      cumulativeStandardDeviations: [2, 3, 3.5],
    });
    expect(r.leadTimeDemand).toBe(20);
    expect(r.protectionStandardDeviation).toBeCloseTo(2.5495097567963922, 14);
    expect(
      cumulativeErrorStandardDeviations([
        [1, 1],
        [-1, -1],
        [Number.NaN, 2],
      ]),
    ).toEqual([1, 2]);
    expect(cumulativeErrorStandardDeviations([[3], [4, 1]])).toEqual([Math.sqrt(12.5), 5]);
  });

  it('never suggests negative quantities; zero lead time and zero σ work', () => {
    const low = suggestInventory({
      forecast: [10, 10],
      leadTime: 1,
      oneStepStandardDeviation: 5,
      fillRate: 0.2,
      policy: 'reorder-point',
      orderQuantity: 100,
    });
    expect(low.safetyFactor).toBeLessThan(0);
    expect(low.safetyStock).toBe(0);
    expect(low.notes.join(' ')).toMatch(/safety stock set to 0/);
    const zero = suggestInventory({
      forecast: [-4, 6],
      leadTime: 0,
      oneStepStandardDeviation: 0,
      onHand: 50,
    });
    expect(zero.leadTimeDemand).toBe(0);
    expect(zero.protectionDemand).toBe(0); // the negative forecast counts as 0
    expect(zero.safetyStock).toBe(0);
    expect(zero.orderQuantity).toBe(0);
  });

  it('rejects bad inputs with clear errors', () => {
    const ok = { forecast: [1, 1, 1], leadTime: 1, oneStepStandardDeviation: 1 };
    expect(() => suggestInventory({ ...ok, serviceLevel: 1 })).toThrow(/serviceLevel must be in \(0, 1\)/);
    expect(() => suggestInventory({ ...ok, serviceLevel: 0 })).toThrow(InputError);
    expect(() => suggestInventory({ ...ok, fillRate: 1.2 })).toThrow(/fillRate/);
    expect(() => suggestInventory({ ...ok, leadTime: -1 })).toThrow(/leadTime must be a finite number ≥ 0/);
    expect(() => suggestInventory({ ...ok, reviewPeriod: 0 })).toThrow(/reviewPeriod/);
    expect(() => suggestInventory({ ...ok, onHand: -3 })).toThrow(/onHand/);
    expect(() => suggestInventory({ ...ok, leadTime: 5 })).toThrow(/needs 6/);
    expect(() => suggestInventory({ forecast: [1, 2], leadTime: 1 })).toThrow(/error spread/);
    expect(() => suggestInventory({ ...ok, policy: 'reorder-point' })).toThrow(/needs an order quantity/);
    expect(() => suggestInventory({ ...ok, orderingCost: 5 })).toThrow(/holdingCost/);
    expect(() => suggestInventory({ ...ok, forecast: [1, Number.NaN, 1] })).toThrow(/not finite/);
    expect(() =>
      suggestInventory({ ...ok, oneStepStandardDeviation: undefined, cumulativeStandardDeviations: [1] }),
    ).toThrow(/covers 1 steps/);
  });
});
