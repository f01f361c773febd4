import { InputError } from '../core/errors.js';
import {
  type BacktestOptions,
  type BacktestResult,
  type BacktestSummary,
  backtestForecasts,
  evaluateBacktest,
  planBacktest,
} from './backtest.js';
import { checkSeries } from './baselines.js';
import { withConformalIntervals } from './conformal.js';
import { type Candidate, type CombineMethod, combineForecasts } from './ensemble.js';
import type { Forecast } from './forecast-types.js';

/**
 * Model selection by rolling-origin backtest, with an ensemble challenger.
 *   1. Backtest every candidate on the same windows (backtest.ts); a candidate that throws InputError
 *      (e.g. too short for it) is listed with its error and left out.
 *   2. Rank by the score (default MASE; lower is better; ties keep the candidates' order).
 *   3. Ensemble: the per-step median (or mean) of the top k (default 3) candidates, backtested from the
 *      members' window forecasts (no refit); it is chosen only when its score beats the best single model.
 *      Its members are picked on the same windows it is scored on, so its score is slightly optimistic.
 *   4. The winner is refitted on the whole series; an ensemble gets split-conformal intervals from its
 *      backtest residuals per step (conformal.ts), a single model keeps its own intervals.
 * The result carries the scores table (every measure per candidate and the ensemble) so a user sees why.
 * Cost: (windows + 1) fits per candidate.
 * Example: selectModel(airPassengers, [theta, snaive, naive, drift], { horizon: 12, seasonLength: 12,
 * windows: 12 }) → chosen 'theta' (see select-model.test.ts for the table).
 */

export type ScoreName = 'mase' | 'smape' | 'rmsse' | 'mae' | 'rmse';

export interface SelectModelOptions extends BacktestOptions {
  /** Ranking measure (default 'mase'; 'mae' is used when the scaled score is undefined for all, e.g. constant history). */
  readonly score?: ScoreName;
  /** Ensemble size (default 3; an ensemble is tried only when ≥ 2 candidates succeed). */
  readonly topK?: number;
  /** Ensemble combination (default 'median'). */
  readonly combine?: CombineMethod;
  /** Try the ensemble (default true). */
  readonly ensemble?: boolean;
  /** A fixed list of ensemble members (candidate names) instead of the top k by score. */
  readonly ensembleMembers?: readonly string[];
  /**
   * Keep the ensemble unless the best single model scores lower by more than this fraction of the
   * ensemble's score (default 0: the ensemble must simply score lower). A positive margin encodes the
   * forecasting evidence that combinations beat selection when back-tests are short and noisy.
   */
  readonly ensembleMargin?: number;
}

export interface ScoreRow {
  readonly name: string;
  /** 1 = best; 0 for candidates that failed. */
  readonly rank: number;
  /** The ranking measure (undefined when it could not be computed). */
  readonly score: number | undefined;
  readonly summary?: BacktestSummary;
  /** Why the candidate could not be backtested. */
  readonly error?: string;
}

export interface ModelSelection {
  /** The winner's forecast of the whole series. */
  readonly forecast: Forecast;
  /** Name of the winner (a candidate name or the ensemble's). */
  readonly chosen: string;
  readonly score: ScoreName;
  /** Candidates and the ensemble, best first; failed candidates last. */
  readonly scores: readonly ScoreRow[];
  readonly best: { readonly name: string; readonly forecast: Forecast; readonly backtest: BacktestResult };
  readonly ensemble?: {
    readonly name: string;
    readonly members: readonly string[];
    readonly combine: CombineMethod;
    readonly forecast: Forecast;
    readonly backtest: BacktestResult;
  };
  readonly notes: readonly string[];
}

function scoreOf(summary: BacktestSummary, score: ScoreName): number | undefined {
  return summary[score];
}

