import { normal, pick, pickWeighted, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow, isoDay } from './calendar.js';
import type { DemandClock } from './demand.js';
import {
  type City,
  EN_CITIES,
  EN_FIRST_FEMALE,
  EN_FIRST_MALE,
  EN_LAST_NAMES,
  EN_MAIL_DOMAINS,
  type EnFirstName,
  US_AREA_CODES,
  ZH_CITIES,
  ZH_FAMILY_NAMES,
  ZH_GIVEN_FEMALE,
  ZH_GIVEN_MALE,
  ZH_MAIL_DOMAINS,
} from './names.js';
import { drawPersona, type PersonaKey, personaSpec } from './personas.js';
import { CATEGORIES } from './products.js';

/**
 * People behind the customer records: one person may own several records (planted duplicate
 * identities). Phones and mail addresses are unique per person by construction (an affine
 * permutation of the person index), so two records share them only when they are the same person.
 */

export type RecordChannel = 'online' | 'store' | 'miniprogram';
export type Locale = 'zh' | 'en';
export type Gender = 'female' | 'male' | 'other' | 'unknown';

export interface Person {
  readonly index: number;
  readonly id: string;
  readonly locale: Locale;
  readonly gender: Gender;
  /** zh: 姓; en: last name. */
  readonly family: string;
  /** zh: 名; en: first name. */
  readonly given: string;
  readonly nickname: string | null;
  readonly birthDate: string;
  readonly city: City;
  /** National number digits (no country code). */
  readonly phoneDigits: string;
  readonly email: string;
  /** Planted persona (personas.ts): channel, discount, category and web behaviour. */
  readonly persona: PersonaKey;
  /** Record channels, primary first; length = number of customer records of this person. */
  readonly channels: readonly RecordChannel[];
  /** Signup time = first purchase, in ms (whole minutes). */
  readonly signupMs: number;
  /** Two favourite category indices (order-line affinity). */
  readonly favoriteCategories: readonly [number, number];
  /** Device weights [desktop, mobile, tablet] for web sessions. */
  readonly deviceWeights: readonly [number, number, number];
}

/** Share of people with 2 records, and with 3 records. */
export const DUPLICATE_SHARE = { twoRecords: 0.047, threeRecords: 0.005 } as const;
export const ZH_SHARE = 0.6;

const CN_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '177',
  '186',
  '187',
  '188',
  '189',
  '199',
];
/** Surname frequency falls with rank (王 ≈ 6.5 %); the four compound surnames share ≈ 0.5 %. */
const ZH_FAMILY_WEIGHTS = ZH_FAMILY_NAMES.map((_, i) =>
  i < ZH_FAMILY_NAMES.length - 4 ? 1 / (i + 5) : 0.004,
);
const HANDLE_WORDS = [
  'sunny',
  'lucky',
  'happy',
  'cloud',
  'star',
  'moon',
  'tea',
  'panda',
  'tiger',
  'rain',
  'maple',
  'river',
];

/** Affine permutation of 0..modulus-1 (multiplier coprime with 2, 3 and 5). */
function permute(index: number, modulus: number, offset: number): number {
  return (index * 48271 + offset) % modulus;
}

