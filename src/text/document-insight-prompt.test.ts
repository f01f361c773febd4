import { describe, expect, it } from 'vitest';
import {
  documentInsightPrompt,
  documentInsightSchema,
  mergeAspectPolarity,
} from './document-insight-prompt.js';
import type { AspectMention } from './types.js';

describe('LLM document insight prompt', () => {
  it('lists the taxonomy keys in zh and en and accepts only those keys', () => {
    const en = documentInsightPrompt('Fast delivery', 'en');
    expect(en.source).toBe('text.document-insight@1');
    expect(en.messages[0]?.content).toContain('- logistics (Logistics / 物流)');
    expect(en.messages[1]?.content).toContain('<data name="review">\nFast delivery\n</data>');
    expect(documentInsightPrompt('物流很快', 'zh').messages[0]?.content).toContain('方面代码');
    const schema = documentInsightSchema();
    const ok = {
      label: 'positive',
      score: 0.5,
      confidence: 0.8,
      aspects: [{ aspect: 'price', polarity: 'positive' }],
    };
    expect(schema.safeParse(ok).success).toBe(true);
    expect(schema.safeParse({ ...ok, aspects: [{ aspect: 'vibes', polarity: 'positive' }] }).success).toBe(
      false,
    );
    expect(schema.safeParse({ ...ok, score: 2 }).success).toBe(false);
  });

  it('merges the LLM polarity onto classical mentions and adds aspects only the LLM saw', () => {
    const classical: AspectMention[] = [
      { aspect: 'quality', term: '质量', start: 0, end: 2, polarity: 'positive', score: 0.6, opinion: '好' },
      { aspect: 'quality', term: '做工', start: 5, end: 7, polarity: 'neutral', score: 0 },
      { aspect: 'price', term: '价格', start: 9, end: 11, polarity: 'positive', score: 0.4 },
    ];
    const merged = mergeAspectPolarity(classical, [
      { aspect: 'quality', polarity: 'negative' },
      { aspect: 'quality', polarity: 'positive' }, // a second rating of the same aspect is ignored
      { aspect: 'logistics', polarity: 'negative' },
    ]);
    expect(merged).toEqual([
      {
        ...classical[0],
        polarity: 'negative',
        score: -0.6,
        classicalPolarity: 'positive',
        source: 'classical',
      },
      {
        ...classical[1],
        polarity: 'negative',
        score: -0.5,
        classicalPolarity: 'neutral',
        source: 'classical',
      },
      { ...classical[2], source: 'classical' },
      { aspect: 'logistics', term: '', start: 0, end: 0, polarity: 'negative', score: -0.5, source: 'llm' },
    ]);
    expect(mergeAspectPolarity([], [])).toEqual([]);
  });
});
