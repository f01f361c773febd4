import { estimateTokens } from './test-server-protocols.js';

/**
 * The test server's `POST /v1/embeddings` (OpenAI embeddings API,
 * https://platform.openai.com/docs/api-reference/embeddings): deterministic vectors from hashed
 * features, so texts sharing words are close and the tests need no model.
 *
 * Features of a text (lower-cased): each Latin word and its character trigrams (with `^`/`$` word
 * boundaries, so "deliver" and "delivery" share most of theirs), each Han/kana/hangul character
 * and each pair of adjacent ones. Each feature adds ±1 at index fnv1a(feature) mod d (sign from
 * another bit of the hash: the "hashing trick", Weinberger et al. 2009); the sum is L2-normalised.
 * An empty text gives the zero vector.
 */

export const TEST_EMBEDDING_DIMENSIONS = 256;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** 32-bit FNV-1a of the UTF-8 bytes of `text`. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function features(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  for (const word of lower.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [...word];
    if (chars.some((c) => CJK.test(c))) {
      chars.forEach((c, i) => {
        out.push(`c:${c}`);
        const next = chars[i + 1];
        if (next !== undefined) out.push(`b:${c}${next}`);
      });
      continue;
    }
    out.push(`w:${word}`);
    const padded = `^${word}$`;
    for (let i = 0; i + 3 <= padded.length; i++) out.push(`t:${padded.slice(i, i + 3)}`);
  }
  return out;
}

/** The test server's vector of `text` (see the module comment); exported so tests can predict answers. */
export function hashedEmbedding(text: string, dimensions = TEST_EMBEDDING_DIMENSIONS): Float32Array {
  const vector = new Float64Array(dimensions);
  for (const feature of features(text)) {
    const hash = fnv1a(feature);
    const index = hash % dimensions;
    vector[index] = (vector[index] as number) + ((hash >>> 31) & 1 ? -1 : 1);
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Float32Array.from(vector, (value) => value * scale);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The JSON answer to an embeddings request body, or an error message when the body is not one
 * (`input` a string or an array of strings; `dimensions` a positive integer when given).
 */
export function openAiEmbeddings(
  body: unknown,
): { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly message: string } {
  if (!isRecord(body)) return { ok: false, message: 'the body must be a JSON object' };
  const input = typeof body.input === 'string' ? [body.input] : body.input;
  if (!Array.isArray(input) || input.length === 0 || !input.every((item) => typeof item === 'string'))
    return { ok: false, message: "'input' must be a string or a non-empty array of strings" };
  const dimensions = body.dimensions ?? TEST_EMBEDDING_DIMENSIONS;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1)
    return { ok: false, message: "'dimensions' must be a positive integer" };
  const texts = input as string[];
  const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  return {
    ok: true,
    body: {
      object: 'list',
      data: texts.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: Array.from(hashedEmbedding(text, dimensions)),
      })),
      model: typeof body.model === 'string' ? body.model : 'test-embedding',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}
