import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetPath } from '../../../test/reference-data.js';
import { featureCounts, pruneRareTerms, resolveFeatureSpec, termFrequencies } from './hashed-features.js';
import {
  deserializeModel,
  evaluate,
  predictProba,
  serializeModel,
  topFeatures,
  trainSentimentModel,
} from './index.js';
import { logCountRatio } from './nb-weighting.js';
import { NgramVocabulary } from './ngram-vocabulary.js';

const exactChars = resolveFeatureSpec({ word: [0, 0], char: [1, 2], vocabulary: 'exact' });

describe('exact n-gram vocabulary', () => {
  it('gives every n-gram its own column, words and characters apart, astral characters whole', () => {
    const vocabulary = NgramVocabulary.growing();
    const spec = resolveFeatureSpec({ word: [1, 1], char: [1, 1], vocabulary: 'exact' });
    const counts = featureCounts('ab ab 😀', spec, undefined, vocabulary);
    expect(vocabulary.keys).toEqual(['wab', 'ca', 'cb', 'c ', 'c😀']);
    expect([...counts]).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
      [3, 2],
      [4, 1],
    ]);
    expect(vocabulary.term(0)).toEqual({ kind: 'word', text: 'ab' });
    expect(vocabulary.term(4)).toEqual({ kind: 'char', text: '😀' });
  });

  it('ignores unseen n-grams once frozen, as scikit-learn drops them', () => {
    const vocabulary = NgramVocabulary.growing();
    featureCounts('好评', exactChars, undefined, vocabulary);
    vocabulary.freeze();
    expect(new Map(featureCounts('好差', exactChars, undefined, vocabulary))).toEqual(new Map([[0, 1]]));
    expect(vocabulary.size).toBe(3);
  });

  it('collapses runs of whitespace like scikit-learn’s char analyzer and keeps a lone one', () => {
    const vocabulary = NgramVocabulary.growing();
    featureCounts(
      'A  \t b\tc',
      resolveFeatureSpec({ word: [0, 0], char: [2, 2], vocabulary: 'exact' }),
      undefined,
      vocabulary,
    );
    // /usr/bin/python3 -c "from sklearn.feature_extraction.text import CountVectorizer as C;
    //   print(sorted(C(analyzer='char', ngram_range=(2, 2)).fit(['A  \t b\tc']).vocabulary_))"
    expect([...vocabulary.keys].map((k) => k.slice(1)).sort()).toEqual([' b', 'a ', 'b\t', '\tc'].sort());
  });

  it('prunes n-grams found in fewer than min_df rows and keeps rows sorted', () => {
    const vocabulary = NgramVocabulary.growing();
    const spec = resolveFeatureSpec({ word: [1, 1], char: [0, 0], vocabulary: 'exact', minDf: 2 });
    const tf = termFrequencies(['aa bb cc', 'cc dd aa', 'ee aa'], spec, undefined, vocabulary);
    const pruned = pruneRareTerms(tf, vocabulary, 2);
    expect(pruned.vocabulary.keys).toEqual(['waa', 'wcc']);
    expect([...pruned.tf.rowStart]).toEqual([0, 2, 4, 5]);
    expect([...pruned.tf.indices]).toEqual([0, 1, 0, 1, 0]);
    expect(pruned.tf.columns).toBe(2);
  });

  it('rejects duplicate keys and bad specs', () => {
    expect(() => NgramVocabulary.of(['ca', 'ca'])).toThrow(/not a unique string/);
    expect(() => resolveFeatureSpec({ minDf: 0 })).toThrow(/minDf/);
    expect(() => resolveFeatureSpec({ vocabulary: 'big' as 'exact' })).toThrow(/vocabulary must be/);
    expect(() => featureCounts('x', exactChars)).toThrow(/need a vocabulary/);
  });
});

describe('NB log-count ratio', () => {
  it('follows Wang & Manning’s r = ln((p/‖p‖₁)/(q/‖q‖₁)) with α = 1 over present columns', () => {
    const spec = resolveFeatureSpec({ word: [1, 1], char: [0, 0], vocabulary: 'exact' });
    const vocabulary = NgramVocabulary.growing();
    // columns: good 0, phone 1, bad 2; rows 0, 1 positive
    const tf = termFrequencies(['good phone', 'good good', 'bad phone'], spec, undefined, vocabulary);
    const r = logCountRatio(tf, Int32Array.of(1, 1, 0));
    // p = 1 + [2, 1, 0] = [3, 2, 1] (‖p‖ = 6); q = 1 + [0, 1, 1] = [1, 2, 2] (‖q‖ = 5)
    const expected = [Math.log(3 / 6 / (1 / 5)), Math.log(2 / 6 / (2 / 5)), Math.log(1 / 6 / (2 / 5))];
    for (const [j, value] of expected.entries()) expect(r[j]).toBeCloseTo(value, 6);
  });
});

