import type {
  Comparison,
  Decision,
  ExperimentAnalysis,
  GuardrailCheck,
  MetricAnalysis,
} from '../../../experiments/analyze-experiment.js';
import type { SegmentBreakdown } from '../../../experiments/segment-breakdown.js';
import type { Block, Localized, Section, TableCell } from '../../../report/index.js';
import type { ExperimentAnalysisRun } from '../experiment-service.js';

/** A planted (or otherwise known) effect and whether the analysis' interval covers it. */
export interface TruthCheck {
  readonly metric: Localized;
  /** 'absolute' (difference of means / rates) or 'relative' (lift t/c − 1). */
  readonly scale: 'absolute' | 'relative';
  readonly truth: number;
  readonly lower: number;
  readonly upper: number;
  readonly covered: boolean;
}

const decisionLabels: Readonly<Record<Decision, Localized>> = {
  ship: { en: 'Ship', zh: '上线' },
  do_not_ship: { en: "Don't ship", zh: '不上线' },
  no_detectable_difference: { en: 'No detectable difference', zh: '无可检测差异' },
  untrustworthy: { en: "Don't trust (SRM)", zh: '不可信（样本比例失衡）' },
  not_testable: { en: 'Not testable', zh: '无法检验' },
};

const tone = (decision: Decision): 'good' | 'warn' | 'info' =>
  decision === 'ship' ? 'good' : decision === 'untrustworthy' || decision === 'do_not_ship' ? 'warn' : 'info';

const percent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const signedText = (text: string) => text.replace(/^-/, '−');

function formatValue(metric: MetricAnalysis, x: number): string {
  return metric.kind === 'proportion' ? percent(x, 2) : signedText(x.toFixed(2));
}

function formatDifference(metric: MetricAnalysis, x: number): string {
  const sign = x >= 0 ? '+' : '−';
  return metric.kind === 'proportion'
    ? `${sign}${Math.abs(x * 100).toFixed(2)} pp`
    : `${sign}${Math.abs(x).toFixed(2)}`;
}

function comparisonRow(metric: MetricAnalysis, c: Comparison): Record<string, TableCell> {
  const f = c.frequentist;
  return {
    metric: metric.primary
      ? { en: `${metric.label.en} (primary)`, zh: `${metric.label.zh}（主要）` }
      : metric.label,
    variant: c.variant,
    control: formatValue(metric, c.controlMean),
    treatment: formatValue(metric, c.treatmentMean),
    lift: f ? formatDifference(metric, f.absolute.estimate) : null,
    ci: f
      ? `${formatDifference(metric, f.absolute.ci.lower)} … ${formatDifference(metric, f.absolute.ci.upper)}`
      : null,
    relative: f?.relative ? signedText(percent(f.relative.estimate)) : null,
    pHolm: f ? f.pValueHolm : null,
    pSequential: c.sequential ? c.sequential.pValue : null,
    probabilityBest: c.bayesian ? c.bayesian.probabilityBest : null,
    decision: decisionLabels[c.verdict.decision],
  };
}

/**
 * One A/B test: the verdict (en/zh) and SRM callouts, KPIs of the primary metric, a table of every
 * metric × variant (lift, interval, Holm and always-valid p, P(best)), a bar chart of the per-variant
 * means of each metric, the arms with their intervals, and — for the demo — whether the intervals cover
 * the planted effects.
 */
