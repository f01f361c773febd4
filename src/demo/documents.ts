import { pick, pickWeighted, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow, dayIndex } from './calendar.js';
import type { CustomerRecord } from './customers.js';
import type { DemandClock } from './demand.js';
import {
  ASPECT_WEIGHTS,
  competitorName,
  compose,
  drawAspects,
  drawSentiment,
  handle,
  plannedSpikes,
  rating,
} from './document-text.js';
import type { OrderMeta } from './orders.js';
import { ASPECTS, type Aspect, NEWS_TEMPLATES, type Polarity, TICKET_TEMPLATES } from './phrases.js';
import { BRANDS, type Brand, type Catalogue, type CatalogueProduct } from './products.js';
import type { DemoRow, TruthEntry } from './types.js';

/**
 * Reviews, social posts, news and support tickets in Chinese and English, assembled from phrase
 * banks so each document's labels are known: overall sentiment, aspects with polarity, competitor
 * mentions. Ratings follow sentiment. Planted: brand share of voice (social + news), sentiment by
 * brand, and negative spikes (extra negative social posts about our brand on one aspect in a date
 * window, volume = multiplier × the baseline daily rate of negative mentions of that aspect).
 */

export const DOCUMENT_RATES = {
  reviewPerCompletedOrder: 0.08,
  reviewPerReturnedOrder: 0.25,
  socialPerRecord: 0.16,
  ticketPerOrder: 0.015,
  newsPerMonth: 3,
  competitorMentionInSocial: 0.25,
  competitorMentionInReview: 0.08,
} as const;
export const SENTIMENT_BY_BRAND = {
  ours: { positive: 0.62, neutral: 0.2, negative: 0.18 },
  competitor: { positive: 0.55, neutral: 0.22, negative: 0.23 },
  returnedOrder: { positive: 0.1, neutral: 0.2, negative: 0.7 },
} as const;
interface Draft {
  readonly source: 'review' | 'social' | 'news' | 'ticket';
  readonly lang: 'zh' | 'en';
  readonly text: string;
  readonly rating: number | null;
  readonly productId: string | null;
  readonly customerId: string | null;
  readonly brand: string;
  readonly author: string;
  readonly ms: number;
  readonly sentiment: Polarity;
  readonly aspects: readonly { aspect: Aspect; polarity: Polarity }[];
  readonly competitors: readonly string[];
  readonly spike: string | null;
}

export interface DocumentsResult {
  readonly rows: readonly DemoRow[];
  readonly truth: readonly TruthEntry[];
}

