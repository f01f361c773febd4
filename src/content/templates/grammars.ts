import type { ContentLocale } from '../channels.js';
import { enAds } from './en-ads.js';
import { enCommon } from './en-common.js';
import { enEmail } from './en-email.js';
import { enLong } from './en-long.js';
import type { Grammar } from './grammar.js';
import { zhAds } from './zh-ads.js';
import { zhCommon } from './zh-common.js';
import { zhEmail } from './zh-email.js';
import { zhLong } from './zh-long.js';

/** The full grammar per locale: shared building blocks plus one root rule per format field. */
export const grammars: Readonly<Record<ContentLocale, Grammar>> = {
  en: { ...enCommon, ...enAds, ...enEmail, ...enLong },
  zh: { ...zhCommon, ...zhAds, ...zhEmail, ...zhLong },
};
