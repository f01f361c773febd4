/**
 * 32-bit typed arrays as base64 text (their bytes in the machine's order, little-endian on every
 * platform Node supports), for JSON payloads: a stored model's weights, cached embedding vectors.
 */

export function typedArrayToBase64(array: Float32Array | Int32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** The decoded bytes in a fresh, aligned buffer; null unless they are a whole number of 4-byte values. */
export function base64ToBuffer(text: string): ArrayBuffer | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) return null;
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}
