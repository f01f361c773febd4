import type { Block, Section, TableColumn } from '../../../report/index.js';
import { type AttributionRun, attributionModelNames } from '../attribution-service.js';
import type { PlantedRecovery } from '../planted-recovery.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Multi-touch attribution: conversions per channel under every model side by side, shares by model as a
 * grouped bar chart, return on spend per channel, and — on the demo — how far each model is from the
 * planted channel effects.
 */
export function buildAttributionSection(
  run: AttributionRun,
  recovery: PlantedRecovery | null = null,
): Section {
  const models = run.models;
  const modelColumns: TableColumn[] = models.map((m) => ({
    key: m,
    label: attributionModelNames[m],
    format: 'number',
  }));
  const blocks: Block[] = [
    {
      kind: 'kpis',
      items: [
        {
          label: { en: 'Converting journeys', zh: '转化旅程' },
          value: run.totals.conversions.toLocaleString('en-US'),
        },
        {
          label: { en: 'Non-converting journeys', zh: '未转化旅程' },
          value: run.totals.nonConverting.toLocaleString('en-US'),
        },
        {
          label: {
            en: `Attributed revenue (${run.totals.currency})`,
            zh: `可归因收入（${run.totals.currency}）`,
          },
          value: Math.round(run.totals.value).toLocaleString('en-US'),
        },
        {
          label: { en: `Spend (${run.totals.currency})`, zh: `花费（${run.totals.currency}）` },
          value: Math.round(run.totals.spend).toLocaleString('en-US'),
        },
      ],
    },
    {
      kind: 'table',
      caption: { en: 'Attributed conversions by channel and model', zh: '各渠道在不同模型下的归因转化数' },
      columns: [{ key: 'channel', label: { en: 'Channel', zh: '渠道' } }, ...modelColumns],
      rows: run.channels.map((c) => ({
        channel: c.channel,
        ...Object.fromEntries(models.map((m) => [m, Math.round((c.byModel[m]?.conversions ?? 0) * 10) / 10])),
      })),
    },
    {
      kind: 'chart',
      caption: { en: 'Share of conversions by channel, per model', zh: '各模型下各渠道的转化占比' },
      chart: {
        type: 'bar',
        valueFormat: 'percent',
        categories: run.channels.map((c) => c.channel),
        series: models.map((m) => ({
          name: attributionModelNames[m],
          values: run.channels.map((c) => c.byModel[m]?.share ?? 0),
        })),
      },
    },
    {
      kind: 'table',
      caption: {
        en: `Return on spend = attributed revenue / spend (${run.totals.currency})`,
        zh: `花费回报 = 归因收入 / 花费（${run.totals.currency}）`,
      },
      columns: [
        { key: 'channel', label: { en: 'Channel', zh: '渠道' } },
        {
          key: 'spend',
          label: { en: 'Spend', zh: '花费' },
          format: 'currency',
          currency: run.totals.currency,
        },
        ...models.map((m) => ({ key: m, label: attributionModelNames[m], format: 'number' as const })),
      ],
      rows: run.channels.map((c) => ({
        channel: c.channel,
        spend: c.spend,
        ...Object.fromEntries(
          models.map((m) => [
            m,
            c.roi[m] === null || c.roi[m] === undefined ? null : Math.round((c.roi[m] as number) * 100) / 100,
          ]),
        ),
      })),
    },
  ];
  if (recovery) {
    const errors = [...recovery.errors].sort((a, b) => a.error - b.error);
    const last = recovery.errors.find((e) => e.model === 'last')?.error;
    const beat = (model: 'markov' | 'shapley') => {
      const e = recovery.errors.find((x) => x.model === model)?.error;
      return e === undefined || last === undefined ? null : e < last;
    };
    const markovBeats = beat('markov');
    const shapleyBeats = beat('shapley');
    const bestName = attributionModelNames[recovery.best];
    const bestError = recovery.errors.find((e) => e.model === recovery.best)?.error.toFixed(3);
    const baselineShare = pct(
      recovery.truth.baselineConversions / Math.max(1, recovery.truth.totalConversions),
    );
    blocks.push(
      {
        kind: 'table',
        caption: {
          en: 'Planted channel shares (noisy-OR Shapley split of each conversion) vs each model',
          zh: '预设渠道占比（按 noisy-OR 博弈 Shapley 值拆分每次转化）与各模型对比',
        },
        columns: [
          { key: 'channel', label: { en: 'Channel', zh: '渠道' } },
          { key: 'truth', label: { en: 'Planted', zh: '预设' }, format: 'percent' },
          ...models.map((m) => ({ key: m, label: attributionModelNames[m], format: 'percent' as const })),
        ],
        rows: recovery.truth.channels.map((t) => {
          const row = run.channels.find((c) => c.channel === t.channel);
          return {
            channel: t.channel,
            truth: t.share,
            ...Object.fromEntries(models.map((m) => [m, row?.byModel[m]?.share ?? 0])),
          };
        }),
      },
      {
        kind: 'table',
        caption: {
          en: 'Recovery error = ½ Σ |model share − planted share| (0 = exact, 1 = disjoint)',
          zh: '还原误差 = ½ Σ |模型占比 − 预设占比|（0 为完全一致，1 为完全不同）',
        },
        columns: [
          { key: 'model', label: { en: 'Model', zh: '模型' } },
          { key: 'error', label: { en: 'Error', zh: '误差' }, align: 'right' },
        ],
        rows: errors.map((e) => ({
          model: attributionModelNames[e.model],
          // three decimals: the models differ in the second
          error: e.error.toFixed(3),
        })),
      },
      {
        kind: 'callout',
        tone: markovBeats && shapleyBeats ? 'good' : 'warn',
        text: {
          en: `Closest to the planted effects: ${bestName.en} (error ${bestError}). Markov ${markovBeats === null ? 'not run' : markovBeats ? 'beats' : 'does not beat'} last touch; Shapley ${shapleyBeats === null ? 'not run' : shapleyBeats ? 'beats' : 'does not beat'} it.${markovBeats === false ? ' Removal effects credit how often converting journeys pass a channel, so frequent low-lift channels are over-credited.' : ''} The planted baseline got ${baselineShare} of conversions and is left out.`,
          zh: `最接近预设效应的是 ${bestName.zh}（误差 ${bestError}）。马尔可夫模型${markovBeats === null ? '未运行' : markovBeats ? '优于' : '未优于'}末次触点；Shapley 值${shapleyBeats === null ? '未运行' : shapleyBeats ? '优于' : '未优于'}末次触点。${markovBeats === false ? '移除效应衡量转化旅程经过某渠道的频率，因此高频、低增量的渠道被高估。' : ''}预设基线贡献了 ${baselineShare} 的转化，不计入渠道占比。`,
        },
      },
    );
  }
  const lead = run.channels[0];
  const leadModel = models.includes('shapley') ? 'shapley' : (models[0] ?? 'last');
  return {
    id: 'attribution',
    title: { en: 'Channel attribution', zh: '渠道归因' },
    summary: {
      en: `${run.totals.conversions.toLocaleString('en-US')} orders with touchpoints in the ${run.lookbackDays} days before them, attributed to ${run.channels.length} channels by ${models.length} models.${lead ? ` ${lead.channel} leads with ${pct(lead.byModel[leadModel]?.share ?? 0)} of conversions under ${attributionModelNames[leadModel].en}.` : ''}`,
      zh: `共 ${run.totals.conversions.toLocaleString('zh-CN')} 笔订单在下单前 ${run.lookbackDays} 天内有触点，用 ${models.length} 种模型归因到 ${run.channels.length} 个渠道。${lead ? `${lead.channel} 领先，在${attributionModelNames[leadModel].zh}模型下占 ${pct(lead.byModel[leadModel]?.share ?? 0)} 的转化。` : ''}`,
    },
    provenance: {
      engine: run.engine,
      modelRunId: run.modelRunId,
      dataWindow: run.dataWindow,
      note: {
        en: `Markov order ${run.markovOrder}, exact removal effects; Shapley exact over channel sets; lookback ${run.lookbackDays} days; amounts in ${run.totals.currency}. ${run.notes.map((n) => n.en).join(' ')}`,
        zh: `马尔可夫阶数 ${run.markovOrder}，精确移除效应；Shapley 值按渠道集合精确计算；回溯 ${run.lookbackDays} 天；金额单位 ${run.totals.currency}。${run.notes.map((n) => n.zh).join('')}`,
      },
    },
    blocks,
  };
}
