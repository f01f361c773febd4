import { InputError } from '../../core/errors.js';
import { beta, exponential, gamma, type Rng } from '../../core/random.js';
import { type BgNbdParams, checkBgNbdParams } from './bg-nbd-input.js';
import type { GammaGammaParams } from './gamma-gamma.js';

/**
 * Simulate customers from the BG/NBD purchase process and the Gamma-Gamma spend model, for
 * parameter-recovery tests and benchmarks (as lifetimes.generate_data.beta_geometric_nbd_model).
 *
 * Per customer i with observation length Tᵢ = ages[i]: λ ~ Gamma(shape r, rate α), p ~ Beta(a, b);
 * the first purchase is at 0; while alive, gaps are Exp(λ); after each repeat purchase the customer
 * drops out with probability p. Spend: ν ~ Gamma(shape q, rate v), each repeat purchase's value
 * z ~ Gamma(shape p, rate ν); monetary = mean z over the repeat purchases (0 when x = 0).
 * Cost O(n + Σ xᵢ) random draws.
 */
export interface SimulatedCustomers {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly age: Float64Array;
  readonly monetary: Float64Array;
  /** Whether each customer is still alive at its age (the planted truth). */
  readonly alive: Uint8Array;
}

export function simulateBgNbdGammaGamma(
  rng: Rng,
  ages: ArrayLike<number>,
  params: BgNbdParams,
  spend?: GammaGammaParams,
): SimulatedCustomers {
  checkBgNbdParams(params, 'simulateBgNbdGammaGamma');
  if (spend && !(spend.p > 0 && spend.q > 0 && spend.v > 0))
    throw new InputError('invalid_argument', 'simulateBgNbdGammaGamma: Gamma-Gamma parameters must be > 0');
  const n = ages.length;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const age = Float64Array.from(ages);
  const monetary = new Float64Array(n);
  const alive = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const T = age[i] as number;
    if (!(Number.isFinite(T) && T >= 0))
      throw new InputError('invalid_argument', `simulateBgNbdGammaGamma: age ${i} must be ≥ 0, got ${T}`);
    const lambda = gamma(rng, params.r, 1 / params.alpha);
    const dropout = beta(rng, params.a, params.b);
    const nu = spend ? gamma(rng, spend.q, 1 / spend.v) : 0;
    let t = 0;
    let x = 0;
    let last = 0;
    let total = 0;
    let isAlive = 1;
    for (;;) {
      t += exponential(rng, lambda);
      if (t > T) break;
      x++;
      last = t;
      if (spend) total += gamma(rng, spend.p, 1 / nu);
      if (rng.next() < dropout) {
        isAlive = 0;
        break;
      }
    }
    frequency[i] = x;
    recency[i] = last;
    monetary[i] = x > 0 ? total / x : 0;
    alive[i] = isAlive;
  }
  return { frequency, recency, age, monetary, alive };
}
