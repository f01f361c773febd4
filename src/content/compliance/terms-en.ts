import type { TermEntry } from './term-match.js';

/**
 * English compliance term lists.
 *
 * Superlatives — FTC Policy Statement Regarding Advertising Substantiation (1984): objective claims
 * need a reasonable basis before they run; UK CAP Code rule 3.7: marketers must hold documentary
 * evidence for claims consumers are likely to regard as objective (3.33 for comparisons). "Best",
 * "#1", "cheapest", "the only" are lawful when substantiated, so they are warnings; a guarantee of
 * results ("guaranteed results", "100% effective") is an error (FTC Guides Against Deceptive
 * Guarantees, 16 CFR 239). Exclusions: sign-offs and idioms (best regards, all the best, do your
 * best, best friend, best before), list numbering (step number one, order #1234).
 *
 * Medical — FD&C Act §201(g)(1): a product "intended for use in the diagnosis, cure, mitigation,
 * treatment, or prevention of disease" is a drug; FTC Health Products Compliance Guidance (2022)
 * requires competent and reliable scientific evidence. A verb counts only with a disease after it,
 * so "treat yourself" and "dog treats" stay clean.
 *
 * Financial — FTC Act §5 and FINRA Rule 2210(d)(1): communications may not promise returns or
 * predict performance. "Risk-free" counts only near an investment word ("risk-free trial" is a
 * returns policy).
 */

/** True when the word after a phrase looks plural ("deals", "flights"; not "glass"). */
function beforePlural(after: string): boolean {
  return /^\s+[a-z-]*[^s\W]s\b/i.test(after);
}

/**
 * An entry pair whose replacement swaps "the" for "a"/"an" so the noun phrase stays grammatical,
 * or drops it before a plural: "the best deal" → "a great deal", "the best deals" → "great deals".
 */
function phrase(
  pattern: RegExp,
  bare: string | ((match: string) => string),
  article: 'a' | 'an' = 'a',
): TermEntry[] {
  const withThe = new RegExp(`\\bthe\\s+(?:${pattern.source})`, 'i');
  const word = (match: string) => (typeof bare === 'string' ? bare : bare(match));
  return [
    {
      rule: 'superlative_claim',
      pattern: withThe,
      replacement: (match, after) => (beforePlural(after) ? word(match) : `${article} ${word(match)}`),
    },
    { rule: 'superlative_claim', pattern: new RegExp(pattern.source, 'i'), replacement: word },
  ];
}