function digits(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function phoneDigitsFor(style: City['phoneStyle'], index: number, rng: Rng): string {
  switch (style) {
    case 'cn':
      return pick(rng, CN_PREFIXES) + digits(permute(index, 100_000_000, 13_579_246), 8);
    case 'us': {
      const v = permute(index, 150_000, 7_331);
      return `${US_AREA_CODES[v % 15]}555${digits(Math.floor(v / 15), 4)}`;
    }
    case 'gb':
      // 07400 (a mobile block libphonenumber accepts in full); Ofcom's 07700 900xxx drama range is flagged invalid by it
      return `7400${digits(permute(index, 1_000_000, 4_242), 6)}`;
    case 'au':
      // 041x: an allocated mobile range (not every 04xx block is)
      return `41${digits(permute(index, 10_000_000, 2_468_013), 7)}`;
    case 'sg':
      return `8${digits(permute(index, 10_000_000, 1_234_567), 7)}`;
    case 'hk':
      return `9${digits(permute(index, 10_000_000, 7_654_321), 7)}`;
    case 'my':
      return `12${digits(permute(index, 10_000_000, 3_141_592), 7)}`;
  }
}

function pickCity(rng: Rng, cities: readonly City[]): City {
  return cities[
    pickWeighted(
      rng,
      cities.map((c) => c.weight),
    )
  ] as City;
}

/**
 * Record channels, primary first. The primary channel follows the persona's weights; the rng draws
 * are the same in number whatever the weights (one for the primary, one for the order of the
 * others), so the people stream — and with it every signup time — does not depend on personas.
 */
function drawChannels(rng: Rng, locale: Locale, records: number, persona: PersonaKey): RecordChannel[] {
  const all: RecordChannel[] = ['online', 'store', 'miniprogram'];
  const weights = personaSpec(persona).channelWeights[locale];
  const primary = all[pickWeighted(rng, weights)] as RecordChannel;
  const rest = all.filter((c) => c !== primary);
  if (records === 1) return [primary];
  if (records === 3) return [primary, ...(rng.next() < 0.5 ? rest : rest.reverse())];
  // en people rarely use the mini-program: prefer the other channel
  if (locale === 'en' && rest.includes('miniprogram'))
    return [primary, rest.find((c) => c !== 'miniprogram') as RecordChannel];
  const duplicate = personaSpec(persona).duplicateChannelWeights;
  const restWeights = rest.map((c) => duplicate[all.indexOf(c)] as number);
  const second = restWeights.some((w) => w > 0) ? rest[pickWeighted(rng, restWeights)] : pick(rng, rest);
  return [primary, second as RecordChannel];
}

export interface PeopleResult {
  readonly people: readonly Person[];
}

/**
 * Draws people until their records add up to exactly `records` customer records. Signups follow
 * the demand clock (inhomogeneous in calendar time, ∝ the daily multiplier m(d)). Personas come
 * from their own stream `personaRng` (one draw per person), so everything drawn from `rng` (signup,
 * names, favourite categories …) is the same whatever the persona.
 */
export function generatePeople(
  rng: Rng,
  records: number,
  window: DemoWindow,
  clock: DemandClock,
  personaRng: Rng,
): PeopleResult {
  const people: Person[] = [];
  const usedEmails = new Set<string>();
  let total = 0;
  while (total < records) {
    const index = people.length;
    const u = rng.next();
    let count =
      u < DUPLICATE_SHARE.threeRecords
        ? 3
        : u < DUPLICATE_SHARE.threeRecords + DUPLICATE_SHARE.twoRecords
          ? 2
          : 1;
    count = Math.min(count, records - total);
    total += count;
    const locale: Locale = rng.next() < ZH_SHARE ? 'zh' : 'en';
    const g = rng.next();
    const gender: Gender = g < 0.55 ? 'female' : g < 0.98 ? 'male' : g < 0.99 ? 'other' : 'unknown';
    const female = gender === 'female' || (gender !== 'male' && rng.next() < 0.5);
    let family: string;
    let given: string;
    let nickname: string | null = null;
    let email: string;
    const city = pickCity(rng, locale === 'zh' ? ZH_CITIES : EN_CITIES);
    if (locale === 'zh') {
      family = ZH_FAMILY_NAMES[pickWeighted(rng, ZH_FAMILY_WEIGHTS)] as string;
      const bank = female ? ZH_GIVEN_FEMALE : ZH_GIVEN_MALE;
      given = rng.next() < 0.3 ? pick(rng, bank) : pick(rng, bank) + pick(rng, bank);
      const handle =
        rng.next() < 0.7
          ? String(100_000_000 + permute(index, 900_000_000, 271_828_182))
          : `${pick(rng, HANDLE_WORDS)}${1000 + Math.floor(rng.next() * 9000)}`;
      email = `${handle}@${pick(rng, ZH_MAIL_DOMAINS)}`;
    } else {
      const first = pick<EnFirstName>(rng, female ? EN_FIRST_FEMALE : EN_FIRST_MALE);
      given = first.name;
      nickname = first.nickname;
      family = pick(rng, EN_LAST_NAMES);
      const last = family.toLowerCase().replace(/[^a-z]/g, '');
      const f = given.toLowerCase();
      const style = rng.next();
      const local =
        style < 0.55
          ? `${f}.${last}`
          : style < 0.75
            ? `${f[0]}${last}`
            : style < 0.9
              ? `${f}_${last}`
              : `${f}${last}`;
      email = `${local}@${pick(rng, EN_MAIL_DOMAINS)}`;
    }
    const baseEmail = email;
    for (let n = 2; usedEmails.has(email); n++) email = baseEmail.replace('@', `${n}@`);
    usedEmails.add(email);
    const age = Math.min(75, Math.max(18, Math.round(normal(rng, 34, 10))));
    const birthMs = window.startMs - age * 365.25 * DAY_MS - Math.floor(rng.next() * 365) * DAY_MS;
    const signupOperational = rng.next() * clock.totalOperational;
    const signupMinutes = Math.floor((clock.calendar(signupOperational) * DAY_MS) / 60_000);
    const signupMs = Math.min(window.startMs + signupMinutes * 60_000, window.endMs - 60_000);
    const first = Math.floor(rng.next() * CATEGORIES.length);
    let second = Math.floor(rng.next() * (CATEGORIES.length - 1));
    if (second >= first) second++;
    const persona = drawPersona(personaRng, locale);
    const [leanMin, leanMax] = personaSpec(persona).mobileLean;
    const mobileLean = leanMin + (leanMax - leanMin) * rng.next();
    people.push({
      index,
      id: `person_${digits(index + 1, 6)}`,
      locale,
      gender,
      family,
      given,
      nickname,
      birthDate: isoDay(birthMs),
      city,
      phoneDigits: phoneDigitsFor(city.phoneStyle, index, rng),
      email,
      persona,
      channels: drawChannels(rng, locale, count, persona),
      signupMs,
      favoriteCategories: [first, second],
      deviceWeights: [1 - mobileLean - 0.07, mobileLean, 0.07],
    });
  }
  return { people };
}

/** Full display name as the person would write it. */
export function canonicalName(person: Person): string {
  return person.locale === 'zh' ? person.family + person.given : `${person.given} ${person.family}`;
}
