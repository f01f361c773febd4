import type { Block, Localized, TableBlock } from '../../../report/index.js';
import type { VoiceInsights } from '../voice-insights.js';
import type { GroupDrivers } from '../voice-product-drivers.js';
import { aspectLabel, quoteCell, round } from './voice-format.js';

/** Satisfaction drivers per product category and per product, as tables in the drivers section (zh and en). */

function groupTable(
  insights: VoiceInsights,
  groups: readonly GroupDrivers[],
  caption: Localized,
): TableBlock {
  const side = (g: GroupDrivers['liked']) =>
    g
      ? { aspect: aspectLabel(insights, g.aspect), net: round(g.netSentiment, 2), quote: quoteCell(g.quote) }
      : null;
  return {
    kind: 'table',
    caption,
    columns: [
      { key: 'name', label: { en: 'Group', zh: '分组' } },
      { key: 'documents', label: { en: 'Documents', zh: '文档数' }, format: 'int' },
      { key: 'rating', label: { en: 'Mean rating', zh: '平均评分' }, format: 'number' },
      { key: 'negative', label: { en: 'Negative share', zh: '负面占比' }, format: 'percent' },
      { key: 'liked', label: { en: 'Liked most', zh: '最满意' } },
      { key: 'likedNet', label: { en: 'Net', zh: '净情感' }, format: 'number' },
      { key: 'disliked', label: { en: 'Disliked most', zh: '最不满' } },
      { key: 'dislikedNet', label: { en: 'Net', zh: '净情感' }, format: 'number' },
      { key: 'quote', label: { en: 'Complaint, in their words', zh: '不满原话' } },
    ],
    rows: groups.map((g) => {
      const liked = side(g.liked);
      const disliked = side(g.disliked);
      return {
        name: g.name,
        documents: g.documents,
        rating: round(g.meanRating, 2),
        negative: g.negativeShare,
        liked: liked?.aspect ?? '',
        likedNet: liked?.net ?? null,
        disliked: disliked?.aspect ?? '',
        dislikedNet: disliked?.net ?? null,
        quote: disliked?.quote ?? '',
      };
    }),
    maxRows: 15,
  };
}

/** The category and product tables; nothing when no group reaches the minimum number of documents. */
export function productDriverBlocks(insights: VoiceInsights): Block[] {
  const { categories, products, minDocuments } = insights.productDrivers;
  const blocks: Block[] = [];
  if (categories.length)
    blocks.push(
      groupTable(insights, categories, {
        en: `By product category (categories with ≥ ${minDocuments} documents; the aspect with the most positive and the most negative opinions)`,
        zh: `按品类（文档数 ≥ ${minDocuments} 的品类；正面观点最多与负面观点最多的方面）`,
      }),
    );
  if (products.length)
    blocks.push(
      groupTable(insights, products, {
        en: `By product (the ${products.length} products with the most documents, each ≥ ${minDocuments})`,
        zh: `按商品（文档最多的 ${products.length} 个商品，每个 ≥ ${minDocuments} 篇）`,
      }),
    );
  return blocks;
}