export function buildExperimentSection(
  run: ExperimentAnalysisRun,
  truth: readonly TruthCheck[] = [],
): Section {
  const { analysis } = run;
  const level = `${Math.round((1 - analysis.alpha) * 100)}%`;
  const primary = analysis.metrics.find((m) => m.primary) ?? (analysis.metrics[0] as MetricAnalysis);
  const lead = primary.comparisons[0];
  const blocks: Block[] = [
    { kind: 'callout', tone: tone(analysis.verdict.decision), text: analysis.verdict },
    { kind: 'callout', tone: analysis.srm.mismatch ? 'warn' : 'info', text: analysis.srm.verdict },
    {
      kind: 'kpis',
      items: [
        {
          label: { en: 'Users (exposed)', zh: '曝光用户' },
          value: analysis.variants.map((v) => `${v.name} ${v.users.toLocaleString('en-US')}`).join(' · '),
          hint: {
            en: `SRM chi-square p = ${analysis.srm.pValue.toPrecision(3)}`,
            zh: `样本比例卡方检验 p = ${analysis.srm.pValue.toPrecision(3)}`,
          },
        },
        {
          label: { en: `${primary.label.en}, control`, zh: `对照组${primary.label.zh}` },
          value: formatValue(primary, primary.arms[0]?.mean ?? 0),
        },
        ...(lead?.frequentist
          ? [
              {
                label: { en: `Lift of ${lead.variant}`, zh: `${lead.variant} 的提升` },
                value: formatDifference(primary, lead.frequentist.absolute.estimate),
                hint: {
                  en: `${level} CI ${formatDifference(primary, lead.frequentist.absolute.ci.lower)} … ${formatDifference(primary, lead.frequentist.absolute.ci.upper)}; Holm p = ${lead.frequentist.pValueHolm.toPrecision(2)}`,
                  zh: `${level} 置信区间 ${formatDifference(primary, lead.frequentist.absolute.ci.lower)} … ${formatDifference(primary, lead.frequentist.absolute.ci.upper)}；Holm p = ${lead.frequentist.pValueHolm.toPrecision(2)}`,
                },
              },
            ]
          : []),
        ...(lead?.bayesian
          ? [
              {
                label: { en: `P(${lead.variant} is best)`, zh: `${lead.variant} 最优的概率` },
                value: percent(lead.bayesian.probabilityBest),
                hint: {
                  en: `${lead.bayesian.model} model; expected loss if shipped ${formatDifference(primary, lead.bayesian.expectedLoss)}`,
                  zh: `${lead.bayesian.model === 'beta-binomial' ? 'Beta-二项' : '正态'}模型；上线的预期损失 ${formatDifference(primary, lead.bayesian.expectedLoss)}`,
                },
              },
            ]
          : []),
      ],
    },
    {
      kind: 'table',
      caption: {
        en: `Every metric × variant against ${analysis.control}: absolute lift with its ${level} CI, relative lift, Holm-adjusted p (over ${analysis.corrections.family} comparisons), always-valid sequential p, Bayesian P(best)`,
        zh: `各指标 × 各变体相对 ${analysis.control} 的比较：绝对提升及其 ${level} 置信区间、相对提升、Holm 校正 p（共 ${analysis.corrections.family} 项比较）、随时有效的序贯 p、贝叶斯最优概率`,
      },
      columns: [
        { key: 'metric', label: { en: 'Metric', zh: '指标' } },
        { key: 'variant', label: { en: 'Variant', zh: '变体' } },
        { key: 'control', label: { en: 'Control', zh: '对照组' }, align: 'right' },
        { key: 'treatment', label: { en: 'Variant value', zh: '变体值' }, align: 'right' },
        { key: 'lift', label: { en: 'Lift', zh: '提升' }, align: 'right' },
        { key: 'ci', label: { en: `${level} CI`, zh: `${level} 置信区间` }, align: 'right' },
        { key: 'relative', label: { en: 'Relative', zh: '相对提升' }, align: 'right' },
        { key: 'pHolm', label: { en: 'p (Holm)', zh: 'p（Holm）' }, format: 'number' },
        { key: 'pSequential', label: { en: 'p (sequential)', zh: 'p（序贯）' }, format: 'number' },
        { key: 'probabilityBest', label: { en: 'P(best)', zh: '最优概率' }, format: 'percent' },
        { key: 'decision', label: { en: 'Verdict', zh: '结论' } },
      ],
      rows: analysis.metrics.flatMap((m) => m.comparisons.map((c) => comparisonRow(m, c))),
    },
  ];
  for (const metric of analysis.metrics) {
    blocks.push({
      kind: 'chart',
      caption: {
        en: `${metric.label.en} by variant (${level} intervals in the table below)`,
        zh: `各变体的${metric.label.zh}（${level} 区间见下表）`,
      },
      chart: {
        type: 'bar',
        valueFormat: metric.kind === 'proportion' ? 'percent' : 'number',
        categories: metric.arms.map((a) => a.variant),
        series: [{ name: metric.label, values: metric.arms.map((a) => a.mean) }],
        showValues: true,
      },
    });
  }
  blocks.push({
    kind: 'table',
    caption: {
      en: `Per variant: ${level} interval of the mean (Wilson for rates, t for means), P(best) and expected loss`,
      zh: `各变体：均值的 ${level} 区间（比率用 Wilson，均值用 t）、最优概率与预期损失`,
    },
    columns: [
      { key: 'metric', label: { en: 'Metric', zh: '指标' } },
      { key: 'variant', label: { en: 'Variant', zh: '变体' } },
      { key: 'n', label: { en: 'Users', zh: '用户数' }, format: 'int' },
      { key: 'mean', label: { en: 'Value', zh: '值' }, align: 'right' },
      { key: 'ci', label: { en: `${level} interval`, zh: `${level} 区间` }, align: 'right' },
      { key: 'probabilityBest', label: { en: 'P(best)', zh: '最优概率' }, format: 'percent' },
    ],
    rows: analysis.metrics.flatMap((m) =>
      m.arms.map((a) => ({
        metric: m.label,
        variant: a.variant,
        n: a.n,
        mean: formatValue(m, a.mean),
        ci: a.ci ? `${formatValue(m, a.ci.lower)} … ${formatValue(m, a.ci.upper)}` : null,
        probabilityBest: a.probabilityBest,
      })),
    ),
  });
  blocks.push(...guardrailBlocks(analysis), ...segmentBlocks(run.segments));
  if (truth.length > 0) {
    const all = truth.every((t) => t.covered);
    const line = (t: TruthCheck, zh: boolean) => {
      const show = (x: number) =>
        t.scale === 'relative' ? signedText(percent(x)) : signedText(x.toFixed(4));
      const metric = zh ? t.metric.zh : t.metric.en;
      return zh
        ? `${metric}：真实${t.scale === 'relative' ? '相对' : '绝对'}效应 ${show(t.truth)}，区间 ${show(t.lower)} … ${show(t.upper)}${t.covered ? '，覆盖' : '，未覆盖'}`
        : `${metric}: planted ${t.scale} effect ${show(t.truth)}, interval ${show(t.lower)} … ${show(t.upper)} — ${t.covered ? 'covered' : 'not covered'}`;
    };
    blocks.push({
      kind: 'callout',
      tone: all ? 'good' : 'warn',
      text: {
        en: `Planted truth of the demo data: ${truth.map((t) => line(t, false)).join('; ')}.`,
        zh: `演示数据的真实效应：${truth.map((t) => line(t, true)).join('；')}。`,
      },
    });
  }
  return {
    id: `experiment-${analysis.experiment.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`,
    title: {
      en: `A/B test: ${analysis.experiment.name}`,
      zh: `A/B 测试：${analysis.experiment.name}`,
    },
    summary: analysis.verdict,
    provenance: {
      engine: run.engine,
      modelRunId: run.modelRunId,
      ...(run.dataWindow ? { dataWindow: run.dataWindow } : {}),
      interval: { en: `${level} confidence`, zh: `${level} 置信` },
      note: {
        en: `Exposed customers by first assignment; outcomes within ${run.windowDays} days of exposure (revenue = conversion event values as recorded). Two-proportion z-test / Welch t-test, Holm across metrics × variants, beta-binomial and normal Bayesian models, GAVI always-valid sequential test, SRM chi-square (p < ${analysis.srm.threshold}).`,
        zh: `曝光用户按首次分组计；结果取曝光后 ${run.windowDays} 天内（收入 = 转化事件记录的金额）。两比例 z 检验 / Welch t 检验，跨指标与变体做 Holm 校正，Beta-二项与正态贝叶斯模型，GAVI 随时有效序贯检验，样本比例卡方检验（p < ${analysis.srm.threshold}）。`,
      },
    },
    blocks,
  };
}

