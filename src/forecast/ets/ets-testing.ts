import type { Rng } from '../../core/random.js';
import { simulateEtsPaths } from './ets-intervals.js';
import { type EtsSpec, etsName } from './ets-spec.js';
import type { EtsFit } from './fit-ets.js';

/**
 * Test helper: one series of `length` values simulated from a known ETS model (Gaussian innovations with
 * standard deviation `sigma`), starting from the given states. Not exported from index.ts.
 */
export interface KnownEts {
  readonly spec: EtsSpec;
  readonly seasonLength: number;
  readonly alpha: number;
  readonly beta?: number;
  readonly gamma?: number;
  readonly phi?: number;
  readonly level: number;
  readonly trend?: number;
  /** Chronological seasonal states (length m) when the form has a season. */
  readonly season?: readonly number[];
  readonly sigma: number;
}

/** An EtsFit whose final states are the model's states (enough for etsPointForecast, intervals, simulation). */
export function knownEtsFit(model: KnownEts): EtsFit {
  const m = model.spec.season === 'N' ? 1 : model.seasonLength;
  return {
    spec: model.spec,
    name: etsName(model.spec),
    seasonLength: m,
    alpha: model.alpha,
    beta: model.beta ?? 0,
    gamma: model.gamma ?? 0,
    phi: model.phi ?? 1,
    finalLevel: model.level,
    finalTrend: model.trend ?? 0,
    finalSeason: model.season ?? [0],
    sigma2: model.sigma * model.sigma,
    fitted: [],
    params: {},
  } as unknown as EtsFit;
}

export function simulateKnownEts(model: KnownEts, length: number, rng: Rng): number[] {
  return Array.from(simulateEtsPaths(knownEtsFit(model), length, 1, rng));
}
