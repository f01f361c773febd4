import {
  type BrandVoice,
  buildContentPrompt,
  buildRepairPrompt,
  type ContentKind,
  type ContentLocale,
  type ContentPiece,
  type ContentRequest,
  contentOutputSchema,
  dedupeVariants,
  type FormatId,
  fixPiece,
  formatsByKind,
  type LintOptions,
  type LintResult,
  lintPiece,
  type Occasion,
  type Offer,
  piecesFromLlmOutput,
  pieceText,
  writeFromTemplate,
} from '../../content/index.js';
import type { LoadedConfig } from '../../core/config.js';
import { InputError, OperationalError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { PromptTemplate } from '../../core/prompt-template.js';
import type { LlmClient } from '../../llm/index.js';
import type { LlmProvider } from '../../llm/language-model.js';
import { detectPii } from '../../pii/index.js';
import type { Store } from '../../store/store.js';
import { insertInBatches } from '../customers/derived-rows.js';
import { openLlm } from '../llm/llm-service.js';
import { insertModelRun } from '../model-runs.js';
import { productFacts, segmentFacts } from './content-facts.js';
import { loadPromptOverrides } from './prompt-overrides.js';

/**
 * `marketmind generate …`: brand-safe copy for a product and a segment, by the LLM when one is
 * configured and by the template engine otherwise (or when the LLM is unavailable — with a note).
 * Every piece is linted; an LLM piece that fails gets one repair call with the findings, then the
 * deterministic fixer; a template piece goes straight to the fixer. Pieces are stored as drafts in
 * `generated_content` with their engine, template/prompt version and lint result.
 */

export type EngineChoice = 'auto' | 'template' | 'llm';

export interface GenerateOptions {
  readonly kind: ContentKind;
  readonly format?: FormatId;
  readonly locale: ContentLocale;
  readonly productId?: string;
  readonly segment?: string;
  readonly occasion?: Occasion;
  readonly offer?: Offer;
  readonly festival?: string;
  readonly variants: number;
  readonly seed: number;
  readonly engine: EngineChoice;
}

export interface GeneratedPiece {
  readonly id: string;
  readonly variant: number;
  readonly piece: ContentPiece;
  readonly lint: LintResult;
  /** How failing lint was repaired: by a second LLM call, by the deterministic fixer, or both. */
  readonly repairedBy: readonly ('llm' | 'fixer')[];
}

export interface GenerateResult {
  readonly modelRunId: string;
  readonly engine: string;
  readonly request: ContentRequest;
  readonly pieces: readonly GeneratedPiece[];
  readonly notes: readonly string[];
  readonly llm: ReturnType<LlmClient['totals']> | null;
}

/** Brand voice from the config (`brand`). */
export function brandVoice(config: LoadedConfig): BrandVoice {
  return config.brand;
}

export function lintOptions(config: LoadedConfig): LintOptions {
  return { brand: brandVoice(config), detectPii: (text) => detectPii(text) };
}

function checkOptions(options: GenerateOptions): FormatId {
  const allowed = formatsByKind[options.kind];
  const format = options.format ?? allowed[0];
  if (format === undefined || !allowed.includes(format))
    throw new InputError(
      'invalid_format',
      `--format "${options.format}" is not a format of ${options.kind}; allowed: ${allowed.join(', ')}`,
    );
  if (!Number.isInteger(options.variants) || options.variants < 1 || options.variants > 20)
    throw new InputError('invalid_variants', `--variants is ${options.variants}; allowed: 1 to 20`);
  if ((options.kind === 'description' || options.kind === 'story') && options.productId === undefined)
    throw new InputError('missing_product', `${options.kind} needs a product: pass --product ID`);
  return format;
}

async function buildRequest(
  store: Store,
  options: GenerateOptions,
  format: FormatId,
): Promise<ContentRequest> {
  return {
    kind: options.kind,
    format,
    locale: options.locale,
    ...(options.productId ? { product: await productFacts(store, options.productId, options.locale) } : {}),
    ...(options.segment ? { audience: await segmentFacts(store, options.segment, options.locale) } : {}),
    ...(options.occasion ? { occasion: options.occasion } : {}),
    ...(options.offer ? { offer: options.offer } : {}),
    ...(options.festival ? { festival: options.festival } : {}),
    variants: options.variants,
    seed: options.seed,
  };
}

/** Lints a piece; a failing one goes through the fixer. */
function lintAndFix(piece: ContentPiece, lint: LintOptions, repairedBy: ('llm' | 'fixer')[]) {
  const first = lintPiece(piece, lint);
  if (first.passed) return { piece, lint: first, repairedBy };
  const fixed = fixPiece(piece, lint);
  return {
    piece: fixed.piece,
    lint: lintPiece(fixed.piece, lint),
    repairedBy: [...repairedBy, 'fixer' as const],
  };
}

async function writeWithLlm(
  client: LlmClient,
  request: ContentRequest,
  brand: BrandVoice,
  lint: LintOptions,
  overrides: ReadonlyMap<string, PromptTemplate>,
): Promise<{ piece: ContentPiece; lint: LintResult; repairedBy: ('llm' | 'fixer')[] }[]> {
  const prompt = buildContentPrompt(request, brand, overrides);
  const answer = await client.generateObject({
    task: 'copy',
    messages: prompt.messages,
    schema: contentOutputSchema(request.format, request.variants),
    schemaName: prompt.schemaName,
    template: prompt.source,
    temperature: 0.8,
    seed: request.seed,
  });
  const pieces = dedupeVariants(
    piecesFromLlmOutput(answer.value, request, client.engine, prompt.source),
    pieceText,
  );
  const results = [];
  for (const piece of pieces) {
    const first = lintPiece(piece, lint);
    if (first.passed) {
      results.push({ piece, lint: first, repairedBy: [] as ('llm' | 'fixer')[] });
      continue;
    }
    const repair = buildRepairPrompt(piece, first.findings, brand, overrides);
    const repaired = await client.generateObject({
      task: 'repair',
      messages: repair.messages,
      schema: contentOutputSchema(request.format, 1),
      schemaName: repair.schemaName,
      template: repair.source,
      temperature: 0.2,
    });
    const [again] = piecesFromLlmOutput(repaired.value, request, client.engine, repair.source);
    results.push(lintAndFix(again ?? piece, lint, ['llm']));
  }
  return results;
}

export async function generateContent(
  store: Store,
  config: LoadedConfig,
  options: GenerateOptions,
  inject: { readonly provider?: LlmProvider } = {},
): Promise<GenerateResult> {
  const format = checkOptions(options);
  const request = await buildRequest(store, options, format);
  const brand = brandVoice(config);
  const lint = lintOptions(config);
  const runId = newId('run');
  const startedAt = new Date();
  const notes: string[] = [];
  const client =
    options.engine === 'template'
      ? null
      : openLlm(config, {
          task: 'copy',
          db: store,
          runId,
          ...(inject.provider ? { provider: inject.provider } : {}),
        });
  if (options.engine === 'llm' && client === null)
    throw new InputError('llm_not_configured', '--engine llm needs an LLM, and none is configured', {
      hint: 'Set llm.provider in marketmind.config.json, or use --engine template (the default without an LLM).',
    });
  if (client === null && options.engine === 'auto') notes.push('No LLM configured: template engine used.');
  let written: { piece: ContentPiece; lint: LintResult; repairedBy: ('llm' | 'fixer')[] }[] | undefined;
  try {
    if (client) {
      try {
        written = await writeWithLlm(client, request, brand, lint, await loadPromptOverrides(config));
      } catch (error) {
        if (!(error instanceof OperationalError) || options.engine === 'llm') throw error;
        notes.push(`LLM unavailable (${error.code}): template engine used instead.`);
      }
    }
    written ??= writeFromTemplate(request, brand).map((piece) => lintAndFix(piece, lint, []));
  } finally {
    await client?.close();
  }
  const engine = written[0]?.piece.engine ?? 'template';
  const pieces: GeneratedPiece[] = written.map((w, i) => ({ id: `${runId}:${i}`, variant: i + 1, ...w }));
  const now = new Date();
  await store.transaction(async (tx) => {
    await insertModelRun(tx, {
      id: runId,
      kind: 'content.generate',
      engine,
      params: {
        kind: request.kind,
        format: request.format,
        locale: request.locale,
        productId: options.productId ?? null,
        segment: options.segment ?? null,
        occasion: request.occasion ?? null,
        variants: request.variants,
        seed: request.seed,
        engineChoice: options.engine,
      },
      metrics: {
        pieces: pieces.length,
        lintPassed: pieces.filter((p) => p.lint.passed).length,
        repaired: pieces.filter((p) => p.repairedBy.length > 0).length,
        llm: client?.totals() ?? null,
        notes,
      },
      startedAt,
      finishedAt: now,
    });
    await insertInBatches(tx, 'generated_content', pieces.length, (i) => {
      const p = pieces[i] as GeneratedPiece;
      return [
        p.id,
        runId,
        p.piece.kind,
        p.piece.locale,
        null,
        pieceText(p.piece),
        'draft',
        null,
        { fields: p.piece.fields, findings: p.lint.findings, repairedBy: p.repairedBy },
        p.piece.format,
        p.piece.engine,
        p.piece.source,
        p.variant,
        options.segment ?? null,
        options.productId ?? null,
        p.lint.passed,
        now,
        now,
      ];
    });
  });
  if (pieces.some((p) => !p.lint.passed))
    notes.push('Some pieces still fail lint and stay drafts; they cannot be approved until fixed.');
  return { modelRunId: runId, engine, request, pieces, notes, llm: client?.totals() ?? null };
}
