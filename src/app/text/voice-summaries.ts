import type { LoadedConfig } from '../../core/config.js';
import { InputError, MarketmindError } from '../../core/errors.js';
import type { LlmClient } from '../../llm/index.js';
import type { LlmProvider } from '../../llm/language-model.js';
import type { Store } from '../../store/store.js';
import type { AspectDefinition, BrandEntry, TextLocale } from '../../text/index.js';
import {
  type CitationCheck,
  checkCitations,
  citationRepairMessage,
  composeSummary,
  type EvidenceQuote,
  type GroundedClaim,
  type RejectedClaim,
  voiceSummaryAnswerSchema,
  voiceSummaryPrompt,
} from '../../text/voice-summary-prompt.js';
import { openLlm } from '../llm/llm-service.js';
import { brandDictionary, brandKeyOf } from './brand-dictionary.js';
import { loadDocInsights } from './voice-documents.js';
import {
  applyInsightFilters,
  extractiveResult,
  findAspect,
  loadCandidates,
  pickEvidence,
  type VoiceSummaryQuote,
} from './voice-summary-evidence.js';

export type { VoiceSummaryQuote } from './voice-summary-evidence.js';

/**
 * `marketmind text summarize`: what customers say about a brand, an aspect, a product or a period,
 * as a short summary whose every claim cites customer quotes. Evidence: the customer documents
 * matching the filters (news excluded; brand by the document's brand or a mention, aspect by the
 * stored insights of `text analyze` plus the aspect's terms), the newest `maxCandidates`, reduced to
 * `quotes` diverse, relevant sentences by the extractive summary (MMR, focused on the aspect's
 * terms). With an LLM (task `summarize`, through the privacy guard, cache, budget and call log) the
 * quotes go into a versioned prompt (`text.voice-summary`, zh/en) and the answer's claims are kept
 * only when every cited id is in the evidence; an answer with bad citations is re-asked once with
 * the problems listed, and claims still bad are dropped and reported (`rejected`). Without an LLM,
 * or when no claim survives, the result is the extractive summary itself, labelled as such.
 */

export type SummaryEngineChoice = 'auto' | 'extractive' | 'llm';

export interface VoiceSummaryOptions {
  /** Brand key or name (from the brand dictionary). */
  readonly brand?: string;
  /** Aspect key or label of the taxonomy (price, 物流 …). */
  readonly aspect?: string;
  readonly product?: string;
  /** Documents at or after `from` and at or before `to`. */
  readonly from?: Date;
  readonly to?: Date;
  /** Language of the summary (default: the configured locale); quotes stay as written. */
  readonly lang?: TextLocale;
  readonly engine?: SummaryEngineChoice;
  /** Evidence quotes (default 8, 1–20). */
  readonly quotes?: number;
  /** Claims the LLM may write (default 4, 1–10). */
  readonly maxClaims?: number;
  /** Newest matching documents the evidence is chosen from (default 3000). */
  readonly maxCandidates?: number;
  /** The LLM provider to use instead of the configured one (tests). */
  readonly provider?: LlmProvider;
}

export interface VoiceSummary {
  /** `abstractive` (LLM, grounded in the quotes) or `extractive` (the quotes themselves). */
  readonly kind: 'abstractive' | 'extractive';
  /** The LLM's `provider/model`, or `extractive:<method>`. */
  readonly engine: string;
  readonly lang: TextLocale;
  readonly summary: string;
  readonly claims: readonly GroundedClaim[];
  /** LLM claims dropped for missing or invented citations. */
  readonly rejected: readonly RejectedClaim[];
  readonly quotes: readonly VoiceSummaryQuote[];
  /** How the evidence was picked, e.g. `mmr+query`. */
  readonly evidenceMethod: string;
  /** `text.voice-summary@1` when the LLM wrote the summary. */
  readonly prompt: string | null;
  readonly filters: {
    readonly brand?: string;
    readonly aspect?: string;
    readonly product?: string;
    readonly from?: Date;
    readonly to?: Date;
  };
  /** Matching documents (before the candidate cap). */
  readonly documents: number;
  /** `text.analyze` runs whose insights selected documents (brand mentions, aspects). */
  readonly modelRunIds: readonly string[];
  /** Time span of the matching documents. */
  readonly dataWindow: { readonly start: Date; readonly end: Date } | null;
  readonly llm: {
    readonly calls: number;
    readonly cachedCalls: number;
    readonly cost: number;
    readonly reasked: boolean;
  } | null;
  readonly notes: readonly string[];
}

function intIn(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const n = value ?? fallback;
  if (!(Number.isInteger(n) && n >= min && n <= max))
    throw new InputError(
      'invalid_option',
      `text summarize: ${name} must be an integer from ${min} to ${max}, got ${n}`,
    );
  return n;
}

