import { deriveRng, normal, pick, shuffle } from '../core/random.js';
import { DAY_MS, type DemoWindow, isoDay } from './calendar.js';
import type { DemoRow } from './types.js';

/**
 * Product catalogue: ~200 products in 8 categories, Chinese and English names, our brand
 * (Larkspur 云雀) and five competitor brands, list prices in CNY by category (log-normal around a
 * category median), Zipf-like popularity within each category.
 */

export interface Brand {
  readonly key: string;
  readonly name: string;
  readonly nameZh: string;
  readonly ours: boolean;
  /** Planted share of voice in social posts and news. */
  readonly shareOfVoice: number;
}

// biome-ignore format: data table
export const BRANDS: readonly Brand[] = [
  { key: 'larkspur', name: 'Larkspur', nameZh: '云雀', ours: true, shareOfVoice: 0.4 },
  { key: 'fernhill', name: 'Fernhill', nameZh: '蕨山', ours: false, shareOfVoice: 0.22 },
  { key: 'bluecrest', name: 'Bluecrest', nameZh: '蓝岭', ours: false, shareOfVoice: 0.16 },
  { key: 'nordvik', name: 'Nordvik', nameZh: '诺维克', ours: false, shareOfVoice: 0.12 },
  { key: 'sunmei', name: 'Sunmei', nameZh: '尚美', ours: false, shareOfVoice: 0.06 },
  { key: 'oakridge', name: 'Oakridge', nameZh: '橡岭', ours: false, shareOfVoice: 0.04 },
];
export const OUR_BRAND = BRANDS[0] as Brand;

export interface Category {
  readonly key: string;
  readonly name: string;
  readonly nameZh: string;
  /** Median list price in CNY. */
  readonly medianPrice: number;
  readonly nouns: readonly (readonly [string, string])[];
}

// biome-ignore format: data table
export const CATEGORIES: readonly Category[] = [
  { key: 'apparel', name: 'Apparel', nameZh: '服装', medianPrice: 199, nouns: [['T-shirt', 'T恤'], ['Hoodie', '连帽卫衣'], ['Down Jacket', '羽绒服'], ['Jeans', '牛仔裤'], ['Dress', '连衣裙'], ['Shirt', '衬衫'], ['Wool Coat', '羊毛大衣'], ['Sweater', '毛衣']] },
  { key: 'shoes', name: 'Shoes', nameZh: '鞋履', medianPrice: 399, nouns: [['Running Shoes', '跑鞋'], ['Sneakers', '休闲鞋'], ['Leather Boots', '皮靴'], ['Sandals', '凉鞋'], ['Loafers', '乐福鞋'], ['Hiking Shoes', '徒步鞋']] },
  { key: 'bags', name: 'Bags & Accessories', nameZh: '箱包配饰', medianPrice: 299, nouns: [['Backpack', '双肩包'], ['Tote Bag', '托特包'], ['Wallet', '钱包'], ['Suitcase', '行李箱'], ['Crossbody Bag', '斜挎包'], ['Belt', '皮带'], ['Scarf', '围巾']] },
  { key: 'beauty', name: 'Beauty & Skincare', nameZh: '美妆护肤', medianPrice: 159, nouns: [['Face Cream', '面霜'], ['Serum', '精华液'], ['Sunscreen', '防晒霜'], ['Cleanser', '洁面乳'], ['Lipstick', '口红'], ['Sheet Mask', '面膜'], ['Toner', '爽肤水']] },
  { key: 'home', name: 'Home', nameZh: '家居', medianPrice: 129, nouns: [['Bedding Set', '床品四件套'], ['Pillow', '枕头'], ['Mug', '马克杯'], ['Towel Set', '毛巾套装'], ['Scented Candle', '香薰蜡烛'], ['Storage Box', '收纳盒'], ['Throw Blanket', '盖毯']] },
  { key: 'electronics', name: 'Electronics', nameZh: '数码', medianPrice: 699, nouns: [['Wireless Earbuds', '无线耳机'], ['Power Bank', '充电宝'], ['Smart Watch', '智能手表'], ['Bluetooth Speaker', '蓝牙音箱'], ['Phone Case', '手机壳'], ['Desk Lamp', '台灯']] },
  { key: 'sports', name: 'Sports & Outdoor', nameZh: '运动户外', medianPrice: 259, nouns: [['Yoga Mat', '瑜伽垫'], ['Water Bottle', '运动水壶'], ['Tent', '帐篷'], ['Sports Bra', '运动内衣'], ['Running Shorts', '跑步短裤'], ['Trekking Poles', '登山杖'], ['Skipping Rope', '跳绳']] },
  { key: 'food', name: 'Food & Drink', nameZh: '食品饮料', medianPrice: 59, nouns: [['Green Tea', '绿茶'], ['Coffee Beans', '咖啡豆'], ['Mixed Nuts', '每日坚果'], ['Mooncake Gift Box', '月饼礼盒'], ['Dark Chocolate', '黑巧克力'], ['Oolong Tea', '乌龙茶'], ['Honey', '蜂蜜']] },
];

