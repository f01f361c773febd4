import { InputError } from '../../core/errors.js';
import { createRng } from '../../core/random.js';
import { quantiles } from '../../stats/descriptive.js';
import { type FitBgNbdOptions, fitBgNbd } from './bg-nbd.js';
import type { BgNbdParams } from './bg-nbd-input.js';
import type { CustomerValueData } from './customer-value.js';
import { type FitGammaGammaOptions, fitGammaGamma, type GammaGammaParams } from './gamma-gamma.js';

export interface ParameterInterval {
  /** Estimate on the full data. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface BootstrapOptions {
  /** Resamples (default 100). */
  readonly replicates?: number;
  /** Central percentile interval level (default 0.9). */
  readonly level?: number;
  readonly seed?: number;
  readonly bgNbd?: Pick<FitBgNbdOptions, 'penalizer'>;
  /** Set to null to bootstrap BG/NBD only (e.g. no amounts). */
  readonly gammaGamma?: Pick<FitGammaGammaOptions, 'penalizer' | 'minimumRepeaters'> | null;
}

export interface BootstrapResult {
  readonly bgNbd: Readonly<Record<keyof BgNbdParams, ParameterInterval>>;
  readonly gammaGamma: Readonly<Record<keyof GammaGammaParams, ParameterInterval>> | null;
  /** Replicates whose refits succeeded. */
  readonly replicates: number;
  /** Replicates where a refit failed (e.g. no repeat customer in the resample, or q ≤ 1); left out. */
  readonly failed: number;
  readonly level: number;
}

/**
 * Nonparametric bootstrap of the BG/NBD and Gamma-Gamma fits (Efron & Tibshirani 1993, ch. 13,
 * percentile intervals): resample the n customers with replacement (as multiplicity weights, no
 * copy), refit both models starting from the full-data estimates, and report the central `level`
 * percentile interval of each parameter. Seeded: same seed, same intervals. Useful when the
 * asymptotic normal in log space is doubtful (few repeaters, estimates near a boundary).
 * Cost: (replicates + 1) × (BG/NBD fit + Gamma-Gamma fit) — each refit ≈ 20–40 evaluations of O(n),
 * e.g. ≈ 1 s per replicate for 1M customers, ≈ 10 ms for CDNOW's 2,357.
 * Throws InputError when the full-data fits fail or fewer than 2 replicates succeed.
 */
export function bootstrapClvFits(data: CustomerValueData, options: BootstrapOptions = {}): BootstrapResult {
  const replicates = options.replicates ?? 100;
  const level = options.level ?? 0.9;
  if (!(Number.isInteger(replicates) && replicates >= 2))
    throw new InputError(
      'invalid_argument',
      `bootstrapClvFits: replicates must be a whole number ≥ 2, got ${replicates}`,
    );
  if (!(level > 0 && level < 1))
    throw new InputError('invalid_argument', `bootstrapClvFits: level must be in (0, 1), got ${level}`);
  const withSpend = options.gammaGamma !== null;
  const bgFull = fitBgNbd(data, { penalizer: options.bgNbd?.penalizer });
  const ggFull = withSpend ? fitGammaGamma(data, { ...options.gammaGamma }) : null;
  const n = data.frequency.length;
  const rng = createRng(options.seed ?? 1);
  const weights = new Float64Array(n);
  const bgSamples: BgNbdParams[] = [];
  const ggSamples: GammaGammaParams[] = [];
  let failed = 0;
  for (let b = 0; b < replicates; b++) {
    weights.fill(0);
    for (let k = 0; k < n; k++) {
      const i = Math.floor(rng.next() * n);
      weights[i] = (weights[i] as number) + 1;
    }
    try {
      const bg = fitBgNbd(data, { weights, starts: [bgFull.params], penalizer: options.bgNbd?.penalizer });
      const gg = ggFull
        ? fitGammaGamma(data, { ...options.gammaGamma, weights, starts: [ggFull.params] })
        : null;
      bgSamples.push(bg.params);
      if (gg) ggSamples.push(gg.params);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed++;
    }
  }
  if (bgSamples.length < 2)
    throw new InputError(
      'insufficient_data',
      `bootstrapClvFits: only ${bgSamples.length} of ${replicates} replicates could be fitted`,
    );
  const probabilities = [(1 - level) / 2, 1 - (1 - level) / 2];
  const interval = <P extends object>(
    samples: readonly P[],
    name: keyof P,
    estimate: number,
  ): ParameterInterval => {
    const [lower, upper] = quantiles(
      samples.map((s) => s[name] as number),
      probabilities,
    ) as [number, number];
    return { estimate, lower, upper };
  };
  const bgNbd = {
    r: interval(bgSamples, 'r', bgFull.params.r),
    alpha: interval(bgSamples, 'alpha', bgFull.params.alpha),
    a: interval(bgSamples, 'a', bgFull.params.a),
    b: interval(bgSamples, 'b', bgFull.params.b),
  };
  const gammaGamma = ggFull
    ? {
        p: interval(ggSamples, 'p', ggFull.params.p),
        q: interval(ggSamples, 'q', ggFull.params.q),
        v: interval(ggSamples, 'v', ggFull.params.v),
      }
    : null;
  return { bgNbd, gammaGamma, replicates: bgSamples.length, failed, level };
}