function describeFocus(
  lang: TextLocale,
  parts: { brand?: string; aspect?: AspectDefinition; product?: string; from?: Date; to?: Date },
): string {
  const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : '…');
  const period = parts.from || parts.to ? `${day(parts.from)} – ${day(parts.to)}` : undefined;
  const items =
    lang === 'zh'
      ? [
          parts.brand && `品牌 ${parts.brand}`,
          parts.aspect && `${parts.aspect.label.zh}方面`,
          parts.product && `商品 ${parts.product}`,
          period && `时间 ${period}`,
        ]
      : [
          parts.brand && `the brand ${parts.brand}`,
          parts.aspect && `${parts.aspect.label.en.toLowerCase()}`,
          parts.product && `product ${parts.product}`,
          period && `the period ${period}`,
        ];
  const chosen = items.filter((x): x is string => Boolean(x));
  if (chosen.length === 0) return lang === 'zh' ? '全部产品和服务' : 'all products and services';
  return chosen.join(lang === 'zh' ? '、' : ', ');
}

export async function summarizeVoice(
  store: Store,
  config: LoadedConfig,
  options: VoiceSummaryOptions = {},
): Promise<VoiceSummary> {
  const quoteCount = intIn('quotes', options.quotes, 8, 1, 20);
  const maxClaims = intIn('maxClaims', options.maxClaims, 4, 1, 10);
  const maxCandidates = intIn('maxCandidates', options.maxCandidates, 3000, 1, 1_000_000);
  if (options.from && options.to && options.from > options.to)
    throw new InputError('invalid_option', 'text summarize: --from is after --to');
  const lang: TextLocale = options.lang ?? config.locale;
  const engineChoice = options.engine ?? 'auto';
  const brands = await brandDictionary(config, store);
  const brand = options.brand === undefined ? undefined : brandKeyOf(brands, options.brand);
  if (options.brand !== undefined && brand === undefined)
    throw new InputError('unknown_brand', `text summarize: "${options.brand}" is not a known brand`, {
      hint: brands.length
        ? `Known brands: ${brands.map((b) => b.key).join(', ')}`
        : 'Add "brands" to marketmind.config.json or brands to the products table.',
    });
  const aspect = options.aspect === undefined ? undefined : findAspect(options.aspect);
  const client =
    engineChoice === 'extractive'
      ? null
      : openLlm(config, {
          task: 'summarize',
          db: store,
          ...(options.provider ? { provider: options.provider } : {}),
        });
  if (engineChoice === 'llm' && !client)
    throw new InputError(
      'llm_not_configured',
      'text summarize --engine llm needs an LLM, but none is configured',
      {
        hint: 'Set llm.provider (openai-compatible, openai, anthropic or local) in marketmind.config.json, or use --engine extractive.',
      },
    );
  try {
    const entry = brands.find((b) => b.key === brand);
    return await summarizeWith(store, client, {
      ...options,
      lang,
      engineChoice,
      brands,
      brand,
      brandName: entry ? (entry.names[lang][0] ?? entry.names.en[0] ?? entry.key) : undefined,
      aspect,
      quoteCount,
      maxClaims,
      maxCandidates,
    });
  } finally {
    await client?.close();
  }
}

interface Resolved extends Omit<VoiceSummaryOptions, 'brand' | 'aspect'> {
  readonly lang: TextLocale;
  readonly engineChoice: SummaryEngineChoice;
  readonly brands: readonly BrandEntry[];
  readonly brand: string | undefined;
  readonly brandName: string | undefined;
  readonly aspect: AspectDefinition | undefined;
  readonly quoteCount: number;
  readonly maxClaims: number;
  readonly maxCandidates: number;
}

const customerVoiceNote = {
  en: 'News documents are left out (press is not the customer voice).',
  zh: '已排除新闻类文档（媒体报道不属于顾客声音）。',
};

