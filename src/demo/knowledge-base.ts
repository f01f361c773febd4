import { DAY_MS, type DemoWindow } from './calendar.js';
import { KB_EN } from './kb-articles-en.js';
import { KB_ZH } from './kb-articles-zh.js';
import type { DemoRow, QaItem } from './types.js';

/**
 * Knowledge base (16 topics × zh/en = 32 FAQ and policy articles) and the assistant's QA set:
 * answerable questions with their gold article and a phrase of its body that holds the answer,
 * plus questions the knowledge base cannot answer (gold = null; the assistant should say so).
 */

export function kbArticleId(lang: 'zh' | 'en', topic: string): string {
  return `kb_${lang}_${topic}`;
}

export function generateKbArticles(window: DemoWindow): DemoRow[] {
  const rows: DemoRow[] = [];
  for (const [lang, list] of [
    ['zh', KB_ZH],
    ['en', KB_EN],
  ] as const) {
    list.forEach((article, i) => {
      rows.push({
        id: kbArticleId(lang, article.topic),
        title: article.title,
        body: article.body,
        lang,
        category: article.category,
        // fixed, deterministic "last edited" dates in the first weeks of the window
        updated_at: new Date(window.startMs + (3 + i * 2) * DAY_MS + 9 * 3_600_000),
      });
    });
  }
  return rows;
}

// [question, topic, phrase of the gold body]
// biome-ignore format: data table
const ANSWERABLE_ZH: readonly (readonly [string, string, string])[] = [
  ['收到的衣服不喜欢，可以退吗？', 'returns', '七天无理由退货'],
  ['退货的运费谁出？', 'returns', '无理由退货的寄回运费由顾客承担'],
  ['退款多久能到账？', 'refunds', '1-3个工作日内到账'],
  ['用银行卡付的钱，退款要多久？', 'refunds', '最长需要7-10个工作日'],
  ['买多少钱包邮？', 'shipping', '满99元免运费'],
  ['寄到新疆要几天？', 'shipping', '需额外增加3-7天'],
  ['付款后多久发货？', 'shipping', '付款后48小时内发货'],
  ['海外订单多久能到？', 'international_shipping', '7-15个工作日送达'],
  ['海外订单的关税谁付？', 'international_shipping', '进口关税和增值税由收件人承担'],
  ['发货后物流信息多久更新？', 'order_tracking', '24小时内更新'],
  ['已经发货的订单还能取消吗？', 'order_tracking', '发货后只能在签收后申请退货'],
  ['支持花呗分期吗？', 'payment', '满300元可使用花呗分期'],
  ['订单多久不付款会被取消？', 'payment', '30分钟内完成支付'],
  ['怎么开增值税专用发票？', 'invoices', '提供公司名称、税号、开户行及账号'],
  ['电子发票什么时候开？', 'invoices', '确认收货后48小时内开具'],
  ['消费多少能升级金卡？', 'membership', '满5000元升级金卡'],
  ['银卡会员有什么权益？', 'membership', '银卡及以上会员全场包邮'],
  ['积分怎么抵现？', 'points', '100积分可抵扣1元'],
  ['积分什么时候过期？', 'points', '积分有效期至获得次年的12月31日'],
  ['耳机坏了能保修吗？保修多久？', 'warranty', '数码类商品自签收之日起享受1年免费保修'],
  ['进水的商品可以免费维修吗？', 'warranty', '人为损坏、进水和私自拆修不在保修范围内'],
  ['你们会卖我的个人信息吗？', 'privacy', '也不会出售您的个人信息'],
  ['怎么关闭营销推送？', 'privacy', '撤回营销授权'],
  ['我想注销账号，怎么操作？', 'data_requests', '设置-隐私-个人信息请求'],
  ['删除个人信息的申请多久处理完？', 'data_requests', '15个工作日内完成处理'],
  ['胸围90厘米穿什么码？', 'size_guide', 'M码88-92厘米'],
  ['尺码在两个码之间怎么选？', 'size_guide', '建议选择大一码'],
  ['双十一的定金能退吗？', 'promotions', '定金不予退还'],
  ['买了之后降价了能退差价吗？', 'promotions', '15天价格保护'],
  ['门店几点关门？', 'store_pickup', '每天10:00-22:00'],
  ['自提的商品要几天内取？', 'store_pickup', '请在7天内凭取货码到店取货'],
  ['客服热线是多少？', 'contact', '400-000-0000'],
  ['在线客服几点下班？', 'contact', '每天9:00-24:00'],
];

