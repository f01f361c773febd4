import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { checkEncodingName, createTextDecoder, detectEncoding } from './detect-encoding.js';

const zhCsv =
  'id,name,city,ordered_at,total\no1,张伟,北京市,2023年3月5日,"￥1,234.50"\no2,王芳,上海市,2023年3月6日,88\n';

function decodeAll(bytes: Buffer, encoding: string, chunk = 7): string {
  const decoder = createTextDecoder(encoding);
  let text = '';
  for (let i = 0; i < bytes.length; i += chunk) text += decoder.write(bytes.subarray(i, i + chunk));
  return text + decoder.end();
}

describe('detectEncoding', () => {
  it('detects UTF-8, with and without BOM, and decodes it across chunk boundaries', () => {
    const plain = Buffer.from(zhCsv, 'utf8');
    expect(detectEncoding(plain)).toMatchObject({ encoding: 'utf-8', bom: false });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    expect(detectEncoding(withBom)).toMatchObject({ encoding: 'utf-8', bom: true, method: 'bom' });
    expect(decodeAll(withBom, 'utf-8')).toBe(zhCsv);
  });

  it('treats a UTF-8 sample cut inside a character as UTF-8', () => {
    const bytes = Buffer.from('ab张', 'utf8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });

  it('detects GBK as gb18030 (its superset) and decodes Chinese names and dates', () => {
    const bytes = iconv.encode(zhCsv, 'gbk');
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
    expect(decodeAll(bytes, 'gb18030')).toBe(zhCsv);
  });

  it('detects GB18030 including four-byte sequences', () => {
    const text = `${zhCsv}o3,𠀀先生,深圳市,2023年3月7日,1\n`;
    const bytes = iconv.encode(text, 'gb18030');
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
    expect(decodeAll(bytes, 'gb18030')).toBe(text);
  });

  it('detects Big5 for traditional Chinese', () => {
    const text = 'id,name,city\n1,陳大文,臺北市\n2,林小美,高雄市\n3,黃志明,臺中市\n';
    const bytes = iconv.encode(text, 'big5');
    expect(detectEncoding(bytes).encoding).toBe('big5');
  });

  it('falls back to a single-byte encoding for Latin-1 text', () => {
    const bytes = iconv.encode('id,name\n1,José Müller\n2,Zoë Ångström\n', 'latin1');
    const detected = detectEncoding(bytes);
    expect(['windows-1252', 'iso-8859-1']).toContain(detected.encoding);
    expect(decodeAll(bytes, detected.encoding)).toContain('José Müller');
  });

  it('detects UTF-16 by its BOM', () => {
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00])).encoding).toBe('utf-16le');
  });
});

describe('checkEncodingName', () => {
  it('accepts iconv names and rejects unknown ones', () => {
    expect(checkEncodingName('GBK')).toBe('gbk');
    expect(checkEncodingName('utf8')).toBe('utf-8');
    expect(() => checkEncodingName('klingon-1')).toThrow(InputError);
  });
});

describe('GB18030 exports with half-width symbols', () => {
  it('detects GB18030 when four-byte symbols such as ¥ outnumber the hanzi', () => {
    const text =
      'id,amount,ordered_at\n' +
      Array.from({ length: 40 }, (_, i) => `o${i},¥${i}.50,2024年1月${(i % 28) + 1}日`).join('\n');
    const bytes = iconv.encode(text, 'gb18030');
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
    const yenOnly = iconv.encode(
      `id,amount\n${Array.from({ length: 40 }, (_, i) => `o${i},¥${i}`).join('\n')}\n备注`,
      'gb18030',
    );
    expect(detectEncoding(yenOnly).encoding).toBe('gb18030');
  });
});
