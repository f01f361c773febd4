/**
 * Test helper: the paths of every NaN or ±Infinity number inside a value. `JSON.stringify` turns them into
 * `null`, so a regex over the JSON cannot see them; this walks the value itself.
 * @example nonFiniteNumbers({ a: [1, NaN] }) // → ['$.a[1]']
 */
export function nonFiniteNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFiniteNumbers(v, `${path}[${i}]`));
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>).flatMap((v, i) =>
      nonFiniteNumbers(v, `${path}[${i}]`),
    );
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return Object.entries(value).flatMap(([k, v]) => nonFiniteNumbers(v, `${path}.${k}`));
  return [];
}
