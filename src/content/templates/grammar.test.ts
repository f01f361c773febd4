import { describe, expect, it } from 'vitest';
import { InternalError } from '../../core/errors.js';
import { createRng } from '../../core/random.js';
import { dropOptionals, Expander, type Grammar, parseTemplate, referencedFacts, render } from './grammar.js';

const grammar: Grammar = {
  greeting: ['Hi {name}!', { text: 'Hello there!', unless: ['name'] }],
  hook: ['Meet {product}.', 'New in store.'],
  'hook:birthday': ['Happy birthday!'],
  'hook:birthday.premium': ['Warm birthday wishes.'],
  line: ['{greeting} {hook} {extra?} Code: {{coupon_code}}'],
  extra: ['Now {price}.'],
  guarded: [{ text: 'Sale on!', needs: ['offer'] }],
  loop_a: ['{loop_b}'],
  loop_b: ['{loop_a}'],
};

function expander(facts: Record<string, string | undefined>, qualifiers: string[] = []): Expander {
  return new Expander({ grammar, facts, qualifiers });
}

describe('grammar expansion', () => {
  it('parses references, optional references and passes {{slots}} through', () => {
    expect(parseTemplate('A {b} {c?} {{first_name}}')).toEqual([
      { kind: 'text', text: 'A ' },
      { kind: 'ref', name: 'b', optional: false },
      { kind: 'text', text: ' ' },
      { kind: 'ref', name: 'c', optional: true },
      { kind: 'text', text: ' {{first_name}}' },
    ]);
    expect(() => parseTemplate('broken {Name}')).toThrow(InternalError);
  });

  it('skips alternatives whose facts are missing and honours needs/unless', () => {
    const withoutProduct = expander({});
    for (let seed = 0; seed < 20; seed++)
      expect(render(withoutProduct.expand('hook', createRng(seed)))).toBe('New in store.');
    expect(render(expander({}).expand('greeting', createRng(1)))).toBe('Hello there!');
    expect(render(expander({ name: '{{first_name}}' }).expand('greeting', createRng(1)))).toBe(
      'Hi {{first_name}}!',
    );
    expect(expander({}).canFill('guarded')).toBe(false);
    expect(expander({ offer: '15% off' }).canFill('guarded')).toBe(true);
  });

  it('uses both alternatives when facts allow, and is deterministic per seed', () => {
    const full = expander({ product: 'Merino Sweater' });
    const seen = new Set<string>();
    for (let seed = 0; seed < 50; seed++) seen.add(render(full.expand('hook', createRng(seed))));
    expect(seen).toEqual(new Set(['Meet Merino Sweater.', 'New in store.']));
    const a = render(full.expand('line', createRng(9)));
    expect(render(full.expand('line', createRng(9)))).toBe(a);
  });

  it('looks rules up most specific qualifier first', () => {
    const q = ['birthday.premium', 'birthday', 'premium'];
    expect(render(expander({}, q).expand('hook', createRng(1)))).toBe('Warm birthday wishes.');
    expect(
      render(expander({}, ['birthday.friendly', 'birthday', 'friendly']).expand('hook', createRng(1))),
    ).toBe('Happy birthday!');
  });

  it('leaves out unfillable optional parts and drops filled ones to fit', () => {
    const none = expander({});
    expect(render(none.expand('line', createRng(1)))).toBe(
      'Hello there! New in store.  Code: {{coupon_code}}',
    );
    const priced = expander({ price: '$129' });
    const expansion = priced.expand('line', createRng(1));
    expect(expansion.optionalCount).toBe(1);
    const full = render(expansion);
    expect(full).toContain('Now $129.');
    const short = dropOptionals(expansion, (text) => text.length < full.length);
    expect(short).toBe('Hello there! New in store.  Code: {{coupon_code}}');
    expect(dropOptionals(expansion, () => false)).toBeUndefined();
  });

  it('finds the shortest expansion and rejects recursive rules', () => {
    const full = expander({ product: 'A very long product name indeed', name: 'x' });
    expect(full.shortest('hook', (text) => text.length)).toBe('New in store.');
    expect(() => expander({}).canFill('loop_a')).toThrow(InternalError);
  });

  it('lists the facts a grammar refers to', () => {
    expect([...referencedFacts(grammar)].sort()).toEqual(['name', 'offer', 'price', 'product']);
  });
});
