import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LoadedConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import { parsePromptFile } from '../../core/prompt-file.js';
import type { PromptTemplate } from '../../core/prompt-template.js';

/**
 * User overrides of the built-in prompt templates: `llm.promptsDir` holds files named
 * `<id>.<locale>.md` (e.g. `content.email.zh.md`, written with `formatPromptFile` of a built-in as a
 * start). Each is parsed and checked; the version it declares is recorded with every output.
 */
export async function loadPromptOverrides(config: LoadedConfig): Promise<Map<string, PromptTemplate>> {
  const overrides = new Map<string, PromptTemplate>();
  if (config.llm.promptsDir === undefined) return overrides;
  const dir = resolve(config.dir, config.llm.promptsDir);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch (error) {
    throw new InputError('prompts_dir_missing', `llm.promptsDir ${dir} cannot be read`, { cause: error });
  }
  for (const name of names) {
    const path = join(dir, name);
    const template = parsePromptFile(await readFile(path, 'utf8'), path);
    const key = `${template.id}.${template.locale}`;
    if (name !== `${key}.md`)
      throw new InputError('prompt_file_name', `${path} declares ${key}; name the file ${key}.md`);
    overrides.set(key, template);
  }
  return overrides;
}
