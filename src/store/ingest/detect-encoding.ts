import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { InputError } from '../../core/errors.js';

/**
 * Text-encoding detection for ingested files. Order of evidence:
 * 1. a byte-order mark (UTF-8, UTF-16 LE/BE) decides;
 * 2. a sample that is valid UTF-8 (ignoring a character cut at the sample's end) is UTF-8 —
 *    pure ASCII included;
 * 3. otherwise a byte-pair scan for the Chinese double-byte encodings: GB18030 (superset of GBK
 *    and GB2312, so GBK files decode correctly as GB18030) when nearly all pairs fall in the
 *    GB2312 hanzi/symbol rows, Big5 when the pairs are valid Big5 and its frequent-character rows
 *    dominate; chardet's guess is used only as a tie-breaker because on short samples
 *    (a few hundred bytes of CSV) it usually answers ISO-8859-1;
 * 4. last resort windows-1252, which decodes every byte (nothing is dropped, and the
 *    result names the encoding so a user can override it with `--encoding`).
 */

export interface DetectedEncoding {
  /** iconv-lite encoding name (lower case), e.g. 'utf-8', 'gb18030', 'big5', 'utf-16le'. */
  readonly encoding: string;
  readonly bom: boolean;
  /** How it was decided: 'bom', 'utf8-valid', 'cjk-bytes', 'chardet', 'fallback', 'override'. */
  readonly method: string;
}

export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true, method: 'bom' };
  }
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: true, method: 'bom' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: true, method: 'bom' };
  if (isUtf8(sample.subarray(0, completeUtf8Length(sample)))) {
    return { encoding: 'utf-8', bom: false, method: 'utf8-valid' };
  }
  const gb = scanDoubleByte(sample, isGbTrail, isGbCommon);
  const big5 = scanDoubleByte(sample, isBig5Trail, isBig5Common);
  if (gb.pairs > 0 && gb.invalid === 0 && gb.common >= 0.85 * gb.pairs) {
    return { encoding: 'gb18030', bom: false, method: 'cjk-bytes' };
  }
  if (big5.pairs > 0 && big5.invalid === 0 && big5.common >= 0.7 * big5.pairs) {
    return { encoding: 'big5', bom: false, method: 'cjk-bytes' };
  }
  const guess = chardet.analyse(sample).find((m) => m.confidence >= 50 && iconv.encodingExists(m.name));
  if (guess) return { encoding: guess.name.toLowerCase(), bom: false, method: 'chardet' };
  if (gb.pairs > 0 && gb.invalid === 0) return { encoding: 'gb18030', bom: false, method: 'cjk-bytes' };
  return { encoding: 'windows-1252', bom: false, method: 'fallback' };
}

/** Validates a user-given encoding name (`--encoding`) and returns its canonical lower-case form. */
export function checkEncodingName(name: string): string {
  const normalized = name.trim().toLowerCase();
  if (normalized === 'utf8' || normalized === 'utf-8' || normalized === 'utf-8-bom') return 'utf-8';
  if (!iconv.encodingExists(normalized)) {
    throw new InputError('unknown_encoding', `Unknown encoding '${name}'`, {
      hint: 'Use a name such as utf-8, gb18030, gbk, big5, shift_jis, windows-1252, utf-16le.',
    });
  }
  return normalized;
}

/** A streaming decoder: `write` returns the text decodable so far; BOMs are stripped. */
export interface TextChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

export function createTextDecoder(encoding: string): TextChunkDecoder {
  if (encoding === 'utf-8') {
    // TextDecoder is native and strips a leading BOM (ignoreBOM: false); invalid bytes become U+FFFD.
    const decoder = new TextDecoder('utf-8');
    return {
      write: (bytes) => decoder.decode(bytes, { stream: true }),
      end: () => decoder.decode(),
    };
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
}

/** Length of `bytes` without a trailing UTF-8 sequence that the sample cut in half. */
function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back += 1) {
    const b = bytes[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

interface PairScan {
  pairs: number;
  common: number;
  invalid: number;
}

function scanDoubleByte(
  bytes: Uint8Array,
  isTrail: (b: number) => boolean,
  isCommon: (lead: number, trail: number) => boolean,
): PairScan {
  const scan: PairScan = { pairs: 0, common: 0, invalid: 0 };
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    if (i + 1 >= n) break; // cut at the sample's end
    const trail = bytes[i + 1] as number;
    if (lead === 0x80 || lead === 0xff || !isTrail(trail)) {
      // GB18030 four-byte sequences (lead 0x81-0xfe, 0x30-0x39, 0x81-0xfe, 0x30-0x39), e.g. '¥' in a
      // Chinese export: no other double-byte encoding has this shape, so it counts as typical GB18030.
      const third = bytes[i + 2];
      const fourth = bytes[i + 3];
      if (
        isTrail === isGbTrail &&
        trail >= 0x30 &&
        trail <= 0x39 &&
        lead !== 0x80 &&
        lead !== 0xff &&
        (third === undefined || (third >= 0x81 && third <= 0xfe)) &&
        (fourth === undefined || (fourth >= 0x30 && fourth <= 0x39))
      ) {
        scan.pairs += 1;
        scan.common += 1;
        i += 4;
        continue;
      }
      scan.invalid += 1;
      i += 1;
      continue;
    }
    scan.pairs += 1;
    if (isCommon(lead, trail)) scan.common += 1;
    i += 2;
  }
  return scan;
}

const isGbTrail = (b: number): boolean => b >= 0x40 && b <= 0xfe && b !== 0x7f;
/** GB2312 symbol rows (A1-A9: full-width punctuation, ￥, digits) and hanzi rows (B0-F7), trail A1-FE. */
const isGbCommon = (lead: number, trail: number): boolean =>
  trail >= 0xa1 && ((lead >= 0xa1 && lead <= 0xa9) || (lead >= 0xb0 && lead <= 0xf7));
const isBig5Trail = (b: number): boolean => (b >= 0x40 && b <= 0x7e) || (b >= 0xa1 && b <= 0xfe);
/** Big5 symbols (A1-A3) and level-1 frequent characters (A4-C6). */
const isBig5Common = (lead: number, _trail: number): boolean => lead >= 0xa1 && lead <= 0xc6;
