/**
 * Classical VOC throughput (issue 5 goal: ≥ 5,000 Chinese reviews/s on one core for tokenise +
 * sentiment + aspects): `createDocumentAnalyzer` (pipeline → lexicon sentiment → aspects → brand
 * mentions → brand attribution) over the ChnSentiCorp test reviews, on the main thread only.
 *   npx tsx bench/text/throughput.bench.ts [--rounds 15]
 * Prints reviews/s per stage added (prepare; + sentiment; + aspects and brands), median and best
 * round (the best round is the least disturbed on a shared machine), as JSON and a table.
 * Not part of `npm test`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BRANDS } from '../../src/demo/index.js';
import { createDocumentAnalyzer, createLexiconEngine, createTextPipeline } from '../../src/text/index.js';
import { argument } from '../bench-args.js';

const datasets = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));
const file = `${datasets}chnsenticorp/bert_split/test.tsv`;
const rounds = Number(argument('rounds', '15'));

if (!existsSync(file)) {
  console.error(`${file} is missing: this benchmark needs ../shared beside the repository.`);
  process.exit(1);
}
const reviews = readFileSync(file, 'utf8')
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t')[1] ?? '')
  .filter((t) => t.trim() !== '');
const brands = BRANDS.map((b) => ({ key: b.key, names: { en: [b.name], zh: [b.nameZh] }, ours: b.ours }));

function measure(run: (text: string) => unknown): { median: number; best: number } {
  for (const r of reviews.slice(0, 200)) run(r);
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const t = performance.now();
    for (const r of reviews) run(r);
    rates.push(reviews.length / ((performance.now() - t) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { median: rates[Math.floor(rates.length / 2)] ?? 0, best: rates.at(-1) ?? 0 };
}

const pipeline = createTextPipeline({ userWords: brands.flatMap((b) => [...b.names.en, ...b.names.zh]) });
const lexicon = createLexiconEngine();
const analyzer = createDocumentAnalyzer({ brands });
const stages = [
  { stage: 'prepare (normalise, detect, jieba, tokens)', ...measure((t) => pipeline.prepare(t, 'zh')) },
  { stage: '+ lexicon sentiment', ...measure((t) => lexicon.analyze(pipeline.prepare(t, 'zh'))) },
  {
    stage: '+ aspects, brand mentions, attribution (full analyzer)',
    ...measure((t) => analyzer.analyze(t, { lang: 'zh' })),
  },
];
const chars = reviews.reduce((s, r) => s + r.length, 0) / reviews.length;
console.log(JSON.stringify({ reviews: reviews.length, meanChars: chars, rounds, stages }, null, 2));
console.log(
  `\n${reviews.length} ChnSentiCorp test reviews (${chars.toFixed(0)} characters on average), one core, ${rounds} rounds\n`,
);
console.log('| stage | reviews/s (median) | reviews/s (best) |');
console.log('|---|---:|---:|');
for (const s of stages) console.log(`| ${s.stage} | ${Math.round(s.median)} | ${Math.round(s.best)} |`);
