import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { beta, createRng, deriveRng, gamma, normal, poisson, sampleInOrder, shuffle } from './random.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let mean = 0;
  let m2 = 0;
  for (let i = 1; i <= n; i++) {
    const x = draw();
    const delta = x - mean;
    mean += delta / i;
    m2 += delta * (x - mean);
  }
  return { mean, variance: m2 / (n - 1) };
}

describe('seeded random', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    expect(deriveRng(42, 'orders').next()).not.toBe(deriveRng(42, 'customers').next());
  });

  it('is uniform on [0, 1): mean 1/2, variance 1/12', () => {
    const rng = createRng(7);
    const { mean, variance } = moments(() => rng.next(), 200_000);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  // Reference moments: Gamma(k, θ) mean kθ, variance kθ²; Beta(a, b) mean a/(a+b); Poisson(λ) mean = variance = λ.
  it.each([
    [0.3, 2],
    [2.5, 1.5],
    [9, 0.5],
  ])('gamma(shape %f, scale %f) has mean kθ and variance kθ²', (shape, scale) => {
    const rng = createRng(11);
    const { mean, variance } = moments(() => gamma(rng, shape, scale), 200_000);
    expect(mean / (shape * scale)).toBeCloseTo(1, 1);
    expect(variance / (shape * scale * scale)).toBeCloseTo(1, 1);
  });

  it('normal, beta and poisson have their textbook moments', () => {
    const rng = createRng(3);
    const z = moments(() => normal(rng, 10, 2), 100_000);
    expect(z.mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(z.variance)).toBeCloseTo(2, 1);
    expect(moments(() => beta(rng, 0.8, 2.4), 100_000).mean).toBeCloseTo(0.8 / 3.2, 2);
    const p = moments(() => poisson(rng, 3.5), 100_000);
    expect(p.mean).toBeCloseTo(3.5, 1);
    expect(p.variance).toBeCloseTo(3.5, 1);
  });

  it('rejects invalid parameters instead of returning NaN', () => {
    const rng = createRng(1);
    expect(() => gamma(rng, 0)).toThrow(InputError);
    expect(() => poisson(rng, -1)).toThrow(InputError);
    expect(() => createRng(Number.NaN)).toThrow(InputError);
  });

  it('shuffle returns a permutation and leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5, 6];
    const out = shuffle(createRng(5), input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...out].sort()).toEqual(input);
  });
});

describe('sampleInOrder', () => {
  it('keeps everything when small enough, else a seeded sample without repeats in the items’ order', () => {
    const items = Array.from({ length: 100 }, (_, i) => `d${i}`);
    expect(sampleInOrder(items.slice(0, 5), 10, 1, 'x')).toEqual(items.slice(0, 5));
    const sample = sampleInOrder(items, 10, 7, 'topics');
    expect(sample).toHaveLength(10);
    expect(new Set(sample).size).toBe(10);
    expect(sample).toEqual([...sample].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    expect(sampleInOrder(items, 10, 7, 'topics')).toEqual(sample);
    expect(sampleInOrder(items, 10, 7, 'other')).not.toEqual(sample);
  });
});