// biome-ignore format: data table
const ANSWERABLE_EN: readonly (readonly [string, string, string])[] = [
  ['How long do I have to return an item?', 'returns', 'within 30 days of delivery'],
  ['Do I have to pay for return shipping?', 'returns', 'a flat fee of USD 5 is deducted from the refund'],
  ['How long does a card refund take?', 'refunds', 'Card refunds usually appear within 5-10 business days'],
  ['I paid with a gift card. Where does my refund go?', 'refunds', 'the amount goes back to the gift card'],
  ['What is the minimum order for free shipping?', 'shipping', 'free on orders over USD 50'],
  ['How much is express delivery?', 'shipping', 'express delivery takes 2-3 business days for USD 15'],
  ['Do I have to pay import duties?', 'international_shipping', 'paid by the recipient on delivery'],
  ['Can you ship to a PO box?', 'international_shipping', 'We cannot ship to PO boxes'],
  ['Can I cancel my order after it ships?', 'order_tracking', 'You can cancel an order until it ships'],
  ['My tracking has not updated for a week, what should I do?', 'order_tracking', 'we will open an investigation with the carrier'],
  ['Do you take Apple Pay?', 'payment', 'Apple Pay'],
  ['When is my card charged?', 'payment', 'Your card is charged when the order ships'],
  ['Can I pay in installments?', 'payment', 'split into 4 interest-free payments'],
  ['How do I get a VAT invoice for my company?', 'invoices', 'adding their company name and VAT number at checkout'],
  ['How much do I need to spend to reach Gold?', 'membership', 'Gold at USD 700'],
  ['Do Silver members get free shipping?', 'membership', 'Silver and above get free standard shipping'],
  ['How many points do I earn per dollar?', 'points', 'You earn 10 points for every US dollar'],
  ['Do reward points expire?', 'points', 'Points expire 18 months after you earn them'],
  ['Is there a warranty on wireless earbuds?', 'warranty', 'Electronics come with a 1-year limited warranty'],
  ['Does the warranty cover water damage?', 'warranty', 'Accidental damage, water damage and unauthorised repairs are not covered'],
  ['Do you sell my data?', 'privacy', 'We never sell your personal data'],
  ['How long do you keep my data?', 'privacy', 'We keep your data for 3 years after your last activity'],
  ['How do I delete my account?', 'data_requests', 'Account settings > Privacy'],
  ['How quickly do you answer a data access request?', 'data_requests', 'We respond within 30 days'],
  ['What size should I get for a 36 inch chest?', 'size_guide', 'M fits 35-37 inches'],
  ['I am between two sizes, which one should I pick?', 'size_guide', 'we recommend sizing up'],
  ['Can I use two promo codes on one order?', 'promotions', 'Only one promo code can be used per order'],
  ['The price dropped a week after I bought it. Can I get the difference?', 'promotions', 'within 14 days, we refund the difference'],
  ['How long will you hold my click and collect order?', 'store_pickup', 'collect it within 10 days'],
  ['What are your live chat hours?', 'contact', 'from 8 am to 10 pm (GMT)'],
];

// biome-ignore format: data table
const UNANSWERABLE: readonly (readonly ['zh' | 'en', string])[] = [
  ['zh', '你们公司的股价是多少？'], ['zh', '明天上海会下雨吗？'], ['zh', '你们CEO叫什么名字？'],
  ['zh', '怎么给我的汽车换机油？'], ['zh', '你们招实习生吗？'], ['zh', '店里的咖啡机是什么牌子的？'],
  ['zh', '可以帮我写一篇毕业论文吗？'], ['zh', '你们的仓库在哪个城市？'],
  ['en', "What is your company's stock price?"], ['en', 'Will it rain in London tomorrow?'],
  ['en', 'Who designed your logo?'], ['en', 'Do you offer car insurance?'],
  ['en', 'Can you recommend a good restaurant near your store?'], ['en', 'How many employees does the company have?'],
  ['en', 'What is the capital of Australia?'],
];

export function generateQaSet(): QaItem[] {
  const items: QaItem[] = [];
  const add = (
    question: string,
    lang: 'zh' | 'en',
    goldArticleId: string | null,
    answerContains: string | null,
  ) =>
    items.push({
      id: `qa_${String(items.length + 1).padStart(3, '0')}`,
      question,
      lang,
      goldArticleId,
      answerContains,
    });
  for (const [q, topic, phrase] of ANSWERABLE_ZH) add(q, 'zh', kbArticleId('zh', topic), phrase);
  for (const [q, topic, phrase] of ANSWERABLE_EN) add(q, 'en', kbArticleId('en', topic), phrase);
  for (const [lang, q] of UNANSWERABLE) add(q, lang, null, null);
  return items;
}
