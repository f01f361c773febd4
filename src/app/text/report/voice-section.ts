import type { Block, Localized, Provenance, Section, TableBlock } from '../../../report/index.js';
import type { SatisfactionDriver, VoiceInsights } from '../voice-insights.js';
import type { VoiceAlert } from '../voice-spikes.js';
import { aspectLabel, bucketNames, pct, quoteCell, round } from './voice-format.js';
import { productDriverBlocks } from './voice-product-section.js';
import { aspectTermBlocks, voiceTopicBlocks } from './voice-topics-section.js';

/**
 * Voice-of-the-customer report sections (zh and en): sentiment trend, aspect × brand heatmap,
 * satisfied and dissatisfied points with quotes, emerging terms and negative-spike alerts, share
 * of voice and the aspect-by-aspect comparison with competitors; topics (trends section) and candidate
 * aspect terms (aspects section) come from voice-topics-section.ts. Every section names the sentiment
 * engine, the `text.analyze` run(s) and the data window.
 */

const verdictNames: Readonly<Record<string, Localized>> = {
  ahead: { en: 'ahead', zh: '领先' },
  behind: { en: 'behind', zh: '落后' },
  level: { en: 'level', zh: '持平' },
  too_few: { en: 'too few', zh: '样本不足' },
};

function provenance(insights: VoiceInsights, note?: Localized): Provenance {
  const runs = insights.modelRunIds.length;
  const runNote: Localized = {
    en: runs > 1 ? `Insights of ${runs} incremental text.analyze runs (each document's newest).` : '',
    zh: runs > 1 ? `来自 ${runs} 次增量 text.analyze 运行（每篇文档取最新一次）。` : '',
  };
  return {
    engine: insights.engine,
    ...(insights.modelRunId ? { modelRunId: insights.modelRunId } : {}),
    ...(insights.dataWindow ? { dataWindow: insights.dataWindow } : {}),
    note: {
      en: [runNote.en, note?.en ?? ''].filter(Boolean).join(' '),
      zh: [runNote.zh, note?.zh ?? ''].join(''),
    },
  };
}

const brandLabel = (insights: VoiceInsights, key: string): Localized =>
  insights.brandNames[key] ?? { en: key, zh: key };

function sentimentSection(insights: VoiceInsights): Section {
  const trend = insights.sentimentTrend;
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  const labelled = sum(trend.positive) + sum(trend.negative) + sum(trend.neutral);
  const period = bucketNames[trend.bucket] as Localized;
  const ours = insights.ours ? brandLabel(insights, insights.ours) : { en: 'all brands', zh: '全部品牌' };
  return {
    id: 'voice-sentiment',
    title: { en: 'Voice of the customer: sentiment trend', zh: '客户之声：情感趋势' },
    summary: {
      en: `${sum(trend.volume)} customer documents about ${ours.en} (reviews, posts, tickets; news excluded); ${labelled > 0 ? pct(sum(trend.negative) / labelled) : '–'} negative overall.`,
      zh: `关于${ours.zh}的客户文档 ${sum(trend.volume)} 篇（评价、社媒、工单；不含新闻）；整体负面占比 ${labelled > 0 ? pct(sum(trend.negative) / labelled) : '–'}。`,
    },
    provenance: provenance(insights, {
      en: 'Negative share = negative / documents with a positive, negative or neutral label.',
      zh: '负面占比 = 负面文档数 / 有正面、负面或中性标签的文档数。',
    }),
    blocks: [
      {
        kind: 'kpis',
        items: [
          { label: { en: 'Documents analysed', zh: '已分析文档' }, value: String(insights.documents) },
          { label: { en: 'Not analysed yet', zh: '尚未分析' }, value: String(insights.unanalysed) },
          { label: { en: 'Sentiment engine', zh: '情感引擎' }, value: insights.engine },
          {
            label: { en: 'Negative share', zh: '负面占比' },
            value: labelled > 0 ? pct(sum(trend.negative) / labelled) : '–',
          },
        ],
      },
      {
        kind: 'chart',
        caption: { en: `Negative share, ${period.en}`, zh: `${period.zh}负面占比` },
        chart: {
          type: 'line',
          categories: trend.buckets,
          series: [{ name: { en: 'Negative share', zh: '负面占比' }, values: trend.negativeShare }],
          valueFormat: 'percent',
        },
      },
      {
        kind: 'chart',
        caption: { en: `Volume by sentiment, ${period.en}`, zh: `${period.zh}各情感文档量` },
        chart: {
          type: 'stacked-bar',
          categories: trend.buckets,
          series: [
            { name: { en: 'Positive', zh: '正面' }, values: trend.positive },
            { name: { en: 'Neutral', zh: '中性' }, values: trend.neutral },
            { name: { en: 'Negative', zh: '负面' }, values: trend.negative },
          ],
          valueFormat: 'int',
        },
      },
    ],
  };
}

