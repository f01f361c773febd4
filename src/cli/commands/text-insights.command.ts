import type { Command } from 'commander';
import { openEmbedder } from '../../app/llm/embedder-service.js';
import { findModelRun } from '../../app/model-runs.js';
import { loadVoiceInsights, type VoiceInsights } from '../../app/text/voice-insights.js';
import { InputError } from '../../core/errors.js';
import type { Bucket } from '../../text/index.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { choiceOption } from './options.js';

/**
 * `marketmind text insights`: the voice-of-the-customer insights of the workspace (what the report's
 * voice sections show) — a readable summary, or with --json the whole `VoiceInsights` document
 * (dates as ISO strings).
 */

type Locale = 'en' | 'zh';

/** Sentiment-trend buckets, alerts and emerging terms shown in the text summary. */
const LAST_BUCKETS = 8;
const SHOWN = 8;
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const day = (d: Date) => d.toISOString().slice(0, 10);
const clip = (text: string, n = 90) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const sampleOf = (sampled: number, total: number, locale: Locale) =>
  locale === 'zh'
    ? sampled < total
      ? `${total} 篇中抽样 ${sampled} 篇`
      : `全部 ${total} 篇文档`
    : sampled < total
      ? `sampled ${sampled} of ${total}`
      : `all ${total} documents`;

function heading(locale: Locale, en: string, zh: string): string {
  return `\n== ${locale === 'zh' ? zh : en}`;
}

function header(insights: VoiceInsights, locale: Locale): string[] {
  const window = insights.dataWindow
    ? `${day(insights.dataWindow.start)} – ${day(insights.dataWindow.end)}`
    : '–';
  const runs = insights.modelRunIds.length > 1 ? ` (+${insights.modelRunIds.length - 1})` : '';
  return locale === 'zh'
    ? [
        `客户之声：${insights.documents} 篇已分析文档，${insights.unanalysed} 篇尚未分析；本品牌 ${insights.ours ?? '（未设置）'}`,
        `情感引擎 ${insights.engine}，text.analyze 运行 ${insights.modelRunId ?? '–'}${runs}，数据窗口 ${window}`,
      ]
    : [
        `Voice of the customer: ${insights.documents} documents analysed, ${insights.unanalysed} not yet; our brand ${insights.ours ?? '(not set)'}`,
        `sentiment engine ${insights.engine}, text.analyze run ${insights.modelRunId ?? '–'}${runs}, data window ${window}`,
      ];
}

function trend(insights: VoiceInsights, locale: Locale): string[] {
  const t = insights.sentimentTrend;
  const from = Math.max(0, t.buckets.length - LAST_BUCKETS);
  const rows = t.buckets.slice(from).map((bucket, j) => {
    const i = from + j;
    return {
      bucket,
      documents: t.volume[i] ?? 0,
      positive: t.positive[i] ?? 0,
      neutral: t.neutral[i] ?? 0,
      negative: t.negative[i] ?? 0,
      negative_share: pct(t.negativeShare[i] ?? null),
    };
  });
  return [
    heading(
      locale,
      `Sentiment trend (${t.bucket}, last ${rows.length})`,
      `情感趋势（${t.bucket}，最近 ${rows.length} 期）`,
    ),
    textTable(rows),
  ];
}

function drivers(insights: VoiceInsights, locale: Locale): string[] {
  const d = insights.drivers;
  if (!d) return [];
  const name = (aspect: string) => insights.aspectNames[aspect]?.[locale] ?? aspect;
  const rows = [
    ...d.positive.map((x) => ({ side: locale === 'zh' ? '满意' : 'liked', x })),
    ...d.negative.map((x) => ({ side: locale === 'zh' ? '不满' : 'disliked', x })),
  ].map(({ side, x }) => ({
    side,
    aspect: name(x.aspect),
    documents: x.documents,
    net: x.netSentiment,
    quote: x.quotes[0] ? `“${clip(x.quotes[0].text)}” (${x.quotes[0].docId})` : '',
  }));
  return [heading(locale, 'Top drivers', '满意点与不满点'), textTable(rows)];
}

function productDrivers(insights: VoiceInsights, locale: Locale): string[] {
  const { categories, products, minDocuments } = insights.productDrivers;
  const name = (aspect: string | undefined) =>
    aspect === undefined ? '' : (insights.aspectNames[aspect]?.[locale] ?? aspect);
  const rows = [...categories, ...products].map((g, i) => ({
    group: `${i < categories.length ? (locale === 'zh' ? '品类 ' : 'category ') : locale === 'zh' ? '商品 ' : 'product '}${g.name}`,
    documents: g.documents,
    rating: g.meanRating === null ? '–' : g.meanRating.toFixed(2),
    negative: pct(g.negativeShare),
    liked: name(g.liked?.aspect),
    disliked: name(g.disliked?.aspect),
    complaint: g.disliked?.quote ? `“${clip(g.disliked.quote.text)}” (${g.disliked.quote.docId})` : '',
  }));
  if (rows.length === 0) return [];
  return [
    heading(
      locale,
      `Drivers by category and product (groups with ≥ ${minDocuments} documents)`,
      `按品类与商品的满意点与不满点（文档数 ≥ ${minDocuments} 的分组）`,
    ),
    textTable(rows),
  ];
}

function emerging(insights: VoiceInsights, locale: Locale): string[] {
  const rows = insights.emergingTerms.terms.slice(0, SHOWN).map((t) => ({
    term: t.term,
    bucket: t.bucket,
    count: t.count,
    expected: t.expected,
    z: t.z,
  }));
  return [
    heading(
      locale,
      `Emerging terms (${insights.emergingTerms.bucket}; ${insights.emergingTerms.terms.length} in all)`,
      `新兴词（${insights.emergingTerms.bucket}；共 ${insights.emergingTerms.terms.length} 个）`,
    ),
    textTable(rows),
  ];
}

