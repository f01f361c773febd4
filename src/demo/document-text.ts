import { pick, pickWeighted, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow, dayIndex, isoDay } from './calendar.js';
import type { CustomerRecord } from './customers.js';
import {
  ASPECT_PHRASES_EN,
  ASPECT_PHRASES_ZH,
  ASPECTS,
  type Aspect,
  COMPETITOR_TEMPLATES,
  HASHTAGS,
  OPENERS,
  type Polarity,
} from './phrases.js';
import { BRANDS, type Brand } from './products.js';

/**
 * Text assembly for the demo documents: overall sentiment, aspects with polarity, ratings that
 * follow sentiment, competitor mentions, author handles; and the planned negative spikes.
 */

export const ASPECT_WEIGHTS = [0.25, 0.3, 0.15, 0.2, 0.1];

export interface SpikeSpec {
  readonly id: string;
  readonly aspect: Aspect;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly multiplier: number;
}

/** Three spikes: logistics after the first 双十一 in the window, quality and service later on. */
export function plannedSpikes(window: DemoWindow): SpikeSpec[] {
  const day = (d: number) => isoDay(window.startMs + Math.min(window.days - 1, Math.max(0, d)) * DAY_MS);
  const startYear = new Date(window.startMs).getUTCFullYear();
  let logistics = [startYear, startYear + 1, startYear + 2]
    .map((y) => dayIndex(window, `${y}-11-12`))
    .find((d) => d >= 0 && d + 13 < window.days);
  logistics ??= Math.floor(window.days * 0.3);
  const q = Math.floor(window.days * 0.55);
  const s = Math.floor(window.days * 0.8);
  return [
    {
      id: 'spike_logistics',
      aspect: 'logistics',
      firstDay: day(logistics),
      lastDay: day(logistics + 13),
      multiplier: 4,
    },
    { id: 'spike_quality', aspect: 'quality', firstDay: day(q), lastDay: day(q + 9), multiplier: 3 },
    { id: 'spike_service', aspect: 'service', firstDay: day(s), lastDay: day(s + 6), multiplier: 5 },
  ];
}

export function drawSentiment(rng: Rng, dist: Readonly<Record<Polarity, number>>): Polarity {
  const u = rng.next();
  return u < dist.positive ? 'positive' : u < dist.positive + dist.neutral ? 'neutral' : 'negative';
}

export function drawAspects(
  rng: Rng,
  sentiment: Polarity,
  forced?: Aspect,
): { aspect: Aspect; polarity: Polarity }[] {
  const count = sentiment === 'neutral' ? 1 + Math.floor(rng.next() * 2) : 1 + Math.floor(rng.next() * 3);
  const chosen = new Set<Aspect>(forced ? [forced] : []);
  while (chosen.size < count) chosen.add(ASPECTS[pickWeighted(rng, ASPECT_WEIGHTS)] as Aspect);
  const list = [...chosen];
  if (sentiment === 'neutral') {
    if (list.length === 2 && rng.next() < 0.5)
      return [
        { aspect: list[0] as Aspect, polarity: 'positive' },
        { aspect: list[1] as Aspect, polarity: 'negative' },
      ];
    return list.map((aspect) => ({ aspect, polarity: 'neutral' as Polarity }));
  }
  return list.map((aspect) => ({
    aspect,
    polarity: aspect === forced || rng.next() < 0.85 ? sentiment : 'neutral',
  }));
}

export function rating(rng: Rng, sentiment: Polarity): number {
  const u = rng.next();
  if (sentiment === 'positive') return u < 0.7 ? 5 : 4;
  if (sentiment === 'neutral') return u < 0.6 ? 3 : u < 0.8 ? 4 : 2;
  return u < 0.6 ? 1 : 2;
}

export function competitorName(rng: Rng, exclude: string): Brand {
  const others = BRANDS.filter((b) => !b.ours && b.name !== exclude);
  return others[
    pickWeighted(
      rng,
      others.map((b) => b.shareOfVoice),
    )
  ] as Brand;
}

export function compose(
  rng: Rng,
  lang: 'zh' | 'en',
  sentiment: Polarity,
  aspects: readonly { aspect: Aspect; polarity: Polarity }[],
  lead: string,
  competitor: Brand | null,
  hashtags: boolean,
): string {
  const bank = lang === 'zh' ? ASPECT_PHRASES_ZH : ASPECT_PHRASES_EN;
  const phrases = aspects.map(({ aspect, polarity }) => pick(rng, bank[aspect][polarity]));
  const opener = pick(rng, OPENERS[lang][sentiment]);
  const parts: string[] = [];
  if (lang === 'zh') {
    parts.push(lead + opener, `${phrases.join('，')}。`);
    if (competitor)
      parts.push(
        `${pick(rng, COMPETITOR_TEMPLATES.zh).replace('{b}', rng.next() < 0.3 ? competitor.name : competitor.nameZh)}。`,
      );
    if (hashtags) parts.push(pick(rng, HASHTAGS.zh));
    return parts.join('');
  }
  const body =
    phrases.length > 1 ? `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}` : (phrases[0] as string);
  parts.push(`${lead}${opener}`, `${body.charAt(0).toUpperCase()}${body.slice(1)}.`);
  if (competitor) {
    const c = pick(rng, COMPETITOR_TEMPLATES.en).replace('{b}', competitor.name);
    parts.push(`${c.charAt(0).toUpperCase()}${c.slice(1)}.`);
  }
  if (hashtags) parts.push(pick(rng, HASHTAGS.en));
  return parts.join(' ');
}

export function handle(rng: Rng, record: CustomerRecord | null, lang: 'zh' | 'en'): string {
  const n = 10 + Math.floor(rng.next() * 990);
  if (!record)
    return lang === 'zh'
      ? `${pick(rng, ['路人', '小仙女', '吃货', '打工人', '剁手党'])}${n}`
      : `${pick(rng, ['shopper', 'daily', 'the_real', 'just'])}_${pick(rng, ['fox', 'bean', 'kai', 'lou', 'mia'])}${n}`;
  const p = record.person;
  return p.locale === 'zh'
    ? `${p.family}${pick(rng, ['同学', '小姐姐', '先生', '爱购物'])}${n}`
    : `${p.given.toLowerCase()}_${p.family.charAt(0).toLowerCase()}${n}`;
}
