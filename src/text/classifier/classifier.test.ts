import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetPath } from '../../../test/reference-data.js';
import type { PreparedText } from '../types.js';
import type { CsrMatrix } from './hashed-features.js';
import {
  crossValidate,
  deserializeModel,
  evaluate,
  predictLabel,
  predictProba,
  serializeModel,
  trainedSentimentEngine,
  trainSentimentModel,
} from './index.js';
import { fitLogistic, prepareLogisticProblem } from './logistic-regression.js';

/** Dense rows as CSR. */
function csr(rows: number[][]): CsrMatrix {
  const rowStart = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.forEach((v, j) => {
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    });
    rowStart.push(indices.length);
  }
  return {
    rows: rows.length,
    columns: 3,
    rowStart: Int32Array.from(rowStart),
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
  };
}

const X = [
  [1, 0, 0.5],
  [0, 1, 0],
  [1, 1, 0],
  [0, 0, 1],
  [0.5, 0, 0],
  [0, 0.5, 1],
  [1, 0, 1],
  [0, 1, 0.5],
];

describe('L2 logistic regression', () => {
  // /usr/bin/python3 -c "import numpy as np; from sklearn.linear_model import LogisticRegression as L;
  //   X = np.array(X above); m = L(C=2.0, tol=1e-12, max_iter=10000).fit(X, [1,0,1,0,1,0,0,1]);
  //   print(m.coef_, m.intercept_)"   (scikit-learn 1.2.1; multi_class='multinomial' with y = [0,1,2,2,0,1,2,0])
  it('matches scikit-learn’s binary coefficients and unpenalised intercept', () => {
    const problem = prepareLogisticProblem(csr(X), Int32Array.of(1, 0, 1, 0, 1, 0, 0, 1), 2);
    const fit = fitLogistic(problem, 2, { gradientTolerance: 1e-10 });
    const coef = [0.7896992702004119, 0.1841377881802567, -1.0798019791674343];
    // Layout: active columns in first-seen order (0, 2, 1), then the intercept.
    const active = [...problem.activeColumns];
    for (const [j, v] of coef.entries()) expect(fit.parameters[active.indexOf(j)]).toBeCloseTo(v, 5);
    expect(fit.parameters[3]).toBeCloseTo(0.11256890666595781, 5);
  });

  it('matches scikit-learn’s multinomial coefficients', () => {
    const problem = prepareLogisticProblem(csr(X), Int32Array.of(0, 1, 2, 2, 0, 1, 2, 0), 3);
    const fit = fitLogistic(problem, 2, { gradientTolerance: 1e-10 });
    const coef = [
      [0.1379728491894154, -0.44480707854608537, -0.5644164860142776],
      [-0.8577558631122036, 0.542159725538124, 0.04060302014150178],
      [0.7197830139227883, -0.0973526469920394, 0.5238134658727759],
    ];
    const intercept = [0.6105911484041631, -0.24272480436432087, -0.3678663440398413];
    // Layout: active column a (first-seen order: 0, 2, 1) × class, then the intercepts. 4 decimals:
    // both solvers stop at their own tolerances.
    const active = [...problem.activeColumns];
    for (let k = 0; k < 3; k++) {
      for (let j = 0; j < 3; j++)
        expect(fit.parameters[active.indexOf(j) * 3 + k]).toBeCloseTo((coef[k] as number[])[j] as number, 4);
      expect(fit.parameters[9 + k]).toBeCloseTo(intercept[k] as number, 4);
    }
  });
});

const toy = {
  texts: [
    'great phone, love it',
    'love the screen, great battery',
    'excellent value, great',
    'love love love',
    'terrible battery, hate it',
    'awful screen, terrible',
    'hate the buttons, awful',
    'terrible terrible value',
    '质量很好，非常满意',
    '物流很快，很满意',
    '质量太差，很失望',
    '物流太慢，失望',
  ],
  labels: ['pos', 'pos', 'pos', 'pos', 'neg', 'neg', 'neg', 'neg', 'pos', 'pos', 'neg', 'neg'],
};

