import type { Block, Localized, TableBlock } from '../../../report/index.js';
import type { VoiceInsights } from '../voice-insights.js';
import type { VoiceTopics } from '../voice-topic-types.js';
import { bucketNames, round } from './voice-format.js';

/**
 * Report blocks (zh and en) for the topics of the customer voice and the aspect terms expanded from
 * the corpus: a topic table (top terms, size, share, negative share, example quotes), each language's
 * topic shares over time, and the candidate aspect terms with score and support. Each part says how
 * it was made (method, k and silhouette per language, sample size and seed). `buildVoiceSections`
 * places the topic blocks in the trends section and the aspect-term blocks in the aspects section.
 */

const languageNames: Readonly<Record<string, Localized>> = {
  zh: { en: 'Chinese', zh: '中文' },
  en: { en: 'English', zh: '英文' },
};
/** Topics drawn per language in the share-over-time chart. */
const CHART_TOPICS = 5;

function sampleNote(sampled: number, total: number, seed: number): Localized {
  return sampled < total
    ? {
        en: `on a seeded sample of ${sampled} of ${total} documents (seed ${seed})`,
        zh: `基于 ${total} 篇文档中的 ${sampled} 篇随机样本（种子 ${seed}）`,
      }
    : { en: `on all ${total} documents (seed ${seed})`, zh: `基于全部 ${total} 篇文档（种子 ${seed}）` };
}

function topicMethod(topics: VoiceTopics): Localized {
  const sample = sampleNote(topics.sampled, topics.total, topics.seed);
  const fits = topics.languages.map((f) => {
    const name = languageNames[f.lang] as Localized;
    if (f.skipped)
      return { en: `${name.en}: no topics (${f.skipped})`, zh: `${name.zh}：无主题（${f.skipped}）` };
    const silhouette = f.silhouette === null ? '–' : f.silhouette.toFixed(2);
    return {
      en: `${name.en}: k = ${f.k}, silhouette ${silhouette}, ${f.documents} documents, ${f.vocabularySize} terms`,
      zh: `${name.zh}：k = ${f.k}，轮廓系数 ${silhouette}，${f.documents} 篇文档，${f.vocabularySize} 个词`,
    };
  });
  const engine = topics.embedding && !topics.embedding.failed ? topics.embedding.engine : undefined;
  const failed = topics.embedding?.failed
    ? {
        en: ` (${topics.embedding.engine} embeddings failed: ${topics.embedding.failed}; TF-IDF used)`,
        zh: `（${topics.embedding.engine} 向量调用失败：${topics.embedding.failed}，改用 TF-IDF）`,
      }
    : { en: '', zh: '' };
  const how = engine
    ? {
        en: `spherical k-means on ${engine} embeddings fitted per language (topic terms: TF-IDF of each topic's documents)`,
        zh: `按语言分别在 ${engine} 文本向量上做球面 k 均值聚类（主题词取自各主题文档的 TF-IDF）`,
      }
    : {
        en: `spherical k-means on TF-IDF fitted per language${failed.en}`,
        zh: `按语言分别在 TF-IDF 上做球面 k 均值聚类${failed.zh}`,
      };
  return {
    en: `Topics: ${how.en}, k chosen by the silhouette (cosine), ${sample.en}, our brand's reviews, posts and tickets. ${fits.map((f) => f.en).join('; ')}. Each document belongs to one topic; examples are the documents most typical of their topic.`,
    zh: `主题：${how.zh}，k 由轮廓系数（余弦距离）选定，${sample.zh}，范围为本品牌的评价、帖子与工单。${fits.map((f) => f.zh).join('；')}。每篇文档归入一个主题；示例为最能代表该主题的文档。`,
  };
}

