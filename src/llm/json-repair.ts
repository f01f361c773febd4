/**
 * Lenient JSON recovery for model output. Small and local models (and big ones in `prompt` mode)
 * often answer with almost-JSON: fenced in Markdown, wrapped in prose, with trailing commas,
 * single quotes, unquoted keys, Python literals, “smart quotes”, comments, or cut off by the
 * token limit. Re-asking the model costs a round trip; most of these are mechanical to fix.
 *
 * Strategy: strict `JSON.parse` first (valid JSON is never touched). Otherwise strip a ``` fence,
 * then for each `{` / `[` in the text (at most 10, in order) run one linear scanner that tracks
 * the object/array nesting and whether a key, colon, value or comma is expected, and rewrites the
 * input into strict JSON; the first candidate that `JSON.parse` accepts wins. Tolerant-parser
 * ideas as in json5 (https://spec.json5.org) and the `jsonrepair` library by Jos de Jong, written
 * from scratch. O(n) per candidate. Every fix applied is reported in `steps`, for the call log.
 *
 * Example: repairJson("Sure! ```json\n{name: 'Ada', tags: ['x',],}\n```")
 *   → { ok: true, value: { name: 'Ada', tags: ['x'] }, repaired: true,
 *       steps: ['strip_fences', 'unquoted_keys', 'single_quotes', 'trailing_commas'] }
 */

export type RepairStep =
  | 'strip_fences'
  | 'strip_prose'
  | 'comments'
  | 'trailing_commas'
  | 'extra_commas'
  | 'missing_commas'
  | 'single_quotes'
  | 'smart_quotes'
  | 'inner_quotes'
  | 'unquoted_keys'
  | 'python_literals'
  | 'control_chars'
  | 'invalid_escapes'
  | 'unterminated_string'
  | 'truncated_value'
  | 'closing_brackets';

export type RepairResult =
  | { readonly ok: true; readonly value: unknown; readonly repaired: boolean; readonly steps: RepairStep[] }
  | { readonly ok: false; readonly error: string };

const maxCandidates = 10;

/** Parses `text` as JSON, repairing common model-output damage; see the module comment. */
export function repairJson(text: string): RepairResult {
  let strictError: string;
  try {
    return { ok: true, value: JSON.parse(text), repaired: false, steps: [] };
  } catch (error) {
    // V8 quotes the input in its message; keep only the position, so no model text leaks into logs.
    strictError = (error instanceof Error ? error.message : String(error)).replace(
      /, ".*" is not valid JSON$/s,
      '',
    );
  }
  const fenced = stripFences(text);
  const body = fenced ?? text;
  const baseSteps: RepairStep[] = fenced === undefined ? [] : ['strip_fences'];
  if (fenced !== undefined) {
    try {
      return { ok: true, value: JSON.parse(body), repaired: true, steps: baseSteps };
    } catch {
      // fall through to the scanner
    }
  }
  let tried = 0;
  for (let start = 0; start < body.length && tried < maxCandidates; start++) {
    const char = body[start];
    if (char !== '{' && char !== '[') continue;
    tried++;
    const attempt = rewriteFrom(body, start);
    try {
      const value: unknown = JSON.parse(attempt.output);
      return { ok: true, value, repaired: true, steps: [...new Set([...baseSteps, ...attempt.steps])] };
    } catch {
      // try the next `{` / `[`: the first may have been inside prose ("use {name} here: {…}")
    }
  }
  const why = tried === 0 ? 'no JSON object or array found' : `${tried} repair attempt(s) failed`;
  return { ok: false, error: `Not valid JSON (${strictError}); ${why}` };
}

/** The content of the first ``` fence (an unclosed fence runs to the end: truncated output). */
function stripFences(text: string): string | undefined {
  const match = /```[\w-]*[ \t]*\r?\n?([\s\S]*?)(?:```|$)/.exec(text);
  return match ? (match[1] ?? '') : undefined;
}

interface Frame {
  readonly kind: 'object' | 'array';
  expect: 'key' | 'colon' | 'value' | 'comma';
  /** Output length before the current key, to drop a key whose value was cut off. */
  keyStart: number;
}

