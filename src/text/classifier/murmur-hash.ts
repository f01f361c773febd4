/**
 * MurmurHash3 x86 32-bit (Austin Appleby, public domain, SMHasher `MurmurHash3_x86_32`): the hash
 * scikit-learn's HashingVectorizer uses (`sklearn.utils.murmurhash3_32`), so a word n-gram hashed
 * here with seed 0 lands in the same bucket with the same sign as there.
 *
 * Body: for each little-endian 4-byte block k: k·=c1, k=rotl(k,15), k·=c2, h^=k, h=rotl(h,13),
 * h=5h+0xe6546b64 (c1 = 0xcc9e2d51, c2 = 0x1b873593); tail bytes mixed the same way without the h
 * rounds; finalise with h^=len then fmix32 (h^=h>>>16, h·=0x85ebca6b, h^=h>>>13, h·=0xc2b2ae35,
 * h^=h>>>16). Cost O(bytes), no allocation.
 * Published test vectors (SMHasher / Wikipedia): "" seed 0 → 0, "" seed 1 → 0x514e28b7,
 * "The quick brown fox jumps over the lazy dog" seed 0 → 0x2e4ff723.
 */
export function murmurHash3(bytes: Uint8Array, start: number, end: number, seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed | 0;
  const length = end - start;
  const blockEnd = start + (length & ~3);
  let i = start;
  for (; i < blockEnd; i += 4) {
    let k =
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (length & 3) {
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: the reference implementation falls through
    case 3:
      k ^= (bytes[i + 2] as number) << 16;
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: the reference implementation falls through
    case 2:
      k ^= (bytes[i + 1] as number) << 8;
    case 1:
      k ^= bytes[i] as number;
      k = Math.imul(k, c1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, c2);
      h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const encoder = new TextEncoder();

/** MurmurHash3-32 of a string's UTF-8 bytes (unsigned), as `murmurhash3_32(s.encode(), seed, positive=True)`. */
export function murmurHash3String(text: string, seed = 0): number {
  const bytes = encoder.encode(text);
  return murmurHash3(bytes, 0, bytes.length, seed);
}