describe('trainSentimentModel', () => {
  const features = { vocabulary: 'hashed', buckets: 1 << 12 } as const;

  it('separates a separable toy set and predicts unseen phrasings', () => {
    const { model, validation } = trainSentimentModel(toy.texts, toy.labels, {
      features,
      c: 32,
      validationShare: 0.25,
    });
    expect(model.labels).toEqual(['neg', 'pos']);
    expect(model.weights.length).toBe(1 << 12);
    expect(evaluate(model, toy.texts, toy.labels).accuracy).toBe(1);
    expect(validation.confusion.labels).toEqual(['neg', 'pos']);
    expect(predictLabel(model, 'I love this, great')).toBe('pos');
    expect(predictLabel(model, 'awful, I hate it')).toBe('neg');
    expect(predictLabel(model, '非常满意')).toBe('pos');
    const p = predictProba(model, 'terrible');
    expect((p[0] as number) + (p[1] as number)).toBeCloseTo(1, 12);
    expect(p[0]).toBeGreaterThan(0.5);
  });

  it('trains a 3-class model and a sentiment engine on it', () => {
    const texts = [...toy.texts, 'it is a phone', 'the box is blue', '这是一个手机', '包装是蓝色的'];
    const labels = [
      ...toy.labels.map((l) => (l === 'pos' ? 'positive' : 'negative')),
      ...Array(4).fill('neutral'),
    ];
    const { model, cGrid } = trainSentimentModel(texts, labels, { features, validationShare: 0.3 });
    expect(model.labels).toEqual(['negative', 'neutral', 'positive']);
    expect(model.weights.length).toBe(3 * (1 << 12));
    expect(cGrid?.map((g) => g.c)).toEqual([0.5, 1, 2, 4, 8, 16, 32]);
    const engine = trainedSentimentEngine(model, 'run-7');
    const doc = (text: string): PreparedText => ({
      text,
      lang: 'en',
      tokens: [],
      truncated: false,
      notes: [],
      sentences: [],
    });
    const good = engine.analyze(doc('love it, great value'));
    expect(good).toMatchObject({ label: 'positive', engine: 'trained:run-7' });
    expect(good.score).toBeGreaterThan(0);
    expect(engine.analyze(doc('awful, hate it')).score).toBeLessThan(0);
    expect(engine.analyze(doc('  '))).toEqual({
      label: 'unknown',
      score: 0,
      confidence: 0,
      engine: 'trained:run-7',
    });
  });

  it('round-trips through serialisation exactly', () => {
    const { model } = trainSentimentModel(toy.texts, toy.labels, { features, c: 4 });
    const copy = deserializeModel(serializeModel(model));
    expect(copy.labels).toEqual(model.labels);
    expect(copy.features).toEqual(model.features);
    expect(copy.c).toBe(4);
    expect(copy.trainedOn).toBe(12);
    expect(copy.idf).toEqual(model.idf);
    expect(copy.weights).toEqual(model.weights);
    expect(copy.intercepts).toEqual(model.intercepts);
    expect([...predictProba(copy, 'great battery')]).toEqual([...predictProba(model, 'great battery')]);
  });

  it('rejects bad or foreign payloads', () => {
    expect(() => deserializeModel('not json')).toThrow(/not JSON/);
    expect(() => deserializeModel('{"format":"other","version":1}')).toThrow(/format/);
    const good = JSON.parse(
      serializeModel(trainSentimentModel(toy.texts, toy.labels, { features, c: 1 }).model),
    );
    expect(() => deserializeModel(JSON.stringify({ ...good, version: 99 }))).toThrow(/version 99/);
    expect(() => deserializeModel(JSON.stringify({ ...good, intercepts: `AAAA${good.intercepts}` }))).toThrow(
      /intercepts/,
    );
  });

  it('names the problem in bad training input', () => {
    expect(() => trainSentimentModel(['a', 'b'], ['x'])).toThrow(/2 texts but 1 labels/);
    expect(() => trainSentimentModel(['a', 'b', 'c'], ['x', 'x', 'x'])).toThrow(/at least 2 distinct labels/);
    expect(() => trainSentimentModel(['a', 'b', 'c'], ['x', 'x', 'y'])).toThrow(/"y" has 1/);
    expect(() => trainSentimentModel(['a', ' ', 'c', ''], ['x', 'x', 'y', 'y'])).toThrow(
      /rows 1, 3 \(0-based\)/,
    );
    expect(() => trainSentimentModel([], [])).toThrow(/no texts/);
    expect(() => trainSentimentModel(toy.texts, toy.labels, { c: -1 })).toThrow(/positive number/);
    const { model } = trainSentimentModel(toy.texts, toy.labels, { features, c: 1 });
    expect(() => trainedSentimentEngine({ ...model, labels: ['spam', 'ham'] }, 'r')).toThrow(
      /unrecognised: spam, ham/,
    );
  });

  it('cross-validates with stratified folds', () => {
    const result = crossValidate(toy.texts, toy.labels, 4, { features, c: 8 });
    expect(result.foldAccuracies).toHaveLength(4);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.5);
  });
});

const chnDir = datasetPath('chnsenticorp/bert_split');
const hasChn = existsSync(`${chnDir}/train.tsv`);

/** label\ttext_a rows of a bert_split file. */
function loadTsv(name: string): { texts: string[]; labels: string[] } {
  const lines = readFileSync(`${chnDir}/${name}`, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line !== '');
  return {
    texts: lines.map((line) => line.slice(line.indexOf('\t') + 1)),
    labels: lines.map((line) => line.slice(0, line.indexOf('\t'))),
  };
}

describe.skipIf(!hasChn)(
  'ChnSentiCorp subset (needs ../shared/datasets/chnsenticorp; skipped when absent)',
  () => {
    it('reaches ≥ 0.85 dev accuracy from 2,000 training reviews with character 1–3-grams', () => {
      const train = loadTsv('train.tsv');
      const dev = loadTsv('dev.tsv');
      const { model } = trainSentimentModel(train.texts.slice(0, 2000), train.labels.slice(0, 2000), {
        features: { word: [0, 0], char: [1, 3], buckets: 1 << 18 },
        c: 8,
      });
      expect(evaluate(model, dev.texts, dev.labels).accuracy).toBeGreaterThanOrEqual(0.85);
    }, 60_000);
  },
);
