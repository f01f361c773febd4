import { InputError } from './errors.js';

/**
 * Seeded pseudo-random numbers: every random choice in Marketmind takes an `Rng` so results are
 * reproducible per seed.
 *
 * Generator: sfc32 (Small Fast Counting, Chris Doty-Humphrey, PractRand), seeded through
 * splitmix32 — fast, 128-bit state, passes PractRand to 2^40+ bytes. We write it ourselves
 * because JavaScript has no seedable generator and the derived samplers (normal, gamma,
 * poisson) must be stable across releases so a demo data set never changes for a given seed.
 */

export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** createRng(42).next() → 0.0000…0.9999, the same sequence for the same seed. */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed))
    throw new InputError('invalid_argument', `createRng requires a finite seed, got ${seed}`);
  const init = splitmix32(Math.floor(seed));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return { next };
}

/** An independent stream derived from a parent seed and a label (so adding a table does not shift others). */
export function deriveRng(seed: number, label: string): Rng {
  let h = 2166136261 ^ Math.floor(seed);
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
  return createRng(h >>> 0);
}

export function uniformInt(rng: Rng, minInclusive: number, maxInclusive: number): number {
  return minInclusive + Math.floor(rng.next() * (maxInclusive - minInclusive + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new InputError('invalid_argument', 'pick requires a non-empty array');
  return items[Math.floor(rng.next() * items.length)] as T;
}

/** Index drawn with probability proportional to weights[i]. */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] as number;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Standard normal by Box–Muller. */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  let u = 0;
  while (u === 0) u = rng.next();
  const v = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function exponential(rng: Rng, rate: number): number {
  let u = 0;
  while (u === 0) u = rng.next();
  return -Math.log(u) / rate;
}

/**
 * Gamma(shape, scale) by Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3); shape < 1 via the boost Gamma(a+1)·U^(1/a).
 */
export function gamma(rng: Rng, shape: number, scale = 1): number {
  if (!(shape > 0) || !(scale > 0))
    throw new InputError('invalid_argument', `gamma requires shape > 0 and scale > 0`);
  if (shape < 1) {
    let u = 0;
    while (u === 0) u = rng.next();
    return gamma(rng, shape + 1, scale) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x ** 4) return d * v * scale;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}

/** Poisson by inversion for small means, normal approximation above 500. */
export function poisson(rng: Rng, mean: number): number {
  if (mean < 0) throw new InputError('invalid_argument', 'poisson requires mean >= 0');
  if (mean > 500) return Math.max(0, Math.round(normal(rng, mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

export function bernoulli(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * All items when there are at most `size`, else a uniform sample of `size` without replacement
 * (partial Fisher–Yates on the positions, stream `label` of `seed`), in the items' own order.
 */
export function sampleInOrder<T>(items: readonly T[], size: number, seed: number, label: string): T[] {
  if (items.length <= size) return items.slice();
  const rng = deriveRng(seed, label);
  const index = Array.from(items, (_, i) => i);
  for (let s = 0; s < size; s++) {
    const chosen = s + Math.floor(rng.next() * (index.length - s));
    [index[s], index[chosen]] = [index[chosen] as number, index[s] as number];
  }
  return index
    .slice(0, size)
    .sort((a, b) => a - b)
    .map((i) => items[i] as T);
}
