/**
 * Text pipeline throughput (issue 5 goal: ≥ 5,000 Chinese reviews/s for tokenise + sentiment + aspects on
 * one core; this part, `prepare`, aims at ≥ 15,000/s):
 *   npx tsx bench/text/pipeline.bench.ts [--rounds 20] [--file PATH]
 *
 * Reads ChnSentiCorp test reviews (../shared/datasets/chnsenticorp/bert_split/test.tsv, label\ttext_a,
 * 1,200 hotel/book/laptop reviews, ~107 characters on average), builds one pipeline, warms it up, then
 * prepares every review `--rounds` times and prints reviews/s (median and best round: on a shared machine the
 * best round is the one least disturbed by other processes), µs/review (median), tokens/review,
 * and, for comparison, the cost of the bare jieba call on the same texts. English throughput is
 * measured on the UCI sentiment sentences (yelp) when present. Not part of `npm test`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { createTextPipeline } from '../../src/text/pipeline/index.js';
import { argument } from '../bench-args.js';

const datasets = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));
const rounds = Number(argument('rounds', '20'));
const zhFile = argument('file', `${datasets}chnsenticorp/bert_split/test.tsv`);
const enFile = `${datasets}uci_sentiment_sentences/yelp_labelled.txt`;

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median and best documents per second over `rounds` passes of `run` over `docs`. */
function throughput(docs: readonly string[], run: (doc: string) => void): { median: number; best: number } {
  for (const doc of docs) run(doc); // warm-up
  const rates: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    for (const doc of docs) run(doc);
    rates.push((docs.length / (performance.now() - started)) * 1000);
  }
  return { median: medianOf(rates), best: Math.max(...rates) };
}

if (!existsSync(zhFile)) {
  console.error(`missing ${zhFile}: the bench needs ../shared/datasets (ChnSentiCorp)`);
  process.exit(1);
}
const zhDocs = readFileSync(zhFile, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.slice(line.indexOf('\t') + 1));
const built = performance.now();
const pipeline = createTextPipeline({ userWords: ['云雀', '蕨山', 'Larkspur', 'Fernhill'] });
const buildMs = performance.now() - built;
let tokens = 0;
for (const doc of zhDocs) tokens += pipeline.prepare(doc).tokens.length;
const meanChars = zhDocs.reduce((sum, doc) => sum + doc.length, 0) / zhDocs.length;
const zhRate = throughput(zhDocs, (doc) => pipeline.prepare(doc));
const jieba = Jieba.withDict(dict);
const jiebaRate = throughput(zhDocs, (doc) => jieba.cut(doc, false));

interface Row {
  readonly name: string;
  readonly docs: number;
  readonly chars: number;
  readonly tokens: number;
  readonly rate: { median: number; best: number };
}
const rows: Row[] = [
  {
    name: 'zh prepare (ChnSentiCorp test)',
    docs: zhDocs.length,
    chars: meanChars,
    tokens: tokens / zhDocs.length,
    rate: zhRate,
  },
  {
    name: 'zh bare jieba.cut(text, false)',
    docs: zhDocs.length,
    chars: meanChars,
    tokens: Number.NaN,
    rate: jiebaRate,
  },
];
if (existsSync(enFile)) {
  const enDocs = readFileSync(enFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.slice(0, line.lastIndexOf('\t')));
  let enTokens = 0;
  for (const doc of enDocs) enTokens += pipeline.prepare(doc).tokens.length;
  const enChars = enDocs.reduce((sum, doc) => sum + doc.length, 0) / enDocs.length;
  const rate = throughput(enDocs, (doc) => pipeline.prepare(doc));
  rows.push({
    name: 'en prepare (UCI yelp)',
    docs: enDocs.length,
    chars: enChars,
    tokens: enTokens / enDocs.length,
    rate,
  });
}

console.log(
  `pipeline build: ${buildMs.toFixed(0)} ms; ${rounds} rounds, median and best shown; node ${process.version}`,
);
console.log('| run | docs | chars/doc | tokens/doc | docs/s (median) | docs/s (best) | µs/doc (median) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const tokenCell = Number.isNaN(row.tokens) ? '–' : row.tokens.toFixed(1);
  console.log(
    `| ${row.name} | ${row.docs} | ${row.chars.toFixed(1)} | ${tokenCell} | ${Math.round(row.rate.median)} | ${Math.round(row.rate.best)} | ${(1e6 / row.rate.median).toFixed(1)} |`,
  );
}
