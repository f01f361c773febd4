import type { PromptTemplate } from '../../core/prompt-template.js';
import type { ContentKind } from '../channels.js';
import { adPrompts } from './ad.js';
import { descriptionPrompts } from './description.js';
import { emailPrompts } from './email.js';
import { repairPrompts } from './repair.js';
import { socialPrompts } from './social.js';
import { storyPrompts } from './story.js';

/**
 * The built-in LLM prompt templates, English and Chinese, keyed `${id}.${locale}` (the same key a
 * user override file `<id>.<locale>.md` replaces).
 */
export const builtInPrompts: ReadonlyMap<string, PromptTemplate> = new Map(
  [
    ...adPrompts,
    ...descriptionPrompts,
    ...emailPrompts,
    ...socialPrompts,
    ...storyPrompts,
    ...repairPrompts,
  ].map((template) => [`${template.id}.${template.locale}`, template]),
);

/** The template id that writes each content kind. */
export const promptIdByKind: Readonly<Record<ContentKind, string>> = {
  ad: 'content.ad',
  description: 'content.description',
  email: 'content.email',
  social: 'content.social',
  story: 'content.story',
};

export const repairPromptId = 'content.repair';
