import { describe, expect, it } from 'vitest';
import { type AspectMention, createTextPipeline, type Polarity } from '../../text/index.js';
import { voiceDocument } from './testing/voice-document.js';
import type { VoiceDocument } from './voice-documents.js';
import { productDrivers } from './voice-product-drivers.js';

const mention = (aspect: string, polarity: Polarity, term: string): AspectMention => ({
  aspect,
  term,
  start: 0,
  end: term.length,
  polarity,
  score: polarity === 'positive' ? 0.6 : -0.6,
});

function doc(
  id: number,
  product: VoiceDocument['product'],
  text: string,
  rating: number | null,
  aspects: AspectMention[],
): VoiceDocument {
  const negative = aspects.some((a) => a.polarity === 'negative');
  return voiceDocument({
    id: `d${id}`,
    text,
    lang: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en',
    rating,
    product,
    ts: new Date(Date.UTC(2024, 0, 1 + id)),
    sentiment: { label: negative ? 'negative' : 'positive', score: negative ? -0.5 : 0.5, engine: 'lexicon' },
    aspects,
  });
}

const shirt = { id: 'p1', name: 'Linen shirt', category: 'apparel' };
const kettle = { id: 'p2', name: 'Kettle', category: 'home' };
const mug = { id: 'p3', name: 'Mug', category: 'home' };

/** Apparel: fabric praised, deliveries late (rated low); home: quality praised, packaging damaged. */
function corpus(): VoiceDocument[] {
  const docs: VoiceDocument[] = [];
  let id = 0;
  for (let i = 0; i < 12; i++) {
    docs.push(doc(id++, shirt, '面料很好，质量不错。', 5, [mention('quality', 'positive', '质量')]));
    docs.push(
      doc(id++, shirt, 'Delivery was slow, the parcel came a week late.', 2, [
        mention('logistics', 'negative', 'delivery'),
      ]),
    );
    docs.push(
      doc(id++, i % 2 ? kettle : mug, 'Great quality, works well.', 5, [
        mention('quality', 'positive', 'quality'),
      ]),
    );
    if (i % 3 === 0)
      docs.push(doc(id++, kettle, '外包装破损，有划痕。', 1, [mention('packaging', 'negative', '包装')]));
  }
  docs.push(doc(id++, null, 'No product on this one.', 3, []));
  return docs;
}

describe('productDrivers', () => {
  const pipeline = createTextPipeline();

  it('names the most liked and disliked aspect per category with a quote, rating and negative share', () => {
    const result = productDrivers(corpus(), pipeline, { minDocuments: 10 });
    expect(result.categories.map((c) => c.key)).toEqual(['apparel', 'home']);
    const [apparel, home] = result.categories;
    expect(apparel).toMatchObject({ documents: 24, ratedDocuments: 24, meanRating: 3.5, negativeShare: 0.5 });
    expect(apparel?.liked).toMatchObject({ aspect: 'quality', netSentiment: 1, documents: 12 });
    expect(apparel?.disliked).toMatchObject({ aspect: 'logistics', netSentiment: -1 });
    expect(apparel?.disliked?.quote?.text).toMatch(/slow|late/);
    expect(home?.disliked?.aspect).toBe('packaging');
    expect(home?.disliked?.quote?.text).toContain('破损');
    expect(home?.negativeShare).toBeCloseTo(4 / 16, 12);
  });

  it('ranks products by documents, drops the thin ones, and gives no side without opinions of that sign', () => {
    const result = productDrivers(corpus(), pipeline, { minDocuments: 8, maxProducts: 2 });
    expect(result.products.map((p) => [p.key, p.documents])).toEqual([
      ['p1', 24],
      ['p2', 10],
    ]);
    const none = productDrivers(corpus(), pipeline, { minDocuments: 100 });
    expect(none).toEqual({ minDocuments: 100, categories: [], products: [] });
    const onlyPraise = productDrivers(
      corpus().filter((d) => d.product?.id === 'p3'),
      pipeline,
      {
        minDocuments: 1,
      },
    );
    expect(onlyPraise.products[0]?.disliked).toBeNull();
  });
});
