/**
 * Fake-name banks for the demo data (Chinese and English), cities in China and abroad, and the
 * variants used to plant duplicate identities (nicknames, near-homophone typos). No pinyin:
 * Chinese customers get numeric mail handles.
 */

function words(text: string): readonly string[] {
  return text.split(' ');
}

/** Common Chinese surnames (most frequent first) and a few compound surnames. */
export const ZH_FAMILY_NAMES: readonly string[] = words(
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 方 白 邹 孟 熊 秦 邱 江 尹 薛 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 武 戴 莫 孔 向 汤 欧阳 司马 诸葛 上官',
);

export const ZH_GIVEN_FEMALE: readonly string[] = words(
  '丽 静 敏 燕 艳 娟 霞 芳 婷 雪 慧 玲 琳 颖 倩 洁 欣 怡 佳 雨 涵 梦 晨 思 萱 悦 璐 瑶 蕾 薇 莉 珊 晶 丹 彤 月',
);
export const ZH_GIVEN_MALE: readonly string[] = words(
  '伟 强 磊 军 勇 杰 涛 斌 超 明 刚 平 辉 鹏 华 飞 鑫 波 宇 浩 凯 健 俊 帆 旭 宁 龙 林 博 文 轩 然 泽 天 峰 成',
);

/** Near-homophone or look-alike characters: the typos of a re-keyed name. */
// biome-ignore format: data table
export const ZH_TYPO: Readonly<Record<string, string>> = {
  伟: '玮', 丽: '莉', 静: '婧', 敏: '民', 燕: '艳', 艳: '燕', 芳: '方', 婷: '亭', 玲: '琳', 琳: '玲', 杰: '洁',
  涛: '韬', 斌: '彬', 明: '铭', 辉: '晖', 鹏: '朋', 华: '桦', 飞: '菲', 波: '博', 宇: '雨', 浩: '皓', 凯: '恺',
  健: '建', 俊: '峻', 帆: '凡', 旭: '煦', 宁: '凝', 龙: '隆', 晨: '辰', 文: '雯', 轩: '萱', 然: '冉', 泽: '则',
  思: '斯', 梦: '孟', 佳: '嘉', 欣: '昕', 怡: '宜', 颖: '莹', 倩: '茜', 洁: '杰', 慧: '惠', 璐: '露', 瑶: '遥',
  蕾: '雷', 薇: '微', 涵: '晗', 悦: '月', 雪: '雯', 娟: '鹃', 霞: '侠', 强: '墙', 磊: '垒', 军: '君', 勇: '涌',
  超: '潮', 刚: '钢', 平: '萍', 鑫: '新', 博: '波', 林: '琳', 天: '添', 峰: '锋', 成: '诚', 莉: '丽', 珊: '姗',
  晶: '静', 丹: '单', 彤: '桐', 月: '悦', 萱: '轩', 雨: '宇',
};

export interface EnFirstName {
  readonly name: string;
  readonly nickname: string | null;
}

