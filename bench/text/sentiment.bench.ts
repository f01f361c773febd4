/**
 * Trainable sentiment engine vs scikit-learn, side by side on the same texts and splits:
 * `npx tsx bench/text/sentiment.bench.ts [--only chnsenticorp|uci]`.
 *
 * 1. ChnSentiCorp standard split (../shared/datasets/chnsenticorp/bert_split, 9,600 / 1,200 / 1,200):
 *    ours = trainSentimentModel(train, {features: char 1–3-grams, exact vocabulary, min_df 2,
 *    NB-LR weighting, validationSet: dev}) (C from 0.5 … 32 by dev accuracy, model trained on train),
 *    scored on test, the CLI defaults (word 1–2 + char 1–3) and the earlier hashed 2^20 TF-IDF
 *    configuration; scikit-learn =
 *    TfidfVectorizer(analyzer='char', ngram_range=(1, 3)) + LogisticRegression with C chosen on dev
 *    the same way (the reference), the same with min_df=2 and NB scaling (a reference
 *    implementation of our configuration), and the hashed variant (HashingVectorizer 2^20) for context.
 * 2. UCI sentiment labelled sentences (amazon + imdb + yelp, 3,000): 10-fold stratified CV (our
 *    seeded folds, handed to Python), in each fold C chosen on the same inner 10 % validation split;
 *    ours with word 1–2-grams (default tokenizer = scikit-learn's token pattern): exact vocabulary with
 *    NB-LR and with TF-IDF LR, hashed TF-IDF LR, and the CLI defaults (word 1–2 + char 1–3, exact
 *    vocabulary min_df 2, NB-LR); scikit-learn
 *    TfidfVectorizer(ngram_range=(1, 2)) + LR (also at its default C = 1).
 * Times: train = feature extraction + C search + final fit (wall seconds); predict = docs/s over the
 * test texts (ChnSentiCorp) or all held-out folds (UCI), features included.
 * scikit-learn comes from Debian (`apt-get install -y python3-sklearn`, run by this script when missing
 * and possible; never in CI). Prints a markdown table and JSON; writes bench/text/out/sentiment.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  classificationReport,
  DEFAULT_C_GRID,
  evaluate,
  type FeatureSpec,
  NgramVocabulary,
  predictLabels,
  resolveFeatureSpec,
  serializeModel,
  splitsForFolds,
  stratifiedHoldout,
  termFrequencies,
  trainSentimentModel,
} from '../../src/text/classifier/index.js';
import { argument } from '../bench-args.js';

const here = dirname(fileURLToPath(import.meta.url));
const datasets = join(here, '../../../shared/datasets');
const only = argument('only', 'all');
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

interface Labelled {
  readonly texts: string[];
  readonly labels: string[];
}

interface Row {
  readonly engine: string;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly trainSeconds: number;
  readonly predictDocsPerSecond: number;
  readonly c: string;
  /** Size of the serialised model and its columns with a non-zero weight (ChnSentiCorp rows). */
  readonly modelBytes?: number;
  readonly weightedColumns?: number;
}

/** bert_split TSV: header `label\ttext_a`. */
function loadTsv(name: string): Labelled {
  const lines = readFileSync(join(datasets, 'chnsenticorp/bert_split', name), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line !== '');
  return {
    texts: lines.map((line) => line.slice(line.indexOf('\t') + 1)),
    labels: lines.map((line) => line.slice(0, line.indexOf('\t'))),
  };
}

/** UCI files: `sentence\tscore`, split lines on \n only and each line on its last tab (see SOURCE.md). */
function loadUci(): Labelled {
  const texts: string[] = [];
  const labels: string[] = [];
  for (const file of ['amazon_cells_labelled.txt', 'imdb_labelled.txt', 'yelp_labelled.txt']) {
    for (const line of readFileSync(join(datasets, 'uci_sentiment_sentences', file), 'utf8').split('\n')) {
      const tab = line.lastIndexOf('\t');
      if (tab < 0) continue;
      texts.push(line.slice(0, tab).trim());
      labels.push(line.slice(tab + 1).trim());
    }
  }
  return { texts, labels };
}

function sklearnAvailable(): boolean {
  return spawnSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0;
}

