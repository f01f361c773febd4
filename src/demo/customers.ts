import { pick, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow } from './calendar.js';
import { ZH_TYPO } from './names.js';
import { canonicalName, type Person, type RecordChannel } from './people.js';
import type { PurchaseHistory } from './purchases.js';
import type { DemoRow, TruthEntry } from './types.js';

/**
 * Customer records and their source-system identities. A person's first record is created at
 * signup in its primary channel; further records (planted duplicates) are created at one of its
 * later purchases in another channel (or at a random later time when it has none), re-keyed with
 * the variations real systems produce: nicknames (Bob/Robert, 小王), near-homophone typos,
 * swapped given/family order, email case/dots/tags, another phone format, missing fields.
 */

export interface CustomerRecord {
  /** Assigned after sorting by signup time. */
  id: string;
  readonly person: Person;
  readonly channel: RecordChannel;
  /** 0 = the person's primary record. */
  readonly ordinal: number;
  readonly signupMs: number;
  /** Index into the person's purchase times of the purchase that created this record, if any. */
  readonly createdAtPurchase: number | null;
  readonly variants: readonly string[];
  readonly name: string;
  /** Mutable so planted bad values (bad-data.ts) reach identities too. */
  email: string | null;
  phone: string | null;
  readonly row: DemoRow;
}

const SOURCE_SYSTEM: Record<RecordChannel, string> = {
  online: 'shop',
  store: 'pos',
  miniprogram: 'miniprogram',
};
const NICK_EMOJI = ['', '', '', '🌸', '✨', '🍀', '☀️'];

