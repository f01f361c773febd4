import type {
  Bilingual,
  Comparison,
  GuardrailCheck,
  MetricAnalysis,
  Verdict,
} from './experiment-analysis-types.js';
import type { RawComparison } from './experiment-metrics.js';
import type { Interval } from './frequentist.js';

/** Number formatting and the plain-language verdicts (en and zh) of analyzeExperiment. */

export const defaultLabels: Readonly<Record<string, Bilingual>> = {
  conversion_rate: { en: 'conversion rate', zh: '转化率' },
  revenue_per_user: { en: 'revenue per user', zh: '人均收入' },
};

// ------------------------------------------------------------------------------------------- formatting

export const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
const points = (x: number): string => (x * 100).toFixed(1);
export const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
const minus = (s: string): string => s.replace(/^-/, '−');

function amount(x: number): string {
  const digits = Math.abs(x) >= 100 ? 1 : Math.abs(x) >= 1 ? 2 : 3;
  return minus(x.toFixed(digits));
}

export function formatPValue(p: number): string {
  if (p < 0.001) return '< 0.001';
  return `= ${p < 0.1 ? p.toFixed(3) : p.toFixed(2)}`;
}

function range(lower: string, upper: string, zh: boolean): string {
  const negative = lower.startsWith('−') || upper.startsWith('−');
  return negative ? `${lower}${zh ? ' 至 ' : ' to '}${upper}` : `${lower}–${upper}`;
}

export interface Formatter {
  value(x: number): string;
  /** A difference of values: en and zh (e.g. "2.5 points" / "2.5 个百分点"). */
  diff(x: number): Bilingual;
  interval(ci: Interval): Bilingual;
}

export function formatterFor(kind: 'proportion' | 'mean', unit: string | null): Formatter {
  if (kind === 'proportion')
    return {
      value: percent,
      diff: (x) => ({ en: `${minus(points(x))} points`, zh: `${minus(points(x))} 个百分点` }),
      interval: (ci) => {
        const l = minus(points(ci.lower));
        const u = minus(points(ci.upper));
        return { en: `${range(l, u, false)} points`, zh: `${range(l, u, true)} 个百分点` };
      },
    };
  const suffix = unit ? ` ${unit}` : '';
  return {
    value: (x) => `${amount(x)}${suffix}`,
    diff: (x) => ({ en: `${amount(x)}${suffix}`, zh: `${amount(x)}${suffix}` }),
    interval: (ci) => ({
      en: `${range(amount(ci.lower), amount(ci.upper), false)}${suffix}`,
      zh: `${range(amount(ci.lower), amount(ci.upper), true)}${suffix}`,
    }),
  };
}

// ------------------------------------------------------------------------------------------- validation

export function comparisonVerdict(
  c: RawComparison,
  holm: number | null,
  metric: { label: Bilingual; kind: 'proportion' | 'mean'; unit: string | null; higherIsBetter: boolean },
  alpha: number,
  power: number,
  srmVerdict: Bilingual | null,
): Verdict {
  if (srmVerdict) return { decision: 'untrustworthy', ...srmVerdict };
  const format = formatterFor(metric.kind, metric.unit);
  const labelEn = metric.label.en;
  // Chinese text puts a space between CJK and Latin letters or digits.
  const labelZh = metric.label.zh.replace(/^(?=[\x21-\x7e])/, ' ').replace(/(?<=[\x21-\x7e])$/, ' ');
  if (!c.frequentist || holm === null)
    return {
      decision: 'not_testable',
      en: `${c.variant} vs control on the ${labelEn}: cannot be tested — ${c.problem?.en ?? 'the test is undefined'}.`,
      zh: `${c.variant} 与对照组的${labelZh}无法检验：${c.problem?.zh ?? '检验无定义'}。`,
    };
  const f = c.frequentist;
  const level = `${Math.round((1 - alpha) * 100)}%`;
  const ci = format.interval(f.absolute.ci);
  const from = format.value(c.controlMean);
  const to = format.value(c.treatmentMean);
  const rel = f.relative ? `${signed(f.relative.estimate)}; ` : '';
  const relZh = f.relative ? `${signed(f.relative.estimate)}；` : '';
  const p = formatPValue(holm);
  if (holm < alpha) {
    const up = f.absolute.estimate > 0;
    const size = format.diff(Math.abs(f.absolute.estimate));
    const moves = up ? { en: 'raises', zh: '提高' } : { en: 'lowers', zh: '降低' };
    const facts = {
      en: `${c.variant} ${moves.en} the ${labelEn} by ${size.en} (${rel}${from} → ${to}, ${level} CI ${ci.en}; p ${p} after Holm).`,
      zh: `${c.variant} 使${labelZh}${moves.zh} ${size.zh}（${relZh}${from} → ${to}，${level} 置信区间 ${ci.zh}；Holm 校正后 p ${p}）。`,
    };
    return up === metric.higherIsBetter
      ? { decision: 'ship', en: `${facts.en} Ship it.`, zh: `${facts.zh}建议上线。` }
      : { decision: 'do_not_ship', en: `${facts.en} Don't ship it.`, zh: `${facts.zh}不建议上线。` };
  }
  const mde = c.minimumDetectableEffect;
  const mdeText: Bilingual = mde
    ? {
        en: ` The MDE at this sample size is ${format.diff(mde.absolute).en}${mde.relative !== null ? ` (${signed(mde.relative).slice(1)} relative)` : ''} at ${Math.round(power * 100)}% power.`,
        zh: `按当前样本量，最小可检测效应为 ${format.diff(mde.absolute).zh}${mde.relative !== null ? `（相对 ${signed(mde.relative).slice(1)}）` : ''}（检验功效 ${Math.round(power * 100)}%）。`,
      }
    : { en: '', zh: '' };
  const raw =
    f.pValue < alpha
      ? {
          en: ` (Significant before the correction for multiple comparisons only: raw p ${formatPValue(f.pValue)}.)`,
          zh: `（仅在多重比较校正前显著：原始 p ${formatPValue(f.pValue)}。）`,
        }
      : { en: '', zh: '' };
  return {
    decision: 'no_detectable_difference',
    en: `No detectable difference in the ${labelEn} between ${c.variant} and control (${from} vs ${to}, ${level} CI of the difference ${ci.en}; p ${p} after Holm).${raw.en}${mdeText.en}`,
    zh: `${c.variant} 与对照组的${labelZh}没有可检测的差异（${from} 对 ${to}，差异的 ${level} 置信区间 ${ci.zh}；Holm 校正后 p ${p}）。${raw.zh}${mdeText.zh}`,
  };
}

