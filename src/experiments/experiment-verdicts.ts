import type { Bilingual, Comparison, MetricAnalysis, Verdict } from './experiment-analysis-types.js';
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
  metric: { label: Bilingual; kind: 'proportion' | 'mean'; unit: string | null },
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
    return up
      ? {
          decision: 'ship',
          en: `${c.variant} raises the ${labelEn} by ${size.en} (${rel}${from} → ${to}, ${level} CI ${ci.en}; p ${p} after Holm). Ship it.`,
          zh: `${c.variant} 使${labelZh}提高 ${size.zh}（${relZh}${from} → ${to}，${level} 置信区间 ${ci.zh}；Holm 校正后 p ${p}）。建议上线。`,
        }
      : {
          decision: 'do_not_ship',
          en: `${c.variant} lowers the ${labelEn} by ${size.en} (${rel}${from} → ${to}, ${level} CI ${ci.en}; p ${p} after Holm). Don't ship it.`,
          zh: `${c.variant} 使${labelZh}降低 ${size.zh}（${relZh}${from} → ${to}，${level} 置信区间 ${ci.zh}；Holm 校正后 p ${p}）。不建议上线。`,
        };
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

export function metricVerdict(comparisons: readonly Comparison[]): Verdict {
  const first = comparisons[0] as Comparison;
  if (comparisons.length === 1) return first.verdict;
  const join = (decisions: readonly Comparison[]): Bilingual => ({
    en: decisions.map((c) => c.verdict.en).join(' '),
    zh: decisions.map((c) => c.verdict.zh).join(''),
  });
  if (first.verdict.decision === 'untrustworthy') return first.verdict;
  const ships = comparisons
    .filter((c) => c.verdict.decision === 'ship')
    .sort((a, b) => (b.frequentist?.absolute.estimate ?? 0) - (a.frequentist?.absolute.estimate ?? 0));
  if (ships.length > 0) return { decision: 'ship', ...join(ships) };
  const worse = comparisons.filter((c) => c.verdict.decision === 'do_not_ship');
  if (worse.length > 0) return { decision: 'do_not_ship', ...join(worse) };
  const decision = comparisons.every((c) => c.verdict.decision === 'not_testable')
    ? 'not_testable'
    : 'no_detectable_difference';
  return { decision, ...join(comparisons) };
}

export function overallVerdict(metrics: readonly MetricAnalysis[], primary: MetricAnalysis): Verdict {
  const v = primary.verdict;
  if (v.decision === 'untrustworthy' || metrics.length === 1) return v;
  const warnings = metrics
    .filter((m) => m !== primary)
    .flatMap((m) => m.comparisons.filter((c) => c.verdict.decision === 'do_not_ship'));
  const prefix: Bilingual = {
    en: `Primary metric, ${primary.label.en}: `,
    zh: `主要指标（${primary.label.zh}）：`,
  };
  const warning: Bilingual =
    warnings.length > 0
      ? {
          en: ` But watch the guardrails: ${warnings.map((c) => c.verdict.en.replace(/ Don't ship it\.$/, '.')).join(' ')}`,
          zh: `但请注意护栏指标：${warnings.map((c) => c.verdict.zh.replace(/不建议上线。$/, '')).join('')}`,
        }
      : { en: '', zh: '' };
  return {
    decision: v.decision,
    en: `${prefix.en}${v.en}${warning.en}`,
    zh: `${prefix.zh}${v.zh}${warning.zh}`,
  };
}

// ------------------------------------------------------------------------------------------- entry

/** See the file comment: one results object per experiment, with verdicts in en and zh. */
