import { InputError } from '../core/errors.js';

/** x² without `**`, which some transpilers lower to a slow Math.pow call in hot loops. */
function square(x: number): number {
  return x * x;
}

/**
 * Schäfer–Strimmer shrinkage intensity towards the diagonal, exactly as R hts `shrink.estim(x, lowerD(x))`
 * (uncentred moments): with a_ti = x_ti / sqrt(Σ_t x²_ti / T),
 *   λ = Σ_{i≠j} v_ij / Σ_{i≠j} ρ²_ij,  ρ_ij = Σ_t a_ti a_tj / T,
 *   v_ij = (Σ_t a²_ti a²_tj − (Σ_t a_ti a_tj)² / T) / (T (T − 1)),
 * clipped to [0, 1]. Both double sums come from the smaller Gram matrix (T × T or n × n), so the cost is
 * O(min(T, n)² · max(T, n)). `residuals` is node-major (series i occupies [i·T, (i+1)·T)). Columns with zero
 * variance contribute nothing. Example: see covariance-shrinkage.test.ts (NumPy reproduction of hts, λ = 0.13449914825039858).
 */
export function shrinkageIntensity(
  residuals: Float64Array,
  observations: number,
  seriesCount: number,
): number {
  const T = observations;
  const n = seriesCount;
  if (T < 2)
    throw new InputError('insufficient_data', 'shrinkageIntensity needs at least 2 residual observations');
  if (residuals.length !== T * n)
    throw new InputError(
      'invalid_argument',
      `shrinkageIntensity: expected ${T * n} residuals, got ${residuals.length}`,
    );
  const scaled = new Float64Array(T * n);
  let sumSquaresPerRowSquared = 0; // Σ_t (Σ_i a²_ti)²
  let sumFourth = 0; // Σ_i Σ_t a⁴_ti
  let sumDiagonalGramSquared = 0; // Σ_i (Σ_t a²_ti)²
  for (let i = 0; i < n; i++) {
    let ss = 0;
    for (let t = 0; t < T; t++) ss += square(residuals[i * T + t] as number);
    if (!(ss > 0)) continue;
    const scale = 1 / Math.sqrt(ss / T);
    let column = 0;
    for (let t = 0; t < T; t++) {
      const a = (residuals[i * T + t] as number) * scale;
      scaled[i * T + t] = a;
      column += a * a;
      sumFourth += a * a * (a * a);
    }
    sumDiagonalGramSquared += column * column;
  }
  const rowSquares = new Float64Array(T);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < T; t++)
      rowSquares[t] = (rowSquares[t] as number) + square(scaled[i * T + t] as number);
  for (let t = 0; t < T; t++) sumSquaresPerRowSquared += square(rowSquares[t] as number);
  // Σ_{i,j} (Σ_t a_ti a_tj)² = ‖AᵀA‖²_F = ‖AAᵀ‖²_F: use the smaller Gram.
  let gramSquared = 0;
  if (T <= n) {
    // Node-outer accumulation of the T × T Gram keeps memory access sequential.
    const gram = new Float64Array(T * T);
    for (let i = 0; i < n; i++) {
      const offset = i * T;
      for (let t = 0; t < T; t++) {
        const at = scaled[offset + t] as number;
        if (at === 0) continue;
        for (let u = t; u < T; u++)
          gram[t * T + u] = (gram[t * T + u] as number) + at * (scaled[offset + u] as number);
      }
    }
    for (let t = 0; t < T; t++)
      for (let u = t; u < T; u++) {
        const dot = gram[t * T + u] as number;
        gramSquared += (u === t ? 1 : 2) * dot * dot;
      }
  } else {
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) {
        let dot = 0;
        for (let t = 0; t < T; t++) dot += (scaled[i * T + t] as number) * (scaled[j * T + t] as number);
        gramSquared += (j === i ? 1 : 2) * dot * dot;
      }
  }
  const offDiagonalGramSquared = gramSquared - sumDiagonalGramSquared;
  const sumV = (sumSquaresPerRowSquared - sumFourth - offDiagonalGramSquared / T) / (T * (T - 1));
  const sumD = offDiagonalGramSquared / (T * T);
  if (!(sumD > 0)) return 1;
  return Math.min(1, Math.max(0, sumV / sumD));
}
