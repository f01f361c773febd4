import { type LoadedConfig, parseConfig } from '../../core/config.js';
import { BRANDS } from '../../demo/index.js';
import type { Block, Section } from '../../report/index.js';
import type { Store } from '../../store/store.js';
import { demoBrand } from '../content/demo-content.js';
import { plantedVoiceRecovery, type VoiceRecovery } from './planted-voice.js';
import { buildVoiceSections } from './report/voice-section.js';
import { analyzeDocuments } from './text-analysis-service.js';
import { loadVoiceInsights } from './voice-insights.js';

/**
 * The voice-of-the-customer part of the demo: every document through `text analyze` with the demo
 * brand dictionary (Larkspur 云雀 is ours; 一只云雀, the bird, is not the brand), the insights and
 * report sections, and — on the first section — how well they recover the planted labels, spikes
 * and share of voice.
 */

/** The demo's config: its brand voice and the brand dictionary of BRANDS. */
export function demoVoiceConfig(dir: string): LoadedConfig {
  const brands = BRANDS.map((b) => ({
    key: b.key,
    en: [b.name],
    zh: [b.nameZh],
    ours: b.ours,
    exclude: b.ours ? ['一只云雀'] : [],
  }));
  return { ...parseConfig({ brand: demoBrand, brands }, 'demo'), dir, dbPath: ':memory:' };
}

const fixed = (x: number) => x.toFixed(3);

/** The "recovered vs planted" table and a callout of the spikes. */
export function voiceRecoveryBlocks(recovery: VoiceRecovery): Block[] {
  const rows = [
    {
      metric: { en: 'Aspects present: precision / recall / F1', zh: '方面识别：精确率 / 召回率 / F1' },
      value: `${fixed(recovery.aspects.precision)} / ${fixed(recovery.aspects.recall)} / ${fixed(recovery.aspects.f1)}`,
    },
    {
      metric: { en: 'Aspect polarity accuracy', zh: '方面极性准确率' },
      value: fixed(recovery.aspectPolarity.accuracy),
    },
    {
      metric: { en: 'Competitors named: precision / recall', zh: '竞品提及：精确率 / 召回率' },
      value: `${fixed(recovery.competitors.precision)} / ${fixed(recovery.competitors.recall)}`,
    },
    {
      metric: { en: 'Document sentiment: accuracy / macro-F1', zh: '文档情感：准确率 / 宏 F1' },
      value: `${fixed(recovery.sentiment.accuracy)} / ${fixed(recovery.sentiment.macroF1)}`,
    },
    ...recovery.spikes.map((s) => ({
      metric: {
        en: `Spike ${s.aspect} (${s.plantedFirstDay} – ${s.plantedLastDay}, ${s.extraDocuments} posts)`,
        zh: `负面激增 ${s.aspect}（${s.plantedFirstDay} – ${s.plantedLastDay}，${s.extraDocuments} 帖）`,
      },
      value: s.detectedBucket
        ? {
            en: `alert ${s.detectedBucket}${s.withinOneBucket ? '' : ' (late)'}`,
            zh: `预警 ${s.detectedBucket}${s.withinOneBucket ? '' : '（偏晚）'}`,
          }
        : { en: 'not detected', zh: '未检出' },
    })),
    ...recovery.shareOfVoice.map((s) => ({
      metric: {
        en: `Share of voice ${s.brand}: planted / realised / measured`,
        zh: `声量份额 ${s.brand}：预设 / 实际 / 测得`,
      },
      value: `${fixed(s.planted)} / ${fixed(s.realized)} / ${fixed(s.measured)}`,
    })),
  ];
  const found = recovery.spikes.filter((s) => s.withinOneBucket).length;
  return [
    {
      kind: 'table',
      caption: {
        en: `Recovered vs planted, ${recovery.documents} labelled documents (spikes in ${recovery.spikeBucket} buckets)`,
        zh: `还原结果与预设对比：${recovery.documents} 篇带标签文档（激增按${recovery.spikeBucket}分桶）`,
      },
      columns: [
        { key: 'metric', label: { en: 'Planted truth', zh: '预设真值' } },
        { key: 'value', label: { en: 'Recovered', zh: '还原' }, align: 'right' },
      ],
      rows,
    },
    {
      kind: 'callout',
      tone: found === recovery.spikes.length ? 'good' : 'warn',
      text: {
        en: `${found} of ${recovery.spikes.length} planted negative spikes raised an alert naming their aspect within one bucket of the planted window.`,
        zh: `${recovery.spikes.length} 个预设负面激增中有 ${found} 个在预设时间窗 ± 1 个时间桶内触发了指明相应方面的预警。`,
      },
    },
  ];
}

/** The demo entry: analyse, build the sections, add the planted-truth recovery to the first one. */
export async function runVoiceDemo(context: {
  readonly store: Store;
  readonly seed: number;
}): Promise<Section[]> {
  const config = demoVoiceConfig(process.cwd());
  await analyzeDocuments(context.store, config);
  const insights = await loadVoiceInsights(context.store, config);
  const sections = buildVoiceSections(insights);
  const recovery = await plantedVoiceRecovery(context.store, insights);
  const [first, ...rest] = sections;
  if (!recovery || !first) return sections;
  return [{ ...first, blocks: [...first.blocks, ...voiceRecoveryBlocks(recovery)] }, ...rest];
}
