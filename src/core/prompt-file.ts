import { InputError } from './errors.js';
import {
  checkPromptTemplate,
  type PromptTemplate,
  type PromptVariableType,
  promptVariableTypes,
} from './prompt-template.js';

/** Prompt template files: user overrides of the built-in templates (parse and format). */

function fileError(path: string, line: number, message: string): InputError {
  return new InputError('prompt_file_invalid', `${path}:${line}: ${message}`, {
    hint: 'a prompt file is a front-matter block (--- id / version / locale / variables / optional ---) followed by "## system" and "## user" sections',
  });
}

/** Parses `name:type` (a trailing `?` on the name marks it optional) into the declarations. */
function declare(
  entry: string,
  variables: Record<string, PromptVariableType>,
  optional: string[],
  path: string,
  line: number,
): void {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(\??)\s*:\s*([a-z]+)$/.exec(entry.trim());
  if (!match) throw fileError(path, line, `variable declaration "${entry.trim()}" is not name:type`);
  const [, name = '', mark, type = ''] = match;
  if (!promptVariableTypes.includes(type as PromptVariableType)) {
    throw fileError(
      path,
      line,
      `variable "${name}" has type "${type}"; expected one of ${promptVariableTypes.join(', ')}`,
    );
  }
  if (name in variables) throw fileError(path, line, `variable "${name}" is declared twice`);
  variables[name] = type as PromptVariableType;
  if (mark === '?') optional.push(name);
}

/**
 * Parses a user prompt file (`<id>.<locale>.md`) that overrides a built-in template:
 *
 * ```
 * ---
 * id: content.email
 * version: 4
 * locale: zh
 * variables: brand_name:text, product:data, variants:number   (or one `name: type` per indented line)
 * optional: product
 * ---
 * ## system
 * …
 * ## user
 * …
 * ```
 * Errors name the file, the line and what was expected; the result is checked like a built-in.
 */
export function parsePromptFile(text: string, path: string): PromptTemplate {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') throw fileError(path, 1, 'expected a front-matter block starting with ---');
  const close = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (close < 0) throw fileError(path, 1, 'the front-matter block is never closed with ---');
  const header: Record<string, string> = {};
  const variables: Record<string, PromptVariableType> = {};
  const optional: string[] = [];
  let inVariables = false;
  for (let index = 1; index < close; index++) {
    const line = lines[index] as string;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (inVariables && /^\s+/.test(line)) {
      declare(line, variables, optional, path, index + 1);
      continue;
    }
    const match = /^([a-z]+)\s*:\s*(.*)$/.exec(line.trim());
    if (!match) throw fileError(path, index + 1, `expected "key: value", got "${line.trim()}"`);
    const [, key = '', value = ''] = match;
    inVariables = key === 'variables';
    if (key === 'variables') {
      for (const entry of value.split(','))
        if (entry.trim() !== '') declare(entry, variables, optional, path, index + 1);
    } else if (key === 'optional') {
      optional.push(
        ...value
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== ''),
      );
    } else if (key === 'id' || key === 'version' || key === 'locale') {
      header[key] = value.trim();
    } else {
      throw fileError(
        path,
        index + 1,
        `unknown key "${key}"; expected id, version, locale, variables, optional`,
      );
    }
  }
  for (const key of ['id', 'version', 'locale']) {
    if (!header[key]) throw fileError(path, close + 1, `the front matter has no "${key}"`);
  }
  const version = Number(header.version);
  if (!/^\d+$/.test(header.version ?? '') || version < 1) {
    throw fileError(path, close + 1, `version must be a positive integer, got "${header.version}"`);
  }
  if (header.locale !== 'en' && header.locale !== 'zh') {
    throw fileError(path, close + 1, `locale must be en or zh, got "${header.locale}"`);
  }
  const sections: Partial<Record<'system' | 'user', number>> = {};
  let stray = -1;
  for (let index = close + 1; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    const role = /^##\s+(system|user)$/i.exec(line)?.[1]?.toLowerCase() as 'system' | 'user' | undefined;
    if (role && sections[role] !== undefined)
      throw fileError(path, index + 1, `a second "## ${role}" section`);
    if (role) sections[role] = index;
    else if (stray < 0 && line !== '' && Object.keys(sections).length === 0) stray = index;
  }
  const body = (role: 'system' | 'user'): string => {
    const start = sections[role];
    if (start === undefined) throw fileError(path, lines.length, `the file has no "## ${role}" section`);
    const other = sections[role === 'system' ? 'user' : 'system'] ?? -1;
    return lines
      .slice(start + 1, other > start ? other : lines.length)
      .join('\n')
      .trim();
  };
  const system = body('system');
  const user = body('user');
  if (stray >= 0) throw fileError(path, stray + 1, 'text before the first "## system" / "## user" section');
  const template: PromptTemplate = {
    id: header.id as string,
    version,
    locale: header.locale,
    system,
    user,
    variables,
    ...(optional.length > 0 ? { optional } : {}),
  };
  try {
    checkPromptTemplate(template);
  } catch (error) {
    if (error instanceof InputError)
      throw new InputError(error.code, `${path}: ${error.message}`, { cause: error });
    throw error;
  }
  return template;
}

/** Writes a template in the prompt-file format `parsePromptFile` reads (to export built-ins for editing). */
export function formatPromptFile(template: PromptTemplate): string {
  const variables = Object.entries(template.variables).map(([name, type]) => `  ${name}: ${type}`);
  const optional = template.optional?.length ? [`optional: ${template.optional.join(', ')}`] : [];
  return [
    '---',
    `id: ${template.id}`,
    `version: ${template.version}`,
    `locale: ${template.locale}`,
    'variables:',
    ...variables,
    ...optional,
    '---',
    '## system',
    '',
    template.system.trim(),
    '',
    '## user',
    '',
    template.user.trim(),
    '',
  ].join('\n');
}
