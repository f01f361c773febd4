/**
 * Batch generation through the LLM layer (issue 6): 1,000 personalised messages against the local
 * OpenAI-compatible test server with a fixed 200 ms latency per call, at client concurrency 1, 4,
 * 16 and 64, then the same batch again with a warm cache.
 *   npx tsx bench/llm/generation.bench.ts [--messages 1000] [--latency 200] [--levels 1,4,16,64]
 *
 * Each message is a structured call (json_schema mode, zod-validated) through the whole client:
 * privacy guard, cache lookup, limiter, circuit breaker, retries, cost accounting, and the call log
 * and response cache in a DuckDB store — so the figures include our overhead, not just the wire.
 * The server runs in its own process (bench/llm/serve.ts), so its CPU is not charged to the client.
 * The reference is the ideal throughput of a perfect client, concurrency / latency; the table
 * gives our share of it. The warm run must make zero provider calls (checked, not assumed).
 * Prints a JSON document and a markdown table. Not part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { storeCache, storeRecorder } from '../../src/app/llm/llm-stores.js';
import { createPromptGuard } from '../../src/llm/guard/index.js';
import { createLlmClient } from '../../src/llm/index.js';
import { createAiSdkProvider } from '../../src/llm/providers/ai-sdk/index.js';
import { openStore } from '../../src/store/open-store.js';
import { argument } from '../bench-args.js';

const messages = Number(argument('messages', '1000'));
const latencyMs = Number(argument('latency', '200'));
const levels = argument('levels', '1,4,16,64')
  .split(',')
  .map((s) => Number(s.trim()));

const schema = z.object({ subject: z.string().min(1), body: z.string().min(1) }).strict();
const segments = ['high_value_loyalists', 'at_risk_big_spenders', 'new_customers', 'dormant_customers'];
const products = ['merino scarf', 'trail shoes', 'green tea gift box', 'ceramic mug', 'linen shirt'];

function prompt(i: number, batch: string) {
  return [
    {
      role: 'system' as const,
      content: `You write short care emails in the brand voice. Answer in JSON. (batch ${batch})`,
    },
    {
      role: 'user' as const,
      content: `Customer #${i} of segment ${segments[i % segments.length]} bought ${products[i % products.length]} ${1 + (i % 17)} days ago. Write a subject and body; greet with {{first_name}}.`,
    },
  ];
}

interface LevelResult {
  readonly label: string;
  readonly concurrency: number;
  readonly seconds: number;
  readonly messagesPerSecond: number;
  readonly idealPerSecond: number | null;
  readonly shareOfIdeal: number | null;
  readonly providerCalls: number;
  readonly cachedCalls: number;
}

/** Starts bench/llm/serve.ts in a child process and returns its base URL. */
async function startServerProcess() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./serve.ts', import.meta.url).pathname, '--latency', String(latencyMs)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [url] = (await once(lines, 'line')) as [string];
  return {
    url,
    close: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function main() {
  const server = await startServerProcess();
  const store = await openStore({ engine: 'duckdb', path: ':memory:' });
  await store.migrate();
  const results: LevelResult[] = [];
  try {
    // each cold level gets its own batch tag (part of the prompt, hence of the cache key), so levels
    // do not warm each other; the warm run repeats the last level's batch
    const run = async (label: string, concurrency: number, cacheName: string, expectCached: boolean) => {
      // a client closes its provider, so each run gets its own
      const provider = createAiSdkProvider({
        provider: 'openai-compatible',
        model: 'bench',
        baseUrl: server.url,
      });
      const client = createLlmClient({
        provider,
        guard: createPromptGuard(),
        cache: storeCache(store, { provider: 'openai-compatible', model: cacheName }),
        recorder: storeRecorder(store),
        concurrency,
        timeoutMs: 30_000,
      });
      const started = performance.now();
      await Promise.all(
        Array.from({ length: messages }, (_, i) =>
          client.generateObject({
            task: 'bench',
            messages: prompt(i, cacheName),
            schema,
            schemaName: 'care_email',
            template: `bench.${cacheName}@1`,
          }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      const totals = client.totals();
      const providerCalls = totals.providerCalls;
      if (expectCached && providerCalls !== 0)
        throw new Error(`warm run made ${providerCalls} provider calls`);
      if (!expectCached && providerCalls !== messages)
        throw new Error(`cold run made ${providerCalls} provider calls for ${messages} messages`);
      const ideal = expectCached ? null : concurrency / (latencyMs / 1000);
      results.push({
        label,
        concurrency,
        seconds,
        messagesPerSecond: messages / seconds,
        idealPerSecond: ideal,
        shareOfIdeal: ideal === null ? null : messages / seconds / ideal,
        providerCalls,
        cachedCalls: totals.cachedCalls,
      });
      await client.close();
      process.stderr.write(`${label}: ${seconds.toFixed(2)} s\n`);
    };
    for (const c of levels) await run(`cold, concurrency ${c}`, c, `level-${c}`, false);
    const warm = levels[levels.length - 1] ?? 64;
    await run(`warm cache, concurrency ${warm}`, warm, `level-${warm}`, true);
  } finally {
    await store.close();
    await server.close();
  }
  console.log(JSON.stringify({ messages, latencyMs, results }, null, 2));
  console.log('\n| run | messages/s | ideal (c / latency) | share of ideal | provider calls | cache hits |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of results)
    console.log(
      `| ${r.label} | ${r.messagesPerSecond.toFixed(1)} | ${r.idealPerSecond?.toFixed(1) ?? '–'} | ${r.shareOfIdeal === null ? '–' : `${(r.shareOfIdeal * 100).toFixed(1)}%`} | ${r.providerCalls} | ${r.cachedCalls} |`,
    );
}

await main();