async function summarizeWith(store: Store, client: LlmClient | null, o: Resolved): Promise<VoiceSummary> {
  const notes: string[] = [customerVoiceNote[o.lang]];
  const insights = o.brand || o.aspect ? await loadDocInsights(store) : null;
  const { matching, runIds, unanalysed } = applyInsightFilters(await loadCandidates(store, o), insights, o);
  if (insights && unanalysed > 0)
    notes.push(
      o.lang === 'zh'
        ? `${unanalysed} 篇文档尚未分析（marketmind text analyze），按关键词参与筛选。`
        : `${unanalysed} documents are not analysed yet (marketmind text analyze); they were matched by terms only.`,
    );
  const pool = matching.slice(0, o.maxCandidates);
  if (pool.length < matching.length)
    notes.push(
      o.lang === 'zh'
        ? `证据取自最新的 ${pool.length} 篇（共 ${matching.length} 篇）。`
        : `Evidence drawn from the newest ${pool.length} of ${matching.length} documents.`,
    );
  const times = matching.map((d) => d.ts.getTime());
  const dataWindow = times.length
    ? { start: new Date(Math.min(...times)), end: new Date(Math.max(...times)) }
    : null;
  const evidence = pickEvidence(pool, o, insights);
  const base = {
    lang: o.lang,
    quotes: evidence.quotes,
    evidenceMethod: evidence.method,
    filters: {
      ...(o.brand ? { brand: o.brand } : {}),
      ...(o.aspect ? { aspect: o.aspect.key } : {}),
      ...(o.product === undefined ? {} : { product: o.product }),
      ...(o.from ? { from: o.from } : {}),
      ...(o.to ? { to: o.to } : {}),
    },
    documents: matching.length,
    modelRunIds: [...runIds].sort(),
    dataWindow,
  };
  if (evidence.quotes.length === 0) {
    notes.push(o.lang === 'zh' ? '没有符合条件的顾客原话。' : 'No customer quotes match these filters.');
    return { ...base, ...extractiveResult(evidence, o.lang), rejected: [], prompt: null, llm: null, notes };
  }
  if (!client) {
    if (o.engineChoice === 'auto')
      notes.push(
        o.lang === 'zh'
          ? '未配置 LLM：以下为抽取式摘要（顾客原话）。'
          : 'No LLM configured: this is the extractive summary (customer quotes).',
      );
    return { ...base, ...extractiveResult(evidence, o.lang), rejected: [], prompt: null, llm: null, notes };
  }
  try {
    const written = await abstractive(client, evidence.quotes, o);
    const usage = { ...llmUsage(client), reasked: written.reasked };
    if (written.check.claims.length === 0) {
      notes.push(
        o.lang === 'zh'
          ? 'LLM 的结论都没有有效引用，改用抽取式摘要。'
          : "None of the LLM's claims was grounded in the quotes; showing the extractive summary instead.",
      );
      return {
        ...base,
        ...extractiveResult(evidence, o.lang),
        rejected: written.check.rejected,
        prompt: written.prompt,
        llm: usage,
        notes,
      };
    }
    return {
      ...base,
      kind: 'abstractive',
      engine: client.engine,
      summary: composeSummary(written.check.claims, o.lang),
      claims: written.check.claims,
      rejected: written.check.rejected,
      prompt: written.prompt,
      llm: usage,
      notes,
    };
  } catch (error) {
    // auto: a failing or over-budget LLM still leaves the user the extractive summary
    if (o.engineChoice === 'llm' || !(error instanceof MarketmindError) || error.kind !== 'operational')
      throw error;
    notes.push(
      o.lang === 'zh'
        ? `LLM 调用失败（${error.message}），改用抽取式摘要。`
        : `The LLM call failed (${error.message}); showing the extractive summary instead.`,
    );
    return {
      ...base,
      ...extractiveResult(evidence, o.lang),
      rejected: [],
      prompt: null,
      llm: { ...llmUsage(client), reasked: false },
      notes,
    };
  }
}

function llmUsage(client: LlmClient) {
  const t = client.totals();
  return { calls: t.providerCalls, cachedCalls: t.cachedCalls, cost: t.cost };
}

/** One structured call, its citations checked; one re-ask with the problems when any claim is badly cited. */
async function abstractive(
  client: LlmClient,
  quotes: readonly EvidenceQuote[],
  o: Resolved,
): Promise<{ check: CitationCheck; prompt: string; reasked: boolean }> {
  const focus = describeFocus(o.lang, {
    ...(o.brandName ? { brand: o.brandName } : {}),
    ...(o.aspect ? { aspect: o.aspect } : {}),
    ...(o.product === undefined ? {} : { product: o.product }),
    ...(o.from ? { from: o.from } : {}),
    ...(o.to ? { to: o.to } : {}),
  });
  const prompt = voiceSummaryPrompt(quotes, focus, o.lang, o.maxClaims);
  const request = {
    task: 'summarize',
    schema: voiceSummaryAnswerSchema,
    schemaName: 'voice_summary',
    template: prompt.source,
    temperature: 0,
    maxOutputTokens: 1200,
  };
  const first = await client.generateObject({ ...request, messages: prompt.messages });
  const checked = checkCitations(first.value, quotes);
  if (checked.rejected.length === 0) return { check: checked, prompt: prompt.source, reasked: false };
  const second = await client.generateObject({
    ...request,
    messages: [
      ...prompt.messages,
      { role: 'assistant', content: first.text },
      { role: 'user', content: citationRepairMessage(checked.rejected, quotes, o.lang) },
    ],
  });
  const rechecked = checkCitations(second.value, quotes);
  // keep the better of the two answers (more grounded claims; the re-asked one on a tie)
  const best = rechecked.claims.length >= checked.claims.length ? rechecked : checked;
  return { check: best, prompt: prompt.source, reasked: true };
}
