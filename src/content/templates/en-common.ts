import type { Grammar } from './grammar.js';

/**
 * English building blocks shared by every format: hooks per occasion, benefit pitches, offer
 * lines and calls to action per tone. Rule `x:occasion`, `x:tone` or `x:occasion.tone` overrides
 * `x` (see grammar.ts). Wording rules: no absolute or superlative claims (no best / #1 / only /
 * guaranteed / ever), no health or money promises, plain ASCII punctuation so SMS stays GSM-7.
 */
export const enCommon: Grammar = {
  item: [
    { text: '{product}', weight: 4 },
    { text: 'our new arrivals', unless: ['product'] },
    { text: 'our latest collection', unless: ['product'] },
  ],
  item_short: [
    { text: '{product}', weight: 4 },
    { text: 'New arrivals', unless: ['product'] },
  ],

  // Opening sentence, per occasion.
  hook: ['Discover {item} from {brand}.', 'Take a look at {item}.', 'Say hello to {item}.'],
  'hook:launch': [
    'Meet {item}.',
    'Say hello to {item}, new from {brand}.',
    '{product} has arrived.',
    'New from {brand}: {item}.',
    'Just launched: {item}.',
  ],
  'hook:launch.premium': ['Introducing {item}.', 'Presenting {item}, new from {brand}.'],
  'hook:launch.playful': ['Guess what just landed? {item}!', 'Fresh out of the box: {item}!'],
  'hook:promotion': [
    '{product} is now {offer}.',
    'Save {discount} on {item}.',
    'Our sale is on at {brand}.',
    'Special prices on {item} are here.',
    'Treat yourself to {item} for less.',
  ],
  'hook:promotion.premium': [
    'A rare occasion: {item} at {offer}.',
    'An invitation to enjoy {item} for less.',
  ],
  'hook:promotion.playful': ['Sale alert! {item} is {offer}.', 'Psst, {item} just got cheaper!'],
  'hook:birthday': [
    'Happy birthday from all of us at {brand}!',
    "It's your birthday, so we have a treat for you.",
    'Happy birthday! This one is on us.',
    'Wishing you a wonderful birthday.',
  ],
  'hook:birthday.premium': ['Warm birthday wishes from {brand}.', 'On your birthday, a small gift from us.'],
  'hook:anniversary': [
    'Happy anniversary! Thank you for being with {brand}.',
    'Another year together, and we are grateful for it.',
    "It's our anniversary with you, and we'd like to celebrate.",
  ],
  'hook:win_back': [
    "We've missed you at {brand}.",
    "It's been a while, and a lot has changed at {brand}.",
    'Come back and see what is new at {brand}.',
    'Your favourites are waiting for you.',
  ],
  'hook:care': [
    'How are you getting on with {product}?',
    'We are checking in to make sure everything is going well.',
    'Thank you for choosing {brand}.',
    'A quick hello from {brand}, just to see how you are.',
  ],
  'hook:restock': [
    '{product} is back in stock.',
    'Good news: {item} is back.',
    "It's back: {product}.",
    'Back on the shelves at {brand}: {item}.',
  ],
  'hook:festival': [
    '{festival_wish} from {brand}!',
    'Celebrate {festival} with {item}.',
    'Get ready for {festival} with {brand}.',
    'Our {festival} picks are here.',
    "Season's greetings from {brand}!",
  ],

  // A short hook for headlines and subjects (no final full stop needed).
  hook_short: ['{item_short} by {brand}', 'Discover {item_short}'],
  'hook_short:launch': ['New: {item_short}', 'Meet {item_short}', 'Just in: {item_short}', 'New at {brand}'],
  'hook_short:promotion': [
    '{offer} {item_short}',
    '{item_short}, {offer}',
    'Sale at {brand}',
    'Save {discount}',
  ],
  'hook_short:birthday': ['Happy birthday!', 'A birthday treat', 'Your birthday gift', 'Birthday wishes'],
  'hook_short:anniversary': ['Happy anniversary!', 'Another year together', 'Thank you for a year'],
  'hook_short:win_back': ['We miss you', 'Come back to {brand}', 'Something new for you', 'Welcome back'],
  'hook_short:care': ['How is it going?', 'Checking in', 'A note from {brand}', 'We are here to help'],
  'hook_short:restock': ['Back in stock', '{item_short} is back', 'Restocked: {item_short}', 'It is back'],
  'hook_short:festival': [
    '{festival_wish}',
    '{festival} at {brand}',
    '{festival} picks',
    "Season's greetings",
  ],

  // Benefits from product attributes, per tone; fall back to a soft, claim-free line.
  pitch: [
    { text: 'You will love the details: {benefits}.', weight: 3 },
    { text: 'Why we like it: {benefits}.', weight: 3 },
    'Made to fit right into your day.',
  ],
  'pitch:premium': [
    { text: 'Every detail is considered: {benefits}.', weight: 3 },
    { text: 'Crafted with care, {benefits}.', weight: 3 },
    'Designed with quiet attention to detail.',
  ],
  'pitch:playful': [
    { text: 'The fun part? {benefits}.', weight: 3 },
    { text: 'Spoiler: {benefits}.', weight: 3 },
    'A little bit of joy for your day.',
  ],
  'pitch:professional': [
    { text: 'Key details: {benefits}.', weight: 3 },
    { text: 'At a glance: {benefits}.', weight: 3 },
    'Designed for dependable everyday use.',
  ],
  price_line: ['Now {price}.', 'Yours for {price}.', 'Price: {price}.'],
  'price_line:premium': ['Available at {price}.', 'Offered at {price}.'],

  // Offer, coupon and expiry.
  offer_line: ['Enjoy {offer}{until?}.', 'Take {offer}{until?}.', 'Get {offer}{until?}.'],
  'offer_line:premium': ['As a thank-you, enjoy {offer}{until?}.', 'Please enjoy {offer}{until?}.'],
  'offer_line:playful': ['Psst: {offer} is yours{until?}!', 'Treat time: {offer}{until?}!'],
  'offer_line:professional': ['Offer: {offer}{until?}.', 'Discount: {offer}{until?}.'],
  until: [' until {expires}', ', ends {expires}', ' through {expires}'],
  coupon_line: [
    'Use code {coupon} at checkout.',
    'Your code: {coupon}.',
    'Code {coupon} applies at checkout.',
  ],
  deal: ['{offer_line} {coupon_line?}', { text: '{coupon_line}', unless: ['offer'] }],

  audience_line: [
    'Picked with {persona} in mind.',
    'If you are into {interest}, you will feel right at home.',
    'A natural fit for anyone who loves {interest}.',
  ],

  cta: ['Take a look today.', 'Come and see.', 'Find yours now.', 'Shop now.'],
  'cta:premium': ['Discover the collection.', 'Explore it today.', 'Reserve yours.', 'Visit us to see more.'],
  'cta:playful': ['Go on, treat yourself!', 'Grab yours!', 'Come and have a look!', 'Tap in and explore!'],
  'cta:professional': ['Learn more today.', 'See the details.', 'Order today.', 'View the range.'],
  'cta:care': ['Reply any time if you need a hand.', 'We are here if you have questions.'],
  cta_short: ['Shop now', 'Take a look', 'Find yours'],
  'cta_short:premium': ['Discover more', 'Explore now'],
  'cta_short:playful': ['Grab yours', 'Go on, look'],
  'cta_short:professional': ['Learn more', 'Order today'],

  greeting: ['Hi {name},', 'Hello {name},'],
  'greeting:premium': ['Dear {name},'],
  'greeting:playful': ['Hey {name}!', 'Hi {name}!'],
  'greeting:professional': ['Hello {name},', 'Dear {name},'],
  signoff: ['Warm wishes,\nThe {brand} team', 'See you soon,\nThe {brand} team'],
  'signoff:premium': ['With appreciation,\n{brand}', 'Yours sincerely,\n{brand}'],
  'signoff:playful': ['Cheers,\nThe {brand} crew', 'High fives,\nThe {brand} team'],
  'signoff:professional': ['Kind regards,\nThe {brand} team', 'Regards,\nThe {brand} team'],
  tagline: ['{brand}: {vocab}.', 'At {brand}, it is all about {vocab}.'],
};