// biome-ignore format: data table
export const EN_FIRST_MALE: readonly EnFirstName[] = [
  { name: 'James', nickname: 'Jim' }, { name: 'Robert', nickname: 'Bob' }, { name: 'John', nickname: 'Johnny' },
  { name: 'Michael', nickname: 'Mike' }, { name: 'William', nickname: 'Bill' }, { name: 'David', nickname: 'Dave' },
  { name: 'Richard', nickname: 'Rick' }, { name: 'Joseph', nickname: 'Joe' }, { name: 'Thomas', nickname: 'Tom' },
  { name: 'Christopher', nickname: 'Chris' }, { name: 'Daniel', nickname: 'Dan' }, { name: 'Matthew', nickname: 'Matt' },
  { name: 'Anthony', nickname: 'Tony' }, { name: 'Andrew', nickname: 'Andy' }, { name: 'Steven', nickname: 'Steve' },
  { name: 'Edward', nickname: 'Ed' }, { name: 'Benjamin', nickname: 'Ben' }, { name: 'Samuel', nickname: 'Sam' },
  { name: 'Nicholas', nickname: 'Nick' }, { name: 'Alexander', nickname: 'Alex' }, { name: 'Jonathan', nickname: 'Jon' },
  { name: 'Patrick', nickname: 'Pat' }, { name: 'Timothy', nickname: 'Tim' }, { name: 'Gregory', nickname: 'Greg' },
  { name: 'Kevin', nickname: null }, { name: 'Brian', nickname: null }, { name: 'Ryan', nickname: null },
  { name: 'Jason', nickname: null }, { name: 'Ethan', nickname: null }, { name: 'Lucas', nickname: null },
];
// biome-ignore format: data table
export const EN_FIRST_FEMALE: readonly EnFirstName[] = [
  { name: 'Elizabeth', nickname: 'Liz' }, { name: 'Jennifer', nickname: 'Jenny' }, { name: 'Katherine', nickname: 'Kate' },
  { name: 'Margaret', nickname: 'Meg' }, { name: 'Susan', nickname: 'Sue' }, { name: 'Rebecca', nickname: 'Becky' },
  { name: 'Jessica', nickname: 'Jess' }, { name: 'Patricia', nickname: 'Patty' }, { name: 'Victoria', nickname: 'Vicky' },
  { name: 'Abigail', nickname: 'Abby' }, { name: 'Samantha', nickname: 'Sam' }, { name: 'Christina', nickname: 'Tina' },
  { name: 'Deborah', nickname: 'Debbie' }, { name: 'Kimberly', nickname: 'Kim' }, { name: 'Jacqueline', nickname: 'Jackie' },
  { name: 'Alexandra', nickname: 'Alex' }, { name: 'Sophia', nickname: 'Sophie' }, { name: 'Isabella', nickname: 'Bella' },
  { name: 'Amanda', nickname: 'Mandy' }, { name: 'Melissa', nickname: 'Mel' }, { name: 'Stephanie', nickname: 'Steph' },
  { name: 'Natalie', nickname: 'Nat' }, { name: 'Emily', nickname: null }, { name: 'Hannah', nickname: null },
  { name: 'Olivia', nickname: null }, { name: 'Grace', nickname: null }, { name: 'Chloe', nickname: null },
  { name: 'Laura', nickname: null }, { name: 'Rachel', nickname: null }, { name: 'Megan', nickname: null },
];
export const EN_LAST_NAMES: readonly string[] = words(
  "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray Hughes Price Sanders Patel Nguyen O'Brien McDonald Fischer Schmidt Rossi Dubois Kowalski Andersen",
);

export interface City {
  readonly city: string;
  readonly region: string;
  readonly country: string;
  /** Short code used in store ids. */
  readonly code: string;
  readonly weight: number;
  /** Phone style of the country. */
  readonly phoneStyle: 'cn' | 'us' | 'gb' | 'au' | 'sg' | 'hk' | 'my';
}

/** Cities of Chinese-locale customers (names in Chinese). */
// biome-ignore format: data table
export const ZH_CITIES: readonly City[] = [
  { city: '上海', region: '上海市', country: 'CN', code: 'sha', weight: 12, phoneStyle: 'cn' },
  { city: '北京', region: '北京市', country: 'CN', code: 'pek', weight: 11, phoneStyle: 'cn' },
  { city: '广州', region: '广东省', country: 'CN', code: 'can', weight: 8, phoneStyle: 'cn' },
  { city: '深圳', region: '广东省', country: 'CN', code: 'szx', weight: 8, phoneStyle: 'cn' },
  { city: '杭州', region: '浙江省', country: 'CN', code: 'hgh', weight: 6, phoneStyle: 'cn' },
  { city: '成都', region: '四川省', country: 'CN', code: 'ctu', weight: 6, phoneStyle: 'cn' },
  { city: '南京', region: '江苏省', country: 'CN', code: 'nkg', weight: 4, phoneStyle: 'cn' },
  { city: '武汉', region: '湖北省', country: 'CN', code: 'wuh', weight: 4, phoneStyle: 'cn' },
  { city: '西安', region: '陕西省', country: 'CN', code: 'xiy', weight: 3, phoneStyle: 'cn' },
  { city: '重庆', region: '重庆市', country: 'CN', code: 'ckg', weight: 4, phoneStyle: 'cn' },
  { city: '天津', region: '天津市', country: 'CN', code: 'tsn', weight: 3, phoneStyle: 'cn' },
  { city: '苏州', region: '江苏省', country: 'CN', code: 'szv', weight: 3, phoneStyle: 'cn' },
  { city: '长沙', region: '湖南省', country: 'CN', code: 'csx', weight: 2, phoneStyle: 'cn' },
  { city: '郑州', region: '河南省', country: 'CN', code: 'cgo', weight: 2, phoneStyle: 'cn' },
  { city: '青岛', region: '山东省', country: 'CN', code: 'tao', weight: 2, phoneStyle: 'cn' },
  { city: '厦门', region: '福建省', country: 'CN', code: 'xmn', weight: 2, phoneStyle: 'cn' },
  { city: '昆明', region: '云南省', country: 'CN', code: 'kmg', weight: 1.5, phoneStyle: 'cn' },
  { city: '沈阳', region: '辽宁省', country: 'CN', code: 'she', weight: 1.5, phoneStyle: 'cn' },
  { city: '宁波', region: '浙江省', country: 'CN', code: 'ngb', weight: 1.5, phoneStyle: 'cn' },
  { city: '合肥', region: '安徽省', country: 'CN', code: 'hfe', weight: 1.5, phoneStyle: 'cn' },
  { city: '哈尔滨', region: '黑龙江省', country: 'CN', code: 'hrb', weight: 1, phoneStyle: 'cn' },
  { city: '香港', region: '香港', country: 'HK', code: 'hkg', weight: 1.5, phoneStyle: 'hk' },
  { city: '新加坡', region: '新加坡', country: 'SG', code: 'sin', weight: 1.5, phoneStyle: 'sg' },
  { city: '吉隆坡', region: '吉隆坡', country: 'MY', code: 'kul', weight: 1, phoneStyle: 'my' },
  { city: '温哥华', region: '不列颠哥伦比亚省', country: 'CA', code: 'yvr', weight: 1, phoneStyle: 'us' },
  { city: '悉尼', region: '新南威尔士州', country: 'AU', code: 'syd', weight: 1, phoneStyle: 'au' },
];