const relativeText = (x: number | null) => (x === null ? null : signedText(percent(x)));

function guardrailBlocks(analysis: ExperimentAnalysis): Block[] {
  if (analysis.guardrails.length === 0) return [];
  const status: Record<GuardrailCheck['status'], Localized> = {
    pass: { en: 'holds', zh: '正常' },
    warn: { en: 'may be hurt', zh: '可能受损' },
    fail: { en: 'fails', zh: '未通过' },
    not_testable: { en: 'not testable', zh: '无法检验' },
  };
  return [
    {
      kind: 'table',
      caption: {
        en: 'Guardrails: fail when significantly worse beyond the tolerance (raw p, not corrected, to catch harm early); warn when worse with a probability of harm ≥ 80%',
        zh: '护栏指标：显著变差且超出容许范围即未通过（用未校正 p，尽早发现损害）；变差且受损概率 ≥ 80% 时预警',
      },
      columns: [
        { key: 'metric', label: { en: 'Guardrail', zh: '护栏指标' } },
        { key: 'variant', label: { en: 'Variant', zh: '变体' } },
        { key: 'status', label: { en: 'Status', zh: '状态' } },
        { key: 'change', label: { en: 'Change', zh: '变化' }, align: 'right' },
        { key: 'tolerance', label: { en: 'Tolerated harm', zh: '容许损害' }, format: 'percent' },
        { key: 'pValue', label: { en: 'p (raw)', zh: 'p（未校正）' }, format: 'number' },
        { key: 'harm', label: { en: 'P(harm)', zh: '受损概率' }, format: 'percent' },
      ],
      rows: analysis.guardrails.map((g) => ({
        metric: g.label,
        variant: g.variant,
        status: status[g.status],
        change: relativeText(g.change),
        tolerance: g.tolerance,
        pValue: g.pValue,
        harm: g.probabilityOfHarm,
      })),
    },
  ];
}

