import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cnIdCheckCharacter } from '../../pii/checksums.js';
import type { LlmMessage } from '../language-model.js';
import { createPromptGuard, hashText } from './index.js';

/** Checksum-valid but fake values (test numbers and reserved ranges only). */
const FAKE_ID = `11010519900307123${cnIdCheckCharacter('11010519900307123')}`;
const EMAIL = 'li.xiaoming+vip@example.com';
const PHONE = '13800138000';
const CARD = '4111 1111 1111 1111';

const MESSAGES: readonly LlmMessage[] = [
  {
    role: 'system',
    content: `你是客服助手。客户资料：姓名：李小明，邮箱 ${EMAIL}，手机 ${PHONE}，身份证 ${FAKE_ID}。`,
  },
  {
    role: 'user',
    content: `我叫李小明，我的卡 ${CARD} 被扣了两次，请发邮件到 ${EMAIL} 或打 ${PHONE}。订单号20261129001，金额¥1299。`,
  },
];

describe('createPromptGuard', () => {
  it('removes every planted value from the outbound messages and keeps the rest', () => {
    const guarded = createPromptGuard().protect(MESSAGES);
    const sent = guarded.messages.map((message) => message.content).join('\n');
    for (const value of [EMAIL, PHONE, FAKE_ID, CARD, '李小明']) expect(sent).not.toContain(value);
    expect(guarded.messages.map((message) => message.role)).toEqual(['system', 'user']);
    // Same value, same placeholder across messages; non-PII numbers stay.
    expect(guarded.messages[0]?.content).toBe(
      '你是客服助手。客户资料：姓名：[NAME_1]，邮箱 [EMAIL_1]，手机 [PHONE_1]，身份证 [CN_ID_1]。',
    );
    expect(guarded.messages[1]?.content).toBe(
      '我叫[NAME_1]，我的卡 [CARD_1] 被扣了两次，请发邮件到 [EMAIL_1] 或打 [PHONE_1]。订单号20261129001，金额¥1299。',
    );
    expect(guarded.redactions).toEqual({ name: 2, email: 2, phone: 2, cn_id: 1, card: 1 });
  });

  it('hashes exactly the protected content with sha256', () => {
    const guarded = createPromptGuard().protect(MESSAGES);
    expect(guarded.sentHashes).toEqual(
      guarded.messages.map((message) => createHash('sha256').update(message.content, 'utf8').digest('hex')),
    );
    expect(hashText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'); // FIPS 180-2 example
  });

  it('restores only the allowed kinds in the model’s answer', () => {
    const guarded = createPromptGuard().protect(MESSAGES);
    const answer = '[NAME_1]您好，退款将退回卡 [CARD_1]，确认邮件已发至 [EMAIL_1]。';
    expect(guarded.restore(answer)).toBe(answer);
    expect(guarded.restore(answer, ['name'])).toBe(
      '李小明您好，退款将退回卡 [CARD_1]，确认邮件已发至 [EMAIL_1]。',
    );
    expect(guarded.restore(answer, ['name', 'email'])).toBe(
      `李小明您好，退款将退回卡 [CARD_1]，确认邮件已发至 ${EMAIL}。`,
    );
  });

  it('uses a fresh vault per call and honours kinds and known names', () => {
    const guard = createPromptGuard({ kinds: ['name', 'phone'], names: ['Jane Doe'] });
    const first = guard.protect([{ role: 'user', content: `Jane Doe (${EMAIL}) called from ${PHONE}.` }]);
    expect(first.messages[0]?.content).toBe(`[NAME_1] (${EMAIL}) called from [PHONE_1].`);
    const second = guard.protect([{ role: 'user', content: 'Call 13900139000 please.' }]);
    expect(second.messages[0]?.content).toBe('Call [PHONE_1] please.');
    expect(second.restore('[PHONE_1]', ['phone'])).toBe('13900139000');
    expect(createPromptGuard().protect([]).messages).toEqual([]);
  });
});
