/**
 * BG/NBD + Gamma-Gamma fit benchmark:
 *   npx tsx bench/customers/bgnbd.bench.ts [--customers 1000,100000,1000000] [--runs 3] [--seed 42]
 *
 * For each size, simulates customers directly from the BG/NBD process (r 0.45, α 6, a 0.8, b 2.5;
 * T uniform on 10..104 weeks) with Gamma-Gamma spend (p 6, q 4, v 15) through src/core/random.ts —
 * no store — then times, median of `--runs` (default 3):
 *  - fitBgNbd (3 starts; above 200k customers the starts are compared on a 50k subsample, then the
 *    best is continued on all customers; includes the observed-information standard errors),
 *  - fitGammaGamma (on the repeat customers),
 *  - one BG/NBD log-likelihood + gradient evaluation (ns per customer),
 *  - predictions over all customers: P(alive), E[Y(52) | x, t_x, T], and a 12-month CLV.
 * Goal (issue 3): BG/NBD fit on 1M customers under 10 s. Prints a markdown table and a JSON
 * document; writes bench/customers/out/bgnbd.json (gitignored). Not part of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../../src/core/random.js';
import { bgNbdLogLikelihoodPrepared, prepareBgNbdData } from '../../src/customers/clv/bg-nbd-likelihood.js';
import {
  conditionalExpectedPurchasesForCustomers,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  probabilityAliveForCustomers,
  simulateBgNbdGammaGamma,
} from '../../src/customers/clv/index.js';
import { median } from '../../src/stats/descriptive.js';
import { argument } from '../bench-args.js';

const here = dirname(fileURLToPath(import.meta.url));
const sizes = argument('customers', '1000,100000,1000000').split(',').map(Number);
const runs = Number(argument('runs', '3'));
const seed = Number(argument('seed', '42'));
const TRUTH = { r: 0.45, alpha: 6, a: 0.8, b: 2.5 };
const SPEND = { p: 6, q: 4, v: 15 };

function time<T>(f: () => T): { seconds: number; value: T } {
  const started = performance.now();
  const value = f();
  return { seconds: (performance.now() - started) / 1000, value };
}

const results = [];
for (const customers of sizes) {
  const rng = createRng(seed);
  const simulated = time(() => {
    const ages = Float64Array.from({ length: customers }, () => 10 + 94 * rng.next());
    return simulateBgNbdGammaGamma(rng, ages, TRUTH, SPEND);
  });
  const data = simulated.value;
  let repeaters = 0;
  for (const x of data.frequency) if (x > 0) repeaters++;

  const bgRuns = Array.from({ length: runs }, () => time(() => fitBgNbd(data)));
  const bg = (bgRuns[0] as (typeof bgRuns)[number]).value;
  const ggRuns = Array.from({ length: runs }, () => time(() => fitGammaGamma(data)));
  const gg = (ggRuns[0] as (typeof ggRuns)[number]).value;

  const prepared = prepareBgNbdData(data);
  const gradient = new Float64Array(4);
  const evaluations = Math.max(3, Math.min(200, Math.round(2e7 / customers)));
  const evaluation = time(() => {
    for (let k = 0; k < evaluations; k++) bgNbdLogLikelihoodPrepared(prepared, bg.params, gradient);
  });
  const alive = time(() => probabilityAliveForCustomers(bg.params, data));
  const expected = time(() => conditionalExpectedPurchasesForCustomers(bg.params, 52, data));
  const clv = time(() =>
    customerLifetimeValue(bg.params, gg.params, data, {
      periods: 12,
      periodLength: 365.25 / 12 / 7,
      discountRate: 0.01,
    }),
  );
  results.push({
    customers,
    repeaters,
    simulateSeconds: Number(simulated.seconds.toFixed(3)),
    bgNbdFitSeconds: Number(median(bgRuns.map((r) => r.seconds)).toFixed(3)),
    bgNbdFitSecondsAll: bgRuns.map((r) => Number(r.seconds.toFixed(3))),
    bgNbdIterations: bg.iterations,
    bgNbdEvaluations: bg.evaluations,
    bgNbdConverged: bg.converged,
    bgNbdParams: bg.params,
    bgNbdStandardErrors: bg.standardErrors,
    bgNbdZScores: Object.fromEntries(
      (['r', 'alpha', 'a', 'b'] as const).map((k) => [
        k,
        Number(((bg.params[k] - TRUTH[k]) / bg.standardErrors[k]).toFixed(2)),
      ]),
    ),
    evaluationNsPerCustomer: Number(((evaluation.seconds / evaluations / customers) * 1e9).toFixed(1)),
    gammaGammaFitSeconds: Number(median(ggRuns.map((r) => r.seconds)).toFixed(3)),
    gammaGammaParams: gg.params,
    gammaGammaStandardErrors: gg.standardErrors,
    probabilityAliveSeconds: Number(alive.seconds.toFixed(3)),
    conditionalExpectation52Seconds: Number(expected.seconds.toFixed(3)),
    clv12MonthsSeconds: Number(clv.seconds.toFixed(3)),
  });
  console.error(`done ${customers}`);
}

const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
console.log(
  line([
    'customers',
    'repeaters',
    'simulate s',
    'BG/NBD fit s (median)',
    'iter / evals',
    'ns/customer/eval',
    'GG fit s',
    'P(alive) s',
    'E[Y(52)] s',
    'CLV 12 mo s',
  ]),
);
console.log(line(Array.from({ length: 10 }, () => '---')));
for (const r of results)
  console.log(
    line([
      r.customers,
      r.repeaters,
      r.simulateSeconds,
      r.bgNbdFitSeconds,
      `${r.bgNbdIterations} / ${r.bgNbdEvaluations}`,
      r.evaluationNsPerCustomer,
      r.gammaGammaFitSeconds,
      r.probabilityAliveSeconds,
      r.conditionalExpectation52Seconds,
      r.clv12MonthsSeconds,
    ]),
  );
const document = {
  benchmark: 'bgnbd',
  node: process.version,
  runs,
  seed,
  truth: { bgNbd: TRUTH, gammaGamma: SPEND },
  goal: 'BG/NBD fit on 1M customers < 10 s',
  results,
};
console.log(JSON.stringify(document, null, 2));
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'bgnbd.json'), `${JSON.stringify(document, null, 2)}\n`);
