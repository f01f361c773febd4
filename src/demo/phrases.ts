/**
 * Phrase banks for templated reviews, social posts, news and tickets (Chinese and English). Each
 * aspect phrase carries its polarity, so every generated document has known labels.
 */

export const ASPECTS = ['price', 'quality', 'service', 'logistics', 'packaging'] as const;
export type Aspect = (typeof ASPECTS)[number];
export type Polarity = 'positive' | 'neutral' | 'negative';

export const ASPECT_ZH: Readonly<Record<Aspect, string>> = {
  price: '价格',
  quality: '质量',
  service: '服务',
  logistics: '物流',
  packaging: '包装',
};

type Bank = Readonly<Record<Aspect, Readonly<Record<Polarity, readonly string[]>>>>;

// biome-ignore format: phrase bank
export const ASPECT_PHRASES_ZH: Bank = {
  price: {
    positive: ['价格很实惠', '性价比超高', '这个价位非常值', '活动价很划算', '比专柜便宜不少'],
    neutral: ['价格和别家差不多', '价格中规中矩', '价格正常，没什么优惠'],
    negative: ['价格偏贵', '比别家贵了不少', '刚买就降价了，有点亏', '优惠券根本用不了', '这个价格不值'],
  },
  quality: {
    positive: ['质量很好', '做工精细', '面料摸起来很舒服', '用了一个月依然像新的', '细节处理得很用心'],
    neutral: ['质量还可以', '做工一般，对得起价格', '质量中规中矩'],
    negative: ['质量一般，洗了两次就起球', '做工粗糙，线头很多', '用了一周就坏了', '有明显色差', '味道很大，不敢用'],
  },
  service: {
    positive: ['客服态度很好', '客服回复很及时', '售后处理得很专业', '店员很耐心地帮我挑选', '退换货很顺利'],
    neutral: ['客服回复还算及时', '售后流程比较常规'],
    negative: ['客服半天不回消息', '售后推来推去', '服务态度很差', '退款拖了两周还没到', '电话一直打不通'],
  },
  logistics: {
    positive: ['物流很快，第二天就到了', '快递小哥很负责', '发货速度快', '顺丰包邮，很放心'],
    neutral: ['物流速度正常', '大概四五天到货'],
    negative: ['物流太慢了，等了一个多星期', '快递延误了好几天', '发货拖了很久', '物流信息一直不更新', '快递员态度不好，直接放门口'],
  },
  packaging: {
    positive: ['包装很精美', '包装严实，没有破损', '送人很有面子', '礼盒设计很好看'],
    neutral: ['包装比较简单', '普通快递袋包装'],
    negative: ['包装破损了', '盒子被压坏了', '包装太简陋了', '里面的东西洒出来了'],
  },
};

// biome-ignore format: phrase bank
export const ASPECT_PHRASES_EN: Bank = {
  price: {
    positive: ['great value for money', 'the price is very reasonable', 'a bargain at the sale price', 'cheaper than in the mall', 'worth every penny'],
    neutral: ['the price is about the same as elsewhere', 'priced as expected', 'fair price, nothing special'],
    negative: ['way too expensive', 'overpriced for what you get', 'the price dropped right after I bought it', 'the coupon would not apply', 'not worth the price'],
  },
  quality: {
    positive: ['excellent quality', 'very well made', 'the fabric feels soft and sturdy', 'still looks new after a month', 'great attention to detail'],
    neutral: ['quality is okay', 'decent quality for the price', 'quality is average'],
    negative: ['poor quality, it pilled after two washes', 'cheaply made with loose threads', 'it broke within a week', 'the colour is off', 'it has a strong chemical smell'],
  },
  service: {
    positive: ['customer service was very helpful', 'support replied quickly', 'the return was handled professionally', 'the store staff were patient and friendly', 'the exchange was easy'],
    neutral: ['support replied eventually', 'the after-sales process was standard'],
    negative: ['customer service never answered', 'support kept passing me around', 'the staff were rude', 'still waiting for my refund after two weeks', 'nobody picks up the phone'],
  },
  logistics: {
    positive: ['delivery was fast, it arrived the next day', 'the courier was careful', 'shipped very quickly', 'free express shipping'],
    neutral: ['delivery took the usual time', 'arrived in four or five days'],
    negative: ['delivery was painfully slow', 'the parcel was delayed for days', 'it took ages to ship', 'tracking never updated', 'the courier just dumped it at the door'],
  },
  packaging: {
    positive: ['beautiful packaging', 'well packed, nothing damaged', 'perfect as a gift', 'the gift box looks lovely'],
    neutral: ['plain packaging', 'came in a standard mailer bag'],
    negative: ['the package arrived damaged', 'the box was crushed', 'flimsy packaging', 'the contents spilled in transit'],
  },
};

