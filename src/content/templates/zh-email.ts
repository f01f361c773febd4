import type { Grammar } from './grammar.js';

/**
 * 中文邮件：主题（≤60 宽度）、预览文字（≤100 宽度）和正文。正文以 `{{first_name}}` 称呼
 * 读者，结尾的退订说明由代码追加。
 */
export const zhEmail: Grammar = {
  email_subject: [
    { text: '{hook_short}{emoji?}', weight: 3 },
    '{name}，{subject_tail}',
    '{hook_short}｜{brand}',
  ],
  subject_tail: ['这是给您的一份心意', '{brand}有新消息', '{brand}给您写了封信'],
  'subject_tail:promotion': ['您的{offer}优惠已备好', '优惠季开始啦', '一份好价请查收'],
  'subject_tail:birthday': ['生日快乐！', '您的生日礼已备好', '一份生日心意请查收'],
  'subject_tail:anniversary': ['周年快乐！', '感谢又一年的陪伴', '一起庆祝吧'],
  'subject_tail:win_back': ['好久不见', '{brand}上新了', '我们想您了'],
  'subject_tail:care': ['一切还好吗？', '我们随时都在', '来自{brand}的问候'],
  'subject_tail:restock': ['{item_short}补货啦', '好消息来了', '您关注的商品回来了'],
  'subject_tail:festival': ['{festival_wish}！', '{festival}好礼已备好', '节日快乐！'],

  email_preheader: [
    '{hook}{deal?}',
    '{hook}{pitch?}',
    { text: '{deal}{cta}', needs: ['offer'] },
    '{hook}{cta_short}。',
  ],

  email_body: [
    '{greeting}\n\n{hook}{pitch?}\n\n{email_offer?}\n\n{audience_line?}{cta}\n\n{signoff}\n\n{ps?}',
    '{greeting}\n\n{hook}{email_middle}\n\n{email_offer?}\n\n{cta}\n\n{signoff}',
    '{greeting}\n\n{hook}\n\n{pitch}{price_line?}\n\n{email_offer?}{cta}\n\n{signoff}\n\n{ps?}',
  ],
  email_middle: ['{pitch}', '我们为您准备了几样您可能会喜欢的东西。', '这是我们近来用心准备的一些新内容。'],
  'email_middle:care': [
    '如果有任何不顺手的地方，直接回复这封邮件，会有同事为您处理。',
    '无论好坏，我们都很想听听您的使用感受。',
  ],
  'email_middle:birthday': ['愿您的这一天充满美好。', '生日值得一份小惊喜，下面这份心意请收下。'],
  email_offer: ['{deal}', '{offer_line}{coupon_line?}'],
  ps: ['附：{tagline}', '附：有任何问题，直接回复这封邮件即可，每一封我们都会认真阅读。'],
};
