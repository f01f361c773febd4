import type { Grammar } from './grammar.js';

/**
 * English long and social formats: product description, brand story, social post, Weibo post.
 * The brand story tells values, never invented history (no founding dates, awards or rankings).
 */
export const enLong: Grammar = {
  product_description_title: [
    { text: '{product} | {category}', weight: 2 },
    '{product} by {maker}',
    '{product}, {benefit}',
    '{product}',
    '{product} | {brand}',
  ],
  product_description_body: [
    '{hook} {description_intro}\n\n{spec_block?}\n\n{audience_line?} {price_line?} {deal?}\n\n{cta}',
    '{description_intro} {pitch?}\n\n{spec_block?}\n\n{price_line?} {deal?} {cta}',
    '{hook} {description_intro}\n\n{pitch} {audience_line?}\n\n{spec_block?}\n\n{price_line?} {cta} {tagline?}',
  ],
  description_intro: [
    '{product} is part of our {category} range at {brand}.',
    '{product} belongs to the {category} collection from {brand}.',
    'Looking for {category}? Meet {product} from {brand}.',
  ],
  'description_intro:premium': ['{product} is {brand} {category}, made with care.'],
  'description_intro:playful': ['Looking for {category} with personality? Say hi to {product}.'],
  'description_intro:professional': ['{product} is a {brand} product in the {category} category.'],
  spec_block: ['Details:\n{spec_list}', 'Specifications:\n{spec_list}', 'What you get:\n{spec_list}'],

  brand_story_title: [
    'The {brand} story',
    'Why {brand} exists',
    'About {brand}',
    '{brand}: {vocab}',
    'What {brand} stands for',
  ],
  brand_story_body: [
    '{story_open}\n\n{story_craft} {story_product?}\n\n{story_value} {story_people}\n\n{story_occasion?} {story_close}',
    '{story_open} {story_people}\n\n{story_craft} {story_value}\n\n{story_product?} {story_occasion?}\n\n{story_close}',
  ],
  story_open: [
    '{brand} started with a simple belief: everyday things should be made with care.',
    'At {brand}, we think good things do not need to shout.',
    '{brand} began as an idea about doing a few things well.',
  ],
  'story_open:premium': [
    '{brand} is built on patience, careful choices and respect for the people who use what we make.',
  ],
  'story_open:playful': ['{brand} started with a hunch: everyday things can be a lot more fun.'],
  'story_open:professional': [
    '{brand} was set up to make dependable products that people can rely on daily.',
  ],
  story_craft: [
    'We choose our materials and partners carefully, and we keep improving what we make.',
    'Every product goes through many small decisions, and we try to get each one right.',
    'We listen to our customers, test our ideas, and change what does not work.',
  ],
  story_product: [
    'Take {product}: {benefits}.',
    'You can see it in {product}, part of our {category} range.',
    '{product} is a good example of how we work.',
  ],
  story_value: [
    'We think a good product is one you keep reaching for, and one you are happy to come back to.',
    'We would rather make one thing properly than chase every trend.',
    'We want every order to show the care we put into the small things.',
  ],
  story_people: [
    'We make things for {persona}, and for anyone who loves {interest}.',
    'We make things for people who notice the details.',
    'Our customers tell us what matters to them, and we listen.',
  ],
  story_occasion: ['This is a story we are still writing.'],
  'story_occasion:launch': ['Today we add a new chapter: {item}.'],
  'story_occasion:anniversary': ['Anniversaries remind us why we started, and who we started for.'],
  'story_occasion:festival': [
    'This {festival}, we are celebrating with the people who made our story possible.',
  ],
  'story_occasion:birthday': ['Birthdays remind us that every year is worth celebrating.'],
  story_close: [
    'For us, it comes down to {vocab} and {vocab2}. Thank you for being part of the story.',
    'Thank you for being part of the story. {tagline?}',
    'We are glad you are here, and we look forward to what comes next.',
  ],

  social_post_text: [
    '{emoji?} {hook} {pitch?} {deal?} {cta} {hashtag?}',
    '{hook} {emoji?} {audience_line?} {price_line?} {cta} {hashtag?}',
    '{hook} {deal?} {tagline?} {cta} {emoji2?}',
  ],
  weibo_post_text: [
    '{hashtag?} {hook} {pitch?} {deal?} {cta} {emoji?}',
    '{emoji?} {hook} {audience_line?} {cta} {hashtag?}',
    '{hook} {price_line?} {deal?} {cta}',
  ],
};
