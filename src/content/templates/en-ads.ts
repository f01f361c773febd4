import type { Grammar } from './grammar.js';

/**
 * English ad formats: search ad, social feed ad, SMS, WeChat article. Root rules are named
 * `<format>_<field>`. Search ads carry no emoji (Google Ads editorial policy); SMS keeps to
 * GSM-7 characters; the SMS opt-out is appended by code.
 */
export const enAds: Grammar = {
  search_ad_headline: [
    { text: '{hook_short}', weight: 3 },
    '{item_short} | {brand}',
    '{cta_short} at {brand}',
    { text: '{product} {offer}', weight: 2 },
  ],
  search_ad_description: [
    '{hook} {deal?} {cta}',
    '{hook} {pitch?} {cta}',
    '{hook} {price_line?} {cta}',
    '{hook} {audience_line?} {cta}',
  ],

  feed_ad_headline: [
    { text: '{hook_short} {emoji?}', weight: 3 },
    '{item_short}: {cta_short}',
    '{emoji?} {hook_short} at {brand}',
  ],
  feed_ad_primary_text: [
    '{emoji?} {hook} {pitch?} {deal?} {cta}',
    '{hook} {deal?} {price_line?} {cta} {emoji?}',
    '{hook} {audience_line?} {cta} {emoji2?}',
    '{hook} {emoji?} {tagline?} {cta}',
  ],

  sms_text: [
    '{brand}: {sms_greeting?} {hook} {deal?} {cta}',
    '{brand}: {hook} {price_line?} {deal?} {cta}',
    '{brand}: {sms_greeting?} {hook} {pitch?} {cta}',
  ],
  sms_greeting: ['Hi {name}!', 'Hello {name}!'],
  'sms_greeting:playful': ['Hey {name}!'],
  'sms_greeting:premium': ['Dear {name},'],

  wechat_article_title: [
    '{hook_short} | {brand}',
    '{hook_short}: {title_tail}',
    { text: '{hook_short} {emoji?}', weight: 2 },
  ],
  title_tail: ['a closer look', 'what is new', 'the details'],
  'title_tail:premium': ['a considered choice', 'the story behind it'],
  'title_tail:playful': ['you will want to see this', 'a happy surprise'],
  'title_tail:professional': ['what you need to know', 'an overview'],
  wechat_article_digest: [
    '{hook} {pitch?} {deal?}',
    '{hook} {audience_line?} {cta}',
    '{hook} {price_line?} {cta} {emoji?}',
  ],
};
