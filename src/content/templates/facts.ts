import { pick, type Rng, shuffle } from '../../core/random.js';
import type { ContentLocale } from '../channels.js';
import type { BrandVoice, ContentRequest } from '../types.js';
import { attributeBenefit, festivalFacts, occasionEmoji } from './lexicon.js';

/**
 * Turns a content request into the facts a grammar can refer to, phrased for the locale: price
 * formatted with `Intl.NumberFormat`, the discount as "15% off" / "85折", the expiry date as
 * "Jan 5" / "1月5日", attributes as benefit clauses. Facts that are unknown stay undefined so
 * the grammar skips the alternatives that need them. Per-candidate choices (which benefit comes
 * first, which emoji, which brand word) are drawn from `rng`.
 */

/** Every fact name the builder may set (grammars may refer to no others; checked in tests). */
export const factNames = [
  'brand',
  'product',
  'category',
  'maker',
  'price',
  'benefit',
  'benefit2',
  'benefits',
  'spec_list',
  'persona',
  'interest',
  'offer',
  'discount',
  'coupon',
  'expires',
  'festival',
  'festival_wish',
  'name',
  'emoji',
  'emoji2',
  'vocab',
  'vocab2',
  'hashtag',
] as const;

export type FactName = (typeof factNames)[number];

export interface FactOptions {
  /** Whether emoji may appear at all (emoji policy, and never in GSM-7 English SMS). */
  readonly allowEmoji: boolean;
}

/** "$129" / "$129.50" / "¥129"; undefined without a currency (a bare number would mislead). */
export function formatPrice(
  price: number | undefined,
  currency: string | undefined,
  locale: ContentLocale,
): string | undefined {
  if (price === undefined || !Number.isFinite(price) || price < 0 || !currency) return undefined;
  const options: Intl.NumberFormatOptions = { style: 'currency', currency: currency.toUpperCase() };
  if (Number.isInteger(price)) options.minimumFractionDigits = 0;
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', options).format(price);
}

/**
 * A percentage discount in the locale's idiom: "15% off"; in Chinese the 折 price ratio
 * (15% off = 85折, 20% off = 8折), or 立减N% when the ratio would read oddly (below 1折).
 */
export function formatDiscount(percent: number | undefined, locale: ContentLocale): string | undefined {
  if (percent === undefined || !Number.isFinite(percent) || percent <= 0 || percent >= 100) return undefined;
  const rounded = Math.round(percent * 10) / 10;
  if (locale === 'en') return `${rounded}% off`;
  const remaining = Math.round((100 - rounded) * 10) / 10;
  if (Number.isInteger(remaining) && remaining % 10 === 0) return `${remaining / 10}折`;
  if (Number.isInteger(remaining) && remaining >= 10) return `${remaining}折`;
  return `立减${rounded}%`;
}

const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO date (YYYY-MM-DD, time part ignored) as "Jan 5" / "1月5日"; undefined if it is not one. */
export function formatDate(iso: string | undefined, locale: ContentLocale): string | undefined {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim()) : null;
  if (!match) return undefined;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return locale === 'en' ? `${monthsEn[month - 1]} ${day}` : `${month}月${day}日`;
}

/** "#EverydayComfort" / "#日常舒适#" (Weibo topics are wrapped in #…#). */
function hashtag(word: string, locale: ContentLocale): string {
  if (locale === 'zh') return `#${word.replace(/\s+/g, '')}#`;
  const camel = word
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
  return `#${camel}`;
}

/** First letter upper-cased (a no-op for Chinese). */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The facts for one candidate piece of `request` in `brand`'s voice. */
export function buildFacts(
  request: ContentRequest,
  brand: BrandVoice,
  rng: Rng,
  options: FactOptions,
): Record<FactName, string | undefined> {
  const locale = request.locale;
  const product = request.product;
  const attributes = Object.entries(product?.attributes ?? {}).filter(
    ([name, value]) => present(name) && present(value),
  );
  const benefits = shuffle(rng, attributes).map(([name, value]) => attributeBenefit(name, value, locale));
  const joiner = locale === 'en' ? ', ' : '，';
  const specSeparator = locale === 'en' ? ': ' : '：';
  const interests = (request.audience?.interests ?? []).filter((interest) => present(interest));
  const vocabulary = shuffle(
    rng,
    brand.vocabulary[locale].filter((word) => present(word)),
  );
  const emoji = options.allowEmoji ? shuffle(rng, occasionEmoji[request.occasion ?? 'default']) : [];
  const festival = request.festival ? festivalFacts(request.festival, locale) : undefined;
  const brandName = present(brand.name[locale]);
  const maker = present(product?.brand);
  return {
    brand: brandName,
    product: present(product?.name),
    category: present(product?.category),
    maker: maker && maker !== brandName ? maker : undefined,
    price: formatPrice(product?.price, product?.currency, locale),
    benefit: benefits[0],
    benefit2: benefits[1],
    benefits: benefits.length > 0 ? benefits.slice(0, 3).join(joiner) : undefined,
    spec_list:
      attributes.length > 0
        ? attributes
            .map(([name, value]) => `· ${capitalise(name.trim())}${specSeparator}${value.trim()}`)
            .join('\n')
        : undefined,
    persona: present(request.audience?.personaLabel),
    interest: interests.length > 0 ? pick(rng, interests).trim() : undefined,
    offer: formatDiscount(request.offer?.discountPercent, locale),
    discount:
      request.offer?.discountPercent !== undefined && formatDiscount(request.offer.discountPercent, locale)
        ? `${Math.round(request.offer.discountPercent * 10) / 10}%`
        : undefined,
    coupon: request.offer?.couponSlot ? '{{coupon_code}}' : undefined,
    expires: formatDate(request.offer?.expires, locale),
    festival: request.occasion === 'festival' ? festival?.name : undefined,
    festival_wish: request.occasion === 'festival' ? festival?.wish : undefined,
    name: '{{first_name}}',
    emoji: emoji[0],
    emoji2: emoji[1],
    vocab: vocabulary[0],
    vocab2: vocabulary[1],
    hashtag: vocabulary[0] ? hashtag(vocabulary[0], locale) : undefined,
  };
}