function segmentBlocks(breakdowns: readonly SegmentBreakdown[]): Block[] {
  return breakdowns.flatMap((b): Block[] => [
    {
      kind: 'table',
      caption: {
        en: `${b.metric} by ${b.dimension}: each segment tested as the whole experiment, Holm over the ${b.correction.family} segment × variant comparisons`,
        zh: `${b.metric} 按 ${b.dimension} 细分：每个细分按整体实验的方法检验，对 ${b.correction.family} 项细分 × 变体比较做 Holm 校正`,
      },
      columns: [
        { key: 'segment', label: { en: 'Segment', zh: '细分' } },
        { key: 'variant', label: { en: 'Variant', zh: '变体' } },
        {
          key: 'users',
          label: { en: 'Users (control / variant)', zh: '用户数（对照 / 变体）' },
          align: 'right',
        },
        { key: 'relative', label: { en: 'Relative lift', zh: '相对提升' }, align: 'right' },
        { key: 'pValue', label: { en: 'p (raw)', zh: 'p（未校正）' }, format: 'number' },
        { key: 'pValueHolm', label: { en: 'p (Holm)', zh: 'p（Holm）' }, format: 'number' },
        { key: 'significant', label: { en: 'Significant', zh: '显著' } },
      ],
      rows: b.comparisons.map((c) => ({
        segment: c.segment,
        variant: c.variant,
        users: `${c.controlUsers.toLocaleString('en-US')} / ${c.treatmentUsers.toLocaleString('en-US')}`,
        relative: relativeText(c.relativeLift),
        pValue: c.pValue,
        pValueHolm: c.pValueHolm,
        significant: c.testable
          ? c.significant
            ? { en: 'yes', zh: '是' }
            : { en: 'no', zh: '否' }
          : (c.problem ?? { en: 'not testable', zh: '无法检验' }),
      })),
    },
    { kind: 'callout', tone: 'info', text: b.verdict },
  ]);
}