export function generateDocuments(
  rng: Rng,
  orders: readonly OrderMeta[],
  records: readonly CustomerRecord[],
  catalogue: Catalogue,
  window: DemoWindow,
  clock: DemandClock,
): DocumentsResult {
  const drafts: Draft[] = [];
  const productById = new Map(catalogue.products.map((p) => [p.id, p]));
  const ours = BRANDS.find((b) => b.ours) as Brand;
  const sentimentOf = (brand: Brand) =>
    brand.ours ? SENTIMENT_BY_BRAND.ours : SENTIMENT_BY_BRAND.competitor;
  const randomMs = (fromMs: number) => {
    const from = clock.operational((fromMs - window.startMs) / DAY_MS);
    const day = clock.calendar(from + rng.next() * (clock.totalOperational - from));
    return Math.min(window.endMs - 1000, Math.floor((window.startMs + day * DAY_MS) / 1000) * 1000);
  };
  for (const order of orders) {
    const lang = order.person.locale;
    const returned = order.status === 'returned';
    const reviewRate = returned
      ? DOCUMENT_RATES.reviewPerReturnedOrder
      : order.status === 'completed'
        ? DOCUMENT_RATES.reviewPerCompletedOrder
        : 0;
    if (rng.next() < reviewRate) {
      const ms = order.ms + Math.floor(((3 + rng.next() * 17) * DAY_MS) / 1000) * 1000;
      const product = productById.get(pick(rng, order.productIds)) as CatalogueProduct;
      if (ms < window.endMs) {
        const sentiment = drawSentiment(
          rng,
          returned ? SENTIMENT_BY_BRAND.returnedOrder : sentimentOf(product.brand),
        );
        const aspects = drawAspects(rng, sentiment);
        const competitor =
          rng.next() < DOCUMENT_RATES.competitorMentionInReview
            ? competitorName(rng, product.brand.name)
            : null;
        const text = compose(rng, lang, sentiment, aspects, '', competitor, false);
        drafts.push({
          source: 'review',
          lang,
          text,
          rating: rating(rng, sentiment),
          productId: product.id,
          customerId: order.record.id,
          brand: product.brand.name,
          author: handle(rng, order.record, lang),
          ms,
          sentiment,
          aspects,
          competitors: competitor ? [competitor.name] : [],
          spike: null,
        });
      }
    }
    if (rng.next() < DOCUMENT_RATES.ticketPerOrder) {
      const ms = order.ms + Math.floor(((1 + rng.next() * 9) * DAY_MS) / 1000) * 1000;
      const options = Object.entries(TICKET_TEMPLATES[lang]) as [Aspect, readonly string[]][];
      const [aspect, templates] = pick(rng, options);
      if (ms < window.endMs) {
        const sentiment: Polarity = rng.next() < 0.8 ? 'negative' : 'neutral';
        const text = pick(rng, templates).replace('{o}', order.id);
        drafts.push({
          source: 'ticket',
          lang,
          text,
          rating: null,
          productId: order.productIds[0] ?? null,
          customerId: order.record.id,
          brand: ours.name,
          author: handle(rng, order.record, lang),
          ms,
          sentiment,
          aspects: [{ aspect, polarity: sentiment }],
          competitors: [],
          spike: null,
        });
      }
    }
  }
  const socialCount = Math.round(records.length * DOCUMENT_RATES.socialPerRecord);
  const social = (
    ms: number,
    record: CustomerRecord | null,
    lang: 'zh' | 'en',
    brand: Brand,
    sentiment: Polarity,
    aspects: { aspect: Aspect; polarity: Polarity }[],
    spike: string | null,
  ) => {
    const products = catalogue.products.filter((p) => p.brand === brand);
    const product = products.length > 0 ? pick(rng, products) : null;
    const competitor =
      brand.ours && rng.next() < DOCUMENT_RATES.competitorMentionInSocial
        ? competitorName(rng, brand.name)
        : null;
    const brandText = lang === 'zh' && rng.next() < 0.7 ? brand.nameZh : brand.name;
    const lead =
      lang === 'zh'
        ? `入手了${brandText}的${product ? product.nameZh.replace(brand.nameZh, '') : '新品'}，`
        : `Got the ${brandText} ${product ? product.name.replace(`${brand.name} `, '') : 'new release'}. `;
    const text = compose(rng, lang, sentiment, aspects, lead, competitor, rng.next() < 0.5);
    drafts.push({
      source: 'social',
      lang,
      text,
      rating: null,
      productId: product?.id ?? null,
      customerId: record?.id ?? null,
      brand: brand.name,
      author: handle(rng, record, lang),
      ms,
      sentiment,
      aspects,
      competitors: competitor ? [competitor.name] : [],
      spike,
    });
  };
  for (let i = 0; i < socialCount; i++) {
    const record = rng.next() < 0.5 ? pick(rng, records) : null;
    const ms = randomMs(record ? record.signupMs : window.startMs);
    const lang = record ? record.person.locale : rng.next() < 0.6 ? 'zh' : 'en';
    const brand = BRANDS[
      pickWeighted(
        rng,
        BRANDS.map((b) => b.shareOfVoice),
      )
    ] as Brand;
    const sentiment = drawSentiment(rng, sentimentOf(brand));
    social(ms, record, lang, brand, sentiment, drawAspects(rng, sentiment), null);
  }
  const newsCount = Math.max(1, Math.round((window.days / 30.4) * DOCUMENT_RATES.newsPerMonth));
  for (let i = 0; i < newsCount; i++) {
    const lang = rng.next() < 0.5 ? 'zh' : 'en';
    const brand = BRANDS[
      pickWeighted(
        rng,
        BRANDS.map((b) => b.shareOfVoice),
      )
    ] as Brand;
    const city =
      lang === 'zh'
        ? pick(rng, ['上海', '北京', '深圳', '成都'])
        : pick(rng, ['London', 'New York', 'Singapore', 'Sydney']);
    const text = pick(rng, NEWS_TEMPLATES[lang])
      .replace('{b}', lang === 'zh' ? brand.nameZh : brand.name)
      .replace('{city}', city);
    const sentiment: Polarity = rng.next() < 0.7 ? 'neutral' : 'positive';
    drafts.push({
      source: 'news',
      lang,
      text,
      rating: null,
      productId: null,
      customerId: null,
      brand: brand.name,
      author: lang === 'zh' ? '零售观察' : 'Retail Wire',
      ms: randomMs(window.startMs),
      sentiment,
      aspects: [],
      competitors: [],
      spike: null,
    });
  }
  // negative spikes on top of the baseline
  const truth: TruthEntry[] = [];
  for (const spike of plannedSpikes(window)) {
    const baseline = drafts.filter(
      (d) =>
        (d.source === 'review' || d.source === 'social') &&
        d.aspects.some((a) => a.aspect === spike.aspect && a.polarity === 'negative'),
    ).length;
    const baselineDaily = baseline / window.days;
    const first = dayIndex(window, spike.firstDay);
    const days = dayIndex(window, spike.lastDay) - first + 1;
    const extra = Math.max(3, Math.round((spike.multiplier - 1) * baselineDaily * days));
    for (let k = 0; k < extra; k++) {
      const record = rng.next() < 0.6 ? pick(rng, records) : null;
      const lang = record ? record.person.locale : rng.next() < 0.7 ? 'zh' : 'en';
      const ms = Math.floor((window.startMs + (first + rng.next() * days) * DAY_MS) / 1000) * 1000;
      social(
        ms,
        record && record.signupMs <= ms ? record : null,
        lang,
        ours,
        'negative',
        drawAspects(rng, 'negative', spike.aspect),
        spike.id,
      );
    }
    truth.push({
      kind: 'sentiment_spike',
      key: spike.id,
      value: {
        ...spike,
        brand: ours.name,
        baselineDailyNegativeMentions: baselineDaily,
        extraDocuments: extra,
        sources: ['social'],
      },
    });
  }
  drafts.sort((x, y) => x.ms - y.ms);
  const rows: DemoRow[] = [];
  const sov: Record<string, number> = Object.fromEntries(BRANDS.map((b) => [b.name, 0]));
  drafts.forEach((d, i) => {
    const id = `doc_${String(i + 1).padStart(6, '0')}`;
    const url =
      d.source === 'review'
        ? `https://shop.example.cn/reviews/${id}`
        : d.source === 'social'
          ? `https://social.example.com/p/${100000 + i * 7}`
          : d.source === 'news'
            ? `https://news.example.com/retail/${id}`
            : null;
    rows.push({
      id,
      source: d.source,
      lang: d.lang,
      text: d.text,
      rating: d.rating,
      product_id: d.productId,
      customer_id: d.customerId,
      brand: d.brand,
      author: d.author,
      url,
      ts: new Date(d.ms),
    });
    if ((d.source === 'social' || d.source === 'news') && d.spike === null)
      sov[d.brand] = (sov[d.brand] ?? 0) + 1;
    truth.push({
      kind: 'document_label',
      key: id,
      value: {
        sentiment: d.sentiment,
        aspects: d.aspects,
        competitors: d.competitors,
        brand: d.brand,
        spike: d.spike,
        rating: d.rating,
      },
    });
  });
  truth.push({
    kind: 'share_of_voice',
    key: 'brands',
    value: {
      planted: Object.fromEntries(BRANDS.map((b) => [b.name, b.shareOfVoice])),
      realizedSocialAndNewsCounts: sov,
      note: 'brand = the brand a social post or news item is about; spike posts excluded from the counts',
    },
  });
  truth.push({
    kind: 'sentiment_by_brand',
    key: 'rates',
    value: {
      ...SENTIMENT_BY_BRAND,
      aspectWeights: Object.fromEntries(ASPECTS.map((a, i) => [a, ASPECT_WEIGHTS[i]])),
      rates: DOCUMENT_RATES,
    },
  });
  return { rows, truth };
}