export function metricVerdict(comparisons: readonly Comparison[], higherIsBetter = true): Verdict {
  const first = comparisons[0] as Comparison;
  if (comparisons.length === 1) return first.verdict;
  const join = (decisions: readonly Comparison[]): Bilingual => ({
    en: decisions.map((c) => c.verdict.en).join(' '),
    zh: decisions.map((c) => c.verdict.zh).join(''),
  });
  if (first.verdict.decision === 'untrustworthy') return first.verdict;
  const ships = comparisons
    .filter((c) => c.verdict.decision === 'ship')
    .sort(
      (a, b) =>
        ((b.frequentist?.absolute.estimate ?? 0) - (a.frequentist?.absolute.estimate ?? 0)) *
        (higherIsBetter ? 1 : -1),
    );
  if (ships.length > 0) return { decision: 'ship', ...join(ships) };
  const worse = comparisons.filter((c) => c.verdict.decision === 'do_not_ship');
  if (worse.length > 0) return { decision: 'do_not_ship', ...join(worse) };
  const decision = comparisons.every((c) => c.verdict.decision === 'not_testable')
    ? 'not_testable'
    : 'no_detectable_difference';
  return { decision, ...join(comparisons) };
}

/**
 * The experiment's verdict: the primary metric's, then the guardrails — a failing guardrail for a shipping
 * variant turns 'ship' into 'do_not_ship', a warning is appended — then significant harm in any other
 * (non-guardrail) metric as a note.
 */
export function overallVerdict(
  metrics: readonly MetricAnalysis[],
  primary: MetricAnalysis,
  guardrails: readonly GuardrailCheck[] = [],
): Verdict {
  const v = primary.verdict;
  if (v.decision === 'untrustworthy' || metrics.length === 1) return v;
  const shipping = new Set(
    primary.comparisons.filter((c) => c.verdict.decision === 'ship').map((c) => c.variant),
  );
  const failing = guardrails.filter((g) => g.status === 'fail' && shipping.has(g.variant));
  const warning = guardrails.filter(
    (g) => g.status === 'warn' || (g.status === 'fail' && !shipping.has(g.variant)),
  );
  const others = metrics
    .filter((m) => m !== primary && !m.guardrail)
    .flatMap((m) => m.comparisons.filter((c) => c.verdict.decision === 'do_not_ship'));
  const prefix: Bilingual = {
    en: `Primary metric, ${primary.label.en}: `,
    zh: `主要指标（${primary.label.zh}）：`,
  };
  const stopped = failing.length > 0 && shipping.size === new Set(failing.map((g) => g.variant)).size;
  const primaryText: Bilingual = stopped
    ? { en: v.en.replace(/ Ship it\.$/, ''), zh: v.zh.replace(/建议上线。$/, '') }
    : v;
  const parts: Bilingual[] = [];
  if (failing.length > 0)
    parts.push({
      en: ` But ${failing.map((g) => g.text.en.replace(/^Guardrail/, 'the guardrail').replace(/\.$/, '')).join('; ')}.${stopped ? " Don't ship until the harm is understood." : ''}`,
      zh: `但${failing.map((g) => g.text.zh.replace(/。$/, '')).join('；')}。${stopped ? '在弄清损害原因之前不建议上线。' : ''}`,
    });
  if (warning.length > 0)
    parts.push({
      en: ` ${warning.map((g) => g.text.en).join(' ')}`,
      zh: warning.map((g) => g.text.zh).join(''),
    });
  if (others.length > 0)
    parts.push({
      en: ` Watch the other metrics: ${others.map((c) => c.verdict.en.replace(/ Don't ship it\.$/, '.')).join(' ')}`,
      zh: `请留意其他指标：${others.map((c) => c.verdict.zh.replace(/不建议上线。$/, '')).join('')}`,
    });
  return {
    decision: stopped ? 'do_not_ship' : v.decision,
    en: `${prefix.en}${primaryText.en}${parts.map((p) => p.en).join('')}`,
    zh: `${prefix.zh}${primaryText.zh}${parts.map((p) => p.zh).join('')}`,
  };
}