/** The topic table, the topic shares over time per language and how they were made. */
export function voiceTopicBlocks(insights: VoiceInsights): Block[] {
  const topics = insights.topics;
  const blocks: Block[] = [{ kind: 'paragraph', text: topicMethod(topics) }];
  if (topics.topics.length === 0) return blocks;
  const table: TableBlock = {
    kind: 'table',
    caption: { en: 'Topics of the customer voice', zh: '客户之声的主题' },
    columns: [
      { key: 'lang', label: { en: 'Language', zh: '语言' } },
      { key: 'terms', label: { en: 'Top terms', zh: '主题词' } },
      { key: 'size', label: { en: 'Documents', zh: '文档数' }, format: 'int' },
      { key: 'share', label: { en: 'Share', zh: '占比' }, format: 'percent' },
      { key: 'negative', label: { en: 'Negative share', zh: '负面占比' }, format: 'percent' },
      { key: 'example', label: { en: 'Example', zh: '示例' } },
    ],
    rows: topics.topics.map((t) => {
      const example = t.examples[0];
      return {
        lang: languageNames[t.lang] ?? t.lang,
        terms: t.terms
          .slice(0, 6)
          .map((x) => x.term)
          .join(', '),
        size: t.size,
        share: round(t.share),
        negative: round(t.negativeShare),
        example: example ? `“${example.text}” (${example.docId})` : '',
      };
    }),
    maxRows: 24,
  };
  blocks.push(table);
  const period = bucketNames[topics.bucket] ?? { en: topics.bucket, zh: topics.bucket };
  for (const lang of ['zh', 'en'] as const) {
    const shown = topics.topics.filter((t) => t.lang === lang).slice(0, CHART_TOPICS);
    if (shown.length === 0) continue;
    const name = languageNames[lang] as Localized;
    blocks.push({
      kind: 'chart',
      caption: {
        en: `${name.en} topics: ${period.en} share of documents (the ${shown.length} largest)`,
        zh: `${name.zh}主题：${period.zh}文档占比（最大的 ${shown.length} 个）`,
      },
      chart: {
        type: 'line',
        categories: topics.buckets,
        series: shown.map((t) => ({ name: t.label, values: t.shareByBucket.map((x) => round(x)) })),
        valueFormat: 'percent',
      },
    });
  }
  return blocks;
}

/** The candidate aspect terms (term, aspect, score, support) and how they were found. */
export function aspectTermBlocks(insights: VoiceInsights): Block[] {
  const found = insights.aspectTerms;
  const sample = sampleNote(found.sampled, found.total, found.seed);
  const aspect = (key: string): Localized => insights.aspectNames[key] ?? { en: key, zh: key };
  const engine = found.embedding && !found.embedding.failed ? found.embedding.engine : undefined;
  return [
    {
      kind: 'table',
      caption: {
        en: `Candidate aspect terms found in the corpus, for review (${sample.en}; not used by the analysis until added to the taxonomy)`,
        zh: `从语料中发现的候选方面词，供人工审核（${sample.zh}；加入方面词表前不参与分析）`,
      },
      columns: [
        { key: 'aspect', label: { en: 'Aspect', zh: '方面' } },
        { key: 'term', label: { en: 'Candidate term', zh: '候选词' } },
        {
          key: 'score',
          label: engine
            ? { en: 'Score (cosine)', zh: '得分（余弦）' }
            : { en: 'Score (NPMI)', zh: '得分（NPMI）' },
          format: 'number',
        },
        { key: 'support', label: { en: 'Documents', zh: '文档数' }, format: 'int' },
      ],
      rows: found.terms.map((t) => ({
        aspect: aspect(t.aspect),
        term: t.term,
        score: round(t.score, 2),
        support: t.support,
      })),
      maxRows: 40,
    },
    {
      kind: 'paragraph',
      text: engine
        ? {
            en: `Score: cosine similarity between the term's ${engine} embedding and that of the aspect's nearest seed term; documents: those holding the term and an opinion on the aspect.`,
            zh: `得分：候选词与该方面最近种子词的 ${engine} 文本向量余弦相似度；文档数：同时包含该词且对该方面有观点的文档。`,
          }
        : {
            en: 'Score: normalised pointwise mutual information between the term and the aspect’s seed terms in the same clause (Bouma 2009); documents: those holding the term and an opinion on the aspect.',
            zh: '得分：候选词与该方面种子词在同一分句中共现的归一化点互信息（Bouma 2009）；文档数：同时包含该词且对该方面有观点的文档。',
          },
    },
  ];
}
