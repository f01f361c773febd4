import type { LoadedConfig } from '../../core/config.js';
import type { Queryable } from '../../store/store.js';
import type { BrandEntry } from '../../text/competitors/index.js';

/**
 * The brand dictionary of the text analytics: `brands` in the config (aliases in en and zh, which
 * one is ours, phrases that are not the brand), or else the distinct brands of the products table
 * (their English names only), with ours being the configured brand name.
 */
export async function brandDictionary(config: LoadedConfig, db: Queryable): Promise<BrandEntry[]> {
  if (config.brands.length > 0)
    return config.brands.map((b) => ({
      key: b.key,
      names: { en: b.en, zh: b.zh },
      ours: b.ours,
      exclude: b.exclude,
    }));
  const rows = await db.query('SELECT DISTINCT brand FROM products WHERE brand IS NOT NULL ORDER BY brand');
  const ours = config.brand.name.en.toLowerCase();
  return rows
    .map((r) => String(r.brand).trim())
    .filter((name) => name.length > 1)
    .map((name) => ({
      key: name.toLowerCase().replace(/[^a-z0-9_-]+/g, '_'),
      names: { en: [name], zh: [] },
      ours: name.toLowerCase() === ours,
    }));
}

/** The key of the brand a document is about, by the brand name stored on the document. */
export function brandKeyOf(brands: readonly BrandEntry[], name: string | null): string | undefined {
  if (!name) return undefined;
  const lower = name.toLowerCase();
  return brands.find(
    (b) => b.key === lower || b.names.en.some((n) => n.toLowerCase() === lower) || b.names.zh.includes(name),
  )?.key;
}
