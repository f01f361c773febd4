import type { TermEntry } from './term-match.js';

/**
 * Chinese compliance term lists.
 *
 * Absolute terms — 《中华人民共和国广告法》(2021 修正) 第九条第（三）项: 广告不得"使用'国家级'、'最高级'、
 * '最佳'等用语"; the list is open ("等"), so it is filled in from the terms enforcement cites, as in
 * 市场监管总局《广告绝对化用语执法指南》(2023 年第 6 号公告). The same 指南 says the article does NOT apply to
 * (a) 仅表明经营理念、目标追求的用语; (b) 最佳方法、最佳时间、最佳保存期限等消费提示; (c) 表述时空顺序的客观
 * 情况; (d) 依据国家有关规定评定的奖项、称号. Those are the exclusions below (time words 最近/最后/最初/最终/
 * 最新, ordinals 第一次/第一天/第一步/第一批, consumer tips 最佳食用期, official titles 国家级非物质文化遗产),
 * plus offer caps (最高可减 50 元, 每人最多限购 2 件) and advice (最好提前预约), which compare nothing.
 *
 * Medical — 第十六条 (医疗、药品、医疗器械广告不得含有"表示功效、安全性的断言或者保证""说明治愈率或者有效率")
 * and 第十七条 ("除医疗、药品、医疗器械广告外，禁止其他任何广告涉及疾病治疗功能，并不得使用医疗用语").
 *
 * Financial — 第二十五条 (招商等有投资回报预期的商品或者服务广告不得"对未来效果、收益或者与其相关的情况作出
 * 保证性承诺，明示或者暗示保本、无风险或者保收益等"). 无风险/零风险 count only near a finance word, because
 * "七天无理由退货，购物零风险" is a return policy, not an investment promise.
 */

const cjk = '[\\u4e00-\\u9fff]';

/** 最X → a non-absolute word for the common ones, else 很X (最受欢迎 → 很受欢迎). */
function softenZui(match: string): string {
  const special: Record<string, string> = {
    最佳: '出色',
    最好: '出色',
    最优: '优质',
    最具: '颇具',
    最爱: '挚爱',
    最大: '超大',
    最强: '超强',
    最高: '高',
    最低: '低',
  };
  return special[match] ?? `很${match.slice(1)}`;
}

// 最 followed by a CJK character, unless the pair is a time word, an offer cap, advice or a
// consumer tip (执法指南 exclusions above).
const zuiPattern = new RegExp(
  [
    '最',
    '(?!近|后|初|终|早|晚|迟|新|先(?!进))',
    '(?!(?:高|低|多|少|长|短|大)(?:[0-9０-９零一二两三四五六七八九十百千万几]|可|享|减|立减|送|返|抵|省|限|优惠|折|打|达|不超过))',
    '(?!快(?:当天|次日|明天|今天|今日|隔日|[0-9一二两三]))',
    '(?!好(?:提前|先|尽早|尽快|在|别|不要|避免|及时|冷藏|放在|当天|趁|搭配))',
    '(?!佳(?:食用|饮用|赏味|使用|保存|保质|品尝|冲泡|观赏|时间|时机|方法|温度))',
    cjk,
  ].join(''),
);

const rankContext = '全国|全球|全网|世界|行业|国内|亚洲|同类|业内|品类|销量|排名|销售额';

/** 销量第一 → 销量火爆, 排名第一 → 排名靠前, 行业第一 → 行业前列. */
function softenRank(match: string): string {
  const context = match.replace(/第一名?$/, '');
  if (context === '销量' || context === '销售额') return `${context}火爆`;
  if (context === '排名') return '排名靠前';
  return `${context}前列`;
}

const ordinalFollowers =
  '次|天|日|步|批|届|季|章|期|周|年|月|节|课|轮|站|波|集|部|代|份|件|单|杯|口|眼|时间|个|位|款|印象|反应|手|线|百|千|万|[0-9]';

