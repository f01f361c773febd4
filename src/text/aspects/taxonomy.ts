import { InputError } from '../../core/errors.js';
import type { TextLocale } from '../types.js';

/**
 * Aspect taxonomy: which surface terms (Chinese and English) name which aspect of a product or
 * service. Terms may be multi-word ("customer service", 快递小哥) and may carry an opinion
 * themselves (便宜 → price, cheap and positive; broke → quality, negative). Matching is longest
 * first across all aspects, so a specific term (味道很大 → quality) beats a general one (味道 → taste).
 */

export interface AspectDefinition {
  readonly key: string;
  readonly label: { readonly en: string; readonly zh: string };
  readonly terms: { readonly en: readonly string[]; readonly zh: readonly string[] };
}

export interface AspectTaxonomy {
  readonly aspects: readonly AspectDefinition[];
}

const list = (text: string): string[] =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);

const aspect = (key: string, en: string, zh: string, enTerms: string, zhTerms: string): AspectDefinition => ({
  key,
  label: { en, zh },
  terms: { en: list(enTerms), zh: list(zhTerms.replace(/\s+/g, ',')) },
});

/** The default taxonomy: the five demo aspects plus common product- and hotel-specific ones. */
// biome-ignore format: term lists
export const DEFAULT_ASPECT_TAXONOMY: AspectTaxonomy = {
  aspects: [
    aspect('price', 'Price', '价格',
      'price, prices, priced, pricing, pricey, cost, costs, value, value for money, bargain, cheap, cheaper, expensive, overpriced, affordable, coupon, coupons, discount, deal, sale price, worth the price, worth every penny, money, price dropped',
      '价格 价位 价钱 售价 定价 原价 房价 性价比 便宜 贵 实惠 划算 超值 优惠 优惠券 降价 涨价 差价 活动价 特价 打折 折扣 物超所值 物美价廉 不值 亏 省钱'),
    aspect('quality', 'Quality', '质量',
      'quality, build quality, well made, cheaply made, poorly made, material, materials, fabric, stitching, threads, loose threads, craftsmanship, durable, durability, sturdy, broke, broken, defective, pilled, pilling, attention to detail, detail, details, looks new, colour is off, color is off, chemical smell, smell',
      '质量 品质 做工 材质 用料 面料 手感 质感 细节 耐用 结实 粗糙 起球 线头 色差 开线 掉色 褪色 瑕疵 次品 假货 正品 坏 坏了 损坏 味道很大 异味 刺鼻 像新的 依然像新的'),
    aspect('service', 'Service', '服务',
      'service, customer service, support, staff, store staff, seller, shop, return, returns, refund, exchange, reply, replied, answered, phone, agent, representative, after-sales, after-sales process, after sales, employee, waiter, waitress, manager, front desk, reception, help',
      '服务 客服 售后 态度 服务态度 店员 店家 卖家 商家 掌柜 前台 服务员 工作人员 导购 经理 退换货 退货 退款 换货 回复 回消息 电话 投诉 售后服务'),
    aspect('logistics', 'Logistics', '物流',
      'delivery, delivered, deliver, shipping, shipped, ship, shipment, courier, parcel, arrived, arrival, tracking, dispatch, dispatched, postage, express shipping, free express shipping, to ship',
      '物流 快递 快递员 快递小哥 发货 到货 送货 配送 运输 派送 签收 送达 收货 物流信息 顺丰 包邮 邮寄 快递公司'),
    aspect('packaging', 'Packaging', '包装',
      'packaging, package, packed, well packed, box, gift box, mailer, mailer bag, wrapping, wrapped, contents, spilled, gift',
      '包装 外包装 包装盒 盒子 礼盒 箱子 纸箱 快递袋 袋子 破损 压坏 洒出来 送人'),
    aspect('size', 'Size / fit', '尺码',
      'size, sizes, sizing, fit, fits, true to size, too small, too big, runs small, runs large',
      '尺码 尺寸 码数 大小 码 偏大 偏小 合身 显瘦'),
    aspect('battery', 'Battery', '电池',
      'battery, battery life, charge, charging, charger',
      '电池 续航 电量 充电 待机 耗电 充电器'),
    aspect('taste', 'Taste', '口味',
      'taste, tastes, tasty, flavor, flavour, delicious, bland',
      '口味 味道 口感 好吃 难吃 好喝 难喝 入味'),
    aspect('comfort', 'Comfort', '舒适度',
      'comfort, comfortable, uncomfortable, comfy',
      '舒适度 舒适 舒服 不舒服 穿着 脚感'),
    aspect('appearance', 'Appearance', '外观',
      'appearance, looks, design, style, colour, color, colours, colors',
      '外观 颜值 颜色 款式 设计 样子 造型 好看 漂亮 难看'),
    aspect('performance', 'Performance', '性能',
      'performance, lag, laggy, freezes, screen, sound, sound quality',
      '性能 运行 卡顿 死机 散热 发热 屏幕 音质 系统'),
    aspect('room', 'Room', '房间',
      'room, rooms, bed, beds, bathroom, shower, air conditioning, aircon, housekeeping',
      '房间 客房 床 床单 卫生间 浴室 设施 隔音 空调 卫生'),
    aspect('location', 'Location', '位置',
      'location, located, neighbourhood, neighborhood, transport',
      '位置 地段 地理位置 交通 地铁 周边 附近'),
  ],
};

/** A taxonomy compiled for matching: lower-cased, space-joined English terms and Chinese terms. */
export interface CompiledTaxonomy {
  readonly terms: Readonly<Record<TextLocale, ReadonlyMap<string, string>>>;
  /** Longest term in UTF-16 units per language. */
  readonly maxLength: Readonly<Record<TextLocale, number>>;
  /** Every prefix of every term: the multi-token search stops once it leaves this set. */
  readonly prefixes: Readonly<Record<TextLocale, ReadonlySet<string>>>;
  readonly keys: readonly string[];
}

const compiled = new WeakMap<AspectTaxonomy, CompiledTaxonomy>();

/** Validates and compiles a taxonomy (memoised per taxonomy object). Throws InputError when invalid. */
export function compileTaxonomy(taxonomy: AspectTaxonomy): CompiledTaxonomy {
  const cached = compiled.get(taxonomy);
  if (cached) return cached;
  if (taxonomy.aspects.length === 0)
    throw new InputError('empty_aspect_taxonomy', 'the aspect taxonomy has no aspects', {
      hint: 'use DEFAULT_ASPECT_TAXONOMY or list at least one aspect',
    });
  const terms = { zh: new Map<string, string>(), en: new Map<string, string>() };
  const maxLength = { zh: 1, en: 1 };
  const prefixes = { zh: new Set<string>(), en: new Set<string>() };
  const keys: string[] = [];
  for (const definition of taxonomy.aspects) {
    if (definition.key.trim().length === 0 || keys.includes(definition.key))
      throw new InputError('invalid_aspect_key', `aspect key "${definition.key}" is empty or repeated`);
    keys.push(definition.key);
    for (const locale of ['zh', 'en'] as const) {
      for (const raw of definition.terms[locale]) {
        const term = locale === 'en' ? raw.trim().toLowerCase().replace(/\s+/g, ' ') : raw.trim();
        if (term.length === 0 || terms[locale].has(term)) continue;
        terms[locale].set(term, definition.key);
        for (let length = 1; length <= term.length; length++) prefixes[locale].add(term.slice(0, length));
        maxLength[locale] = Math.max(maxLength[locale], term.length);
      }
    }
  }
  const result: CompiledTaxonomy = { terms, maxLength, prefixes, keys };
  compiled.set(taxonomy, result);
  return result;
}
