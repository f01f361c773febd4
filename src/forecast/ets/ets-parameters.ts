/**
 * Parameter regions for ETS smoothing parameters, as R forecast::ets(bounds = "both"):
 *
 * Usual region (Hyndman et al. 2008 §5.2, "traditional" restrictions) with R's default limits:
 *   1e-4 ≤ α ≤ 0.9999,  1e-4 ≤ β ≤ α,  1e-4 ≤ γ ≤ 1 − α,  0.8 ≤ φ ≤ 0.98
 * Admissible region (Hyndman, Akram & Archibald 2008, "The admissible parameter space for exponential
 * smoothing models", AISM 60): the discount matrix must be stable. Non-seasonal models:
 *   1 − 1/φ < α < 1 + 1/φ,  α(φ − 1) < β < (1 + φ)(2 − α);
 * seasonal models: max(1 − 1/φ − α, 0) < γ < 1 + 1/φ − α, α > 1 − 1/φ − γ(1 − m + φ + φm)/(2φm),
 * β > −(1 − φ)(γ/m + α), and every root of
 *   P(z) = φ(1 − α − γ) + (α + β − αφ + γ − 1)z + Σ_{i=2}^{m−1}(α + β − αφ)zⁱ + (α + β − φ)zᵐ + z^{m+1}
 * lies in |z| ≤ 1 (+1e-8). The root condition is checked with the Schur–Cohn–Jury recursion in O(m²) with a
 * caller-owned scratch buffer, so the objective allocates nothing.
 */

export const SMOOTHING_LOWER = 1e-4;
export const SMOOTHING_UPPER = 0.9999;
export const PHI_LOWER = 0.8;
export const PHI_UPPER = 0.98;

/** True when (α, β, γ, φ) lies in the usual region; pass hasTrend/hasSeason false to ignore β/γ. */
export function inUsualRegion(
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  hasTrend: boolean,
  hasSeason: boolean,
  damped: boolean,
): boolean {
  if (!(alpha >= SMOOTHING_LOWER && alpha <= SMOOTHING_UPPER)) return false;
  if (hasTrend && !(beta >= SMOOTHING_LOWER && beta <= alpha && beta <= SMOOTHING_UPPER)) return false;
  if (hasSeason && !(gamma >= SMOOTHING_LOWER && gamma <= 1 - alpha && gamma <= SMOOTHING_UPPER))
    return false;
  if (damped && !(phi >= PHI_LOWER && phi <= PHI_UPPER)) return false;
  return true;
}

/**
 * True when the parameters lie in the admissible (forecastable) region. `scratch` must hold ≥ 2m + 4
 * numbers when the model is seasonal. β = 0 without trend, γ = 0 without season, φ = 1 undamped.
 */
export function isAdmissible(
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  m: number,
  hasSeason: boolean,
  scratch: Float64Array,
): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!hasSeason || m <= 1) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha)) return false;
    return true;
  }
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  // characteristic polynomial, ascending powers, degree m + 1, evaluated at (1 + 1e-8)z so that roots on
  // the unit circle up to R's tolerance pass
  const degree = m + 1;
  const common = alpha + beta - alpha * phi;
  scratch[0] = phi * (1 - alpha - gamma);
  scratch[1] = common + gamma - 1;
  for (let i = 2; i < m; i++) scratch[i] = common;
  scratch[m] = alpha + beta - phi;
  scratch[m + 1] = 1;
  const widen = 1 + 1e-8;
  let factor = 1;
  for (let i = 0; i <= degree; i++) {
    scratch[i] = (scratch[i] as number) * factor;
    factor *= widen;
  }
  return schurStable(scratch, degree);
}

/**
 * Schur–Cohn–Jury test: all roots of Σ aᵢzⁱ (i ≤ degree, in a[0..degree], overwritten; a[degree+1..] is
 * used as a copy) strictly inside the unit circle. Step: require |a₀| < |a_d|, then
 * a ← (a_d·p(z) − a₀·p*(z))/z (normalised), which keeps the count of roots inside the circle (Rouché)
 * and lowers the degree by one.
 */
function schurStable(a: Float64Array, degree: number): boolean {
  const copy = degree + 1;
  for (let d = degree; d >= 1; d--) {
    const lead = a[d] as number;
    const constant = a[0] as number;
    if (!(Math.abs(constant) < Math.abs(lead))) return false;
    const scale = 1 / (lead * lead - constant * constant);
    for (let i = 0; i <= d; i++) a[copy + i] = a[i] as number;
    for (let i = 0; i < d; i++)
      a[i] = (lead * (a[copy + i + 1] as number) - constant * (a[copy + d - 1 - i] as number)) * scale;
  }
  return true;
}