function formatPhone(person: Person, channel: RecordChannel, rng: Rng): string {
  const d = person.phoneDigits;
  switch (person.city.phoneStyle) {
    case 'cn':
      if (channel === 'store')
        return rng.next() < 0.6
          ? `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`
          : `+86-${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
      if (channel === 'miniprogram') return rng.next() < 0.5 ? `+86 ${d}` : d;
      return d;
    case 'us':
      if (channel === 'store') return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
      if (channel === 'miniprogram') return d;
      return `+1 ${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
    case 'gb':
      if (channel === 'store') return `0${d.slice(0, 4)} ${d.slice(4)}`;
      return channel === 'miniprogram' ? `+44${d}` : `+44 ${d.slice(0, 4)} ${d.slice(4)}`;
    case 'au':
      if (channel === 'store') return `0${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
      return channel === 'miniprogram' ? `+61${d}` : `+61 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
    case 'sg':
    case 'hk':
    case 'my': {
      const cc = { sg: '65', hk: '852', my: '60' }[person.city.phoneStyle];
      if (channel === 'store') return `${d.slice(0, -4)} ${d.slice(-4)}`;
      return channel === 'miniprogram' ? `+${cc}${d}` : `+${cc} ${d.slice(0, -4)} ${d.slice(-4)}`;
    }
  }
}

function typoEn(rng: Rng, word: string): string {
  const i = 1 + Math.floor(rng.next() * (word.length - 2));
  const kind = rng.next();
  if (kind < 0.4) return word.slice(0, i) + (word[i + 1] ?? '') + word[i] + word.slice(i + 2);
  if (kind < 0.7) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + word[i] + word.slice(i);
}

function typoZh(rng: Rng, given: string): string | null {
  const positions = [...given].map((c, i) => (ZH_TYPO[c] ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0) return null;
  const i = pick(rng, positions);
  const chars = [...given];
  chars[i] = ZH_TYPO[chars[i] as string] as string;
  return chars.join('');
}

/** Name of a duplicate record, with the variants applied. */
function variantName(rng: Rng, person: Person, channel: RecordChannel, variants: string[]): string {
  if (person.locale === 'zh') {
    const lastGiven = [...person.given].at(-1) as string;
    const u = rng.next();
    if (channel === 'miniprogram' && u < 0.5) {
      variants.push('nickname');
      const nick =
        rng.next() < 0.5
          ? `小${person.family}`
          : rng.next() < 0.5
            ? `阿${lastGiven}`
            : `${lastGiven}${lastGiven}`;
      return nick + pick(rng, NICK_EMOJI);
    }
    if (u < 0.4) {
      const typo = typoZh(rng, person.given);
      if (typo) {
        variants.push('name_typo');
        return person.family + typo;
      }
    }
    if (u < 0.55 && channel !== 'miniprogram') {
      variants.push('nickname');
      return rng.next() < 0.5 ? `小${person.family}` : `老${person.family}`;
    }
    if (u < 0.65) {
      variants.push('title_only');
      return person.family + (person.gender === 'female' ? '女士' : '先生');
    }
    return canonicalName(person);
  }
  const u = rng.next();
  let given = person.given;
  let family = person.family;
  if (u < 0.35 && person.nickname) {
    variants.push('nickname');
    given = person.nickname;
  } else if (u < 0.6) {
    variants.push('name_typo');
    if (rng.next() < 0.5) given = typoEn(rng, given);
    else family = typoEn(rng, family);
  }
  const v = rng.next();
  if (v < 0.25) {
    variants.push('swapped_order');
    return rng.next() < 0.5 ? `${family.toUpperCase()}, ${given}` : `${family} ${given}`;
  }
  if (v < 0.35) {
    variants.push('initial');
    return `${given[0]}. ${family}`;
  }
  if (v < 0.45) {
    variants.push('lower_case');
    return `${given} ${family}`.toLowerCase();
  }
  return `${given} ${family}`;
}

function variantEmail(rng: Rng, email: string, variants: string[]): string {
  const [local, domain] = email.split('@') as [string, string];
  const u = rng.next();
  if (u < 0.3) {
    variants.push('email_case');
    return `${local.replace(/(^|[._])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase())}@${domain.replace(/^./, (c) => c.toUpperCase())}`;
  }
  if (u < 0.5 && /[a-z]/.test(local)) {
    variants.push('email_dots');
    return `${local.includes('.') ? local.replaceAll('.', '') : `${local.slice(0, 3)}.${local.slice(3)}`}@${domain}`;
  }
  if (u < 0.65) {
    variants.push('email_tag');
    return `${local}+shop@${domain}`;
  }
  return email;
}

const EMAIL_SHARE: Record<RecordChannel, [number, number]> = {
  online: [0.95, 0.99],
  store: [0.25, 0.6],
  miniprogram: [0.1, 0.3],
};
const PHONE_SHARE: Record<RecordChannel, number> = { online: 0.8, store: 0.98, miniprogram: 0.85 };
const LEVELS = ['bronze', 'silver', 'gold', 'platinum'];

export function buildRecords(
  rng: Rng,
  people: readonly Person[],
  histories: readonly PurchaseHistory[],
  window: DemoWindow,
): CustomerRecord[] {
  const records: CustomerRecord[] = [];
  let vipCounter = 0;
  for (const person of people) {
    const history = histories[person.index] as PurchaseHistory;
    person.channels.forEach((channel, ordinal) => {
      const variants: string[] = [];
      let signupMs = person.signupMs;
      let createdAtPurchase: number | null = ordinal === 0 ? 0 : null;
      if (ordinal > 0) {
        if (history.times.length > 1) {
          createdAtPurchase = 1 + Math.floor(rng.next() * (history.times.length - 1));
          signupMs = history.times[createdAtPurchase] as number;
        } else {
          signupMs =
            Math.floor((person.signupMs + rng.next() * (window.endMs - person.signupMs)) / 60_000) * 60_000;
        }
      }
      if (channel === 'store') signupMs = Math.floor(signupMs / 60_000) * 60_000;
      const name = ordinal === 0 ? canonicalName(person) : variantName(rng, person, channel, variants);
      const localeIndex = person.locale === 'zh' ? 0 : 1;
      let email: string | null = rng.next() < EMAIL_SHARE[channel][localeIndex] ? person.email : null;
      if (email && ordinal > 0) email = variantEmail(rng, email, variants);
      if (!email && ordinal > 0) variants.push('email_missing');
      const phone = rng.next() < PHONE_SHARE[channel] ? formatPhone(person, channel, rng) : null;
      if (ordinal > 0 && !phone) variants.push('phone_missing');
      let birthDate: string | null = person.birthDate;
      let gender: string = person.gender;
      if (ordinal > 0) {
        const b = rng.next();
        const day = Number(birthDate.slice(8));
        if (b < 0.3) {
          variants.push('birth_date_missing');
          birthDate = null;
        } else if (b < 0.4 && day <= 12 && day !== Number(birthDate.slice(5, 7))) {
          variants.push('birth_day_month_swapped');
          birthDate = `${birthDate.slice(0, 5)}${birthDate.slice(8)}-${birthDate.slice(5, 7)}`;
        }
        if (rng.next() < 0.2) {
          variants.push('gender_unknown');
          gender = 'unknown';
        }
      }
      const storeId = `store_${person.city.code}_0${1 + Math.floor(rng.next() * 3)}`;
      const attributes =
        channel === 'online'
          ? { member_level: pick(rng, LEVELS), newsletter: rng.next() < 0.5 }
          : channel === 'store'
            ? { home_store: storeId, vip_card: `VIP${String(10_000_000 + ++vipCounter * 7)}` }
            : { wechat_nickname: name, unionid_bound: rng.next() < 0.7 };
      records.push({
        id: '',
        person,
        channel,
        ordinal,
        signupMs,
        createdAtPurchase,
        variants,
        name,
        email,
        phone,
        row: {
          id: '',
          name,
          email,
          phone,
          gender,
          birth_date: birthDate,
          city: person.city.city,
          region: person.city.region,
          country: person.city.country,
          locale: person.locale,
          acquisition_channel: channel,
          signup_at: new Date(signupMs),
          attributes,
        },
      });
    });
  }
  records.sort((x, y) => x.signupMs - y.signupMs || x.person.index - y.person.index || x.ordinal - y.ordinal);
  records.forEach((record, i) => {
    record.id = `cus_${String(i + 1).padStart(6, '0')}`;
    record.row.id = record.id;
  });
  return records;
}

/** identities rows: an account / loyalty card / openid per record, plus its email and phone. */
export function buildIdentities(rng: Rng, records: readonly CustomerRecord[]): DemoRow[] {
  const rows: DemoRow[] = [];
  const add = (record: CustomerRecord, sourceId: string, idType: string) =>
    rows.push({
      id: `idn_${String(rows.length + 1).padStart(7, '0')}`,
      customer_id: record.id,
      source_system: SOURCE_SYSTEM[record.channel],
      source_id: sourceId,
      id_type: idType,
      first_seen_at: new Date(record.signupMs),
    });
  records.forEach((record, i) => {
    if (record.channel === 'online') add(record, `U${String(1_000_000 + i * 13)}`, 'account');
    else if (record.channel === 'store')
      add(record, (record.row.attributes as { vip_card: string }).vip_card, 'loyalty_card');
    else {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      let openid = 'o';
      for (let k = 0; k < 27; k++) openid += alphabet[Math.floor(rng.next() * 64)];
      add(record, openid, 'openid');
    }
    if (record.email) add(record, record.email, 'email');
    if (record.phone && record.channel !== 'online') add(record, record.phone, 'phone');
  });
  return rows;
}

/** Ground truth 'duplicate_identity': every customer id → its person. */
export function duplicateTruth(records: readonly CustomerRecord[]): TruthEntry[] {
  const ids = new Map<string, string[]>();
  for (const r of records) ids.set(r.person.id, [...(ids.get(r.person.id) ?? []), r.id]);
  return records.map((r) => ({
    kind: 'duplicate_identity',
    key: r.id,
    value: {
      personId: r.person.id,
      customerIds: ids.get(r.person.id),
      primary: r.ordinal === 0,
      channel: r.channel,
      variants: r.variants,
      daysAfterPersonSignup: Math.floor((r.signupMs - r.person.signupMs) / DAY_MS),
    },
  }));
}
