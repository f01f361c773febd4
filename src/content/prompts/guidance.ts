import type { ContentLocale, FormatId } from '../channels.js';
import type { BrandVoice, EmojiPolicy, Occasion } from '../types.js';

/**
 * The per-locale wording the prompt builder puts into template variables: tone, emoji policy,
 * what each format is for, what each occasion asks of the copy, the opt-out each channel needs,
 * and the display names of fields. Written separately for each language (not translated line by
 * line), because Chinese copy has its own conventions (短信签名【】, 微博 #话题#, 几折 for discounts).
 */

type PerLocale = Readonly<Record<ContentLocale, string>>;

export const toneGuidance: Readonly<Record<BrandVoice['tone'], PerLocale>> = {
  friendly: {
    en: 'friendly and warm — plain words, short sentences, talks to the reader as "you"',
    zh: '亲切温暖——多用大白话和短句，像朋友聊天一样用"你"称呼读者',
  },
  premium: {
    en: 'premium and understated — calm, precise and confident; lets materials, craft and details speak instead of hype; no exclamation marks',
    zh: '高端克制——语气沉稳、用词讲究，用材质、工艺和细节说话，不吆喝，不用感叹号，称呼读者用"您"',
  },
  playful: {
    en: 'playful and lively — light humour and wordplay are welcome, but facts are never a joke',
    zh: '俏皮活泼——可以轻松幽默、玩点文字游戏，但涉及事实的地方一律说准',
  },
  professional: {
    en: 'professional and clear — factual and well structured, no slang',
    zh: '专业清晰——就事论事、条理分明，不用网络流行语，称呼读者用"您"',
  },
};

export const emojiGuidance: Readonly<Record<EmojiPolicy, PerLocale>> = {
  none: { en: 'use no emoji at all.', zh: '不使用任何 emoji。' },
  sparing: {
    en: 'at most one emoji per field, only where it adds meaning.',
    zh: '每个字段最多一个 emoji，只用在点睛的地方。',
  },
  free: {
    en: 'emoji are welcome where they fit the tone, but do not pile them up.',
    zh: '可以自然地使用 emoji，但不要堆砌。',
  },
};

/** Formats whose platforms reject emoji (Google Ads editorial policy; an emoji turns a GSM-7 SMS into UCS-2). */
export const emojiForbidden: Readonly<Partial<Record<FormatId, readonly ContentLocale[]>>> = {
  search_ad: ['en', 'zh'],
  sms: ['en'],
};

export const emojiForbiddenNote: PerLocale = {
  en: 'use no emoji at all (this format does not allow them).',
  zh: '不使用任何 emoji（这种格式不允许）。',
};

export const formatGuidance: Readonly<Record<FormatId, PerLocale>> = {
  search_ad: {
    en: 'A responsive search ad (Google Ads style). The headline names the product or its main benefit so that someone searching for it wants to click; the description adds one concrete detail and a call to action. No exclamation mark in the headline and no words in ALL CAPS: the ad platforms reject them.',
    zh: '搜索广告（类似百度、Google 搜索广告）。标题点出产品或核心利益，让正在搜这类东西的人想点进来；描述补一个具体卖点，再给出行动号召。标题里不要用感叹号，平台审核不通过。',
  },
  feed_ad: {
    en: 'A social feed ad (Meta style). The primary text must hook the reader in its first line, because the rest is cut off after about 125 characters; the headline under the image is short and says what the reader gets or should do.',
    zh: '信息流广告。正文第一句就要抓住人，后面的内容在信息流里会被折叠；图片下方的标题要短，说清楚能得到什么或该做什么。',
  },
  sms: {
    en: 'A marketing text message. Start with the brand name in square brackets, e.g. [Brand]. One message, one point. Use plain characters only (no emoji, no curly quotes): any character outside the GSM alphabet cuts the limit from 160 to 70.',
    zh: '营销短信。开头用【品牌名】做签名（运营商要求），签名也算在字数里。一条短信只说一件事，说清楚优惠或提醒的内容。',
  },
  wechat_article: {
    en: 'A WeChat Official Account article card. The title makes people want to open the article without being clickbait; the digest is the line shown under the title when the article is shared, and says what the reader will get from it.',
    zh: '公众号文章的标题和摘要。标题让人想点开，但不做标题党；摘要是转发卡片上显示的那段话，概括读者点进来能得到什么。',
  },
  email: {
    en: 'A marketing email. The subject makes the reader want to open it; the preheader (the grey line shown after the subject in the inbox) adds to the subject instead of repeating it; the body opens with a greeting, says one thing clearly, has one call to action and ends with the opt-out line.',
    zh: '营销邮件。主题要让人想打开；预览文字（收件箱里跟在主题后面的那行灰字）补充主题而不是重复它；正文先问候，再把一件事说清楚，只放一个行动号召，最后是退订说明。',
  },
  product_description: {
    en: 'Product page copy. The title says what the product is and its key attribute; the body turns the given attributes into benefits for the buyer, in short paragraphs or a few lines starting with "- ", and includes every important fact given (material, size, care …).',
    zh: '商品详情页文案。标题写清楚是什么商品和它最突出的属性；正文把给出的属性转化成对买家的好处，用短段落或几行以"- "开头的要点呈现，给出的重要信息（材质、规格、保养方法等）都要写到。',
  },
  social_post: {
    en: 'A post for a social network (X or Instagram style): conversational, one idea per post, may end with a question or a call to action; at most two hashtags.',
    zh: '社交平台帖子（小红书、朋友圈这类）：口语化，一条只讲一件事，可以用一个问题或行动号召收尾；话题标签最多两个。',
  },
  weibo_post: {
    en: 'A Weibo post (Chinese microblog): conversational and current; topics are written with a hash on both sides, like #topic#, at most two.',
    zh: '微博：口语化、有网感但不油腻，可以蹭合适的话题；话题写成 #话题# 的形式（前后各一个 #），最多两个。',
  },
  brand_story: {
    en: 'A brand story: where the brand comes from and what it cares about, told through one concrete scene or detail rather than slogans. Use only the facts given; where facts are missing, stay general rather than inventing founders, years, places or awards.',
    zh: '品牌故事：讲品牌从哪里来、在意什么，用一个具体的场景或细节来讲，而不是喊口号。只用给出的事实；没有提供的信息宁可写得概括些，也不要编造创始人、年份、地点或奖项。',
  },
};

