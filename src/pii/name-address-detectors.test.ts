import { describe, expect, it } from 'vitest';
import { detectAddresses } from './address-detectors.js';
import { detectPii } from './detect-pii.js';
import { detectKnownNames } from './name-detectors.js';

/** `[kind, value]` pairs for the requested kinds, in text order. */
function found(text: string, kinds: readonly ('name' | 'address')[], names: readonly string[] = []) {
  return detectPii(text, { kinds, names }).map((span) => [span.kind, text.slice(span.start, span.end)]);
}

describe('name detection (best effort)', () => {
  it('finds English names after honorifics, "my name is", "Dear …," and labels', () => {
    const text = 'Dear Ms. Jane Doe, my name is Alan Turing. Mr. O’Brien-Smith will call. Name: Grace Hopper';
    expect(found(text, ['name'])).toEqual([
      ['name', 'Jane Doe'],
      ['name', 'Alan Turing'],
      ['name', 'O’Brien-Smith'],
      ['name', 'Grace Hopper'],
    ]);
  });

  it('ignores salutations that are not names', () => {
    expect(found('Dear Valued Customer, Dear Sir, Dear All, thank you.', ['name'])).toEqual([]);
    expect(found('The name is on the box. Please sign your name here.', ['name'])).toEqual([]);
  });

  it('finds Chinese names before titles and after self-introductions and form labels', () => {
    const text =
      '尊敬的王先生，您好！我叫李小明，想问一下。张伟女士和欧阳娜娜老师都在。收件人：陈晓东，联系人：赵四';
    expect(found(text, ['name'])).toEqual([
      ['name', '王'],
      ['name', '李小明'],
      ['name', '张伟'],
      ['name', '欧阳娜娜'],
      ['name', '陈晓东'],
      ['name', '赵四'],
    ]);
  });

  it('does not take words before titles for surnames', () => {
    expect(found('对于同学们来说，我和老师说了，各位老师好。我是新用户。', ['name'])).toEqual([]);
  });

  it('matches known names verbatim: Latin case-insensitively at word boundaries, Han as substrings', () => {
    const text = 'JANE  doe bought it; Janet Doerr did not. 王小二来了。';
    const spans = detectKnownNames(text, ['Jane Doe', '王小二', 'J']);
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(['JANE  doe', '王小二']);
    expect(spans[0]).toEqual({ kind: 'name', start: 0, end: 9, confidence: 0.95 });
  });
});

describe('address detection (best effort)', () => {
  it('finds Chinese address chains down to the room', () => {
    const text = '我住在北京市朝阳区建国路88号SOHO现代城5号楼1201室，请寄到这里。';
    const spans = detectAddresses(text);
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual([
      '北京市朝阳区建国路88号SOHO现代城5号楼1201室',
    ]);
    expect(spans[0]).toMatchObject({ start: 3, end: 30 });
  });

  it('finds chains with province, town and road, and a bare road with a house number', () => {
    expect(found('收货地址：广东省深圳市南山区粤海街道科技园路1号', ['address'])).toEqual([
      ['address', '广东省深圳市南山区粤海街道科技园路1号'],
    ]);
    expect(found('我们在中山路88号开了新店', ['address'])).toEqual([['address', '中山路88号']]);
    expect(found('寄到杭州市西湖区文三路477号华星科技大厦3楼', ['address'])).toEqual([
      ['address', '杭州市西湖区文三路477号华星科技大厦3楼'],
    ]);
  });

  it('does not flag bare city names, dates or prices', () => {
    expect(found('今年在北京市和上海市都有活动，2026-11-29 发货，价格¥1299', ['address'])).toEqual([]);
  });

  it('finds English street addresses with unit and city/state/ZIP', () => {
    expect(found('Office: 350 Fifth Ave, Suite 3300, New York, NY 10118.', ['address'])).toEqual([
      ['address', '350 Fifth Ave, Suite 3300, New York, NY 10118'],
    ]);
    expect(found('I live at 742 Evergreen Terrace. Send it to 221B Baker St., London.', ['address'])).toEqual(
      [
        ['address', '742 Evergreen Terrace'],
        ['address', '221B Baker St.'],
      ],
    );
    expect(found('Ship to 1600 Pennsylvania Avenue NW, Washington, DC 20500 please.', ['address'])).toEqual([
      ['address', '1600 Pennsylvania Avenue NW, Washington, DC 20500'],
    ]);
  });

  it('does not flag quantities or version numbers followed by words', () => {
    expect(found('We shipped 12 boxes to the store and 3 units in version 2 today.', ['address'])).toEqual(
      [],
    );
  });
});