export const absoluteTermsZh: readonly TermEntry[] = [
  { rule: 'absolute_term', pattern: zuiPattern, replacement: softenZui },
  { rule: 'absolute_term', pattern: /全网最低价/, replacement: '超值价' },
  { rule: 'absolute_term', pattern: /全网最低/, replacement: '超值' },
  { rule: 'absolute_term', pattern: /最低价/, replacement: '优惠价' },
  { rule: 'absolute_term', pattern: /之最/, replacement: '之选' },
  // 第一 with a ranking context is absolute even before an ordinal word (全国第一款 …).
  { rule: 'absolute_term', pattern: new RegExp(`(?:${rankContext})第一名?`), replacement: softenRank },
  { rule: 'absolute_term', pattern: /第一品牌/, replacement: '人气品牌' },
  { rule: 'absolute_term', pattern: /第一选择/, replacement: '优选' },
  { rule: 'absolute_term', pattern: /第一名/, replacement: '佳绩' },
  { rule: 'absolute_term', pattern: new RegExp(`第一(?!${ordinalFollowers})`), replacement: '前列' },
  { rule: 'absolute_term', pattern: /(?<![A-Za-z])(?:no\.?\s?1|top\s?1)(?![0-9])/i, replacement: '出众' },
  // 唯一的设计 → 独特的设计; as an adverb (唯一获得专利的…) it is simply dropped.
  {
    rule: 'absolute_term',
    pattern: /唯一/,
    replacement: (_, after) => (after.startsWith('的') ? '独特' : ''),
  },
  { rule: 'absolute_term', pattern: /首个(?!月|订单|工作日)/, replacement: '创新' },
  { rule: 'absolute_term', pattern: /首家/, replacement: '新锐' },
  { rule: 'absolute_term', pattern: /首选(?!项)/, replacement: '优选' },
  {
    rule: 'absolute_term',
    pattern: /国家级(?!非物质文化遗产|非遗|高新技术企业|专精特新)/,
    replacement: '专业级',
  },
  { rule: 'absolute_term', pattern: /世界级/, replacement: '高水准' },
  { rule: 'absolute_term', pattern: /顶级(?!域名)/, replacement: '高端' },
  { rule: 'absolute_term', pattern: /顶尖/, replacement: '出色' },
  { rule: 'absolute_term', pattern: /极品/, replacement: '精品' },
  { rule: 'absolute_term', pattern: /极致/, replacement: '出众' },
  { rule: 'absolute_term', pattern: /终极/, replacement: '进阶' },
  // 绝对正品 / 绝对好用: dropping the intensifier keeps the phrase grammatical.
  { rule: 'absolute_term', pattern: /绝对(?!值)/, replacement: '' },
  { rule: 'absolute_term', pattern: /万能(?!胶|表)/, replacement: '多用途' },
  {
    rule: 'absolute_term',
    pattern: /(?:100%|１００％|百分百|百分之百)(?:有效|满意|好评|成功)/,
    replacement: '好用',
  },
  { rule: 'absolute_term', pattern: /史无前例|绝无仅有|前无古人/, replacement: '难得一见' },
  { rule: 'absolute_term', pattern: /独一无二/, replacement: '独具特色' },
  { rule: 'absolute_term', pattern: /无与伦比/, replacement: '出众' },
  { rule: 'absolute_term', pattern: /王牌/, replacement: '招牌' },
  { rule: 'absolute_term', pattern: /销量冠军/, replacement: '热销' },
];

const diseasesZh =
  '感冒|流感|癌症|肿瘤|糖尿病|高血压|高血脂|失眠|抑郁|焦虑|关节炎|湿疹|痛风|脱发|便秘|近视|鼻炎|胃病|肝病|心脏病|疾病';

export const medicalTermsZh: readonly TermEntry[] = [
  { rule: 'medical_claim', pattern: /疗效/, replacement: '效果' },
  { rule: 'medical_claim', pattern: /消炎/, replacement: '舒缓' },
  { rule: 'medical_claim', pattern: /治疗|医治|根治|包治百病|药到病除/ },
  // 治愈系 is slang for "soothing" (治愈系音乐), not a cure claim.
  { rule: 'medical_claim', pattern: /治愈(?!系)/ },
  { rule: 'medical_claim', pattern: /防癌|抗癌|抗肿瘤|抗病毒/ },
  { rule: 'medical_claim', pattern: /降(?:血压|血糖|血脂|三高)/ },
  { rule: 'medical_claim', pattern: /有效率|无毒副作用|无副作用|零副作用/ },
  { rule: 'medical_claim', pattern: /排毒|祛病|除病|活血化瘀|止咳|止痛|止泻/ },
  { rule: 'medical_claim', pattern: new RegExp(`(?:预防|防治|远离|告别)(?:${diseasesZh})`) },
];

const financeContextZh = '投资|理财|收益|回报|本金|基金|资金|利率|年化|利息|资产|存款|股票|炒股|信托|币|贷';

export const financialTermsZh: readonly TermEntry[] = [
  // 保本价/保本清仓 is a retail "sold at cost" price, not a capital guarantee.
  { rule: 'financial_claim', pattern: /保本(?!价|清仓|甩卖|促销|出售|销售)/ },
  { rule: 'financial_claim', pattern: /稳赚不赔|只赚不赔|稳赚|包赚|必赚|躺赚/ },
  { rule: 'financial_claim', pattern: /保证(?:收益|回报|盈利)|保收益|收益保证|刚性兑付|刚兑/ },
  { rule: 'financial_claim', pattern: /本金(?:安全|无忧|有保障)|高收益[、，,\s]*低风险|收益翻倍|翻倍收益/ },
  { rule: 'financial_claim', pattern: /年化[^。！？；\n]{0,15}保证|保证[^。！？；\n]{0,10}年化/ },
  {
    rule: 'financial_claim',
    pattern: new RegExp(
      `(?<=(?:${financeContextZh})[^，。！？；\\n]{0,12})(?:无风险|零风险)|(?:无风险|零风险)(?=[^，。！？；\\n]{0,12}(?:${financeContextZh}))`,
    ),
  },
];

/** Opt-out wordings accepted in Chinese (回T退订, 回TD退订, 退订回T, 取消订阅 …). */
export const optOutZh: readonly RegExp[] = [/退订/, /取消订阅/, /拒收请回复/];

/** Opt-out sentence fixPiece appends per format (SMS custom: 回T退订). */
export const optOutTextZh = { sms: '回T退订', email: '如不想再收到此类邮件，请点击{{unsubscribe_url}}退订' };
