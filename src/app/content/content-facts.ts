import {
  type AudienceFacts,
  type ContentLocale,
  localizedCategory,
  type ProductFacts,
} from '../../content/index.js';
import { InputError } from '../../core/errors.js';
import type { Queryable } from '../../store/store.js';

/**
 * What generated copy may know, read from the store: a product's facts and a segment's persona —
 * its label and the categories its members buy most. Only segment-level aggregates go into a
 * prompt; no individual customer's data does (personal greetings stay `{{first_name}}` slots).
 */

export async function productFacts(
  db: Queryable,
  productId: string,
  locale: ContentLocale,
): Promise<ProductFacts> {
  const rows = await db.query(
    'SELECT id, name, name_zh, category, brand, price, currency, description FROM products WHERE id = $1',
    [productId],
  );
  const row = rows[0];
  if (!row)
    throw new InputError('unknown_product', `There is no product with id "${productId}"`, {
      hint: 'Product ids are the id column of your products import (marketmind ingest --table products …).',
    });
  const name = locale === 'zh' && row.name_zh ? String(row.name_zh) : String(row.name);
  // "key: value; key: value" descriptions become attributes; free prose is left out (templates would
  // quote it verbatim), and so is an English attribute in Chinese copy (no mixed-language sentences).
  const attributes: Record<string, string> = {};
  const description =
    row.description === null || row.description === undefined ? '' : String(row.description);
  for (const part of description.split(/[;；\n]/)) {
    const m = /^\s*([^:：]{1,30})[:：]\s*(.+?)\s*$/.exec(part);
    if (!m) continue;
    const [key, value] = [(m[1] as string).trim(), m[2] as string];
    if (locale === 'zh' && !/\p{Script=Han}/u.test(value)) continue;
    attributes[key] = value;
  }
  return {
    id: String(row.id),
    name,
    category: localizedCategory(String(row.category), locale) ?? String(row.category),
    ...(row.brand ? { brand: String(row.brand) } : {}),
    ...(row.price === null || row.price === undefined ? {} : { price: Number(row.price) }),
    ...(row.currency ? { currency: String(row.currency) } : {}),
    attributes,
  };
}

/** The newest segmentation's label for a segment and the three categories its members buy most. */
export async function segmentFacts(
  db: Queryable,
  segment: string,
  locale: ContentLocale,
): Promise<AudienceFacts> {
  const runs = await db.query(
    `SELECT s.model_run_id, MIN(s.label_en) AS label_en, MIN(s.label_zh) AS label_zh
     FROM segments s JOIN model_runs r ON r.id = s.model_run_id
     WHERE s.segment = $1
     GROUP BY s.model_run_id, r.created_at ORDER BY r.created_at DESC, s.model_run_id LIMIT 1`,
    [segment],
  );
  const run = runs[0];
  if (!run) {
    const known = await db.query('SELECT DISTINCT segment FROM segments ORDER BY segment LIMIT 30');
    throw new InputError('unknown_segment', `There is no segment "${segment}"`, {
      hint: known.length
        ? `Segments: ${known.map((r) => String(r.segment)).join(', ')}`
        : 'Segment customers first: marketmind customers segment',
    });
  }
  const categories = await db.query(
    `SELECT p.category, COUNT(*) AS n
     FROM segments s
     JOIN orders o ON o.customer_id = s.customer_id
     JOIN order_lines l ON l.order_id = o.id
     JOIN products p ON p.id = l.product_id
     WHERE s.segment = $1 AND s.model_run_id = $2
     GROUP BY p.category ORDER BY n DESC, p.category LIMIT 3`,
    [segment, String(run.model_run_id)],
  );
  const personaLabel =
    locale === 'zh' && run.label_zh ? String(run.label_zh) : String(run.label_en ?? segment);
  const interests = categories
    .map((r) => localizedCategory(String(r.category), locale))
    .filter((c): c is string => c !== undefined);
  return { segment, personaLabel, interests };
}
