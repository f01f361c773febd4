import { InputError } from '../core/errors.js';
import type {
  Bilingual,
  Comparison,
  GuardrailCheck,
  GuardrailSetting,
  MetricAnalysis,
} from './experiment-analysis-types.js';
import { formatPValue, signed } from './experiment-verdicts.js';

/**
 * Guardrail metrics: metrics a change must not hurt (revenue per user, refund rate, page speed), checked
 * for every treatment variant apart from the decision metric.
 *
 * For guardrail g with tolerance δ (the largest relative harm accepted, default 0) and variant v:
 *   harm      = the relative change in the harmful direction (−lift when higher is better, +lift otherwise);
 *   'fail'    when the change is significant (raw two-sided p < α — guardrails are NOT corrected for
 *             multiplicity, so that harm is caught early; Kohavi, Tang & Xu 2020, ch. 21) and harm > δ;
 *   'warn'    when not failing but harm > δ and the Bayesian probability of harm ≥ 0.8;
 *   'pass'    otherwise; 'not_testable' when the comparison has no test (e.g. no conversions yet).
 * A failing guardrail turns a 'ship' verdict into 'do_not_ship' (analyzeExperiment); a warning is appended.
 * Cost O(guardrails × variants).
 * @example
 * // one_page lowers revenue per user by 8% (p = 0.01), tolerance 2% → status 'fail'
 */

/** Default probability of harm above which an unproven harm is still worth a warning. */
export const guardrailWarnProbability = 0.8;

/** Validates the settings against the metric keys; the primary metric cannot also be a guardrail. */
export function validateGuardrails(
  guardrails: readonly GuardrailSetting[],
  metricKeys: readonly string[],
  primary: string,
): void {
  const seen = new Set<string>();
  for (const g of guardrails) {
    if (!metricKeys.includes(g.metric))
      throw new InputError('invalid_argument', `Guardrail "${g.metric}" is not one of the metrics`, {
        hint: `metrics: ${metricKeys.join(', ')}`,
      });
    if (g.metric === primary)
      throw new InputError(
        'invalid_argument',
        `"${g.metric}" is the primary metric; a guardrail must be another metric`,
      );
    if (seen.has(g.metric))
      throw new InputError('invalid_argument', `Guardrail "${g.metric}" is given twice`);
    seen.add(g.metric);
    const tolerance = g.tolerance ?? 0;
    if (!(Number.isFinite(tolerance) && tolerance >= 0 && tolerance < 1))
      throw new InputError(
        'invalid_argument',
        `Guardrail "${g.metric}": the tolerance is a relative harm in [0, 1), got ${tolerance}`,
      );
  }
}

function checkOne(metric: MetricAnalysis, c: Comparison, tolerance: number, alpha: number): GuardrailCheck {
  const base = { metric: metric.key, label: metric.label, variant: c.variant, tolerance };
  const labelZh = metric.label.zh;
  if (!c.frequentist)
    return {
      ...base,
      status: 'not_testable',
      change: null,
      harm: null,
      pValue: null,
      probabilityOfHarm: null,
      text: {
        en: `Guardrail ${metric.label.en}: ${c.variant} cannot be tested yet — ${c.problem?.en ?? 'the test is undefined'}.`,
        zh: `护栏指标${labelZh}：${c.variant} 暂无法检验——${c.problem?.zh ?? '检验无定义'}。`,
      },
    };
  const f = c.frequentist;
  const sign = metric.higherIsBetter ? -1 : 1;
  const lift = f.relative
    ? f.relative.estimate
    : c.controlMean !== 0
      ? f.absolute.estimate / c.controlMean
      : 0;
  const harm = sign * lift;
  const probabilityOfHarm = c.bayesian
    ? metric.higherIsBetter
      ? 1 - c.bayesian.probabilityBetter
      : c.bayesian.probabilityBetter
    : null;
  const harmful = harm > tolerance;
  const status: GuardrailCheck['status'] =
    harmful && f.pValue < alpha
      ? 'fail'
      : harmful && (probabilityOfHarm ?? 0) >= guardrailWarnProbability
        ? 'warn'
        : 'pass';
  const change = signed(lift);
  const allowed = tolerance > 0 ? signed(sign * tolerance) : null;
  const limitEn = allowed ? ` (allowed: ${allowed})` : '';
  const limitZh = allowed ? `（容许 ${allowed}）` : '';
  const p = formatPValue(f.pValue);
  const text: Bilingual =
    status === 'fail'
      ? {
          en: `Guardrail ${metric.label.en} fails for ${c.variant}: ${change}${limitEn}, p ${p} (uncorrected).`,
          zh: `护栏指标${labelZh}未通过（${c.variant}）：${change}${limitZh}，p ${p}（未校正）。`,
        }
      : status === 'warn'
        ? {
            en: `Guardrail ${metric.label.en} may be hurt by ${c.variant}: ${change}${limitEn}, not significant (p ${p}) but the probability of harm is ${Math.round((probabilityOfHarm ?? 0) * 100)}%.`,
            zh: `护栏指标${labelZh}可能受损（${c.variant}）：${change}${limitZh}，不显著（p ${p}），但受损概率 ${Math.round((probabilityOfHarm ?? 0) * 100)}%。`,
          }
        : {
            en: `Guardrail ${metric.label.en} holds for ${c.variant}: ${change}${limitEn}, p ${p}.`,
            zh: `护栏指标${labelZh}正常（${c.variant}）：${change}${limitZh}，p ${p}。`,
          };
  return { ...base, status, change: lift, harm, pValue: f.pValue, probabilityOfHarm, text };
}

/** Guardrail checks for every (guardrail, treatment variant), in the settings' order. */
export function checkGuardrails(
  guardrails: readonly GuardrailSetting[],
  metrics: readonly MetricAnalysis[],
  alpha: number,
): GuardrailCheck[] {
  return guardrails.flatMap((g) => {
    const metric = metrics.find((m) => m.key === g.metric) as MetricAnalysis;
    return metric.comparisons.map((c) => checkOne(metric, c, g.tolerance ?? 0, alpha));
  });
}
