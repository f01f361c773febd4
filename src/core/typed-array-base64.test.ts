import { describe, expect, it } from 'vitest';
import { base64ToBuffer, typedArrayToBase64 } from './typed-array-base64.js';

describe('typed arrays as base64', () => {
  it('round-trips Float32 and Int32 values bit for bit, views included', () => {
    const floats = Float32Array.of(0.1, -2.5, 1e-7, Number.POSITIVE_INFINITY, 3.4028234e38);
    expect(Array.from(new Float32Array(base64ToBuffer(typedArrayToBase64(floats)) as ArrayBuffer))).toEqual(
      Array.from(floats),
    );
    const ints = Int32Array.of(-1, 0, 2147483647, 7).subarray(1, 3);
    expect(Array.from(new Int32Array(base64ToBuffer(typedArrayToBase64(ints)) as ArrayBuffer))).toEqual([
      0, 2147483647,
    ]);
    // 1.0f is 00 00 80 3f little-endian
    expect(typedArrayToBase64(Float32Array.of(1))).toBe(Buffer.from([0, 0, 0x80, 0x3f]).toString('base64'));
  });

  it('refuses bytes that are not whole 4-byte values', () => {
    expect(base64ToBuffer(Buffer.from([1, 2, 3]).toString('base64'))).toBeNull();
    expect(base64ToBuffer('')?.byteLength).toBe(0);
  });
});