function spikes(insights: VoiceInsights, locale: Locale): string[] {
  const s = insights.spikes;
  const rows = s.alerts.slice(-SHOWN).map((a) => ({
    bucket: a.bucket,
    scope: a.scope,
    kind: a.kind,
    value: a.kind === 'negative_share' ? pct(a.value) : a.value,
    z: a.z,
    terms: a.drivingTerms
      .slice(0, 4)
      .map((t) => t.term)
      .join(', '),
  }));
  return [
    heading(
      locale,
      `Spike alerts (${s.bucket}; ${s.alerts.length} on ${s.documents} documents, newest ${rows.length})`,
      `激增预警（${s.bucket}；${s.documents} 篇文档共 ${s.alerts.length} 条，最近 ${rows.length} 条）`,
    ),
    textTable(rows),
  ];
}

function shareOfVoice(insights: VoiceInsights, locale: Locale): string[] {
  const rows = insights.shareOfVoice.total.map((t) => ({
    brand: insights.brandNames[t.brand]?.[locale] ?? t.brand,
    mentions: t.mentions,
    share: pct(t.share),
    net: t.netSentiment,
  }));
  return [heading(locale, 'Share of voice (social and news)', '声量份额（社媒与新闻）'), textTable(rows)];
}

function topics(insights: VoiceInsights, locale: Locale): string[] {
  const t = insights.topics;
  const sample = sampleOf(t.sampled, t.total, locale);
  const fits = t.languages
    .map((f) =>
      f.skipped
        ? `${f.lang}: ${f.skipped}`
        : `${f.lang}: k ${f.k}, silhouette ${f.silhouette?.toFixed(2) ?? '–'}`,
    )
    .join('; ');
  const rows = t.topics.map((topic) => ({
    topic: topic.id,
    terms: topic.terms
      .slice(0, 5)
      .map((x) => x.term)
      .join(' '),
    documents: topic.size,
    share: pct(topic.share),
    negative: pct(topic.negativeShare),
    example: topic.examples[0] ? clip(topic.examples[0].text, 60) : '',
  }));
  return [
    heading(
      locale,
      `Topics (${t.method}; ${sample}, seed ${t.seed})`,
      `主题（${t.method}；${sample}，种子 ${t.seed}）`,
    ),
    fits,
    textTable(rows),
  ];
}

function aspectTerms(insights: VoiceInsights, locale: Locale): string[] {
  const a = insights.aspectTerms;
  const byAspect = new Map<string, string[]>();
  for (const t of a.terms)
    byAspect.set(t.aspect, [
      ...(byAspect.get(t.aspect) ?? []),
      `${t.term} (${t.score.toFixed(2)}, n ${t.support})`,
    ]);
  const rows = [...byAspect].map(([aspect, terms]) => ({
    aspect: insights.aspectNames[aspect]?.[locale] ?? aspect,
    candidates: terms.slice(0, 5).join(', '),
  }));
  const sample = sampleOf(a.sampled, a.total, locale);
  return [
    heading(
      locale,
      `Candidate aspect terms, for review (${a.method}; ${sample})`,
      `候选方面词，供审核（${a.method}；${sample}）`,
    ),
    textTable(rows),
  ];
}

/** The readable summary of `text insights`. */
export function formatVoiceInsights(insights: VoiceInsights, locale: Locale): string {
  return [
    ...header(insights, locale),
    ...trend(insights, locale),
    ...drivers(insights, locale),
    ...productDrivers(insights, locale),
    ...emerging(insights, locale),
    ...spikes(insights, locale),
    ...shareOfVoice(insights, locale),
    ...topics(insights, locale),
    ...aspectTerms(insights, locale),
  ].join('\n');
}

/** Adds `insights` to the `text` command. */
export function registerTextInsightCommands(text: Command): void {
  text
    .command('insights')
    .description(
      'Voice-of-the-customer insights from the analysed documents: sentiment trend, drivers with quotes, emerging terms, spike alerts, share of voice, topics, candidate aspect terms',
    )
    .option(
      '--bucket <bucket>',
      'calendar bucket of the sentiment trend, emerging terms and topic shares: day, week, month',
      choiceOption('--bucket', ['day', 'week', 'month'] as const),
      'week',
    )
    .option('--run <id>', 'read one text.analyze run instead of each document’s newest')
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        if (options.run !== undefined) {
          const run = await findModelRun(store, String(options.run));
          if (run?.kind !== 'text.analyze')
            throw new InputError(
              'invalid_option',
              `--run is "${String(options.run)}"; there is no text.analyze run with that id`,
              {
                hint: 'marketmind text analyze prints its run id; without --run each document’s newest run is read.',
              },
            );
        }
        // Topics over embeddings and embedding-neighbour aspect terms when llm.embeddingModel is set.
        const embedder = openEmbedder(ctx.config, { db: store });
        let insights: VoiceInsights;
        try {
          insights = await loadVoiceInsights(store, ctx.config, {
            bucket: options.bucket as Bucket,
            ...(options.run === undefined ? {} : { runId: String(options.run) }),
            ...(embedder ? { embedder } : {}),
          });
        } finally {
          await embedder?.close();
        }
        if (insights.documents === 0)
          ctx.output.note(
            insights.unanalysed > 0
              ? `No analysed documents yet: run marketmind text analyze (${insights.unanalysed} documents waiting).`
              : 'No documents: ingest reviews, posts or tickets into the documents table first.',
          );
        ctx.output.result(insights, () => formatVoiceInsights(insights, ctx.locale));
      }),
    );
}
