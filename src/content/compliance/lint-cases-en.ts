import type { LintCase } from './lint-case.js';

/**
 * English half of the labelled lint set, labelled before the lint was run. Hard negatives are
 * idioms and everyday uses of listed words (best regards, your best friend, order #1234, treat
 * yourself, dog treats, risk-free trial, free returns, satisfaction guaranteed). PII values are
 * fake (555-01xx numbers, example.com).
 */
export const lintCasesEn: readonly LintCase[] = [
  // superlatives (FTC substantiation, CAP Code 3.7)
  { text: 'The best coffee in town', locale: 'en', expected: ['superlative_claim'] },
  { text: "America's #1 running shoe", locale: 'en', expected: ['superlative_claim'] },
  { text: 'Voted No. 1 by our customers', locale: 'en', expected: ['superlative_claim'] },
  { text: 'The cheapest flights to Tokyo', locale: 'en', expected: ['superlative_claim'] },
  { text: "The world's leading skincare brand", locale: 'en', expected: ['superlative_claim'] },
  { text: 'Unbeatable prices all weekend', locale: 'en', expected: ['superlative_claim'] },
  { text: 'The only serum with pure retinol', locale: 'en', expected: ['superlative_claim'] },
  { text: 'Our best-selling jacket is back', locale: 'en', expected: ['superlative_claim'] },
  { text: 'Guaranteed results in 7 days', locale: 'en', expected: ['superlative_claim'] },
  { text: 'Lowest prices of the year', locale: 'en', expected: ['superlative_claim'] },
  { text: 'Industry-leading battery life', locale: 'en', expected: ['superlative_claim'] },
  { text: 'Number one choice for busy parents', locale: 'en', expected: ['superlative_claim'] },
  { text: 'Unmatched comfort for long runs', locale: 'en', expected: ['superlative_claim'] },
  { text: '100% effective against frizz', locale: 'en', expected: ['superlative_claim'] },
  { text: 'Our greatest summer sale starts now', locale: 'en', expected: ['superlative_claim'] },
  // superlative hard negatives
  { text: 'Best regards, the Marketmind team', locale: 'en', expected: [] },
  { text: 'All the best for your new home', locale: 'en', expected: [] },
  { text: 'Try your best and have fun', locale: 'en', expected: [] },
  { text: 'Best before: see the lid', locale: 'en', expected: [] },
  { text: 'Bring your best friend for a free coffee', locale: 'en', expected: [] },
  { text: 'Order #1234 has shipped', locale: 'en', expected: [] },
  { text: 'Step number one: pick your size', locale: 'en', expected: [] },
  { text: 'Our new jacket is better than ever', locale: 'en', expected: [] },
  { text: 'Not the only reason to visit, but a good one', locale: 'en', expected: [] },
  { text: 'Top up your card and save 10%', locale: 'en', expected: [] },
  { text: 'This is the only time this year we cut prices', locale: 'en', expected: [] },
  { text: '100% cotton, machine washable', locale: 'en', expected: [] },
  { text: 'Satisfaction guaranteed or your money back', locale: 'en', expected: [] },
  { text: 'Look your best at every party this season', locale: 'en', expected: [] },
  // medical (FD&C Act 201(g), FTC health claims)
  { text: 'Our cream cures acne overnight', locale: 'en', expected: ['medical_claim'] },
  { text: 'Clinically proven to reduce wrinkles', locale: 'en', expected: ['medical_claim'] },
  { text: 'This tea lowers blood pressure naturally', locale: 'en', expected: ['medical_claim'] },
  { text: 'FDA approved formula for daily use', locale: 'en', expected: ['medical_claim'] },
  { text: 'Treats eczema and soothes dry skin', locale: 'en', expected: ['medical_claim'] },
  { text: 'Helps prevent the flu this winter', locale: 'en', expected: ['medical_claim'] },
  { text: 'No side effects, just natural ingredients', locale: 'en', expected: ['medical_claim'] },
  // medical hard negatives
  { text: 'Treat yourself to something sweet', locale: 'en', expected: [] },
  { text: 'Dog treats made with real chicken', locale: 'en', expected: [] },
  { text: 'The cure for boring breakfasts', locale: 'en', expected: [] },
  { text: 'Soothes tired feet after a long day', locale: 'en', expected: [] },
  { text: 'Dermatologist tested and fragrance free', locale: 'en', expected: [] },
  // financial (FTC Act §5, FINRA 2210)
  { text: 'Guaranteed returns of 8% a year', locale: 'en', expected: ['financial_claim'] },
  { text: 'Risk-free investing for beginners', locale: 'en', expected: ['financial_claim'] },
  { text: 'Double your money in 30 days', locale: 'en', expected: ['financial_claim'] },
  { text: 'Earn guaranteed income from your savings', locale: 'en', expected: ['financial_claim'] },
  { text: 'Our fund has no risk and a high yield', locale: 'en', expected: ['financial_claim'] },
  // financial hard negatives
  { text: 'Try it risk-free for 30 days', locale: 'en', expected: [] },
  { text: 'Free returns on all orders', locale: 'en', expected: [] },
  {
    text: 'Investing involves risk; past performance does not predict future returns.',
    locale: 'en',
    expected: [],
  },
  { text: 'Earn points on every purchase', locale: 'en', expected: [] },
  // opt-out
  {
    text: 'Flash sale: 20% off all tees today only. Reply STOP to opt out',
    locale: 'en',
    format: 'sms',
    field: 'text',
    expected: [],
  },
  {
    text: 'Flash sale: 20% off all tees today only. Stop by our store!',
    locale: 'en',
    format: 'sms',
    field: 'text',
    expected: ['missing_opt_out'],
  },
  {
    text: 'Hi {{first_name}}, your code {{coupon_code}} expires {{expiry_date}}. Txt STOP to end',
    locale: 'en',
    format: 'sms',
    field: 'text',
    expected: [],
  },
  {
    text: 'Hi {{first_name}}, our autumn collection has arrived. Enjoy 15% off with code {{coupon_code}} until {{expiry_date}}.\n\nUnsubscribe: {{unsubscribe_url}}',
    locale: 'en',
    format: 'email',
    field: 'body',
    expected: [],
  },
  {
    text: 'Hi {{first_name}}, our autumn collection has arrived. Enjoy 15% off with code {{coupon_code}} until {{expiry_date}}. See you soon!',
    locale: 'en',
    format: 'email',
    field: 'body',
    expected: ['missing_opt_out'],
  },
  // length
  {
    text: 'Warm merino jackets, 20% off this week',
    locale: 'en',
    format: 'search_ad',
    field: 'headline',
    expected: ['too_long'],
  },
  { text: 'Merino jackets 20% off', locale: 'en', format: 'search_ad', field: 'headline', expected: [] },
  { text: 'Sale', locale: 'en', format: 'feed_ad', field: 'headline', expected: ['too_short'] },
  { text: 'Hi', locale: 'en', format: 'email', field: 'subject', expected: ['too_short'] },
  // pii (fake values)
  { text: 'Call Jane on 555-0100 to book', locale: 'en', expected: ['pii'] },
  { text: 'Questions? Email jane.doe@example.com', locale: 'en', expected: ['pii'] },
  { text: 'Hi {{first_name}}, your order is on its way', locale: 'en', expected: [] },
  // brand (banned cheap/knockoff/dirt cheap, emoji sparing, disclaimer for descriptions)
  { text: 'Cheap thrills, great prices', locale: 'en', expected: ['banned_word'] },
  { text: 'No knockoff, just the real thing', locale: 'en', expected: ['banned_word'] },
  { text: 'The cheapest way to travel', locale: 'en', expected: ['superlative_claim'] },
  { text: 'Summer is here 🌞🌊🍉🎉', locale: 'en', expected: ['emoji_policy'] },
  { text: 'New in: linen shirts ☀️', locale: 'en', expected: [] },
  {
    text: 'Soft merino scarf in six colours.',
    locale: 'en',
    kind: 'description',
    expected: ['missing_disclaimer'],
  },
  {
    text: 'Soft merino scarf in six colours. Images are for illustration only.',
    locale: 'en',
    kind: 'description',
    expected: [],
  },
  // slots
  { text: 'Hi {{firstName}}, happy birthday', locale: 'en', expected: ['unknown_slot'] },
  { text: 'Use {{coupon_code}} before {{expiry_date}}', locale: 'en', expected: [] },
  // a redaction placeholder the model echoed
  {
    text: 'Questions? [NAME_1] at [EMAIL_1] is happy to help.',
    locale: 'en',
    expected: ['privacy_placeholder'],
  },
  { text: 'Members get [10% OFF] this weekend', locale: 'en', expected: [] },
  // several rules at once
  {
    text: 'The best way to cure insomnia, naturally',
    locale: 'en',
    expected: ['superlative_claim', 'medical_claim'],
  },
];
