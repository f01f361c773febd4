import type { Occasion } from '../../content/index.js';
import type { BrandConfig, LoadedConfig } from '../../core/config.js';
import { parseConfig } from '../../core/config.js';
import type { Section } from '../../report/index.js';
import type { Store } from '../../store/store.js';
import { segmentationRunKind } from '../customers/segmentation-service.js';
import { type GenerateOptions, type GenerateResult, generateContent } from './content-service.js';
import { buildContentSection } from './report/content-section.js';

/**
 * The content part of the demo: a gallery per segment — for the three largest segments of the
 * newest segmentation, an email, an SMS, a social post and a search ad in Chinese and English,
 * written for the product their members buy most, by the template engine (the demo has no LLM),
 * each linted and stored as a draft with its engine label.
 */

/** The demo shop's brand voice (also written to the demo workspace's marketmind.config.json). */
export const demoBrand: BrandConfig = {
  name: { en: 'Larkspur', zh: '云雀' },
  tone: 'friendly',
  vocabulary: { en: ['thoughtfully made', 'everyday'], zh: ['用心', '日常'] },
  bannedWords: { en: ['cheap'], zh: ['便宜货'] },
  requiredDisclaimers: [],
  emojiPolicy: 'sparing',
};

/** Occasion that suits a segment, from the words of its key. */
export function occasionForSegment(segment: string): Occasion {
  if (/at_risk|dormant|lapsed/.test(segment)) return 'win_back';
  if (/new_customers/.test(segment)) return 'care';
  if (/deal/.test(segment)) return 'promotion';
  if (/explorer/.test(segment)) return 'launch';
  if (/loyal|store_regulars/.test(segment)) return 'anniversary';
  return 'promotion';
}

/** The largest segments, preferring different value tiers (the part of the key before the dot). */
async function largestSegments(store: Store, count: number): Promise<string[]> {
  const rows = await store.query(
    `SELECT s.segment, COUNT(*) AS n FROM segments s
     WHERE s.model_run_id = (SELECT id FROM model_runs WHERE kind = $1
                             ORDER BY created_at DESC, id DESC LIMIT 1)
     GROUP BY s.segment ORDER BY n DESC, s.segment`,
    [segmentationRunKind],
  );
  const all = rows.map((r) => String(r.segment));
  const tier = (key: string) => key.split('.')[0];
  const picked = all.filter((key, i) => all.findIndex((k) => tier(k) === tier(key)) === i).slice(0, count);
  for (const key of all) if (picked.length < count && !picked.includes(key)) picked.push(key);
  return picked;
}

async function topProductOf(store: Store, segment: string): Promise<string | undefined> {
  const rows = await store.query(
    `SELECT l.product_id, COUNT(*) AS n FROM segments s
     JOIN orders o ON o.customer_id = s.customer_id JOIN order_lines l ON l.order_id = o.id
     WHERE s.segment = $1 GROUP BY l.product_id ORDER BY n DESC, l.product_id LIMIT 1`,
    [segment],
  );
  return rows[0] ? String(rows[0].product_id) : undefined;
}

export function demoContentConfig(dir: string): LoadedConfig {
  return { ...parseConfig({ brand: demoBrand }, 'demo brand'), dir, dbPath: ':memory:' };
}

export async function runContentDemo(
  context: { readonly store: Store; readonly seed: number },
  options: { readonly segments?: number } = {},
): Promise<Section[]> {
  const config = demoContentConfig(process.cwd());
  const segments = await largestSegments(context.store, options.segments ?? 3);
  const results: { segment: string; result: GenerateResult }[] = [];
  const plan: Pick<GenerateOptions, 'kind' | 'format'>[] = [
    { kind: 'email', format: 'email' },
    { kind: 'ad', format: 'sms' },
    { kind: 'social', format: 'weibo_post' },
    { kind: 'ad', format: 'search_ad' },
  ];
  for (const [segmentIndex, segment] of segments.entries()) {
    const productId = await topProductOf(context.store, segment);
    const occasion = occasionForSegment(segment);
    for (const locale of ['zh', 'en'] as const)
      for (const [i, item] of plan.entries()) {
        const result = await generateContent(context.store, config, {
          ...item,
          locale,
          segment,
          ...(productId ? { productId } : {}),
          occasion,
          offer: { discountPercent: 15, couponSlot: occasion === 'win_back' || occasion === 'promotion' },
          variants: item.format === 'search_ad' ? 3 : 1,
          seed: context.seed + 10 * segmentIndex + i,
          engine: 'template',
        });
        results.push({ segment, result });
      }
  }
  return [buildContentSection(results)];
}
