/**
 * Multi-touch attribution benchmark:
 *   npx tsx bench/attribution/attribution.bench.ts [--journeys 1000000] [--channels 10] [--runs 3] [--seed 42]
 *
 * Simulates `--journeys` one-journey-per-row customer journeys (seeded through src/core/random.ts):
 * `--channels` channels (8–12) with skewed popularity, path length uniform 1–10, conversion
 * probability logistic(−2.2 + Σ planted lift of the distinct channels touched). Then times, median of
 * `--runs` (default 3):
 *  - Markov order 1 end to end: aggregateJourneys (1M rows → distinct paths) + chain + exact removal
 *    effects (goal, issue 7: < 5 s on this machine);
 *  - Markov order 1 directly on the 1M rows (no aggregation step), orders 2 and 3 on the aggregated paths;
 *  - Shapley: exact (2^channels coalitions) and 2 000 sampled permutations, on the aggregated paths;
 *  - the five heuristic models on the aggregated paths.
 * Prints a markdown table and a JSON document; writes bench/attribution/out/attribution.json
 * (gitignored). Not part of `npm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  aggregateJourneys,
  heuristicAttribution,
  type Journey,
  markovAttribution,
  shapleyAttribution,
} from '../../src/attribution/index.js';
import { createRng, pickWeighted } from '../../src/core/random.js';
import { median } from '../../src/stats/descriptive.js';
import { argument } from '../bench-args.js';

const here = dirname(fileURLToPath(import.meta.url));
const journeyCount = Number(argument('journeys', '1000000'));
const channelCount = Number(argument('channels', '10'));
const runs = Number(argument('runs', '3'));
const seed = Number(argument('seed', '42'));

function time<T>(f: () => T): { seconds: number; value: T } {
  const started = performance.now();
  const value = f();
  return { seconds: (performance.now() - started) / 1000, value };
}
function timed<T>(f: () => T): { seconds: number; all: number[]; value: T } {
  const all = Array.from({ length: runs }, () => time(f));
  return {
    seconds: median(all.map((r) => r.seconds)),
    all: all.map((r) => Number(r.seconds.toFixed(3))),
    value: (all[0] as { value: T }).value,
  };
}

const channels = Array.from({ length: channelCount }, (_, i) => `channel_${String.fromCharCode(97 + i)}`);
const popularity = channels.map((_, i) => 1 / (i + 1));
const lift = channels.map((_, i) => 0.05 + (0.6 * ((i * 7) % channelCount)) / channelCount);

const generated = time(() => {
  const rng = createRng(seed);
  const journeys: Journey[] = new Array(journeyCount);
  for (let j = 0; j < journeyCount; j++) {
    const length = 1 + Math.floor(rng.next() * 10);
    const path: string[] = new Array(length);
    const seen = new Set<number>();
    for (let t = 0; t < length; t++) {
      const id = pickWeighted(rng, popularity);
      path[t] = channels[id] as string;
      seen.add(id);
    }
    let score = -2.2;
    for (const id of seen) score += lift[id] as number;
    const converted = rng.next() < 1 / (1 + Math.exp(-score)) ? 1 : 0;
    journeys[j] = { path, conversions: converted, value: converted ? 20 + 80 * rng.next() : 0 };
  }
  return journeys;
});
const journeys = generated.value;
console.error(`generated ${journeyCount} journeys in ${generated.seconds.toFixed(2)} s`);

const aggregated = aggregateJourneys(journeys);
const endToEnd = timed(() => markovAttribution(aggregateJourneys(journeys), { order: 1 }));
const aggregation = timed(() => aggregateJourneys(journeys));
const order1Rows = timed(() => markovAttribution(journeys, { order: 1 }));
const order1 = timed(() => markovAttribution(aggregated, { order: 1 }));
const order2 = timed(() => markovAttribution(aggregated, { order: 2 }));
const order3 = timed(() => markovAttribution(aggregated, { order: 3 }));
const shapleyExact = timed(() => shapleyAttribution(aggregated));
const shapleySampled = timed(() =>
  shapleyAttribution(aggregated, { exactMaxChannels: 0, samples: 2000, seed: 1 }),
);
const heuristics = timed(() => heuristicAttribution(aggregated));

const goalSeconds = 5;
const rows = [
  ['Markov order 1 end to end (aggregate + chain + removal effects)', endToEnd, endToEnd.value.stateCount],
  ['  aggregateJourneys alone', aggregation, aggregation.value.length],
  ['Markov order 1 on the raw rows (no aggregation)', order1Rows, order1Rows.value.stateCount],
  ['Markov order 1 on aggregated paths', order1, order1.value.stateCount],
  ['Markov order 2 on aggregated paths', order2, order2.value.stateCount],
  ['Markov order 3 on aggregated paths', order3, order3.value.stateCount],
  ['Shapley exact on aggregated paths', shapleyExact, 2 ** channelCount],
  ['Shapley 2 000 permutations on aggregated paths', shapleySampled, 2000],
  ['Heuristics (5 models) on aggregated paths', heuristics, aggregated.length],
] as const;

const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
console.log(
  `${journeyCount} journeys, ${channelCount} channels, ${aggregated.length} distinct paths, median of ${runs}`,
);
console.log(line(['step', 'median s', 'runs s', 'size (states / paths / coalitions)']));
console.log(line(['---', '---', '---', '---']));
for (const [name, result, size] of rows)
  console.log(line([name, result.seconds.toFixed(3), result.all.join(', '), size]));
const solvers = {
  order1: order1.value.solver,
  order2: order2.value.solver,
  order3: order3.value.solver,
};
console.log(
  `goal Markov order 1 end to end < ${goalSeconds} s: ${endToEnd.seconds < goalSeconds ? 'met' : 'NOT met'} (${(endToEnd.seconds / goalSeconds).toFixed(2)} of the budget)`,
);

const round1 = (x: number | undefined) => Number((x ?? 0).toFixed(1));
const credit = channels.map((channel, id) => ({
  channel,
  plantedLift: Number((lift[id] as number).toFixed(3)),
  markov1: round1(order1.value.byChannel[id]?.conversions),
  markov2: round1(order2.value.byChannel[id]?.conversions),
  shapley: round1(shapleyExact.value.byChannel[id]?.conversions),
  lastTouch: round1(heuristics.value.lastTouch[id]?.conversions),
}));
console.table(credit);

const document = {
  benchmark: 'attribution',
  node: process.version,
  journeys: journeyCount,
  channels: channelCount,
  distinctPaths: aggregated.length,
  conversions: order1.value.totalConversions,
  runs,
  seed,
  generateSeconds: Number(generated.seconds.toFixed(3)),
  goal: { step: 'markovOrder1EndToEnd', seconds: goalSeconds, met: endToEnd.seconds < goalSeconds },
  seconds: Object.fromEntries(
    (
      [
        ['markovOrder1EndToEnd', endToEnd],
        ['aggregateJourneys', aggregation],
        ['markovOrder1RawRows', order1Rows],
        ['markovOrder1Aggregated', order1],
        ['markovOrder2Aggregated', order2],
        ['markovOrder3Aggregated', order3],
        ['shapleyExact', shapleyExact],
        ['shapleySampled2000', shapleySampled],
        ['heuristics', heuristics],
      ] as const
    ).map(([name, r]) => [name, { median: Number(r.seconds.toFixed(3)), runs: r.all }]),
  ),
  states: {
    order1: order1.value.stateCount,
    order2: order2.value.stateCount,
    order3: order3.value.stateCount,
  },
  solvers,
  credit,
};
console.log(JSON.stringify(document, null, 2));
mkdirSync(join(here, 'out'), { recursive: true });
writeFileSync(join(here, 'out', 'attribution.json'), `${JSON.stringify(document, null, 2)}\n`);