describe('training with an exact vocabulary and NB weighting', () => {
  const texts = ['great phone', 'great battery', 'love it', 'terrible phone', 'bad battery', 'hate it'];
  const labels = ['pos', 'pos', 'pos', 'neg', 'neg', 'neg'];

  it('round-trips through serialisation with its vocabulary and predicts the same', () => {
    const { model } = trainSentimentModel(texts, labels, {
      features: { word: [1, 2], char: [0, 0], vocabulary: 'exact' },
      c: 4,
    });
    expect(model.weighting).toBe('nb-tfidf');
    const copy = deserializeModel(serializeModel(model));
    expect(copy.vocabulary?.keys).toEqual(model.vocabulary?.keys);
    expect(copy.weighting).toBe('nb-tfidf');
    for (const text of ['great', 'terrible battery', 'unseen words only'])
      expect([...predictProba(copy, text)]).toEqual([...predictProba(model, text)]);
    expect(predictProba(model, 'great')[1]).toBeGreaterThan(0.5);
    const top = topFeatures(model, 3);
    expect(top?.map((t) => t.label)).toEqual(['neg', 'pos']);
    expect(top?.[1]?.features.map((f) => f.ngram)).toContain('great');
    expect(top?.[0]?.features.every((f) => f.weight < 0)).toBe(true);
  });

  it('still loads a version-1 (hashed, TF-IDF) payload', () => {
    const { model } = trainSentimentModel(texts, labels, {
      features: { word: [1, 1], char: [0, 0], buckets: 1024 },
      weighting: 'tfidf',
      c: 4,
    });
    const v1 = JSON.parse(serializeModel(model)) as Record<string, unknown>;
    v1.version = 1;
    delete v1.weighting;
    const loaded = deserializeModel(JSON.stringify(v1));
    expect(loaded.weighting).toBe('tfidf');
    expect([...predictProba(loaded, 'great phone')]).toEqual([...predictProba(model, 'great phone')]);
  });

  it('names training data too small for min_df', () => {
    expect(() => trainSentimentModel(['ab', 'cd', 'ef', 'gh'], ['p', 'p', 'n', 'n'], { c: 1 })).toThrow(
      /no n-gram occurs in at least 2 of the \d+ texts/,
    );
  });

  it('names a missing vocabulary', () => {
    const { model } = trainSentimentModel(texts, labels, {
      features: { word: [1, 1], char: [0, 0], vocabulary: 'exact' },
      c: 4,
    });
    const payload = JSON.parse(serializeModel(model)) as Record<string, unknown>;
    delete payload.vocabulary;
    expect(() => deserializeModel(JSON.stringify(payload))).toThrow(/needs its vocabulary/);
  });
});

const chnDir = datasetPath('chnsenticorp/bert_split');
const hasChn = existsSync(`${chnDir}/train.tsv`);

function loadTsv(name: string): { texts: string[]; labels: string[] } {
  const lines = readFileSync(`${chnDir}/${name}`, 'utf8').split('\n').slice(1).filter(Boolean);
  return {
    texts: lines.map((line) => line.slice(line.indexOf('\t') + 1)),
    labels: lines.map((line) => line.slice(0, line.indexOf('\t'))),
  };
}

describe.skipIf(!hasChn)(
  'ChnSentiCorp subset against scikit-learn (needs ../shared/datasets/chnsenticorp)',
  () => {
    it('matches scikit-learn’s NB-scaled TF-IDF + LR: vocabulary size and dev accuracy', () => {
      // /usr/bin/python3: TfidfVectorizer(analyzer='char', ngram_range=(1, 3), min_df=2) on the first
      // 2,000 training reviews, columns scaled by r (α = 1, presence counts), LogisticRegression(C=8,
      // tol=1e-8) → vocabulary 49,827, dev accuracy 0.8675 (1,041 of 1,200). scikit-learn 1.2.1.
      const train = loadTsv('train.tsv');
      const dev = loadTsv('dev.tsv');
      const { model } = trainSentimentModel(train.texts.slice(0, 2000), train.labels.slice(0, 2000), {
        features: { word: [0, 0], char: [1, 3], vocabulary: 'exact', minDf: 2 },
        c: 8,
      });
      expect(model.vocabulary?.size).toBe(49_827);
      const correct = Math.round(evaluate(model, dev.texts, dev.labels).accuracy * dev.texts.length);
      expect(Math.abs(correct - 1041)).toBeLessThanOrEqual(2);
    }, 60_000);
  },
);
