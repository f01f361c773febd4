import type { Grammar } from './grammar.js';

/**
 * 中文长文与社交格式：商品描述、品牌故事、社交帖子、微博。品牌故事只讲理念，不编造历史
 * （不写创立年份、奖项、排名）。
 */
export const zhLong: Grammar = {
  product_description_title: [
    { text: '{product}｜{category}', weight: 2 },
    '{maker}出品｜{product}',
    '{product}，{benefit}',
    '{product}',
    '{brand}｜{product}',
  ],
  product_description_body: [
    '{hook}{description_intro}\n\n{spec_block?}\n\n{audience_line?}{price_line?}{deal?}\n\n{cta}',
    '{description_intro}{pitch?}\n\n{spec_block?}\n\n{price_line?}{deal?}{cta}',
    '{hook}{description_intro}\n\n{pitch}{audience_line?}\n\n{spec_block?}\n\n{price_line?}{cta}{tagline?}',
  ],
  description_intro: [
    '{product}是{brand}{category}系列中的一员，从选材到做工都经过反复确认。',
    '想找一款合心意的{category}？来看看{brand}的{product}，日常用起来省心又顺手。',
    '{product}来自{brand}的{category}系列，我们在每一处细节上都花了心思。',
  ],
  'description_intro:premium': ['{product}，{brand}用心打造的{category}，经得起日复一日的使用。'],
  'description_intro:playful': ['想要一件有个性的{category}？{product}来报到，让日常多一点乐趣！'],
  'description_intro:professional': [
    '{product}属于{brand}{category}品类，以下是它的主要信息，供您选购时参考。',
  ],
  spec_block: ['产品信息：\n{spec_list}', '规格参数：\n{spec_list}', '商品详情：\n{spec_list}'],

  brand_story_title: ['{brand}的故事', '关于{brand}', '{brand}：{vocab}', '{brand}为何出发', '我们是{brand}'],
  brand_story_body: [
    '{story_open}\n\n{story_craft}{story_product?}\n\n{story_value}{story_people}{story_promise}\n\n{story_occasion?}{story_close}',
    '{story_open}{story_people}\n\n{story_craft}{story_value}\n\n{story_product?}{story_promise}\n\n{story_occasion?}{story_close}',
  ],
  story_open: [
    '{brand}始于一个简单的信念：日常所用之物，都值得被用心对待，也值得被认真地做好。',
    '在{brand}，我们相信好东西不需要大声喧哗，它会在日复一日的使用中慢慢证明自己。',
    '{brand}的起点，是想把几件小事认真做好：选好材料，做好细节，照顾好每一位顾客。',
  ],
  'story_open:premium': [
    '{brand}相信耐心与克制，也尊重每一位使用我们产品的人，因此我们宁可慢一点，也要做得更好一点。',
  ],
  'story_open:playful': ['{brand}的出发点很简单：平凡的日子也可以很有趣，用的东西也可以让人会心一笑。'],
  'story_open:professional': ['{brand}专注于提供可靠、好用的日常产品，让顾客在每一次使用时都能放心。'],
  story_craft: [
    '我们认真挑选每一种材料和每一位合作伙伴，也一直在改进自己的产品，哪怕只是一个小小的细节。',
    '每一件产品背后，都有许多细小的决定，我们努力把每一个决定做好，再交到您的手上。',
    '我们倾听顾客的声音，反复测试每一个想法，不合适的地方就去改，改到满意为止。',
  ],
  story_product: [
    '比如{product}：{benefits}。',
    '{product}是我们{category}系列的一员，也是我们做事方式的一个缩影。',
    '从{product}身上，您能看到我们做事的方式。',
  ],
  story_people: [
    '我们为{persona}而做，也为每一位热爱{interest}的人而做。',
    '我们为在意细节的人而做，也为每一位愿意慢下来感受生活的人而做。',
    '顾客告诉我们什么重要，我们就认真去听，再把听到的变成更好的产品。',
  ],
  story_value: [
    '我们相信，真正的好产品，是让人用得久、用得安心，并且愿意一次又一次回来的产品。',
    '比起追逐潮流，我们更愿意把一件东西做扎实，让它陪您走过更多平常的日子。',
    '我们希望每一位顾客在打开包裹的那一刻，都能感受到我们花在细节上的心思。',
  ],
  story_promise: [
    '未来，我们会继续做好每一件小事，把时间花在真正重要的地方。',
    '我们不追求一时的热闹，只希望您每次用到我们的产品时，都觉得安心、顺手。',
  ],
  story_occasion: ['这个故事，我们还在继续书写。'],
  'story_occasion:launch': ['今天，我们翻开新的一页：{item}。'],
  'story_occasion:anniversary': ['每一个周年，都提醒我们为何出发，又为谁出发。'],
  'story_occasion:festival': ['这个{festival}，我们想和一路同行的您一起庆祝。'],
  'story_occasion:birthday': ['每一个生日，都值得被好好庆祝。'],
  story_close: [
    '对我们来说，一切归结为{vocab}与{vocab2}。感谢您成为这个故事的一部分。',
    '感谢您成为这个故事的一部分。{tagline?}',
    '很高兴遇见您，也期待和您一起走向下一程。',
  ],

  social_post_text: [
    '{emoji?}{hook}{pitch?}{deal?}{cta}{hashtag?}',
    '{hook}{emoji?}{audience_line?}{price_line?}{cta}{hashtag?}',
    '{hook}{deal?}{tagline?}{cta}{emoji2?}',
  ],
  weibo_post_text: [
    '{hashtag?}{hook}{pitch?}{deal?}{cta}{emoji?}',
    '{emoji?}{hook}{audience_line?}{cta}{hashtag?}',
    '{hook}{price_line?}{deal?}{cta}',
  ],
};