function aspectSection(insights: VoiceInsights): Section {
  const map = insights.aspectHeatmap;
  const columns = map.brands.map((b) => brandLabel(insights, b));
  const rows = map.aspects.map((a) => aspectLabel(insights, a));
  return {
    id: 'voice-aspects',
    title: { en: 'Aspects by brand', zh: '各品牌的方面评价' },
    summary: {
      en: 'Net sentiment (positive − negative) / mentions of each aspect, per brand the opinion is about.',
      zh: '各方面的净情感（正面 − 负面）/ 提及数，按观点所指的品牌统计。',
    },
    provenance: provenance(insights, {
      en: 'Aspects by term matching and the nearest opinion word; a document counts once per brand and aspect.',
      zh: '方面由术语匹配与最近的观点词得出；每篇文档对每个品牌和方面只计一次。',
    }),
    blocks: [
      {
        kind: 'chart',
        caption: { en: 'Net sentiment by aspect and brand', zh: '各方面与品牌的净情感' },
        chart: { type: 'heatmap', columns, rows, values: map.net.map((r) => r.map((x) => round(x, 2))) },
      },
      {
        kind: 'table',
        caption: { en: 'Mentions (documents) by aspect and brand', zh: '各方面与品牌的提及文档数' },
        columns: [
          { key: 'aspect', label: { en: 'Aspect', zh: '方面' } },
          ...map.brands.map((b, i) => ({
            key: `b${i}`,
            label: brandLabel(insights, b),
            format: 'int' as const,
          })),
        ],
        rows: map.aspects.map((a, i) => ({
          aspect: aspectLabel(insights, a),
          ...Object.fromEntries(map.brands.map((_, j) => [`b${j}`, map.mentions[i]?.[j] ?? 0])),
        })),
      },
      ...aspectTermBlocks(insights),
    ],
  };
}

function driverTable(
  insights: VoiceInsights,
  drivers: readonly SatisfactionDriver[],
  caption: Localized,
): TableBlock {
  return {
    kind: 'table',
    caption,
    columns: [
      { key: 'aspect', label: { en: 'Aspect', zh: '方面' } },
      { key: 'documents', label: { en: 'Documents', zh: '文档数' }, format: 'int' },
      { key: 'net', label: { en: 'Net sentiment', zh: '净情感' }, format: 'number' },
      { key: 'r', label: { en: 'Correlation with rating', zh: '与评分的相关' }, format: 'number' },
      { key: 'quote1', label: { en: 'Quote', zh: '原话' } },
      { key: 'quote2', label: { en: 'Quote', zh: '原话' } },
    ],
    rows: drivers.map((d) => ({
      aspect: aspectLabel(insights, d.aspect),
      documents: d.documents,
      net: round(d.netSentiment, 2),
      r: round(d.ratingCorrelation, 2),
      quote1: quoteCell(d.quotes[0]),
      quote2: quoteCell(d.quotes[1]),
    })),
  };
}

