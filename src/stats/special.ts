import { InputError } from '../core/errors.js';

/**
 * Special functions for likelihood models: log-gamma, digamma, log-beta and the Gauss
 * hypergeometric function 2F1. All are O(1) but 2F1 (a power series, O(1 / (1 − z)) terms).
 *
 * Accuracy (checked against scipy.special in special.test.ts): lgamma and digamma ~1e-15 relative
 * away from their roots (absolute ~1e-15 near them: lgamma(1) = lgamma(2) = 0, ψ(1.4616…) = 0);
 * logBeta ~1e-14 relative, also for huge arguments (no lgamma cancellation); 2F1 ~1e-14 for
 * |z| ≤ 0.9, a few ulps more per decade closer to 1.
 *
 * Invalid arguments (NaN, a pole where the value has no limit) throw InputError rather than
 * return NaN; log|Γ| at its poles (0, −1, −2, …) is +Infinity, its limit.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

function requireNumber(x: number, what: string): void {
  if (Number.isNaN(x)) throw new InputError('invalid_argument', `${what} requires a number, got NaN`);
}

/**
 * Stirling remainder lgamma(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 10 (A&S 6.1.41), with the
 * Bernoulli terms up to x^−13: truncation error < 1e-16 at x = 10.
 */
function stirlingCorrection(x: number): number {
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  return (
    inverse *
    (1 / 12 +
      inverse2 *
        (-1 / 360 +
          inverse2 *
            (1 / 1260 +
              inverse2 * (-1 / 1680 + inverse2 * (1 / 1188 + inverse2 * (-691 / 360360 + inverse2 / 156))))))
  );
}

/**
 * Log-gamma ln|Γ(x)|: Stirling's series for x ≥ 10, the recurrence Γ(x) = Γ(x + k) / (x(x+1)…(x+k−1))
 * below, and the reflection formula Γ(x)Γ(1 − x) = π / sin(πx) for x < 0 (A&S 6.1.17, 6.1.41).
 * +Infinity at the poles x = 0, −1, −2, … Cost O(1).
 * Reference: scipy.special.gammaln, R lgamma. Example: lgamma(0.5) = ln √π = 0.5723649429247001.
 */
export function lgamma(x: number): number {
  requireNumber(x, 'lgamma');
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x <= 0) {
    if (Number.isInteger(x) || x === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
    // Reflection; sin(πx) computed on the fractional part to keep its relative accuracy.
    const fraction = x - Math.floor(x);
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * fraction))) - lgamma(1 - x);
  }
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingCorrection(x);
  let product = 1;
  let shifted = x;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1;
  }
  return (
    (shifted - 0.5) * Math.log(shifted) -
    shifted +
    HALF_LOG_TWO_PI +
    stirlingCorrection(shifted) -
    Math.log(product)
  );
}

/**
 * Digamma ψ(x) = d/dx ln Γ(x): recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic
 * series ln x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ) (A&S 6.3.18); reflection ψ(1 − x) − π / tan(πx) for x < 0.
 * Throws at the poles x = 0, −1, −2, … (no limit). Cost O(1).
 * Reference: scipy.special.digamma, R digamma. Example: digamma(1) = −γ = −0.5772156649015329.
 */
export function digamma(x: number): number {
  requireNumber(x, 'digamma');
  if (x <= 0 && Number.isInteger(x))
    throw new InputError('invalid_argument', `digamma has a pole at ${x} (0, −1, −2, … are not allowed)`);
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x === Number.NEGATIVE_INFINITY)
    throw new InputError('invalid_argument', 'digamma(−Infinity) has no limit');
  if (x < 0) {
    const fraction = x - Math.floor(x);
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * fraction);
  }
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift += 1 / y;
    y += 1;
  }
  const inverse2 = 1 / (y * y);
  const series =
    inverse2 *
    (1 / 12 -
      inverse2 *
        (1 / 120 -
          inverse2 * (1 / 252 - inverse2 * (1 / 240 - inverse2 * (1 / 132 - inverse2 * (691 / 32760))))));
  return Math.log(y) - 0.5 / y - series - shift;
}

/**
 * Log-beta ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0. When an argument is ≥ 10 the
 * Stirling terms that cancel are removed analytically (as R's lbeta does), so logBeta(1e10, 1e10)
 * keeps full relative accuracy. Cost O(1).
 * Reference: R lbeta, scipy.special.betaln. Example: logBeta(2.5, 3.5) = −3.3018352699620523.
 */
export function logBeta(a: number, b: number): number {
  requireNumber(a, 'logBeta');
  requireNumber(b, 'logBeta');
  if (!(a > 0 && b > 0))
    throw new InputError('invalid_argument', `logBeta requires a, b > 0, got ${a}, ${b}`);
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (q === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (p >= 10) {
    const correction = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return (
      -0.5 * Math.log(q) +
      HALF_LOG_TWO_PI +
      correction +
      (p - 0.5) * Math.log(p / (p + q)) +
      q * Math.log1p(-p / (p + q))
    );
  }
  if (q >= 10) {
    const correction = stirlingCorrection(q) - stirlingCorrection(p + q);
    return lgamma(p) + correction + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return lgamma(p) + lgamma(q) - lgamma(p + q);
}

const MAX_SERIES_TERMS = 1_000_000;

/** Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ for |z| < 1, summed until terms are decreasing and below 1e-16 of the sum. */
function hypergeometricSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (Math.abs(term) <= 1e-16 * Math.abs(sum) && Math.abs(ratio) < 1) return sum;
    if (!Number.isFinite(sum)) break;
  }
  throw new InputError('no_convergence', `hypergeometric2F1(${a}, ${b}, ${c}, ${z}) did not converge`);
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) = Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ for real z < 1:
 * the power series for 0 ≤ z < 1 and, for z < 0, the Pfaff transformation
 *   2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z / (z − 1))
 * (A&S 15.1.1, 15.3.4), which maps z < 0 into [0, 1). c must not be 0, −1, −2, …
 * Cost O(n) with n ≈ ln ε / ln z terms (≈ 3,600 for z = 0.99); it throws InputError when z ≥ 1
 * (the series diverges or converges too slowly to be useful).
 * Reference: scipy.special.hyp2f1. Example: hypergeometric2F1(1, 1, 2, 0.5) = 2 ln 2 = 1.3862943611198906.
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  for (const [name, value] of [
    ['a', a],
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isFinite(value))
      throw new InputError('invalid_argument', `hypergeometric2F1 requires a finite ${name}, got ${value}`);
  }
  if (!(z < 1) || z === Number.NEGATIVE_INFINITY)
    throw new InputError('invalid_argument', `hypergeometric2F1 requires −∞ < z < 1, got ${z}`);
  if (c <= 0 && Number.isInteger(c))
    throw new InputError('invalid_argument', `hypergeometric2F1 requires c ≠ 0, −1, −2, …, got ${c}`);
  if (z < 0) return (1 - z) ** -a * hypergeometricSeries(a, c - b, c, z / (z - 1));
  return hypergeometricSeries(a, b, c, z);
}
