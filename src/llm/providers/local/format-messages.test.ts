import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { defaultSystemPrompt, toChatPrompt, toCompletionPrompt } from './format-messages.js';

describe('toChatPrompt', () => {
  it('uses the last user message as the prompt and the rest as history, system first', () => {
    const chat = toChatPrompt([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: '你好' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'system', content: 'Answer in English.' },
      { role: 'user', content: 'What is RFM?' },
    ]);
    expect(chat.systemPrompt).toBe('Be brief.\n\nAnswer in English.');
    expect(chat.prompt).toBe('What is RFM?');
    expect(chat.history).toEqual([
      { type: 'system', text: 'Be brief.\n\nAnswer in English.' },
      { type: 'user', text: '你好' },
      { type: 'model', response: ['Hello!'] },
    ]);
  });

  it('falls back to the short default system prompt', () => {
    expect(toChatPrompt([{ role: 'user', content: 'hi' }]).systemPrompt).toBe(defaultSystemPrompt);
  });

  it('rejects an empty conversation and one not ending with a user message', () => {
    expect(() => toChatPrompt([])).toThrow(InputError);
    expect(() =>
      toChatPrompt([
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ]),
    ).toThrow(/end with a user message/);
  });
});

describe('toCompletionPrompt', () => {
  it('passes a single user message through (after system text) so base models continue it', () => {
    expect(toCompletionPrompt([{ role: 'user', content: 'Once upon a time' }])).toEqual({
      prompt: 'Once upon a time',
      stopTriggers: [],
    });
    expect(
      toCompletionPrompt([
        { role: 'system', content: 'A story:' },
        { role: 'user', content: 'Once upon a time' },
      ]).prompt,
    ).toBe('A story:\n\nOnce upon a time');
  });

  it('renders a conversation as a transcript ending with the assistant label and stops at the next user turn', () => {
    const result = toCompletionPrompt([
      { role: 'system', content: 'Sales assistant.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello, how can I help?' },
      { role: 'user', content: '有折扣吗？' },
    ]);
    expect(result.prompt).toBe(
      'Sales assistant.\n\nUser: Hi\n\nAssistant: Hello, how can I help?\n\nUser: 有折扣吗？\n\nAssistant:',
    );
    expect(result.stopTriggers).toEqual(['\nUser:']);
  });

  it('continues a trailing assistant message instead of opening a new turn', () => {
    const result = toCompletionPrompt([
      { role: 'user', content: 'Write a slogan' },
      { role: 'assistant', content: 'Fresh every' },
    ]);
    expect(result.prompt).toBe('User: Write a slogan\n\nAssistant: Fresh every');
  });

  it('rejects an empty conversation', () => {
    expect(() => toCompletionPrompt([])).toThrow(InputError);
  });
});