// biome-ignore format: phrase bank
export const OPENERS: Readonly<Record<'zh' | 'en', Readonly<Record<Polarity, readonly string[]>>>> = {
  zh: {
    positive: ['非常满意！', '第二次回购了。', '强烈推荐。', '超出预期！', '很喜欢。'],
    neutral: ['还行吧。', '一般般。', '中规中矩。', '说不上好也说不上坏。'],
    negative: ['很失望。', '不推荐购买。', '体验很差。', '再也不会买了。', '太糟糕了。'],
  },
  en: {
    positive: ['Really happy with this!', 'Second time buying.', 'Highly recommend.', 'Better than expected!', 'Love it.'],
    neutral: ['It is okay.', 'Mixed feelings.', 'Does the job.', 'Neither good nor bad.'],
    negative: ['Very disappointed.', 'Would not recommend.', 'Terrible experience.', 'Never buying again.', 'What a letdown.'],
  },
};

/** Competitor-mention templates; {b} is the competitor's name. */
export const COMPETITOR_TEMPLATES: Readonly<Record<'zh' | 'en', readonly string[]>> = {
  zh: [
    '比{b}的好用多了',
    '之前一直用{b}，这次换了试试',
    '{b}也在做活动，对比了一下',
    '朋友推荐{b}，但我还是选了这个',
  ],
  en: [
    'much better than {b}',
    'switched from {b} to try this',
    '{b} has a similar one on sale too',
    'a friend swears by {b} but I went with this',
  ],
};

export const HASHTAGS: Readonly<Record<'zh' | 'en', readonly string[]>> = {
  zh: ['#好物分享#', '#双十一#', '#种草#', '#购物分享#', '#避雷#', '#开箱#'],
  en: ['#haul', '#review', '#unboxing', '#sale', '#ootd', '#giftideas'],
};

// biome-ignore format: phrase bank
export const NEWS_TEMPLATES: Readonly<Record<'zh' | 'en', readonly string[]>> = {
  zh: ['{b}宣布在{city}开设新旗舰店，预计将带动周边客流。', '{b}发布年度可持续发展报告，称包装材料已全部可回收。', '行业观察：{b}在本季度线上销售额同比增长，业内人士看好其新品线。', '{b}启动会员体系升级，积分可在线上线下通用。'],
  en: ['{b} opens a new flagship store in {city}, expecting more foot traffic in the area.', '{b} publishes its annual sustainability report, saying all packaging is now recyclable.', 'Industry watch: {b} grew online sales this quarter, and analysts like its new line.', '{b} upgrades its membership programme so points work online and in stores.'],
};

// biome-ignore format: phrase bank
export const TICKET_TEMPLATES: Readonly<Record<'zh' | 'en', Readonly<Partial<Record<Aspect, readonly string[]>>>>> = {
  zh: {
    logistics: ['订单{o}已经五天了还没发货，请帮忙查一下。', '订单{o}的物流信息三天没更新了，快递是不是丢了？'],
    quality: ['订单{o}收到的商品有质量问题，想申请退换货。', '订单{o}的商品和图片颜色不一样，怎么处理？'],
    service: ['申请退款一周了还没到账，订单号{o}。', '订单{o}想修改收货地址，联系不上客服。'],
    packaging: ['订单{o}收到时外包装破损，里面的商品也有划痕。'],
    price: ['订单{o}下单后第二天就降价了，能退差价吗？'],
  },
  en: {
    logistics: ['Order {o} has not shipped after five days, can you check?', 'Tracking for order {o} has not updated in three days. Is the parcel lost?'],
    quality: ['The item in order {o} is defective and I would like a replacement.', 'The colour of order {o} does not match the photos. What can I do?'],
    service: ['I requested a refund for order {o} a week ago and have not received it.', 'I need to change the delivery address of order {o} but cannot reach support.'],
    packaging: ['Order {o} arrived with a damaged box and the item is scratched.'],
    price: ['The price dropped the day after I placed order {o}. Can I get the difference back?'],
  },
};
