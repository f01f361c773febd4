import { InternalError } from '../core/errors.js';

/**
 * Linear solvers of the Markov attribution's absorbing chain: dense LU with partial pivoting for
 * small chains (direct, exact to rounding) and Gauss–Seidel sweeps for large sparse ones (where
 * O(n³) per removed channel would dominate). Both return the probability of absorption in
 * (conversion) and the expected conversion value from (start), with `removed` states sent to null.
 */

/** The fitted chain: transient states (0 = start) with sparse rows, plus absorption probabilities. */
export interface MarkovChain {
  readonly order: number;
  readonly channels: readonly string[];
  /** Channel indices of each transient state; state 0 is `(start)` with an empty tuple. */
  readonly states: readonly Int32Array[];
  /** `(start)`, `alpha`, `alpha > beta`, … */
  readonly stateLabels: readonly string[];
  /** CSR rows over transient states: row s is `target[rowStart[s] … rowStart[s + 1])`. */
  readonly rowStart: Int32Array;
  readonly target: Int32Array;
  readonly probability: Float64Array;
  /** P(s → conversion) and P(s → null). */
  readonly conversionProbability: Float64Array;
  readonly nullProbability: Float64Array;
  /** Expected conversion value gained in one step from s: (value of paths ending in s) / (row total). */
  readonly valueRate: Float64Array;
}

/** Absorption in conversion (x) and expected value (y) from every state with `removed` states sent to null. */
export function solveDense(chain: MarkovChain, removed: Uint8Array): { x: number; y: number } {
  const n = chain.states.length;
  const keep: number[] = [];
  const position = new Int32Array(n).fill(-1);
  for (let s = 0; s < n; s++)
    if (removed[s] === 0) {
      position[s] = keep.length;
      keep.push(s);
    }
  const m = keep.length;
  const width = m + 2;
  // Augmented [I − Q | b_conversion | b_value], row-major.
  const a = new Float64Array(m * width);
  for (let i = 0; i < m; i++) {
    const s = keep[i] as number;
    a[i * width + i] = 1;
    for (let e = chain.rowStart[s] as number; e < (chain.rowStart[s + 1] as number); e++) {
      const j = position[chain.target[e] as number] as number;
      if (j >= 0) a[i * width + j] = (a[i * width + j] as number) - (chain.probability[e] as number);
    }
    a[i * width + m] = chain.conversionProbability[s] as number;
    a[i * width + m + 1] = chain.valueRate[s] as number;
  }
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++)
      if (Math.abs(a[r * width + col] as number) > Math.abs(a[pivot * width + col] as number)) pivot = r;
    if (pivot !== col)
      for (let c = col; c < width; c++) {
        const tmp = a[col * width + c] as number;
        a[col * width + c] = a[pivot * width + c] as number;
        a[pivot * width + c] = tmp;
      }
    const diagonal = a[col * width + col] as number;
    if (!(Math.abs(diagonal) > 1e-300))
      throw new InternalError(
        'singular_chain',
        'markovAttribution: I − Q is singular (a state never absorbs)',
      );
    for (let r = col + 1; r < m; r++) {
      const factor = (a[r * width + col] as number) / diagonal;
      if (factor === 0) continue;
      for (let c = col; c < width; c++)
        a[r * width + c] = (a[r * width + c] as number) - factor * (a[col * width + c] as number);
    }
  }
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let sx = a[r * width + m] as number;
    let sy = a[r * width + m + 1] as number;
    for (let c = r + 1; c < m; c++) {
      sx -= (a[r * width + c] as number) * (x[c] as number);
      sy -= (a[r * width + c] as number) * (y[c] as number);
    }
    x[r] = sx / (a[r * width + r] as number);
    y[r] = sy / (a[r * width + r] as number);
  }
  return { x: x[0] as number, y: y[0] as number };
}

export function solveGaussSeidel(chain: MarkovChain, removed: Uint8Array): { x: number; y: number } {
  const n = chain.states.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let valueScale = 0;
  for (const r of chain.valueRate) valueScale = Math.max(valueScale, r);
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let change = 0;
    // States are numbered in order of discovery along paths, so sweeping backwards follows the flow.
    for (let s = n - 1; s >= 0; s--) {
      if (removed[s] === 1) continue;
      let sx = chain.conversionProbability[s] as number;
      let sy = chain.valueRate[s] as number;
      let self = 0;
      for (let e = chain.rowStart[s] as number; e < (chain.rowStart[s + 1] as number); e++) {
        const t = chain.target[e] as number;
        const p = chain.probability[e] as number;
        if (t === s) self += p;
        else {
          sx += p * (x[t] as number);
          sy += p * (y[t] as number);
        }
      }
      sx /= 1 - self;
      sy /= 1 - self;
      change = Math.max(
        change,
        Math.abs(sx - (x[s] as number)),
        Math.abs(sy - (y[s] as number)) / (valueScale || 1),
      );
      x[s] = sx;
      y[s] = sy;
    }
    if (change < 1e-15) return { x: x[0] as number, y: y[0] as number };
  }
  throw new InternalError(
    'no_convergence',
    'markovAttribution: Gauss–Seidel did not converge in 100 000 sweeps',
  );
}