function driverSection(insights: VoiceInsights): Section | null {
  const drivers = insights.drivers;
  if (!drivers) return null;
  return {
    id: 'voice-drivers',
    title: { en: 'What customers like and dislike', zh: '满意点与不满点' },
    summary: {
      en: 'First the aspects with the highest driver score of that sign (net sentiment × share of documents mentioning the aspect × max(correlation with rating, 0); importance–performance analysis), then those with the most opinions of that sign; quotes are the most central sentences on the aspect among documents holding that opinion (TextRank focused on its terms).',
      zh: '先列出该方向驱动得分最高的方面（净情感 × 提及该方面的文档占比 × max(与评分的相关, 0)；重要性—表现分析），再补充该方向观点最多的方面；原话取自持该观点的文档中关于该方面最具代表性的句子（以方面术语为焦点的 TextRank）。',
    },
    provenance: provenance(insights),
    blocks: [
      driverTable(insights, drivers.positive, { en: 'Satisfied points', zh: '满意点' }),
      driverTable(insights, drivers.negative, { en: 'Dissatisfied points', zh: '不满点' }),
      ...productDriverBlocks(insights),
    ],
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function alertRow(
  insights: VoiceInsights,
  a: VoiceAlert,
): Record<string, string | number | Localized | null> {
  const scope = a.scope === 'all' ? { en: 'all documents', zh: '全部文档' } : aspectLabel(insights, a.scope);
  const kind =
    a.kind === 'negative_share' ? { en: 'negative share', zh: '负面占比' } : { en: 'volume', zh: '数量' };
  return {
    bucket: a.bucket,
    scope,
    kind,
    value: a.kind === 'negative_share' ? pct(a.value) : String(a.value),
    expected: a.kind === 'negative_share' ? pct(a.expected) : a.expected.toFixed(1),
    z: round(a.z, 1),
    terms: a.drivingTerms
      .slice(0, 6)
      .map((t) => t.term)
      .join(', '),
    aspects: a.drivingAspects
      .slice(0, 3)
      .map((x) => x.aspect)
      .join(', '),
    examples: a.examples
      .slice(0, 3)
      .map((e) => `${e.docId} (${day(e.ts)})`)
      .join('; '),
  };
}

function trendSection(insights: VoiceInsights): Section {
  const { emergingTerms: emerging, spikes } = insights;
  const period = bucketNames[spikes.bucket] as Localized;
  return {
    id: 'voice-trends',
    title: { en: 'Emerging terms, negative spikes and topics', zh: '新兴词、负面激增与主题' },
    summary: {
      en: `${spikes.alerts.length} alerts on ${spikes.documents} reviews and posts about our brand (${period.en} buckets: trailing 14-bucket baseline, z ≥ 3), explained by over-represented terms and aspects.`,
      zh: `基于 ${spikes.documents} 篇关于本品牌的评价与帖子（${period.zh}分桶：前 14 桶为基线，z ≥ 3）发现 ${spikes.alerts.length} 条预警，并以显著偏高的词语与方面说明原因。`,
    },
    provenance: provenance(insights, {
      en: 'Alerts on the whole stream (volume, negative share) and on each aspect’s negative mentions (volume); driving terms by log-odds with an informative prior (Monroe et al. 2008).',
      zh: '预警分别针对整体文档流（数量、负面占比）与各方面的负面提及（数量）；驱动词采用带信息先验的对数几率（Monroe 等 2008）。',
    }),
    blocks: [
      {
        kind: 'table',
        caption: { en: 'Spike alerts', zh: '激增预警' },
        columns: [
          { key: 'bucket', label: { en: 'Bucket', zh: '时间桶' } },
          { key: 'scope', label: { en: 'Stream', zh: '范围' } },
          { key: 'kind', label: { en: 'Kind', zh: '类型' } },
          { key: 'value', label: { en: 'Value', zh: '数值' }, align: 'right' },
          { key: 'expected', label: { en: 'Expected', zh: '预期' }, align: 'right' },
          { key: 'z', label: { en: 'z', zh: 'z' }, format: 'number' },
          { key: 'terms', label: { en: 'Driving terms', zh: '驱动词' } },
          { key: 'aspects', label: { en: 'Driving aspects', zh: '驱动方面' } },
          { key: 'examples', label: { en: 'Example documents', zh: '示例文档' } },
        ],
        rows: spikes.alerts.map((a) => alertRow(insights, a)),
        maxRows: 30,
      },
      {
        kind: 'table',
        caption: {
          en: `Emerging terms (${bucketNames[emerging.bucket]?.en ?? emerging.bucket} bursts against each term's own baseline)`,
          zh: `新兴词（相对各词自身基线的${bucketNames[emerging.bucket]?.zh ?? emerging.bucket}突增）`,
        },
        columns: [
          { key: 'term', label: { en: 'Term', zh: '词语' } },
          { key: 'bucket', label: { en: 'Bucket', zh: '时间桶' } },
          { key: 'count', label: { en: 'Documents', zh: '文档数' }, format: 'int' },
          { key: 'expected', label: { en: 'Expected', zh: '预期' }, format: 'number' },
          { key: 'z', label: { en: 'z', zh: 'z' }, format: 'number' },
          { key: 'examples', label: { en: 'Example documents', zh: '示例文档' } },
        ],
        rows: emerging.terms.map((t) => ({
          term: t.term,
          bucket: t.bucket,
          count: t.count,
          expected: round(t.expected, 2),
          z: round(t.z, 1),
          examples: t.exampleIds.join(', '),
        })),
        maxRows: 25,
      },
      ...voiceTopicBlocks(insights),
    ],
  };
}

function competitorSection(insights: VoiceInsights): Section {
  const sov = insights.shareOfVoice;
  const blocks: Block[] = [
    {
      kind: 'chart',
      caption: { en: 'Share of voice by month (social and news)', zh: '每月声量份额（社媒与新闻）' },
      chart: {
        type: 'stacked-bar',
        categories: sov.buckets,
        series: sov.brands.map((b) => ({ name: brandLabel(insights, b.brand), values: b.share })),
        normalize: true,
        valueFormat: 'percent',
      },
    },
    {
      kind: 'table',
      caption: { en: 'Share of voice, whole window', zh: '整体声量份额' },
      columns: [
        { key: 'brand', label: { en: 'Brand', zh: '品牌' } },
        { key: 'mentions', label: { en: 'Mentions', zh: '提及数' }, format: 'int' },
        { key: 'share', label: { en: 'Share', zh: '份额' }, format: 'percent' },
        { key: 'net', label: { en: 'Net sentiment', zh: '净情感' }, format: 'number' },
      ],
      rows: sov.total.map((t) => ({
        brand: brandLabel(insights, t.brand),
        mentions: t.mentions,
        share: t.share,
        net: round(t.netSentiment, 2),
      })),
    },
  ];
  if (insights.comparison.length > 0)
    blocks.push({
      kind: 'table',
      caption: {
        en: 'Ours vs each competitor per aspect: net sentiment difference and verdict (two-proportion z-test on positive share, α = 0.05)',
        zh: '本品牌与各竞品逐方面对比：净情感差与结论（正面占比的两比例 z 检验，α = 0.05）',
      },
      columns: [
        { key: 'aspect', label: { en: 'Aspect', zh: '方面' } },
        { key: 'ours', label: { en: 'Ours (net, n)', zh: '本品牌（净情感, n）' } },
        { key: 'competitor', label: { en: 'Competitor', zh: '竞品' } },
        { key: 'theirs', label: { en: 'Theirs (net, n)', zh: '竞品（净情感, n）' } },
        { key: 'diff', label: { en: 'Difference', zh: '差值' }, format: 'number' },
        { key: 'verdict', label: { en: 'Verdict', zh: '结论' } },
      ],
      rows: insights.comparison.flatMap((row) =>
        row.competitors.map((c) => ({
          aspect: aspectLabel(insights, row.aspect),
          ours: `${row.ours.net === null ? '–' : row.ours.net.toFixed(2)} (${row.ours.mentions})`,
          competitor: brandLabel(insights, c.brand),
          theirs: `${c.net === null ? '–' : c.net.toFixed(2)} (${c.mentions})`,
          diff: round(c.diff, 2),
          verdict: verdictNames[c.verdict] ?? c.verdict,
        })),
      ),
      maxRows: 40,
    });
  return {
    id: 'voice-competitors',
    title: { en: 'Share of voice and competitors', zh: '声量份额与竞品对比' },
    summary: {
      en: 'Share of voice counts each document once per brand it names (or is about); aspects are attributed to the brand they are said about.',
      zh: '声量份额中每篇文档对其提及（或所属）的每个品牌计一次；方面观点归属于其所评价的品牌。',
    },
    provenance: provenance(insights),
    blocks,
  };
}

/** The voice-of-the-customer sections of a workspace's insights. */
export function buildVoiceSections(insights: VoiceInsights): Section[] {
  const drivers = driverSection(insights);
  return [
    sentimentSection(insights),
    aspectSection(insights),
    ...(drivers ? [drivers] : []),
    trendSection(insights),
    competitorSection(insights),
  ];
}
