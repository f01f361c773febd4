import type { Block, Section } from '../../report/index.js';
import type { Queryable } from '../../store/store.js';

/** Source tables counted in the overview, with their labels. */
const countedTables: readonly { table: string; en: string; zh: string }[] = [
  { table: 'customers', en: 'Customer records', zh: '客户记录' },
  { table: 'orders', en: 'Orders', zh: '订单' },
  { table: 'order_lines', en: 'Order lines', zh: '订单明细' },
  { table: 'products', en: 'Products', zh: '商品' },
  { table: 'events', en: 'Web/app events', zh: '网站/应用事件' },
  { table: 'touchpoints', en: 'Marketing touchpoints', zh: '营销触点' },
  { table: 'campaigns', en: 'Campaigns', zh: '营销活动' },
  { table: 'documents', en: 'Reviews, posts, tickets', zh: '评论、帖子与工单' },
  { table: 'kb_articles', en: 'Knowledge-base articles', zh: '知识库文章' },
  { table: 'experiments', en: 'Experiments', zh: '实验' },
];

const channelLabels: Record<string, { en: string; zh: string }> = {
  online: { en: 'Online shop', zh: '线上商城' },
  store: { en: 'Offline stores', zh: '线下门店' },
  miniprogram: { en: 'Mini-program', zh: '小程序' },
  app: { en: 'App', zh: '应用' },
  marketplace: { en: 'Marketplace', zh: '第三方平台' },
  phone: { en: 'Phone', zh: '电话' },
  other: { en: 'Other', zh: '其他' },
};

const month = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 7) : String(value).slice(0, 7);

export interface DataWindow {
  readonly start: Date;
  readonly end: Date;
}

/** First and last order time, the window most analyses use. */
export async function orderDataWindow(db: Queryable): Promise<DataWindow | null> {
  const rows = await db.query('SELECT min(ordered_at) AS start, max(ordered_at) AS "end" FROM orders');
  const row = rows[0];
  if (!row || !(row.start instanceof Date) || !(row.end instanceof Date)) return null;
  return { start: row.start, end: row.end };
}

/** "What is in the workspace": table sizes, sales over time, channel mix. */
export async function buildOverviewSection(db: Queryable): Promise<Section> {
  const kpis: { label: { en: string; zh: string }; value: string }[] = [];
  for (const t of countedTables) {
    const rows = await db.query(`SELECT count(*) AS n FROM "${t.table}"`);
    kpis.push({ label: { en: t.en, zh: t.zh }, value: Number(rows[0]?.n ?? 0).toLocaleString('en-US') });
  }
  const window = await orderDataWindow(db);
  const blocks: Block[] = [{ kind: 'kpis', items: kpis }];

  const monthly = await db.query(
    `SELECT date_trunc('month', ordered_at) AS month, currency, count(*) AS orders, sum(total_amount) AS revenue
     FROM orders WHERE status IS NULL OR status <> 'cancelled' GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const months = [...new Set(monthly.map((r) => month(r.month)))];
  const currencies = [...new Set(monthly.map((r) => String(r.currency ?? '—')))];
  if (months.length > 0) {
    for (const currency of currencies) {
      const byMonth = new Map(
        monthly.filter((r) => String(r.currency ?? '—') === currency).map((r) => [month(r.month), r]),
      );
      blocks.push({
        kind: 'chart',
        caption: { en: `Monthly revenue (${currency})`, zh: `月度销售额（${currency}）` },
        chart: {
          type: 'line',
          categories: months,
          valueFormat: 'number',
          yLabel: { en: `Revenue (${currency})`, zh: `销售额（${currency}）` },
          series: [
            {
              name: { en: 'Revenue', zh: '销售额' },
              values: months.map((m) => (byMonth.has(m) ? Number(byMonth.get(m)?.revenue) : null)),
            },
          ],
          area: true,
        },
      });
    }
  }
  const byChannel = await db.query(
    `SELECT coalesce(channel, 'other') AS channel, count(*) AS orders, count(DISTINCT customer_id) AS buyers
     FROM orders GROUP BY 1 ORDER BY 2 DESC`,
  );
  if (byChannel.length > 0) {
    blocks.push({
      kind: 'chart',
      caption: { en: 'Orders and buyers by sales channel', zh: '各销售渠道的订单数与购买客户数' },
      chart: {
        type: 'bar',
        categories: byChannel.map((r) => channelLabels[String(r.channel)] ?? String(r.channel)),
        series: [
          { name: { en: 'Orders', zh: '订单' }, values: byChannel.map((r) => Number(r.orders)) },
          { name: { en: 'Buyers', zh: '购买客户' }, values: byChannel.map((r) => Number(r.buyers)) },
        ],
        valueFormat: 'int',
      },
    });
  }
  const byLocale = await db.query(
    `SELECT coalesce(acquisition_channel, 'other') AS channel, coalesce(locale, 'other') AS locale, count(*) AS n
     FROM customers GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  if (byLocale.length > 0) {
    const channels = [...new Set(byLocale.map((r) => String(r.channel)))];
    const locales = [...new Set(byLocale.map((r) => String(r.locale)))];
    blocks.push({
      kind: 'chart',
      caption: {
        en: 'Customer records by acquisition channel and language',
        zh: '按获客渠道与语言划分的客户记录',
      },
      chart: {
        type: 'stacked-bar',
        categories: channels.map((c) => channelLabels[c] ?? c),
        series: locales.map((locale) => ({
          name:
            locale === 'zh'
              ? { en: 'Chinese', zh: '中文' }
              : locale === 'en'
                ? { en: 'English', zh: '英文' }
                : locale,
          values: channels.map((c) =>
            Number(byLocale.find((r) => r.channel === c && r.locale === locale)?.n ?? 0),
          ),
        })),
        valueFormat: 'int',
      },
    });
  }
  return {
    id: 'overview',
    title: { en: 'Your data at a glance', zh: '数据概览' },
    summary: {
      en: 'What the workspace holds: row counts, sales over time and the channel mix.',
      zh: '工作区中的数据：各表行数、销售趋势与渠道构成。',
    },
    provenance: {
      engine: 'classic',
      ...(window ? { dataWindow: { start: window.start, end: window.end } } : {}),
      note: {
        en: 'Exact counts and sums in SQL; cancelled orders excluded from revenue.',
        zh: 'SQL 精确计数与求和；销售额不含已取消订单。',
      },
    },
    blocks,
  };
}
