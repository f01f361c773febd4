import type { Command } from 'commander';
import { installLocalRuntime } from '../../app/llm/install-local-runtime.js';
import { checkLlm } from '../../app/llm/llm-check.js';
import { llmStats } from '../../app/llm/llm-stats.js';
import { textTable } from '../output.js';
import { action } from '../run-command.js';
import { dateOption } from './options.js';

const pct = (v: number | null): string => (v === null ? '' : `${(v * 100).toFixed(1)}%`);
const ms = (v: number | null): string => (v === null ? '' : `${Math.round(v)}`);

export function registerLlmCommands(program: Command): void {
  const llm = program.command('llm').description('The LLM layer: connectivity, reliability and cost');

  llm
    .command('test')
    .description('Check the configured LLM: a plain call and a JSON-schema call, with latency')
    .option('--task <task>', 'check the model configured for this task (llm.tasks)', 'default')
    .action(
      action(async (ctx, options) => {
        const check = await checkLlm(ctx.config, { task: String(options.task) });
        ctx.output.result(check, () =>
          [
            `${check.provider} ${check.model}${check.baseUrl ? ` at ${check.baseUrl}` : ''} (task ${check.task})`,
            `text:       ${check.text.ok ? 'ok' : 'FAILED'} in ${Math.round(check.text.latencyMs)} ms — ${check.text.detail}`,
            `structured: ${check.structured.ok ? 'ok' : 'FAILED'} in ${Math.round(check.structured.latencyMs)} ms` +
              (check.structured.mode
                ? ` (mode ${check.structured.mode}, first try ${check.structured.firstTryValid ? 'valid' : 'repaired'})`
                : '') +
              ` — ${check.structured.detail}`,
          ].join('\n'),
        );
        if (!check.text.ok || !check.structured.ok) process.exitCode = 1;
      }),
    );

  llm
    .command('stats')
    .description(
      'Per provider, model and task: calls, cache hits, first-try valid JSON, repairs, failures, cost',
    )
    .option('--since <date>', 'calls on or after this day', dateOption('--since'))
    .option('--run <id>', 'calls of one model run')
    .action(
      action(async (ctx, options) => {
        const store = await ctx.store({ existing: true });
        const stats = await llmStats(store, {
          ...(options.since ? { since: options.since as Date } : {}),
          ...(options.run ? { runId: String(options.run) } : {}),
        });
        ctx.output.result(stats, () =>
          stats.length
            ? textTable(
                stats.map((s) => ({
                  provider: s.provider,
                  model: s.model,
                  task: s.task,
                  calls: s.calls,
                  cached: s.cachedCalls,
                  errors: s.errors,
                  first_try_valid: pct(s.firstTryValidRate),
                  local_repairs: s.localRepairs,
                  llm_repairs: s.llmRepairs,
                  failed_json: s.structuredFailures,
                  tokens: s.inputTokens + s.outputTokens,
                  cost: s.currency ? `${s.cost.toFixed(4)} ${s.currency}` : s.cost.toFixed(4),
                  p50_ms: ms(s.medianLatencyMs),
                  p95_ms: ms(s.p95LatencyMs),
                })),
              )
            : 'No LLM calls recorded yet.',
        );
      }),
    );

  llm
    .command('install-local')
    .description(
      'Install the local GGUF runtime (node-llama-cpp 3.21.1, CPU prebuilt only) outside the project',
    )
    .option('--target <dir>', 'install directory (default ~/.cache/marketmind/llama or MARKETMIND_LLAMA_DIR)')
    .action(
      action(async (ctx, options) => {
        const result = await installLocalRuntime({
          ...(options.target ? { dir: String(options.target) } : {}),
          onOutput: (line) => ctx.logger.info(line),
        });
        ctx.output.result(result, () => `node-llama-cpp ${result.version} installed in ${result.dir}`);
      }),
    );
}
