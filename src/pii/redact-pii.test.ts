import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { luhnCheckDigit } from './checksums.js';
import { detectPii } from './detect-pii.js';
import type { PiiKind } from './pii-types.js';
import { findPlaceholders, PlaceholderVault } from './placeholder-vault.js';
import { redactPii } from './redact-pii.js';

describe('PlaceholderVault', () => {
  it('gives the same value the same placeholder and numbers each kind separately', () => {
    const vault = new PlaceholderVault();
    expect(vault.placeholderFor('email', 'a@example.com')).toBe('[EMAIL_1]');
    expect(vault.placeholderFor('phone', '13800138000')).toBe('[PHONE_1]');
    expect(vault.placeholderFor('email', 'b@example.com')).toBe('[EMAIL_2]');
    expect(vault.placeholderFor('email', 'A@Example.com')).toBe('[EMAIL_1]');
    expect(vault.placeholderFor('phone', '138 0013 8000')).toBe('[PHONE_1]');
    expect(vault.size).toBe(3);
    expect(() => vault.placeholderFor('ssn' as PiiKind, 'x')).toThrow(InputError);
  });

  it('restores only allowed kinds, nothing by default, and leaves unknown placeholders alone', () => {
    const vault = new PlaceholderVault();
    const email = vault.placeholderFor('email', 'a@example.com');
    const name = vault.placeholderFor('name', 'Jane Doe');
    const text = `Dear ${name}, we wrote to ${email} about [PHONE_7].`;
    expect(vault.restore(text)).toBe(text);
    expect(vault.restore(text, ['name'])).toBe('Dear Jane Doe, we wrote to [EMAIL_1] about [PHONE_7].');
    expect(vault.restore(text, ['name', 'email', 'phone'])).toBe(
      'Dear Jane Doe, we wrote to a@example.com about [PHONE_7].',
    );
  });
});

describe('findPlaceholders', () => {
  it('finds every placeholder a vault could issue, with kind and span, and nothing else', () => {
    const vault = new PlaceholderVault();
    const text = `Call ${vault.placeholderFor('phone', '13800138000')} or mail ${vault.placeholderFor('email', 'a@b.cn')}; [TODO_1] [email_1]`;
    expect(findPlaceholders(text)).toEqual([
      { kind: 'phone', text: '[PHONE_1]', start: 5, end: 14 },
      { kind: 'email', text: '[EMAIL_1]', start: 23, end: 32 },
    ]);
    expect(findPlaceholders('[CN_ID_12] [ADDRESS_3]').map((p) => p.kind)).toEqual(['cn_id', 'address']);
  });
});

describe('redactPii', () => {
  it('replaces every occurrence, including bare repeats of a name first found through a cue', () => {
    const vault = new PlaceholderVault();
    const text =
      'Mr. John Smith (john@example.com) called. John Smith asked us to reply to john@example.com.';
    const result = redactPii(text, vault);
    expect(result.text).toBe('Mr. [NAME_1] ([EMAIL_1]) called. [NAME_1] asked us to reply to [EMAIL_1].');
    expect(result.spans.map((span) => text.slice(span.start, span.end))).toEqual([
      'John Smith',
      'john@example.com',
      'John Smith',
      'john@example.com',
    ]);
  });

  it('is stable across calls with the same vault and restores originals', () => {
    const vault = new PlaceholderVault();
    const first = redactPii('我叫李小明，手机13800138000。', vault);
    const second = redactPii('请回电 138-0013-8000，李小明明天在。', vault);
    expect(first.text).toBe('我叫[NAME_1]，手机[PHONE_1]。');
    expect(second.text).toBe('请回电 [PHONE_1]，[NAME_1]明天在。');
    // Both spellings share [PHONE_1]; restoring yields the first spelling seen.
    expect(vault.restore(second.text, ['phone'])).toBe('请回电 13800138000，[NAME_1]明天在。');
    expect(vault.restore(first.text, ['phone', 'name'])).toBe('我叫李小明，手机13800138000。');
  });

  it('does not sweep single characters or word fragments', () => {
    const vault = new PlaceholderVault();
    redactPii('尊敬的王先生', vault);
    expect(redactPii('王府井很热闹', vault).text).toBe('王府井很热闹');
    expect(vault.placeholderFor('name', 'Ann Lee')).toBe('[NAME_2]');
    expect(redactPii('Annual Lee-way report by Ann Lee', vault).text).toBe(
      'Annual Lee-way report by [NAME_2]',
    );
  });

  it('honours the kinds option', () => {
    const vault = new PlaceholderVault();
    const result = redactPii('Mail a@example.com, call 13800138000', vault, { kinds: ['phone'] });
    expect(result.text).toBe('Mail a@example.com, call [PHONE_1]');
  });
});

/** Filler words of realistic commerce text, including number shapes that are not PII. */
const FILLER = [
  '订单号20261129001',
  '价格¥1299',
  '2026-11-29',
  '数量12345678',
  'v2.3.1',
  'Order',
  'shipped',
  '请尽快发货',
  'thanks',
  '谢谢',
  'SKU AB-1234-5678',
  '12.5%',
  'ROI',
  'the',
  'customer',
  '客服',
  '，',
  '.',
  'Q3',
  '2026',
];
const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 6 }).map((words) => words.join(' '));

const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
    fc.option(fc.stringMatching(/^[a-z0-9]{1,6}$/), { nil: undefined }),
    fc.constantFrom('example.com', 'mail.example.org', 'shop.example.co.uk'),
  )
  .map(([local, tag, domain]) => `${local}${tag === undefined ? '' : `+${tag}`}@${domain}`);
const cnMobile = fc
  .tuple(
    fc.constantFrom('13', '15', '17', '18', '19'),
    fc.stringMatching(/^\d{9}$/),
    fc.constantFrom('', ' ', '-'),
  )
  .map(
    ([prefix, rest, separator]) =>
      `${prefix}${rest.slice(0, 1)}${separator}${rest.slice(1, 5)}${separator}${rest.slice(5)}`,
  );
const usPhone = fc
  .tuple(fc.constantFrom('201', '212', '415', '617', '312'), fc.integer({ min: 0, max: 99 }))
  .map(([area, line]) => `(${area}) 555-01${String(line).padStart(2, '0')}`);
const card = fc
  .tuple(
    fc.constantFrom('4', '51', '55', '6200', '3530', '6011'),
    fc.stringMatching(/^\d{14}$/),
    fc.boolean(),
  )
  .map(([prefix, digits, grouped]) => {
    const payload = (prefix + digits).slice(0, 15);
    const number = payload + luhnCheckDigit(payload);
    return grouped ? number.replace(/(\d{4})(?=\d)/g, '$1 ') : number;
  });

describe('redaction property', () => {
  it('leaves nothing that detectPii would flag again and none of the planted values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(filler, fc.oneof(email, cnMobile, usPhone, card)), { minLength: 1, maxLength: 4 }),
        filler,
        (parts, tail) => {
          const text = `${parts.map(([words, value]) => `${words} ${value}`).join(' ')} ${tail}`;
          const vault = new PlaceholderVault();
          const redacted = redactPii(text, vault).text;
          expect(detectPii(redacted)).toEqual([]);
          for (const [, value] of parts) expect(redacted).not.toContain(value);
          // Same vault, same text: same output.
          expect(redactPii(text, vault).text).toBe(redacted);
        },
      ),
      { numRuns: 150, seed: 20261129 },
    );
  });
});
