import { assertNever, InputError } from '../core/errors.js';
import { createRng, type Rng, beta as sampleBeta } from '../core/random.js';

/**
 * Multi-armed bandits for content variants with a binary reward (click / conversion).
 *
 * - Thompson sampling (Thompson 1933; Chapelle & Li 2011, "An empirical evaluation of Thompson
 *   sampling"): draw p_i ~ Beta(1 + successes_i, 1 + failures_i) and play the arg max. Its traffic
 *   share for arm i is P(arm i is best | data) (`thompsonAllocation`).
 * - UCB1 (Auer, Cesa-Bianchi & Fischer 2002, "Finite-time analysis of the multiarmed bandit
 *   problem"): play each arm once, then the arg max of  x̄_i + sqrt(2 ln t / n_i).
 * - Fixed split: round-robin equal allocation, the classical A/B(/n) test.
 * `simulateBandit` plays a policy against planted rates and returns the expected (pseudo-)regret
 *   R(t) = Σ_{s ≤ t} (p* − p_{a_s}),  deterministic per seed.
 */

export interface ArmCounts {
  readonly users: number;
  readonly conversions: number;
}

function checkArms(arms: readonly ArmCounts[], caller: string): void {
  if (arms.length < 2)
    throw new InputError('invalid_argument', `${caller} needs at least two arms, got ${arms.length}`);
  arms.forEach((arm, i) => {
    if (!Number.isInteger(arm.users) || arm.users < 0)
      throw new InputError(
        'invalid_argument',
        `${caller}: arm ${i} users must be a non-negative integer, got ${arm.users}`,
      );
    if (!Number.isInteger(arm.conversions) || arm.conversions < 0 || arm.conversions > arm.users)
      throw new InputError(
        'invalid_argument',
        `${caller}: arm ${i} conversions must be an integer in [0, ${arm.users}], got ${arm.conversions}`,
      );
  });
}

/**
 * Thompson-sampling traffic weights: w_i = P(p_i is the largest) under independent
 * Beta(1 + conversions, 1 + users − conversions) posteriors, estimated from `samples` seeded joint
 * draws. Arms with no users get the uniform prior (so a new arm is explored). Cost O(k · samples).
 * Example: thompsonAllocation([{ users: 1000, conversions: 50 }, { users: 1000, conversions: 80 }]) → [0.0032, 0.9968] (seed 1; exact P = 0.996746).
 */
export function thompsonAllocation(
  arms: readonly ArmCounts[],
  options: { readonly samples?: number; readonly seed?: number } = {},
): number[] {
  checkArms(arms, 'thompsonAllocation');
  const samples = options.samples ?? 10000;
  if (!Number.isInteger(samples) || samples < 1)
    throw new InputError(
      'invalid_argument',
      `thompsonAllocation: samples must be a positive integer, got ${samples}`,
    );
  const rng = createRng(options.seed ?? 1);
  const wins = new Float64Array(arms.length);
  for (let s = 0; s < samples; s++) {
    const best = thompsonPick(rng, arms);
    wins[best] = (wins[best] as number) + 1;
  }
  return Array.from(wins, (w) => w / samples);
}

function thompsonPick(rng: Rng, arms: readonly ArmCounts[]): number {
  let best = 0;
  let bestDraw = -1;
  for (let i = 0; i < arms.length; i++) {
    const arm = arms[i] as ArmCounts;
    const draw = sampleBeta(rng, 1 + arm.conversions, 1 + arm.users - arm.conversions);
    if (draw > bestDraw) {
      bestDraw = draw;
      best = i;
    }
  }
  return best;
}

/**
 * UCB1 choice: the first arm with no users, else arg max x̄_i + sqrt(2 ln N / n_i), N = Σ n_i.
 * Cost O(k). Example: ucb1Choice([{ users: 10, conversions: 1 }, { users: 0, conversions: 0 }]) → 1.
 */