/** Installs python3-sklearn with apt-get when missing (never in CI); returns a skip reason or undefined. */
function ensureSklearn(): string | undefined {
  if (sklearnAvailable()) return undefined;
  if (process.env.CI) return 'scikit-learn is not installed and CI is set; reference skipped';
  console.error('scikit-learn not found; trying `apt-get install -y python3-sklearn` …');
  const install = spawnSync('apt-get', ['install', '-y', 'python3-sklearn'], { stdio: 'inherit' });
  if (install.error === undefined && install.status === 0 && sklearnAvailable()) return undefined;
  return 'scikit-learn is not available (apt-get install -y python3-sklearn failed or needs root); reference skipped';
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

interface ChnConfig {
  readonly engine: string;
  readonly features: FeatureSpec;
  readonly weighting: 'tfidf' | 'nb-tfidf';
}

/** Our configurations on ChnSentiCorp: character n-grams with NB-LR, the CLI defaults, and the earlier hashed TF-IDF one. */
const CHN_CONFIGS: readonly ChnConfig[] = [
  {
    engine: 'Marketmind (char 1–3, exact vocabulary min_df 2, NB-LR, C on dev)',
    features: { word: [0, 0], char: [1, 3], vocabulary: 'exact', minDf: 2 },
    weighting: 'nb-tfidf',
  },
  {
    engine: 'Marketmind defaults (word 1–2 + char 1–3, exact min_df 2, NB-LR, C on dev)',
    features: {},
    weighting: 'nb-tfidf',
  },
  {
    engine: 'Marketmind (char 1–3, hashed 2^20, TF-IDF LR, C on dev)',
    features: { word: [0, 0], char: [1, 3], buckets: 1 << 20, vocabulary: 'hashed' },
    weighting: 'tfidf',
  },
];

function chnSentiCorp(): { rows: Row[]; payload: unknown; charNgrams: number } {
  const train = loadTsv('train.tsv');
  const dev = loadTsv('dev.tsv');
  const test = loadTsv('test.tsv');
  const rows = CHN_CONFIGS.map(({ engine, features, weighting }): Row => {
    const start = performance.now();
    const result = trainSentimentModel(train.texts, train.labels, {
      features,
      weighting,
      validationSet: dev,
    });
    const trainSeconds = seconds(start);
    const predictStart = performance.now();
    const report = evaluate(result.model, test.texts, test.labels);
    const predictSeconds = seconds(predictStart);
    const modelBytes = Buffer.byteLength(serializeModel(result.model));
    const weightedColumns = result.model.weights.reduce((n, w) => n + (w === 0 ? 0 : 1), 0);
    console.error(
      `ChnSentiCorp ${engine}: ${result.model.idf.length} columns (${weightedColumns} with a weight), model ${modelBytes} bytes of JSON, C grid ${JSON.stringify(result.cGrid)}`,
    );
    return {
      engine,
      accuracy: report.accuracy,
      macroF1: report.macroF1,
      trainSeconds,
      predictDocsPerSecond: test.texts.length / predictSeconds,
      c: String(result.model.c),
      modelBytes,
      weightedColumns,
    };
  });
  // every distinct character 1–3-gram of the training reviews (min_df 1): what hashing has to fit
  const vocabulary = NgramVocabulary.growing();
  termFrequencies(
    train.texts,
    resolveFeatureSpec({ word: [0, 0], char: [1, 3], minDf: 1 }),
    undefined,
    vocabulary,
  );
  console.error(`ChnSentiCorp training reviews: ${vocabulary.size} distinct character 1–3-grams`);
  return { rows, payload: { train, dev, test, cGrid: DEFAULT_C_GRID }, charNgrams: vocabulary.size };
}

function uci(
  features: FeatureSpec,
  weighting: 'tfidf' | 'nb-tfidf',
  name: string,
  data: Labelled,
  folds: ReturnType<typeof splitsForFolds>,
): Row {
  const predicted: string[] = new Array(data.texts.length).fill('');
  let trainSeconds = 0;
  let predictSeconds = 0;
  const cs: number[] = [];
  // The loop of crossValidate, kept open to pool predictions for macro-F1 and to time the parts.
  for (const { train, test } of folds) {
    const start = performance.now();
    const { model } = trainSentimentModel(
      train.map((row) => data.texts[row] as string),
      train.map((row) => data.labels[row] as string),
      { features, weighting, seed: 42 },
    );
    trainSeconds += seconds(start);
    cs.push(model.c);
    const predictStart = performance.now();
    const labels = predictLabels(
      model,
      test.map((row) => data.texts[row] as string),
    );
    predictSeconds += seconds(predictStart);
    test.forEach((row, i) => {
      predicted[row] = labels[i] as string;
    });
  }
  const report = classificationReport(['0', '1'], data.labels, predicted);
  return {
    engine: name,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    trainSeconds,
    predictDocsPerSecond: data.texts.length / predictSeconds,
    c: cs.join('/'),
  };
}

function format(row: Row): string {
  return `| ${row.engine} | ${row.accuracy.toFixed(4)} | ${row.macroF1.toFixed(4)} | ${row.trainSeconds.toFixed(1)} | ${Math.round(row.predictDocsPerSecond).toLocaleString('en')} | ${row.c} |`;
}

interface SkResult {
  accuracy: number;
  macroF1: number;
  trainSeconds: number;
  predictDocsPerSecond: number;
  c?: number;
  foldCs?: number[];
}

function skRow(engine: string, r: SkResult): Row {
  return { ...r, engine, c: r.c !== undefined ? String(r.c) : (r.foldCs ?? []).join('/') };
}

function main(): void {
  const rows: Record<string, Row[]> = {};
  const payload: Record<string, unknown> = {};
  let charNgrams: number | undefined;
  if (only !== 'uci') {
    const chn = chnSentiCorp();
    rows.chnsenticorp = chn.rows;
    charNgrams = chn.charNgrams;
    payload.chnsenticorp = chn.payload;
  }
  if (only !== 'chnsenticorp') {
    const data = loadUci();
    const folds = splitsForFolds(data.labels, 10, 42);
    const word = { word: [1, 2], char: [0, 0] } as const;
    rows.uci = [
      uci(
        { ...word, vocabulary: 'exact', minDf: 1 },
        'nb-tfidf',
        'Marketmind (word 1–2, exact vocabulary, NB-LR)',
        data,
        folds,
      ),
      uci({}, 'nb-tfidf', 'Marketmind defaults (word 1–2 + char 1–3, exact min_df 2, NB-LR)', data, folds),
      uci(
        { ...word, vocabulary: 'exact', minDf: 1 },
        'tfidf',
        'Marketmind (word 1–2, exact vocabulary, TF-IDF LR)',
        data,
        folds,
      ),
      uci(
        { ...word, vocabulary: 'hashed' },
        'tfidf',
        'Marketmind (word 1–2, hashed 2^20, TF-IDF LR)',
        data,
        folds,
      ),
    ];
    payload.uci = {
      ...data,
      cGrid: DEFAULT_C_GRID,
      // The inner validation split trainSentimentModel makes inside each fold (same function, same seed).
      folds: folds.map(({ train, test }) => {
        const inner = stratifiedHoldout(
          train.map((row) => data.labels[row] as string),
          0.1,
          42,
        );
        return {
          train,
          test,
          innerTrain: inner.train.map((i) => train[i]),
          innerValidation: inner.holdout.map((i) => train[i]),
        };
      }),
    };
  }
  const skip = ensureSklearn();
  let reference: Record<string, SkResult> | undefined;
  if (skip) console.error(skip);
  else {
    const dir = mkdtempSync(join(tmpdir(), 'sentiment-bench-'));
    try {
      writeFileSync(join(dir, 'data.json'), JSON.stringify(payload));
      const out = execFileSync(
        python,
        [join(here, 'sklearn_sentiment.py'), '--data', join(dir, 'data.json')],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 24,
        },
      );
      reference = JSON.parse(out) as Record<string, SkResult>;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sklearnVersion = (reference as { sklearn?: string } | undefined)?.sklearn ?? '';
  const header =
    '| engine | accuracy | macro-F1 | train s | predict docs/s | C |\n|---|---:|---:|---:|---:|---|';
  const lines: string[] = [];
  if (rows.chnsenticorp) {
    const sk = reference?.chnsenticorp;
    const hashed = reference?.chnsenticorpHashed;
    const nb = reference?.chnsenticorpNb;
    lines.push('### ChnSentiCorp test (train 9,600, C on dev 1,200, test 1,200)', '', header);
    for (const row of rows.chnsenticorp) lines.push(format(row));
    if (sk)
      lines.push(format(skRow(`scikit-learn ${sklearnVersion} (char 1–3 TfidfVectorizer, C on dev)`, sk)));
    if (nb)
      lines.push(format(skRow('scikit-learn (char 1–3 TfidfVectorizer min_df 2, NB-scaled, C on dev)', nb)));
    if (hashed) lines.push(format(skRow(`scikit-learn (char 1–3 HashingVectorizer 2^20, C on dev)`, hashed)));
    lines.push(
      '',
      'Published (SOURCE.md, Chinese-BERT-wwm README, test accuracy, max of 10 runs (mean)): BERT 95.0 (94.7), ERNIE 95.4 (95.3), BERT-wwm 95.4 (95.0), RoBERTa-wwm-ext-large 95.8 (94.9).',
      '',
    );
  }
  if (rows.uci) {
    const sk = reference?.uci;
    const skDefault = reference?.uciDefaultC;
    lines.push('### UCI sentiment labelled sentences, 10-fold CV (3,000 sentences)', '', header);
    for (const row of rows.uci) lines.push(format(row));
    if (sk)
      lines.push(
        format(skRow(`scikit-learn ${sklearnVersion} (word 1–2 TfidfVectorizer, C on inner split)`, sk)),
      );
    if (skDefault) lines.push(format(skRow('scikit-learn (word 1–2 TfidfVectorizer, C = 1)', skDefault)));
    lines.push('');
  }
  console.log(lines.join('\n'));
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    ours: rows,
    ...(charNgrams === undefined ? {} : { chnSentiCorpCharNgrams: charNgrams }),
    sklearn: reference ?? skip,
  };
  console.log(JSON.stringify(json, null, 2));
  mkdirSync(join(here, 'out'), { recursive: true });
  writeFileSync(join(here, 'out/sentiment.json'), JSON.stringify(json, null, 2));
}

main();