/** Backtest, rank and optionally ensemble the candidates (see the file comment). */
export function selectModel(
  values: readonly number[],
  candidates: readonly Candidate[],
  options: SelectModelOptions,
): ModelSelection {
  const caller = 'selectModel';
  const y = checkSeries(values, caller);
  if (candidates.length === 0)
    throw new InputError('invalid_argument', `${caller} needs at least one candidate`);
  const names = new Set<string>();
  for (const candidate of candidates) {
    if (names.has(candidate.name))
      throw new InputError('invalid_argument', `${caller}: candidate name '${candidate.name}' is used twice`);
    names.add(candidate.name);
  }
  let score: ScoreName = options.score ?? 'mase';
  if (!['mase', 'smape', 'rmsse', 'mae', 'rmse'].includes(score))
    throw new InputError('invalid_argument', `${caller}: unknown score '${score}'`, {
      hint: 'use mase, smape, rmsse, mae or rmse',
    });
  const topK = options.topK ?? 3;
  if (!Number.isInteger(topK) || topK < 1)
    throw new InputError('invalid_argument', `${caller}: topK must be an integer ≥ 1, got ${topK}`);
  const combine = options.combine ?? 'median';
  const plan = planBacktest(y.length, options);
  const notes: string[] = [];

  const evaluated: { candidate: Candidate; result: BacktestResult; order: number }[] = [];
  const failed: ScoreRow[] = [];
  candidates.forEach((candidate, order) => {
    try {
      const result = evaluateBacktest(y, plan, backtestForecasts(y, candidate.model, plan));
      evaluated.push({ candidate, result, order });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed.push({ name: candidate.name, rank: 0, score: undefined, error: error.message });
    }
  });
  if (evaluated.length === 0)
    throw new InputError('insufficient_data', `${caller}: no candidate could be backtested`, {
      hint: failed.map((row) => `${row.name}: ${row.error}`).join('; '),
    });
  if (evaluated.every(({ result }) => scoreOf(result.summary, score) === undefined)) {
    notes.push(`${score} undefined for every candidate (constant history?); ranked by mae instead`);
    score = 'mae';
  }
  const key = (summary: BacktestSummary) => scoreOf(summary, score) ?? Number.POSITIVE_INFINITY;
  evaluated.sort((a, b) => key(a.result.summary) - key(b.result.summary) || a.order - b.order);
  const winner = evaluated[0] as (typeof evaluated)[number];
  const forecastOptions = {
    horizon: plan.horizon,
    seasonLength: plan.seasonLength,
    levels: plan.levels,
    seed: plan.seed,
  };
  const full = Array.from(y);
  const bestForecast = winner.candidate.model(full, forecastOptions);
  const rows: { name: string; score: number | undefined; summary: BacktestSummary }[] = evaluated.map(
    ({ candidate, result }) => ({
      name: candidate.name,
      score: scoreOf(result.summary, score),
      summary: result.summary,
    }),
  );

  let ensemble: ModelSelection['ensemble'];
  let chosen = winner.candidate.name;
  let forecast = bestForecast;
  const k = Math.min(topK, evaluated.length);
  const fixed = options.ensembleMembers;
  const margin = options.ensembleMargin ?? 0;
  if (!(Number.isFinite(margin) && margin >= 0))
    throw new InputError('invalid_argument', `${caller}: ensembleMargin must be ≥ 0, got ${margin}`);
  const members = fixed
    ? evaluated.filter(({ candidate }) => fixed.includes(candidate.name))
    : evaluated.slice(0, k);
  if ((options.ensemble ?? true) && members.length >= 2) {
    const memberNames = members.map(({ candidate }) => candidate.name);
    const windowForecasts = plan.origins.map((_, w) =>
      combineForecasts(
        members.map(({ result }) => (result.windows[w] as BacktestResult['windows'][number]).forecast),
        { combine, names: memberNames },
      ),
    );
    const result = evaluateBacktest(y, plan, windowForecasts);
    const name = fixed
      ? `${combine} of ${fixed.filter((n) => memberNames.includes(n)).join(' + ')}`
      : `${combine} ensemble of top ${k}`;
    const combined = combineForecasts(
      members.map(({ candidate }) =>
        candidate === winner.candidate ? bestForecast : candidate.model(full, forecastOptions),
      ),
      { combine, names: memberNames },
    );
    const withIntervals = withConformalIntervals(combined, result.residualsByStep, plan.levels);
    ensemble = { name, members: memberNames, combine, forecast: withIntervals, backtest: result };
    rows.push({ name, score: scoreOf(result.summary, score), summary: result.summary });
    const ensembleScore = scoreOf(result.summary, score) ?? Number.POSITIVE_INFINITY;
    if (ensembleScore < key(winner.result.summary) * (1 + margin)) {
      chosen = name;
      forecast = withIntervals;
      notes.push(
        `${name} (${memberNames.join(', ')}) kept over ${winner.candidate.name} on ${score}: ${ensembleScore.toPrecision(4)} vs ${key(winner.result.summary).toPrecision(4)}${margin > 0 ? ` (a single model must win by more than ${(margin * 100).toFixed(0)}%)` : ''}`,
      );
    } else
      notes.push(
        `${winner.candidate.name} kept: ${score} ${key(winner.result.summary).toPrecision(4)} vs the ${name} ${ensembleScore.toPrecision(4)}`,
      );
  }
  rows.sort((a, b) => (a.score ?? Number.POSITIVE_INFINITY) - (b.score ?? Number.POSITIVE_INFINITY));
  const scores: ScoreRow[] = [...rows.map((row, i) => ({ ...row, rank: i + 1 })), ...failed];
  return {
    forecast,
    chosen,
    score,
    scores,
    best: { name: winner.candidate.name, forecast: bestForecast, backtest: winner.result },
    ...(ensemble ? { ensemble } : {}),
    notes,
  };
}
