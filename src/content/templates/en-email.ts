import type { Grammar } from './grammar.js';

/**
 * English email: subject (≤60 wide), preheader (≤100 wide) and body. The body greets the reader
 * through the `{{first_name}}` slot and ends with the unsubscribe line, appended by code.
 */
export const enEmail: Grammar = {
  email_subject: [
    { text: '{hook_short} {emoji?}', weight: 3 },
    '{name}, {subject_tail}',
    '{hook_short} from {brand}',
  ],
  subject_tail: ['this is for you', 'something new from {brand}', 'a note from {brand}'],
  'subject_tail:promotion': ['{offer} is waiting', 'a little something off', 'our sale is on'],
  'subject_tail:birthday': ['happy birthday!', 'your birthday treat is here', 'a gift for your birthday'],
  'subject_tail:anniversary': ['happy anniversary!', 'thank you for another year', 'let us celebrate'],
  'subject_tail:win_back': ['we have missed you', 'come and see what is new', 'it has been a while'],
  'subject_tail:care': ['how are things?', 'we are here to help', 'checking in'],
  'subject_tail:restock': ['{item_short} is back', 'it is back in stock', 'good news'],
  'subject_tail:festival': ['{festival_wish}!', 'our {festival} picks', "season's greetings"],

  email_preheader: [
    '{hook} {deal?}',
    '{hook} {pitch?}',
    { text: '{deal} {cta}', needs: ['offer'] },
    '{hook} {cta_short}.',
  ],

  email_body: [
    '{greeting}\n\n{hook} {pitch?}\n\n{email_offer?}\n\n{audience_line?} {cta}\n\n{signoff}\n\n{ps?}',
    '{greeting}\n\n{hook} {email_middle}\n\n{email_offer?}\n\n{cta}\n\n{signoff}',
    '{greeting}\n\n{hook}\n\n{pitch} {price_line?}\n\n{email_offer?} {cta}\n\n{signoff}\n\n{ps?}',
  ],
  email_middle: [
    '{pitch}',
    'We put together a few things we think you will like.',
    'Here is what we have been working on for you.',
  ],
  'email_middle:care': [
    'If anything is not quite right, just reply and a real person will help.',
    'We would love to hear how it is going, good or bad.',
  ],
  'email_middle:birthday': [
    'We hope your day is full of good things.',
    'Birthdays deserve a treat, so we have one for you below.',
  ],
  email_offer: ['{deal}', '{offer_line} {coupon_line?}'],
  ps: ['P.S. {tagline}', 'P.S. Reply to this email any time; we read every message.'],
};
