import { InputError } from '../core/errors.js';

function validatePValues(pValues: readonly number[], what: string): void {
  for (const [index, p] of pValues.entries())
    if (!(p >= 0 && p <= 1))
      throw new InputError('invalid_argument', `${what}: p-value ${index} must be in [0, 1], got ${p}`);
}

/** Indices sorted by ascending p-value (stable, so ties keep their input order). */
function ascendingOrder(pValues: readonly number[]): number[] {
  return pValues.map((_, index) => index).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
}

/**
 * Holm step-down adjusted p-values (family-wise error rate control under any dependence):
 * with p₍₁₎ ≤ … ≤ p₍ₘ₎, p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1) p₍ⱼ₎), returned in input order.
 * Reject hypothesis i at level α when p̃ᵢ ≤ α. Empty input → empty output. Cost O(m log m).
 * Reference: Holm (1979); statsmodels.stats.multitest.multipletests(method='holm').
 * @example holmAdjust([0.01, 0.04, 0.03]) // → [0.03, 0.06, 0.06]
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  validatePValues(pValues, 'holmAdjust');
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m).fill(0);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const index = order[rank] as number;
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[index] as number)));
    adjusted[index] = running;
  }
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up adjusted p-values (false discovery rate control under independence or positive
 * dependence): p̃₍ᵢ₎ = min(1, min_{j ≥ i} m p₍ⱼ₎ / j), returned in input order. Reject when p̃ᵢ ≤ q.
 * Empty input → empty output. Cost O(m log m).
 * Reference: Benjamini & Hochberg (1995); statsmodels.stats.multitest.multipletests(method='fdr_bh').
 * @example benjaminiHochbergAdjust([0.01, 0.04, 0.03]) // → [0.03, 0.04, 0.04]
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  validatePValues(pValues, 'benjaminiHochbergAdjust');
  const m = pValues.length;
  const order = ascendingOrder(pValues);
  const adjusted = new Array<number>(m).fill(0);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank] as number;
    running = Math.min(running, (m * (pValues[index] as number)) / (rank + 1));
    adjusted[index] = running;
  }
  return adjusted;
}
