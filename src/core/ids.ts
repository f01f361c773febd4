import { createHash, randomUUID } from 'node:crypto';

/** A new unique id with a readable prefix, e.g. `run_0b6f…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

/** A stable id from its parts (same parts → same id), for idempotent derived rows. */
export function stableId(prefix: string, ...parts: readonly (string | number)[]): string {
  const hash = createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 20);
  return `${prefix}_${hash}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