export const superlativeTermsEn: readonly TermEntry[] = [
  {
    rule: 'superlative_claim',
    pattern: /\bbest[- ]?sell(?:ing|er|ers)\b/i,
    replacement: 'customer favourite',
  },
  { rule: 'superlative_claim', pattern: /\bbest[- ]ever\b/i, replacement: 'standout' },
  // "the best" → "a great" ("great" before a plural), except sign-offs and idioms.
  {
    rule: 'superlative_claim',
    pattern: /(?<!\ball )\bthe best\b(?! of (?:luck|both worlds))/i,
    replacement: (_, after) => (beforePlural(after) ? 'great' : 'a great'),
  },
  {
    rule: 'superlative_claim',
    pattern:
      /(?<!\b(?:all the|your|their|his|her|my|at|personal) )\bbest\b(?![- ](?:regards|wishes|before|by|friends?|practices?|of luck|of both worlds|man|selling|seller))/i,
    replacement: 'great',
  },
  ...phrase(/(?<!\b(?:order|item|ticket|invoice|step|tip|no\.?|number) )#1(?![\d])/, 'popular'),
  ...phrase(/\bno\.\s?1(?![\d])/, 'popular'),
  ...phrase(/(?<!\b(?:step|tip|rule|reason|item|question|chapter|part|room|gate) )\bnumber one\b/, 'popular'),
  ...phrase(/\bcheapest\b/, 'affordable', 'an'),
  ...phrase(/\blowest prices?\b/, (match) => (match.endsWith('s') ? 'great prices' : 'great price')),
  ...phrase(/\bgreatest\b/, 'great'),
  ...phrase(/\bworld'?s leading\b/, 'trusted'),
  ...phrase(/\bmarket leader\b/, 'trusted name'),
  { rule: 'superlative_claim', pattern: /\b(?:world|industry|market)-leading\b/i, replacement: 'advanced' },
  { rule: 'superlative_claim', pattern: /\bunbeatable\b/i, replacement: 'great' },
  {
    rule: 'superlative_claim',
    pattern: /\bunmatched|unrivall?ed|second to none\b/i,
    replacement: 'outstanding',
  },
  { rule: 'superlative_claim', pattern: /\btop-rated\b/i, replacement: 'well-reviewed' },
  {
    rule: 'superlative_claim',
    pattern: /(?<!\bnot )\bthe only\b(?! (?:time|day|days|week|weekend|chance|reminder)\b)/i,
    replacement: 'a unique',
  },
  // Guaranteed outcomes cannot be substantiated at all: error.
  {
    rule: 'superlative_claim',
    pattern: /\bguaranteed (?:results|success)\b|\bresults guaranteed\b/i,
    replacement: 'great results',
    severity: 'error',
    guaranteed: true,
  },
  {
    rule: 'superlative_claim',
    pattern: /\bguaranteed to (?=work|last|lose|grow|fix|remove|clear|boost)/i,
    replacement: 'designed to ',
    severity: 'error',
    guaranteed: true,
  },
  {
    rule: 'superlative_claim',
    pattern: /\b100% (?:guaranteed|effective)/i,
    replacement: 'effective',
    severity: 'error',
    guaranteed: true,
  },
];

const diseasesEn =
  "cancer|diabetes|acne|eczema|psoriasis|arthritis|diseases?|illness(?:es)?|infections?|inflammation|depression|anxiety|insomnia|hypertension|high blood pressure|obesity|covid(?:-19)?|the flu|flu|colds|common cold|viruses|migraines?|alzheimer'?s|dementia|asthma|hair loss|tumou?rs?";

export const medicalTermsEn: readonly TermEntry[] = [
  { rule: 'medical_claim', pattern: /\bclinically proven\b/i, replacement: 'tested' },
  {
    rule: 'medical_claim',
    pattern: new RegExp(
      `\\b(?:cures?|cured|curing|treats?|treating|heals?|healing|prevents?|preventing|reverses?|reversing|fights?|fighting|eliminates?)(?:\\s+[\\w'-]+){0,2}?\\s+(?:${diseasesEn})\\b`,
      'i',
    ),
  },
  {
    rule: 'medical_claim',
    pattern: /\b(?:a |the )?cure for (?:cancer|diabetes|acne|eczema|arthritis|insomnia)\b/i,
  },
  { rule: 'medical_claim', pattern: /\bFDA[- ]approved\b|\bapproved by the FDA\b/i },
  {
    rule: 'medical_claim',
    pattern: /\bmiracle cure\b|\banti-cancer\b|\bcancer-fighting\b|\bno side effects\b/i,
  },
  {
    rule: 'medical_claim',
    pattern: /\b(?:lowers?|reduces?) (?:your )?(?:blood pressure|blood sugar|cholesterol)\b/i,
  },
  { rule: 'medical_claim', pattern: /\brelieves? (?:pain|arthritis|migraines?)\b/i },
];

const financeContextEn =
  'invest(?:ing|ment|ments|or|ors)?|profits?|portfolio|trading|crypto|stocks?|savings|yield|interest|income|fund|APY';

export const financialTermsEn: readonly TermEntry[] = [
  {
    rule: 'financial_claim',
    pattern:
      /\bguaranteed\s+(?:\d+(?:\.\d+)?%\s+)?(?:annual\s+|monthly\s+)?(?:returns?|profits?|income|yields?|interest|earnings|gains|payouts?)\b/i,
  },
  { rule: 'financial_claim', pattern: /\b(?:returns?|profits?|income) (?:are |is )?guaranteed\b/i },
  // "free returns" is a shop policy, so "returns" is not a finance word on its own.
  { rule: 'financial_claim', pattern: /\b(?:risk[- ]free|no[- ]risk) returns?\b/i },
  { rule: 'financial_claim', pattern: /\bdouble your (?:money|investment|savings)\b|\bget rich quick\b/i },
  { rule: 'financial_claim', pattern: /\b(?:can(?:no|')t|never) lose (?:money|a cent|your investment)\b/i },
  {
    rule: 'financial_claim',
    pattern: new RegExp(
      `(?<=\\b(?:${financeContextEn})\\b[^.!?\\n]{0,40})\\b(?:risk[- ]free|no risk|zero risk)\\b|\\b(?:risk[- ]free|no risk|zero risk)\\b(?=[^.!?\\n]{0,40}\\b(?:${financeContextEn})\\b)`,
      'i',
    ),
  },
];

/** Opt-out wordings accepted in English (CAN-SPAM 15 U.S.C. §7704(a)(3); CTIA: "Reply STOP"). */
export const optOutEn: readonly RegExp[] = [
  /\bunsubscribe\b/i,
  /\bopt[- ]?out\b/i,
  /\b(?:reply|text|txt|send)\s+"?STOP\b/i,
];

/** Opt-out sentence fixPiece appends per format. */
export const optOutTextEn = { sms: 'Reply STOP to opt out', email: 'Unsubscribe: {{unsubscribe_url}}' };
