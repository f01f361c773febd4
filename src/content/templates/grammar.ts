import { InternalError } from '../../core/errors.js';
import { pickWeighted, type Rng } from '../../core/random.js';

/**
 * A small expansion grammar for template copy (in the spirit of Tracery, Kate Compton 2015,
 * https://tracery.io): named rules, each a list of weighted alternatives; an alternative's text
 * refers to other rules or to facts with `{name}`, or `{name?}` for a part that may be left out.
 *
 * - A `{name}` that is a rule expands one of the rule's eligible alternatives; otherwise it is a
 *   fact and is replaced by the fact's value, inserted literally (never re-parsed).
 * - An alternative is eligible only when every required reference can be filled: a missing fact
 *   (undefined or empty) makes the alternative skip, so `"Now {price}"` disappears when no price
 *   is known and the rule falls back to its other alternatives. `needs` / `unless` add guards on
 *   facts that the text does not mention.
 * - `{name?}` is optional: left out when it cannot be filled, and marked so a length-fitting pass
 *   can drop it later (see `dropOptionals`).
 * - `{{slot}}` personalisation slots pass through untouched.
 * - Rules are looked up most specific first through `qualifiers`: with qualifiers
 *   `['birthday.premium', 'birthday', 'premium']`, `{hook}` uses `hook:birthday.premium` if the
 *   grammar has it, else `hook:birthday`, `hook:premium`, then `hook`.
 *
 * Cost: expansion is linear in the size of the output; eligibility is memoised per context.
 */

export interface Alternative {
  readonly text: string;
  /** Relative weight of the alternative (default 1). */
  readonly weight?: number;
  /** Facts that must be present for the alternative to be used. */
  readonly needs?: readonly string[];
  /** Facts that must be absent for the alternative to be used. */
  readonly unless?: readonly string[];
}

export type Grammar = Readonly<Record<string, readonly (string | Alternative)[]>>;

export type Facts = Readonly<Record<string, string | undefined>>;

export interface ExpansionContext {
  readonly grammar: Grammar;
  readonly facts: Facts;
  readonly qualifiers: readonly string[];
}

/** A piece of expanded text and the optional parts (by id, outermost first) that enclose it. */
export interface Segment {
  readonly text: string;
  readonly within: readonly number[];
}

/** An expansion: its segments and how many optional parts it holds (ids 0 … optionalCount-1). */
export interface Expansion {
  readonly segments: readonly Segment[];
  readonly optionalCount: number;
}

type Token =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ref'; readonly name: string; readonly optional: boolean };

const parseCache = new Map<string, readonly Token[]>();

/** Splits alternative text into literal text and `{name}` / `{name?}` references; `{{slot}}` is literal. */
export function parseTemplate(text: string): readonly Token[] {
  const cached = parseCache.get(text);
  if (cached) return cached;
  const tokens: Token[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const end = text.indexOf('}}', i);
      if (end < 0) throw new InternalError('grammar_syntax', `Unclosed slot in template "${text}"`);
      literal += text.slice(i, end + 2);
      i = end + 2;
    } else if (text[i] === '{') {
      const end = text.indexOf('}', i);
      const match = /^\{([a-z][a-z0-9_]*)(\?)?\}$/.exec(text.slice(i, end + 1));
      if (end < 0 || !match) throw new InternalError('grammar_syntax', `Bad reference in template "${text}"`);
      if (literal) tokens.push({ kind: 'text', text: literal });
      literal = '';
      tokens.push({ kind: 'ref', name: match[1] as string, optional: match[2] === '?' });
      i = end + 1;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal) tokens.push({ kind: 'text', text: literal });
  parseCache.set(text, tokens);
  return tokens;
}

function normalise(alternative: string | Alternative): Alternative {
  return typeof alternative === 'string' ? { text: alternative } : alternative;
}

/** The alternatives a rule name resolves to under the context's qualifiers, or undefined if not a rule. */
export function resolveRule(context: ExpansionContext, name: string): readonly Alternative[] | undefined {
  for (const qualifier of context.qualifiers) {
    const body = context.grammar[`${name}:${qualifier}`];
    if (body) return body.map(normalise);
  }
  return context.grammar[name]?.map(normalise);
}

function hasFact(facts: Facts, name: string): boolean {
  const value = facts[name];
  return value !== undefined && value !== '';
}

/** Memoised eligibility checks for one context (facts and grammar fixed). */
export class Expander {
  private readonly fillable = new Map<string, boolean>();
  private readonly visiting = new Set<string>();

  constructor(readonly context: ExpansionContext) {}

  /** Whether `{name}` can be filled: a present fact, or a rule with an eligible alternative. */
  canFill(name: string): boolean {
    const known = this.fillable.get(name);
    if (known !== undefined) return known;
    const alternatives = resolveRule(this.context, name);
    if (!alternatives) return hasFact(this.context.facts, name);
    if (this.visiting.has(name))
      throw new InternalError('grammar_cycle', `Grammar rule "${name}" is recursive`);
    this.visiting.add(name);
    const result = alternatives.some((alternative) => this.isEligible(alternative));
    this.visiting.delete(name);
    this.fillable.set(name, result);
    return result;
  }