export const occasionGuidance: Readonly<Record<Occasion, PerLocale>> = {
  birthday: {
    en: "the reader's birthday. Celebrate them first, warmly and personally; mention any gift or offer only after the greeting, without pressure to buy.",
    zh: '顾客生日。先真诚地送上祝福，再自然地带出生日礼遇；不要催促下单。',
  },
  anniversary: {
    en: "the anniversary of the reader's first order or membership. Thank them for the time together, look back briefly without getting sentimental, and add a small token of thanks if an offer is given.",
    zh: '顾客首单或入会周年。感谢这段时间的陪伴，简单回顾但不煽情；如果有优惠，就当作一份心意送上。',
  },
  win_back: {
    en: 'winning back a customer who has not bought for a while. Say you miss them without guilt-tripping, and give one concrete reason to come back (something new, or the offer).',
    zh: '唤回很久没有下单的老顾客。表达想念，但不要让人有负罪感；给一个回来的具体理由（上了新品，或者有优惠）。',
  },
  care: {
    en: 'a care message. Check in on how the product is working out and share one practical tip for using or looking after it; no hard sell, at most a gentle mention that help is available.',
    zh: '关怀问候。关心一下商品用得怎么样，分享一个实用的使用或保养小技巧；不推销，最多轻轻提一句有问题可以随时找我们。',
  },
  launch: {
    en: 'a new product launch. Lead with what is new and why it matters to this reader.',
    zh: '新品上市。开门见山说新在哪里、对读者有什么好处。',
  },
  promotion: {
    en: 'a promotion. State the offer clearly, with its end date if one is given; any urgency must come from that real end date, never from invented scarcity such as "only 3 left".',
    zh: '促销活动。把优惠说清楚，有截止日期就写明；紧迫感只能来自真实的截止时间，不要编造"仅剩3件""马上涨价"之类的话。',
  },
  restock: {
    en: 'an item back in stock. The product the reader was interested in is available again; keep it short and to the point.',
    zh: '到货提醒。顾客关注的商品又有货了，简短直接地告诉对方。',
  },
  festival: {
    en: 'a festival (named in the data below). Greet the reader in a way that fits the festival and its customs, then link naturally to the product or the offer.',
    zh: '节日（节日名称见下方资料）。按这个节日的习俗送上问候，再自然地引出商品或优惠。',
  },
};

/** The opt-out each channel needs; the wording matches what compliance lint accepts and fixPiece appends. */
export const optOutGuidance: Readonly<Partial<Record<FormatId, PerLocale>>> = {
  email: {
    en: 'the body must end with an unsubscribe line that contains the slot {{unsubscribe_url}}, for example "Unsubscribe: {{unsubscribe_url}}" (CAN-SPAM requires a working opt-out in every marketing email).',
    zh: '正文最后必须有退订说明，并带上占位符 {{unsubscribe_url}}，例如"如不想再收到此类邮件，请点击{{unsubscribe_url}}退订"（营销邮件必须提供退订方式）。',
  },
  sms: {
    en: 'the text must end with "Reply STOP to opt out" (carriers and the TCPA require an opt-out in marketing texts).',
    zh: '短信末尾必须加上"回T退订"（《通信短信息服务管理规定》要求营销短信提供退订方式），这几个字也算在字数里。',
  },
};

/** Field names as the reader of the prompt knows them. */
export const fieldLabels: Readonly<Record<string, PerLocale>> = {
  headline: { en: 'headline', zh: '标题' },
  description: { en: 'description', zh: '描述' },
  primary_text: { en: 'primary text', zh: '正文' },
  text: { en: 'text', zh: '正文' },
  title: { en: 'title', zh: '标题' },
  digest: { en: 'digest', zh: '摘要' },
  subject: { en: 'subject line', zh: '邮件主题' },
  preheader: { en: 'preheader', zh: '预览文字' },
  body: { en: 'body', zh: '正文' },
};