const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const literals: Readonly<Record<string, string>> = { true: 'true', false: 'false', null: 'null' };
const pythonLiterals: Readonly<Record<string, string>> = { True: 'true', False: 'false', None: 'null' };
const wordEnd = /[\s{}[\],:"'“”‘’]/;
const closers = { object: '}', array: ']' } as const;

/** One pass of the scanner from an opening bracket at `start`; returns strict-JSON candidate text. */
function rewriteFrom(src: string, start: number): { output: string; steps: Set<RepairStep> } {
  const steps = new Set<RepairStep>();
  if (src.slice(0, start).trim() !== '') steps.add('strip_prose');
  const stack: Frame[] = [];
  let out = '';
  let i = start;

  const top = (): Frame | undefined => stack[stack.length - 1];
  /** Before a key or value: insert a comma the model forgot (`"a": 1 "b": 2`). */
  const beforeToken = () => {
    const frame = top();
    if (frame?.expect !== 'comma') return;
    out += ',';
    steps.add('missing_commas');
    frame.expect = frame.kind === 'object' ? 'key' : 'value';
  };
  const afterValue = () => {
    const frame = top();
    if (frame) frame.expect = 'comma';
  };
  /** Emits a key or value token in the right state. */
  const emitToken = (token: string, isString: boolean) => {
    beforeToken();
    const frame = top();
    if (frame?.kind === 'object' && frame.expect === 'key') {
      frame.keyStart = out.length;
      out += isString ? token : JSON.stringify(token);
      if (!isString) steps.add('unquoted_keys');
      frame.expect = 'colon';
      return;
    }
    out += token;
    afterValue();
  };
  /**
   * Ends a frame: drops a trailing comma, and at the end of a truncated text a key left without
   * a value (mid-text, `{name}` stays invalid so prose like "fill in {name}" is not taken for JSON).
   */
  const closeFrame = (frame: Frame, atEnd: boolean) => {
    out = out.trimEnd();
    if (atEnd && frame.kind === 'object' && (frame.expect === 'colon' || frame.expect === 'value')) {
      out = out.slice(0, frame.keyStart).trimEnd();
      steps.add('truncated_value');
    }
    if (out.endsWith(',')) {
      out = out.slice(0, -1);
      steps.add('trailing_commas');
    }
    out += closers[frame.kind];
    stack.pop();
    afterValue();
  };

  while (i < src.length) {
    const char = src[i] as string;
    if (char === '{' || char === '[') {
      beforeToken();
      out += char;
      stack.push({
        kind: char === '{' ? 'object' : 'array',
        expect: char === '{' ? 'key' : 'value',
        keyStart: 0,
      });
      i++;
    } else if (char === '}' || char === ']') {
      const kind = char === '}' ? 'object' : 'array';
      const depth = stack.findLastIndex((frame) => frame.kind === kind);
      // A closer that matches no open bracket is dropped; one that skips open brackets closes them.
      if (depth === -1 || depth < stack.length - 1) steps.add('closing_brackets');
      while (depth !== -1 && stack.length > depth) closeFrame(top() as Frame, false);
      i++;
    } else if (char === ',') {
      const frame = top() as Frame;
      if (frame.expect === 'comma') {
        out += ',';
        frame.expect = frame.kind === 'object' ? 'key' : 'value';
      } else steps.add('extra_commas');
      i++;
    } else if (char === ':') {
      const frame = top() as Frame;
      if (frame.expect === 'colon') frame.expect = 'value';
      out += ':';
      i++;
    } else if (char === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) {
      const end = src[i + 1] === '/' ? src.indexOf('\n', i) : src.indexOf('*/', i + 2);
      i = end === -1 ? src.length : src[i + 1] === '/' ? end : end + 2;
      steps.add('comments');
    } else if (/\s/.test(char)) {
      out += char;
      i++;
    } else if (`"'“”‘’`.includes(char)) {
      const string = readString(src, i, steps);
      emitToken(string.literal, true);
      i = string.end;
    } else {
      let end = i;
      while (end < src.length && !wordEnd.test(src[end] as string)) end++;
      const frame = top() as Frame;
      const isKey = frame.kind === 'object' && (frame.expect === 'key' || frame.expect === 'comma');
      const atEnd = end === src.length;
      // A key cut off at the end is dropped (closeFrame then removes the dangling comma).
      const token = isKey
        ? atEnd
          ? undefined
          : src.slice(i, end)
        : bareWord(src.slice(i, end), atEnd, steps);
      if (token !== undefined) emitToken(token, false);
      else if (isKey) steps.add('truncated_value');
      i = end;
    }
    if (stack.length === 0) break;
  }
  if (src.slice(i).trim() !== '') steps.add('strip_prose');
  if (stack.length > 0) steps.add('closing_brackets');
  while (stack.length > 0) closeFrame(top() as Frame, true);
  return { output: out, steps };
}

/**
 * A bare word outside strings: a key (quoted by the caller), a number, a JSON or Python literal.
 * At the end of a truncated text it completes a cut literal (`tr` → `true`), trims a cut number
 * (`12.` → `12`) or drops what cannot be completed (returns undefined).
 */
function bareWord(word: string, atEnd: boolean, steps: Set<RepairStep>): string | undefined {
  const literal = literals[word];
  if (literal) return literal;
  const python = pythonLiterals[word];
  if (python) {
    steps.add('python_literals');
    return python;
  }
  if (jsonNumber.test(word) || !atEnd) return word;
  steps.add('truncated_value');
  const trimmed = word.replace(/[.eE+-]+$/, '');
  if (trimmed !== '' && jsonNumber.test(trimmed)) return trimmed;
  for (const [name, value] of [...Object.entries(literals), ...Object.entries(pythonLiterals)]) {
    if (name.startsWith(word)) return value;
  }
  return undefined;
}

const simpleEscapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * Reads a string starting at `src[start]` (a `"`, `'`, or smart quote) and returns it as a JSON
 * string literal. Single-quoted strings end only at a quote followed by `, } ] :` or the end, so
 * apostrophes survive ('it's'). Raw control characters are escaped; an unterminated string is
 * closed (truncated output). A `"` followed by neither a delimiter nor a line break is taken as an
 * unescaped quote inside the text (`"Try our "best" deal"`).
 */
function readString(src: string, start: number, steps: Set<RepairStep>): { literal: string; end: number } {
  const open = src[start] as string;
  const isSingle = open === "'" || open === '‘' || open === '’';
  const isSmart = open !== '"' && open !== "'";
  if (isSmart) steps.add('smart_quotes');
  else if (isSingle) steps.add('single_quotes');
  /** A quote ends the string when a delimiter, a line break or the end follows it. */
  const followedByDelimiter = (index: number): boolean => {
    const rest = src.slice(index + 1, index + 200);
    const gap = /^\s*/.exec(rest)?.[0] ?? '';
    const next = rest[gap.length];
    return next === undefined || ',}]:/'.includes(next) || gap.includes('\n');
  };
  const closesAt = (index: number): boolean => {
    const char = src[index] as string;
    if (isSmart && !isSingle) return char === '"' || char === '“' || char === '”';
    if (char === '"' && !isSingle) {
      if (followedByDelimiter(index)) return true;
      steps.add('inner_quotes'); // "Try our "best" deal": the quote is content
      return false;
    }
    return (char === "'" || char === '‘' || char === '’') && isSingle && followedByDelimiter(index);
  };
  let content = '';
  let i = start + 1;
  while (i < src.length) {
    const char = src[i] as string;
    if (closesAt(i)) return { literal: `"${content}"`, end: i + 1 };
    if (char === '\\') {
      const next = src[i + 1];
      if (next === undefined) break; // cut inside an escape
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
        content += src.slice(i, i + 6);
        i += 6;
      } else if (next === 'u' && i + 6 > src.length) {
        break; // cut inside \uXXXX
      } else if (simpleEscapes.has(next)) {
        content += `\\${next}`;
        i += 2;
      } else if (next === "'") {
        content += "'";
        i += 2;
      } else {
        content += '\\\\';
        steps.add('invalid_escapes');
        i++;
      }
    } else if (char === '"') {
      content += '\\"';
      i++;
    } else if (char.charCodeAt(0) < 0x20) {
      content += JSON.stringify(char).slice(1, -1);
      steps.add('control_chars');
      i++;
    } else {
      content += char;
      i++;
    }
  }
  steps.add('unterminated_string');
  return { literal: `"${content}"`, end: src.length };
}
