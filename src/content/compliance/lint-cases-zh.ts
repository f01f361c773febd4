import type { LintCase } from './lint-case.js';

/**
 * Chinese half of the labelled lint set. Labels are the rules a careful reviewer applying
 * 《广告法》 and the 2023 执法指南 would raise, written before the lint was run; the hard negatives
 * are the 执法指南's exclusions (time order, consumer tips, official titles) and everyday phrases
 * that contain a listed character (第一次, 治愈系, 保本价, 购物零风险). PII values are fake
 * (13800138000, example.com).
 */
export const lintCasesZh: readonly LintCase[] = [
  // absolute terms (第九条(三))
  { text: '全网最低价，今天下单立享', locale: 'zh', expected: ['absolute_term'] },
  { text: '本店销量第一的爆款保温杯', locale: 'zh', expected: ['absolute_term'] },
  { text: '行业顶级工艺，匠心打造', locale: 'zh', expected: ['absolute_term'] },
  { text: '这是您送礼的首选', locale: 'zh', expected: ['absolute_term'] },
  { text: '国家级品质，值得信赖', locale: 'zh', expected: ['absolute_term'] },
  { text: '史无前例的大促，错过再等一年', locale: 'zh', expected: ['absolute_term'] },
  { text: '独一无二的设计，只为你', locale: 'zh', expected: ['absolute_term'] },
  { text: '最受欢迎的夏季连衣裙', locale: 'zh', expected: ['absolute_term'] },
  { text: '效果最好的面霜，回购率超高', locale: 'zh', expected: ['absolute_term'] },
  { text: '万能清洁剂，一瓶搞定全屋', locale: 'zh', expected: ['absolute_term'] },
  { text: '唯一获得专利的保温技术', locale: 'zh', expected: ['absolute_term'] },
  { text: '品质NO.1，口碑之选', locale: 'zh', expected: ['absolute_term'] },
  { text: '绝对正品，假一赔十', locale: 'zh', expected: ['absolute_term'] },
  { text: '世界级大师联名款', locale: 'zh', expected: ['absolute_term'] },
  { text: '极致轻薄，续航持久', locale: 'zh', expected: ['absolute_term'] },
  { text: '100%有效，无效退款', locale: 'zh', expected: ['absolute_term'] },
  { text: '国内首个智能恒温水杯', locale: 'zh', expected: ['absolute_term'] },
  { text: '这款面膜是夏日补水之最', locale: 'zh', expected: ['absolute_term'] },
  // absolute-term hard negatives: time order, ordinals, offer caps, advice, consumer tips, titles
  { text: '最近天气转凉，记得添衣', locale: 'zh', expected: [] },
  { text: '活动最后一天，别错过', locale: 'zh', expected: [] },
  { text: '第一次下单立减20元', locale: 'zh', expected: [] },
  { text: '新品第一批已到货，数量有限', locale: 'zh', expected: [] },
  { text: '最高可减50元，每人限用一次', locale: 'zh', expected: [] },
  { text: '每人最多限购2件', locale: 'zh', expected: [] },
  { text: '最好提前预约，周末人多', locale: 'zh', expected: [] },
  { text: '最佳赏味期为开封后7天', locale: 'zh', expected: [] },
  { text: '国家级非物质文化遗产传承技艺', locale: 'zh', expected: [] },
  { text: '本店最新款秋装已上架', locale: 'zh', expected: [] },
  { text: '我们会在第一时间为您发货', locale: 'zh', expected: [] },
  { text: '100%纯棉面料，亲肤透气', locale: 'zh', expected: [] },
  { text: '第一步：清洁面部；第二步：涂抹精华', locale: 'zh', expected: [] },
  { text: '最初的梦想，最终的坚持', locale: 'zh', expected: [] },
  { text: '最快次日达，下单即发', locale: 'zh', expected: [] },
  { text: '新用户首个订单免运费', locale: 'zh', expected: [] },
  // medical (第十六、十七条)
  { text: '这款茶能降血压，中老年人的好选择', locale: 'zh', expected: ['medical_claim'] },
  { text: '三天根治脱发', locale: 'zh', expected: ['medical_claim'] },
  { text: '草本配方，治疗失眠效果显著', locale: 'zh', expected: ['medical_claim'] },
  { text: '防癌抗癌，天天喝更健康', locale: 'zh', expected: ['medical_claim'] },
  { text: '疗效显著，药到病除', locale: 'zh', expected: ['medical_claim'] },
  { text: '消炎祛痘，温和不刺激', locale: 'zh', expected: ['medical_claim'] },
  { text: '纯天然无副作用', locale: 'zh', expected: ['medical_claim'] },
  { text: '每天一杯，预防感冒', locale: 'zh', expected: ['medical_claim'] },
  // medical hard negatives
  { text: '治愈系插画，温暖你的每一天', locale: 'zh', expected: [] },
  { text: '深层补水保湿，肌肤水润透亮', locale: 'zh', expected: [] },
  { text: '防晒指数SPF50，户外出游必备', locale: 'zh', expected: [] },
  { text: '换季降价促销，全场五折起', locale: 'zh', expected: [] },
  // financial (第二十五条)
  { text: '保本保息，稳赚不赔', locale: 'zh', expected: ['financial_claim'] },
  { text: '年化收益8%，本金安全有保障', locale: 'zh', expected: ['financial_claim'] },
  { text: '投资零风险，收益看得见', locale: 'zh', expected: ['financial_claim'] },
  { text: '保证收益，轻松理财', locale: 'zh', expected: ['financial_claim'] },
  { text: '年化收益率保证不低于6%', locale: 'zh', expected: ['financial_claim'] },
  { text: '高收益低风险的理财新选择', locale: 'zh', expected: ['financial_claim'] },
  // financial hard negatives
  { text: '七天无理由退货，购物零风险', locale: 'zh', expected: [] },
  { text: '理财有风险，投资需谨慎', locale: 'zh', expected: [] },
  { text: '保本价清仓，售完即止', locale: 'zh', expected: [] },
  { text: '会员积分可抵现金，下单更划算', locale: 'zh', expected: [] },
  // opt-out (SMS / email body)
  {
    text: '【茶语】中秋礼盒限时八折，到店出示短信再享好礼。回T退订',
    locale: 'zh',
    format: 'sms',
    field: 'text',
    expected: [],
  },
  {
    text: '【茶语】中秋礼盒限时八折，到店出示短信再享好礼。',
    locale: 'zh',
    format: 'sms',
    field: 'text',
    expected: ['missing_opt_out'],
  },
  {
    text: '【茶语】新品上市，欢迎品尝，拒收请回复R',
    locale: 'zh',
    format: 'sms',
    field: 'text',
    expected: [],
  },
  {
    text: '{{first_name}}您好，您的专属优惠券{{coupon_code}}已到账，{{expiry_date}}前有效，回TD退订',
    locale: 'zh',
    format: 'sms',
    field: 'text',
    expected: [],
  },
  {
    text: '亲爱的{{first_name}}，秋季新品已上市，凭优惠码{{coupon_code}}可享九折优惠，有效期至{{expiry_date}}。感谢您一直以来的支持！如不想再收到此类邮件，请点击{{unsubscribe_url}}退订',
    locale: 'zh',
    format: 'email',
    field: 'body',
    expected: [],
  },
  {
    text: '亲爱的{{first_name}}，秋季新品已上市，凭优惠码{{coupon_code}}可享九折优惠，有效期至{{expiry_date}}。感谢您一直以来的支持，期待您的光临！',
    locale: 'zh',
    format: 'email',
    field: 'body',
    expected: ['missing_opt_out'],
  },
  { text: '秋季新品上市，会员专享九折', locale: 'zh', format: 'email', field: 'subject', expected: [] },
  // length
  {
    text: '秋冬新款羊毛大衣限时八折优惠抢购中',
    locale: 'zh',
    format: 'search_ad',
    field: 'headline',
    expected: ['too_long'],
  },
  { text: '羊毛大衣限时八折', locale: 'zh', format: 'search_ad', field: 'headline', expected: [] },
  { text: '新品上市', locale: 'zh', format: 'weibo_post', expected: ['too_short'] },
  {
    text: '【茶语】{{first_name}}您好，中秋礼盒限时八折，全场满299元再送定制茶具一套，会员另享双倍积分，活动截至本月底，详询各门店。回T退订',
    locale: 'zh',
    format: 'sms',
    field: 'text',
    expected: ['too_long'],
  },
  // pii (fake values)
  { text: '详情请联系王经理：13800138000', locale: 'zh', expected: ['pii'] },
  { text: '发送邮件至 test@example.com 咨询', locale: 'zh', expected: ['pii'] },
  { text: '{{first_name}}您好，您的订单已发货', locale: 'zh', expected: [] },
  // brand (banned words 廉价/山寨/便宜货, emoji sparing, disclaimer for descriptions)
  { text: '廉价好物，限时抢购', locale: 'zh', expected: ['banned_word'] },
  { text: '拒绝山寨，只做原创', locale: 'zh', expected: ['banned_word'] },
  { text: '价格实惠，品质可靠', locale: 'zh', expected: [] },
  { text: '周末快乐🎉🎉🎉🎉', locale: 'zh', expected: ['emoji_policy'] },
  { text: '新品上市🎉欢迎品尝☕', locale: 'zh', expected: [] },
  {
    text: '纯羊毛围巾，柔软亲肤，多色可选。',
    locale: 'zh',
    kind: 'description',
    expected: ['missing_disclaimer'],
  },
  {
    text: '纯羊毛围巾，柔软亲肤，多色可选。图片仅供参考，请以实物为准。',
    locale: 'zh',
    kind: 'description',
    expected: [],
  },
  // slots
  { text: '{{name}}您好，生日快乐', locale: 'zh', expected: ['unknown_slot'] },
  { text: '{{brand}}会员日，全场{{discount}}折', locale: 'zh', expected: [] },
  // 模型照抄的脱敏占位符
  { text: '如有疑问请致电[PHONE_1]联系客服', locale: 'zh', expected: ['privacy_placeholder'] },
  // several rules at once
  { text: '最好的理财产品，保本保息', locale: 'zh', expected: ['absolute_term', 'financial_claim'] },
  { text: '全国第一的降血糖神器', locale: 'zh', expected: ['absolute_term', 'medical_claim'] },
];