// biome-ignore format: data table
const ADJECTIVES: readonly (readonly [string, string])[] = [
  ['Classic', '经典'], ['Lightweight', '轻盈'], ['Premium', '臻选'], ['Everyday', '日常'], ['Urban', '都市'],
  ['Eco', '环保'], ['Pro', '专业'], ['Soft', '柔软'], ['Travel', '旅行'], ['Limited', '限定'],
];
// biome-ignore format: data table
const VARIANTS: readonly (readonly [string, string])[] = [
  ['Black', '黑色'], ['White', '白色'], ['Navy', '藏青'], ['Grey', '灰色'], ['Beige', '米色'], ['Green', '绿色'],
  ['Red', '红色'], ['Blue', '蓝色'],
];
// biome-ignore format: data table
const FOOD_VARIANTS: readonly (readonly [string, string])[] = [
  ['250 g', '250克'], ['500 g', '500克'], ['Gift Box', '礼盒装'], ['Family Pack', '家庭装'], ['Travel Pack', '便携装'],
];

export const PRODUCTS_PER_CATEGORY = 25;

export interface CatalogueProduct {
  readonly id: string;
  readonly index: number;
  readonly categoryIndex: number;
  readonly brand: Brand;
  readonly price: number;
  readonly name: string;
  readonly nameZh: string;
  /** Day index of the launch (negative: before the window). */
  readonly launchDay: number;
  /** Relative popularity within its category (Zipf, exponent 0.8). */
  readonly popularity: number;
}

export interface Catalogue {
  readonly products: readonly CatalogueProduct[];
  /** Product indices per category index. */
  readonly byCategory: readonly (readonly number[])[];
  readonly rows: readonly DemoRow[];
}

function charmPrice(value: number): number {
  if (value < 20) return Math.max(9.9, Math.round(value) - 0.1);
  return Math.max(19, Math.round(value / 10) * 10 - 1);
}

export function generateCatalogue(seed: number, window: DemoWindow): Catalogue {
  const rng = deriveRng(seed, 'products');
  const products: CatalogueProduct[] = [];
  const rows: DemoRow[] = [];
  const byCategory: number[][] = [];
  const used = new Set<string>();
  CATEGORIES.forEach((category, categoryIndex) => {
    const ranks = shuffle(
      rng,
      Array.from({ length: PRODUCTS_PER_CATEGORY }, (_, i) => i + 1),
    );
    const indices: number[] = [];
    for (let k = 0; k < PRODUCTS_PER_CATEGORY; k++) {
      const brand =
        rng.next() < 0.4 ? OUR_BRAND : (BRANDS[1 + Math.floor(rng.next() * (BRANDS.length - 1))] as Brand);
      const noun = category.nouns[k % category.nouns.length] as readonly [string, string];
      let adjective = pick(rng, ADJECTIVES);
      let variant = pick(rng, category.key === 'food' ? FOOD_VARIANTS : VARIANTS);
      let name = `${brand.name} ${adjective[0]} ${noun[0]}, ${variant[0]}`;
      for (let attempt = 0; used.has(name) && attempt < 50; attempt++) {
        adjective = pick(rng, ADJECTIVES);
        variant = pick(rng, category.key === 'food' ? FOOD_VARIANTS : VARIANTS);
        name = `${brand.name} ${adjective[0]} ${noun[0]}, ${variant[0]}`;
      }
      if (used.has(name)) name = `${name} #${k + 1}`;
      used.add(name);
      const nameZh = `${brand.nameZh}${adjective[1]}${noun[1]}（${variant[1]}）`;
      const index = products.length;
      const id = `prd_${String(index + 1).padStart(4, '0')}`;
      const price = charmPrice(category.medianPrice * Math.exp(normal(rng, 0, 0.35)));
      const cost = Math.round(price * (0.35 + 0.25 * rng.next()) * 100) / 100;
      // 85 % launched before the window, the rest during its first 18 months.
      const launchDay =
        rng.next() < 0.85
          ? -Math.floor(30 + rng.next() * 700)
          : Math.floor(rng.next() * Math.min(548, window.days - 30));
      const product: CatalogueProduct = {
        id,
        index,
        categoryIndex,
        brand,
        price,
        name,
        nameZh,
        launchDay,
        popularity: 1 / (ranks[k] as number) ** 0.8,
      };
      products.push(product);
      indices.push(index);
      rows.push({
        id,
        sku: `${brand.key.slice(0, 3).toUpperCase()}-${category.key.slice(0, 3).toUpperCase()}-${String(index + 1).padStart(4, '0')}`,
        name,
        name_zh: nameZh,
        category: category.key,
        brand: brand.name,
        price,
        cost,
        currency: 'CNY',
        launched_at: isoDay(window.startMs + launchDay * DAY_MS),
        description: `${adjective[0]} ${noun[0].toLowerCase()} from ${brand.name} (${category.name}). ${adjective[1]}${noun[1]}，${brand.nameZh}出品。`,
      });
    }
    byCategory.push(indices);
  });
  return { products, byCategory, rows };
}
