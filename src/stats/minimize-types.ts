/** Types shared by optimize.ts and nelder-mead.ts (a separate file so the two do not import each other). */

/** f(x). */
export type Objective = (x: Float64Array) => number;
/** Writes ∇f(x) into `gradient` and returns f(x) (one pass is usually cheaper than two). */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  /** Analytic value and gradient; when absent the gradient is taken by central differences. */
  readonly gradient?: ObjectiveWithGradient;
  /** 'bfgs' (default, with Nelder–Mead fallback when BFGS does not converge) or 'nelder-mead'. */
  readonly method?: 'bfgs' | 'nelder-mead';
  /** Iteration cap (default 500 for BFGS, 400·n for Nelder–Mead). */
  readonly maxIterations?: number;
  /** Converged when max |∂f/∂xᵢ| ≤ this (default 1e-6). */
  readonly gradientTolerance?: number;
  /** Converged when an accepted step changes f by ≤ this × max(1, |f|) and x by ≤ 1e-10 (default 1e-14). */
  readonly functionTolerance?: number;
}

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  /** Objective (or objective-with-gradient) calls. */
  readonly evaluations: number;
  readonly converged: boolean;
  readonly message: string;
  readonly method: 'bfgs' | 'nelder-mead' | 'bfgs+nelder-mead';
}