/** Cities of English-locale customers. */
// biome-ignore format: data table
export const EN_CITIES: readonly City[] = [
  { city: 'New York', region: 'NY', country: 'US', code: 'nyc', weight: 8, phoneStyle: 'us' },
  { city: 'San Francisco', region: 'CA', country: 'US', code: 'sfo', weight: 5, phoneStyle: 'us' },
  { city: 'Los Angeles', region: 'CA', country: 'US', code: 'lax', weight: 5, phoneStyle: 'us' },
  { city: 'Seattle', region: 'WA', country: 'US', code: 'sea', weight: 3, phoneStyle: 'us' },
  { city: 'Chicago', region: 'IL', country: 'US', code: 'chi', weight: 3, phoneStyle: 'us' },
  { city: 'Boston', region: 'MA', country: 'US', code: 'bos', weight: 2, phoneStyle: 'us' },
  { city: 'Austin', region: 'TX', country: 'US', code: 'aus', weight: 2, phoneStyle: 'us' },
  { city: 'Toronto', region: 'ON', country: 'CA', code: 'yyz', weight: 3, phoneStyle: 'us' },
  { city: 'Vancouver', region: 'BC', country: 'CA', code: 'yvr', weight: 2, phoneStyle: 'us' },
  { city: 'London', region: 'England', country: 'GB', code: 'lon', weight: 6, phoneStyle: 'gb' },
  { city: 'Manchester', region: 'England', country: 'GB', code: 'man', weight: 2, phoneStyle: 'gb' },
  { city: 'Sydney', region: 'NSW', country: 'AU', code: 'syd', weight: 3, phoneStyle: 'au' },
  { city: 'Melbourne', region: 'VIC', country: 'AU', code: 'mel', weight: 2, phoneStyle: 'au' },
  { city: 'Singapore', region: 'Singapore', country: 'SG', code: 'sin', weight: 3, phoneStyle: 'sg' },
  { city: 'Hong Kong', region: 'Hong Kong', country: 'HK', code: 'hkg', weight: 2, phoneStyle: 'hk' },
  { city: 'Shanghai', region: 'Shanghai', country: 'CN', code: 'sha', weight: 3, phoneStyle: 'cn' },
  { city: 'Beijing', region: 'Beijing', country: 'CN', code: 'pek', weight: 2, phoneStyle: 'cn' },
];

export const US_AREA_CODES: readonly string[] = words(
  '212 646 415 628 213 310 206 312 617 512 416 604 718 323 408',
);

/** Mail domains reserved for documentation (example.com/.org/.net, RFC 2606) or obviously fake. */
export const ZH_MAIL_DOMAINS: readonly string[] = ['example.cn', 'mail.example.cn', 'example.com'];
export const EN_MAIL_DOMAINS: readonly string[] = [
  'example.com',
  'example.org',
  'example.net',
  'mail.example.com',
];
