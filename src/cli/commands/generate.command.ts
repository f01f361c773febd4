import type { Command } from 'commander';
import { type GenerateResult, generateContent } from '../../app/content/content-service.js';
import {
  type ContentKind,
  type FormatId,
  formatIds,
  formats,
  formatsByKind,
  type Occasion,
  occasionIds,
} from '../../content/index.js';
import { InputError } from '../../core/errors.js';
import { action } from '../run-command.js';
import { choiceOption, intOption, numberOption } from './options.js';

const kinds = ['ad', 'description', 'email', 'social', 'story'] as const satisfies readonly ContentKind[];
const occasions = occasionIds;

function render(result: GenerateResult, locale: 'en' | 'zh'): string {
  const lines = [
    locale === 'zh'
      ? `生成运行 ${result.modelRunId}（引擎：${result.engine}）：${result.pieces.length} 个版本，均为草稿`
      : `Content run ${result.modelRunId} (engine: ${result.engine}): ${result.pieces.length} variant(s), stored as drafts`,
    ...result.notes.map((n) => `note: ${n}`),
  ];
  for (const p of result.pieces) {
    const status = p.lint.passed
      ? locale === 'zh'
        ? '合规检查通过'
        : 'lint passed'
      : `${locale === 'zh' ? '合规检查未通过' : 'lint FAILED'}: ${p.lint.findings.map((f) => f.rule).join(', ')}`;
    const repaired = p.repairedBy.length ? ` (repaired by ${p.repairedBy.join(' + ')})` : '';
    lines.push('', `#${p.variant} ${p.id} · ${p.piece.source} · ${status}${repaired}`);
    for (const field of formats[p.piece.format].fields)
      lines.push(`  ${field.name}: ${(p.piece.fields[field.name] ?? '').replace(/\n/g, '\n    ')}`);
  }
  if (result.llm)
    lines.push(
      '',
      `LLM: ${result.llm.providerCalls} call(s), ${result.llm.cachedCalls} from cache, ${result.llm.inputTokens}+${result.llm.outputTokens} tokens, cost ${result.llm.cost.toFixed(4)}`,
    );
  return lines.join('\n');
}

export function registerGenerateCommand(program: Command): void {
  const generate = program
    .command('generate')
    .description('Write brand-safe marketing copy (LLM when configured, template engine otherwise)');
  for (const kind of kinds) {
    generate
      .command(kind)
      .description(
        `${kind}: formats ${formatsByKind[kind].join(', ')}${kind === 'description' || kind === 'story' ? ' (needs --product)' : ''}`,
      )
      .option(
        '--format <format>',
        `one of ${formatsByKind[kind].join(', ')}`,
        choiceOption('--format', formatIds),
      )
      .option('--product <id>', 'product the copy is about')
      .option('--segment <key>', 'customer segment the copy is for (persona and favourite categories)')
      .option('--occasion <occasion>', occasions.join(', '), choiceOption('--occasion', occasions))
      .option('--festival <name>', 'festival name when --occasion festival (e.g. 中秋, 双十一, Christmas)')
      .option('--discount <percent>', 'percentage off', numberOption('--discount', 1, 90))
      .option('--coupon', 'add a {{coupon_code}} slot')
      .option('--expires <date>', 'offer end date (YYYY-MM-DD)')
      .option('--variants <n>', 'distinct variants to write (1-20)', intOption('--variants', 1, 20), 3)
      .option('--seed <n>', 'random seed', intOption('--seed', 0, 2 ** 31 - 1), 1)
      .option(
        '--engine <engine>',
        'auto (LLM if configured), template, llm',
        choiceOption('--engine', ['auto', 'template', 'llm'] as const),
        'auto',
      )
      .action(
        action(async (ctx, options) => {
          if (options.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(options.expires)))
            throw new InputError('usage', `--expires is "${options.expires}"; expected YYYY-MM-DD`);
          if (options.festival !== undefined && options.occasion !== 'festival')
            throw new InputError('usage', '--festival goes with --occasion festival');
          const store = await ctx.store({ existing: true });
          const offer =
            options.discount !== undefined || options.coupon || options.expires !== undefined
              ? {
                  ...(options.discount === undefined ? {} : { discountPercent: options.discount as number }),
                  ...(options.coupon ? { couponSlot: true } : {}),
                  ...(options.expires === undefined ? {} : { expires: String(options.expires) }),
                }
              : undefined;
          const result = await generateContent(store, ctx.config, {
            kind,
            locale: ctx.locale,
            variants: options.variants as number,
            seed: options.seed as number,
            engine: options.engine as 'auto' | 'template' | 'llm',
            ...(options.format ? { format: options.format as FormatId } : {}),
            ...(options.product ? { productId: String(options.product) } : {}),
            ...(options.segment ? { segment: String(options.segment) } : {}),
            ...(options.occasion ? { occasion: options.occasion as Occasion } : {}),
            ...(options.festival ? { festival: String(options.festival) } : {}),
            ...(offer ? { offer } : {}),
          });
          ctx.output.result(result, () => render(result, ctx.locale));
        }),
      );
  }
}
