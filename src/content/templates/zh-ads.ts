import type { Grammar } from './grammar.js';

/**
 * 中文广告格式：搜索广告、信息流广告、短信、公众号文章。根规则名为 `<格式>_<字段>`。
 * 搜索广告不带表情（Google Ads 编辑政策）；短信以【签名】开头（《通信短信息服务管理规定》），
 * 结尾的“回T退订”由代码追加。
 */
export const zhAds: Grammar = {
  search_ad_headline: [
    { text: '{hook_short}', weight: 3 },
    '{item_short}｜{brand}',
    '{brand}｜{item_short}',
    { text: '{product}{offer}', weight: 2 },
  ],
  search_ad_description: [
    '{hook}{deal?}{cta}',
    '{hook}{pitch?}{cta}',
    '{hook}{price_line?}{cta}',
    '{hook}{audience_line?}{cta}',
  ],

  feed_ad_headline: [
    { text: '{hook_short}{emoji?}', weight: 3 },
    '{item_short}，{cta_short}',
    '{emoji?}{brand}｜{hook_short}',
  ],
  feed_ad_primary_text: [
    '{emoji?}{hook}{pitch?}{deal?}{cta}',
    '{hook}{deal?}{price_line?}{cta}{emoji?}',
    '{hook}{audience_line?}{cta}{emoji2?}',
    '{hook}{emoji?}{tagline?}{cta}',
  ],

  sms_text: [
    '【{brand}】{sms_greeting?}{hook}{deal?}{cta_sms?}',
    '【{brand}】{hook}{price_line?}{deal?}',
    '【{brand}】{sms_greeting?}{hook}{pitch?}{cta_sms?}',
  ],
  sms_greeting: ['{name}您好，', '亲爱的{name}，'],
  'sms_greeting:premium': ['尊敬的{name}，'],
  'sms_greeting:playful': ['嗨，{name}！'],
  cta_sms: ['欢迎选购。', '期待您的光临。'],
  'cta_sms:care': ['有问题随时联系我们。'],

  wechat_article_title: [
    '{hook_short}｜{brand}',
    '{hook_short}：{title_tail}',
    { text: '{hook_short}{emoji?}', weight: 2 },
  ],
  title_tail: ['一文看懂', '细节解析', '新品速览'],
  'title_tail:premium': ['值得细品的好物', '背后的故事'],
  'title_tail:playful': ['这次有点不一样', '惊喜在这里'],
  'title_tail:professional': ['产品要点一览', '您需要知道的事'],
  wechat_article_digest: [
    '{hook}{pitch?}{deal?}',
    '{hook}{audience_line?}{cta}',
    '{hook}{price_line?}{cta}{emoji?}',
  ],
};