  /** An alternative is eligible when its guards hold and all its required references can be filled. */
  isEligible(alternative: Alternative): boolean {
    const facts = this.context.facts;
    if (alternative.needs?.some((name) => !hasFact(facts, name))) return false;
    if (alternative.unless?.some((name) => hasFact(facts, name))) return false;
    return parseTemplate(alternative.text).every(
      (token) => token.kind === 'text' || token.optional || this.canFill(token.name),
    );
  }

  /** Eligible alternatives of a rule. */
  eligible(name: string): Alternative[] {
    return (resolveRule(this.context, name) ?? []).filter((alternative) => this.isEligible(alternative));
  }

  /** Expands rule `root` with seeded weighted choices; throws if the rule cannot be filled. */
  expand(root: string, rng: Rng): Expansion {
    if (!this.canFill(root))
      throw new InternalError('grammar_unfillable', `Grammar rule "${root}" has no usable alternative`);
    const segments: Segment[] = [];
    let optionalCount = 0;
    const walk = (name: string, within: readonly number[]): void => {
      const alternatives = resolveRule(this.context, name);
      if (!alternatives) {
        segments.push({ text: this.context.facts[name] as string, within });
        return;
      }
      const eligible = alternatives.filter((alternative) => this.isEligible(alternative));
      const chosen = eligible[
        pickWeighted(
          rng,
          eligible.map((a) => a.weight ?? 1),
        )
      ] as Alternative;
      for (const token of parseTemplate(chosen.text)) {
        if (token.kind === 'text') segments.push({ text: token.text, within });
        else if (!token.optional) walk(token.name, within);
        else if (this.canFill(token.name)) walk(token.name, [...within, optionalCount++]);
      }
    };
    walk(root, []);
    return { segments, optionalCount };
  }

  /**
   * The shortest expansion of `root` (by `length`) with every optional part left out: the last
   * resort when no random expansion fits a field. Length is additive over concatenation, so the
   * minimum is found rule by rule (memoised).
   */
  shortest(root: string, length: (text: string) => number): string {
    const memo = new Map<string, string>();
    const best = (name: string): string => {
      const known = memo.get(name);
      if (known !== undefined) return known;
      const alternatives = resolveRule(this.context, name);
      if (!alternatives) return this.context.facts[name] as string;
      let result: string | undefined;
      for (const alternative of alternatives) {
        if (!this.isEligible(alternative)) continue;
        const text = parseTemplate(alternative.text)
          .map((token) => (token.kind === 'text' ? token.text : token.optional ? '' : best(token.name)))
          .join('');
        if (result === undefined || length(text) < length(result)) result = text;
      }
      memo.set(name, result ?? '');
      return result ?? '';
    };
    if (!this.canFill(root))
      throw new InternalError('grammar_unfillable', `Grammar rule "${root}" has no usable alternative`);
    return best(root);
  }
}

/** Renders an expansion, leaving out the optional parts in `dropped`. */
export function render(expansion: Expansion, dropped: ReadonlySet<number> = new Set()): string {
  let text = '';
  for (const segment of expansion.segments) {
    if (!segment.within.some((id) => dropped.has(id))) text += segment.text;
  }
  return text;
}

/**
 * Renders `expansion` so that `fits(text)` holds, leaving out optional parts last-first (later
 * parts of a template are the less important ones by convention). Returns the first rendering that
 * fits, or undefined when even the rendering without any optional part does not.
 */
export function dropOptionals(
  expansion: Expansion,
  fits: (text: string) => boolean,
  finish: (text: string) => string = (text) => text,
): string | undefined {
  const dropped = new Set<number>();
  let text = finish(render(expansion, dropped));
  if (fits(text)) return text;
  for (let id = expansion.optionalCount - 1; id >= 0; id--) {
    dropped.add(id);
    text = finish(render(expansion, dropped));
    if (fits(text)) return text;
  }
  return undefined;
}

/** Every `{name}` a grammar refers to that is not one of its rules (for checking fact names in tests). */
export function referencedFacts(grammar: Grammar): Set<string> {
  const ruleNames = new Set(Object.keys(grammar).map((key) => key.split(':')[0] as string));
  const facts = new Set<string>();
  for (const body of Object.values(grammar)) {
    for (const alternative of body) {
      const parsed = normalise(alternative);
      for (const token of parseTemplate(parsed.text))
        if (token.kind === 'ref' && !ruleNames.has(token.name)) facts.add(token.name);
      for (const name of [...(parsed.needs ?? []), ...(parsed.unless ?? [])])
        if (!ruleNames.has(name)) facts.add(name);
    }
  }
  return facts;
}
