import type { Grammar } from './grammar.js';

/**
 * 中文通用片段：按场合的开场句、卖点、优惠、按语气的行动号召。规则 `x:场合`、`x:语气`、
 * `x:场合.语气` 覆盖 `x`（见 grammar.ts）。用词遵守《广告法》第九条：不用“最”“第一”“唯一”
 * “顶级”“国家级”“极品”“绝对”“万能”等绝对化用语，不写功效、收益承诺；一律用全角标点，
 * 称呼统一用“您”。
 */
export const zhCommon: Grammar = {
  item: [
    { text: '{product}', weight: 4 },
    { text: '全新系列', unless: ['product'] },
    { text: '店内新品', unless: ['product'] },
  ],
  item_short: [
    { text: '{product}', weight: 4 },
    { text: '新品', unless: ['product'] },
  ],

  hook: ['发现{item}。', '来看看{brand}的{item}。', '{brand}为您推荐{item}。'],
  'hook:launch': [
    '全新{item}，现已上市。',
    '{brand}新品{item}来了！',
    '{item}正式上新。',
    '上新啦！{item}等您来看。',
  ],
  'hook:launch.premium': ['{brand}全新呈现：{item}。', '诚意之作{item}，现已上市。'],
  'hook:launch.playful': ['叮！{item}上新啦！', '新品驾到：{item}！'],
  'hook:promotion': [
    '{product}现享{offer}。',
    '{item}优惠来了，享{offer}。',
    '{brand}优惠季开启。',
    '{item}直降{discount}。',
    '{item}好价回馈老朋友。',
  ],
  'hook:promotion.premium': ['诚邀您享受{item}专属礼遇。', '{item}礼遇季，享{offer}。'],
  'hook:promotion.playful': [
    '好价来袭！{item}{offer}！',
    '钱包松口气：{item}{offer}啦！',
    '好价来袭！{item}优惠进行中！',
  ],
  'hook:birthday': [
    '生日快乐！{brand}为您准备了一份心意。',
    '今天是您的生日，祝您生日快乐！',
    '{brand}全体同仁祝您生日快乐！',
    '生日快乐！这份小礼物请收下。',
  ],
  'hook:birthday.premium': ['值此生日之际，{brand}谨致祝福。', '生日快乐，愿您新的一岁温暖从容。'],
  'hook:anniversary': [
    '周年快乐！感谢您一路陪伴{brand}。',
    '又一年，感谢有您。',
    '纪念日快乐，{brand}想和您一起庆祝。',
  ],
  'hook:win_back': [
    '好久不见，{brand}想您了。',
    '{brand}上新了不少，回来看看吧。',
    '您关注的好物，都在等您回来。',
    '好久不见，回来逛逛吧。',
  ],
  'hook:care': [
    '{product}用得还顺手吗？',
    '{brand}来问候一声，一切都好吗？',
    '感谢您选择{brand}。',
    '天气多变，{brand}提醒您照顾好自己。',
  ],
  'hook:restock': [
    '{product}补货到店啦。',
    '好消息：{item}已补货。',
    '{product}回来了！',
    '{item}重新上架。',
  ],
  'hook:festival': [
    '{festival_wish}！{brand}祝您节日愉快。',
    '{festival}将至，{item}陪您过节。',
    '{festival}好礼，尽在{brand}。',
    '{brand}{festival}特辑上线。',
    '{brand}祝您节日愉快！',
  ],

  hook_short: ['{item_short}｜{brand}', '发现{item_short}'],
  'hook_short:launch': ['新品｜{item_short}', '{item_short}上新', '{brand}新品上市'],
  'hook_short:promotion': [
    '{item_short}{offer}',
    '{item_short}直降{discount}',
    '{brand}优惠季',
    '好价{offer}',
  ],
  'hook_short:birthday': ['生日快乐！', '您的生日礼物', '生日专属礼遇', '{brand}祝您生日快乐'],
  'hook_short:anniversary': ['周年快乐！', '感谢一路相伴', '又一年，谢谢您'],
  'hook_short:win_back': ['好久不见', '{brand}想您了', '回来看看吧', '欢迎回来'],
  'hook_short:care': ['一切都好吗？', '{brand}的问候', '我们随时都在'],
  'hook_short:restock': ['{item_short}已补货', '补货到店', '{item_short}回来了'],
  'hook_short:festival': ['{festival_wish}', '{festival}好礼', '{brand}{festival}特辑', '节日快乐'],

  pitch: [
    { text: '细节都在这里：{benefits}。', weight: 3 },
    { text: '我们喜欢它的理由：{benefits}。', weight: 3 },
    '日常使用，舒心顺手。',
  ],
  'pitch:premium': [
    { text: '每一处细节都经过斟酌：{benefits}。', weight: 3 },
    { text: '用心之选，{benefits}。', weight: 3 },
    '用心打磨每一处细节。',
  ],
  'pitch:playful': [
    { text: '划重点：{benefits}！', weight: 3 },
    { text: '悄悄告诉您：{benefits}。', weight: 3 },
    '给日常添一点小快乐。',
  ],
  'pitch:professional': [
    { text: '产品要点：{benefits}。', weight: 3 },
    { text: '核心参数：{benefits}。', weight: 3 },
    '为日常稳定使用而设计。',
  ],
  price_line: ['售价{price}。', '现价{price}。'],
  'price_line:premium': ['礼遇价{price}。', '售价{price}。'],

  offer_line: ['现享{offer}{until?}。', '下单即享{offer}{until?}。', '限时享{offer}{until}。'],
  'offer_line:premium': ['诚邀您尊享{offer}{until?}。', '特别为您准备{offer}礼遇{until?}。'],
  'offer_line:playful': ['{offer}已就位{until?}！', '悄悄放送{offer}{until?}！'],
  'offer_line:professional': ['优惠：{offer}{until?}。', '活动价：{offer}{until?}。'],
  until: ['，{expires}截止', '，活动至{expires}', '，截至{expires}'],
  coupon_line: ['结账时输入优惠码{coupon}。', '您的优惠码：{coupon}。', '使用优惠码{coupon}即可享受。'],
  deal: ['{offer_line}{coupon_line?}', { text: '{coupon_line}', unless: ['offer'] }],

  audience_line: [
    '专为{persona}挑选。',
    '热爱{interest}的您，不妨来看看。',
    '喜欢{interest}的您，会找到共鸣。',
  ],

  cta: ['快来看看吧。', '点击了解详情。', '欢迎选购。', '去看看吧。'],
  'cta:premium': ['敬请品鉴。', '欢迎莅临选购。', '诚邀您前来探索。'],
  'cta:playful': ['快来带它回家！', '点开看看吧！', '心动不如行动！'],
  'cta:professional': ['了解详情请点击。', '欢迎下单。', '查看完整参数。'],
  'cta:care': ['有任何问题，欢迎随时联系我们。', '我们一直都在，需要时随时找我们。'],
  cta_short: ['立即选购', '点击了解', '去看看'],
  'cta_short:premium': ['敬请品鉴', '探索更多'],
  'cta_short:playful': ['快来看看', '带它回家'],
  'cta_short:professional': ['了解详情', '欢迎下单'],

  greeting: ['亲爱的{name}，', '{name}，您好！'],
  'greeting:premium': ['尊敬的{name}：'],
  'greeting:playful': ['嗨，{name}！'],
  'greeting:professional': ['{name}，您好：'],
  signoff: ['祝好！\n{brand}团队', '期待再见！\n{brand}团队'],
  'signoff:premium': ['此致\n敬礼！\n{brand}', '{brand}敬上'],
  'signoff:playful': ['比心！\n{brand}小伙伴们', '下次见！\n{brand}团队'],
  'signoff:professional': ['{brand}团队\n敬上', '顺颂商祺！\n{brand}团队'],
  tagline: ['{brand}，{vocab}。', '在{brand}，我们在意{vocab}。'],
};
