import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../report/index.js';
import type { VoiceInsights } from '../voice-insights.js';
import { productDriverBlocks } from './voice-product-section.js';

const group = {
  key: 'apparel',
  name: 'apparel',
  documents: 24,
  ratedDocuments: 24,
  meanRating: 3.5,
  negativeShare: 0.5,
  liked: { aspect: 'quality', netSentiment: 1, documents: 12, ratingCorrelation: null, quote: null },
  disliked: {
    aspect: 'logistics',
    netSentiment: -1,
    documents: 12,
    ratingCorrelation: -0.8,
    quote: { docId: 'd1', ts: new Date('2024-01-02T00:00:00Z'), text: 'Delivery was slow.' },
  },
};
const insights = {
  aspectNames: { quality: { en: 'Quality', zh: '质量' }, logistics: { en: 'Logistics', zh: '物流' } },
  productDrivers: { minDocuments: 20, categories: [group], products: [] },
} as unknown as VoiceInsights;

describe('product driver blocks', () => {
  it('tabulate each category’s liked and disliked aspect with the complaint quote, in zh and en', () => {
    const blocks = productDriverBlocks(insights);
    expect(blocks).toHaveLength(1);
    const table = blocks[0];
    expect(table?.kind === 'table' && table.rows[0]).toMatchObject({
      name: 'apparel',
      negative: 0.5,
      liked: { en: 'Quality', zh: '质量' },
      disliked: { en: 'Logistics', zh: '物流' },
      quote: '“Delivery was slow.” (d1, 2024-01-02)',
    });
    const section = { id: 's', title: { en: 'S', zh: 'S' }, provenance: { engine: 'lexicon' }, blocks };
    const report = { title: { en: 'R', zh: 'R' }, generatedAt: new Date(), sections: [section] };
    expect(renderReport(report, 'en')).toContain('50.0%');
    expect(renderReport(report, 'zh')).toContain('按品类');
  });

  it('show nothing when no group has enough documents', () => {
    const none = { ...insights, productDrivers: { minDocuments: 20, categories: [], products: [] } };
    expect(productDriverBlocks(none as VoiceInsights)).toEqual([]);
  });
});