export function ucb1Choice(arms: readonly ArmCounts[]): number {
  checkArms(arms, 'ucb1Choice');
  let total = 0;
  for (let i = 0; i < arms.length; i++) {
    const arm = arms[i] as ArmCounts;
    if (arm.users === 0) return i;
    total += arm.users;
  }
  const logTotal = Math.log(total);
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < arms.length; i++) {
    const arm = arms[i] as ArmCounts;
    const score = arm.conversions / arm.users + Math.sqrt((2 * logTotal) / arm.users);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

export type BanditPolicy = 'thompson' | 'ucb1' | 'fixed-split';

export interface BanditSimulationOptions {
  /** Planted conversion rate per arm, each in [0, 1]. */
  readonly rates: readonly number[];
  /** Number of users to allocate. */
  readonly horizon: number;
  readonly policy: BanditPolicy;
  readonly seed: number;
}

export interface BanditSimulationResult {
  readonly policy: BanditPolicy;
  readonly horizon: number;
  readonly bestArm: number;
  /** Users sent to each arm. */
  readonly pulls: readonly number[];
  readonly conversions: readonly number[];
  /** cumulativeRegret[t] = Σ_{s ≤ t} (p* − p_{a_s}) after t + 1 users (expected, not realised, regret). */
  readonly cumulativeRegret: Float64Array;
  readonly totalRegret: number;
}

/**
 * Simulates a bandit policy on planted Bernoulli rates for `horizon` users (one user at a time,
 * the policy sees every outcome before the next user). Deterministic per seed.
 * Cost O(horizon · k) (Thompson: k beta draws per user).
 * Example: simulateBandit({ rates: [0.05, 0.06, 0.08], horizon: 20000, policy: 'thompson', seed: 1 })
 * → totalRegret ≈ 26 (seed 42) versus 333.35 for 'fixed-split' (UCB1 ≈ 231).
 */
export function simulateBandit(options: BanditSimulationOptions): BanditSimulationResult {
  const { rates, horizon, policy, seed } = options;
  const caller = 'simulateBandit';
  if (rates.length < 2)
    throw new InputError('invalid_argument', `${caller} needs at least two rates, got ${rates.length}`);
  rates.forEach((rate, i) => {
    if (!(rate >= 0 && rate <= 1))
      throw new InputError('invalid_argument', `${caller}: rates[${i}] must be in [0, 1], got ${rate}`);
  });
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new InputError('invalid_argument', `${caller}: horizon must be a positive integer, got ${horizon}`);
  const rng = createRng(seed);
  const k = rates.length;
  let bestArm = 0;
  for (let i = 1; i < k; i++) if ((rates[i] as number) > (rates[bestArm] as number)) bestArm = i;
  const bestRate = rates[bestArm] as number;
  const users = new Array<number>(k).fill(0);
  const conversions = new Array<number>(k).fill(0);
  const arms: ArmCounts[] = users.map(() => ({ users: 0, conversions: 0 }));
  const cumulativeRegret = new Float64Array(horizon);
  let regret = 0;
  for (let t = 0; t < horizon; t++) {
    let arm: number;
    switch (policy) {
      case 'thompson':
        arm = thompsonPick(rng, arms);
        break;
      case 'ucb1':
        arm = ucb1Choice(arms);
        break;
      case 'fixed-split':
        arm = t % k;
        break;
      default:
        return assertNever(policy, 'bandit policy');
    }
    const converted = rng.next() < (rates[arm] as number);
    users[arm] = (users[arm] as number) + 1;
    if (converted) conversions[arm] = (conversions[arm] as number) + 1;
    arms[arm] = { users: users[arm] as number, conversions: conversions[arm] as number };
    regret += bestRate - (rates[arm] as number);
    cumulativeRegret[t] = regret;
  }
  return { policy, horizon, bestArm, pulls: users, conversions, cumulativeRegret, totalRegret: regret };
}
