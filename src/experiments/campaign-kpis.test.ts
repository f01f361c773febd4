import { describe, expect, it } from 'vitest';
import { deriveRng } from '../core/random.js';
import { makeWindow, windowPromotions } from '../demo/calendar.js';
import { generateMarketing } from '../demo/marketing.js';
import { type CampaignStatRow, campaignKpis, kpiValues, robustZAnomalies } from './campaign-kpis.js';

const row = (
  date: string,
  campaign: string,
  channel: string,
  n: Partial<CampaignStatRow> = {},
): CampaignStatRow => ({
  date,
  campaign,
  channel,
  impressions: 1000,
  clicks: 50,
  conversions: 5,
  spend: 100,
  revenue: 400,
  ...n,
});

describe('kpiValues', () => {
  it('computes the ratios of sums and null for zero denominators', () => {
    expect(kpiValues({ impressions: 1000, clicks: 50, conversions: 5, spend: 100, revenue: 400 })).toEqual({
      impressions: 1000,
      clicks: 50,
      conversions: 5,
      spend: 100,
      revenue: 400,
      ctr: 0.05,
      cvr: 0.1,
      cpc: 2,
      cpm: 100,
      cpa: 20,
      roas: 4,
      roi: 3,
    });
    const zero = kpiValues({ impressions: 0, clicks: 0, conversions: 0, spend: 0, revenue: 0 });
    expect([zero.ctr, zero.cvr, zero.cpc, zero.cpm, zero.cpa, zero.roas, zero.roi]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('robustZAnomalies', () => {
  // numpy: h = [10,12,11,13,9,10,11,12,10,11,9,13,12,11]; median 11, MAD 1 →
  // (30 − 11)/(1.4826·1) = 12.815324430055309, (5 − 11)/1.4826 = −4.046944556859572
  const history = [10, 12, 11, 13, 9, 10, 11, 12, 10, 11, 9, 13, 12, 11];
  const dates = Array.from({ length: 16 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`);
  it('flags |z| > 3.5 against the trailing median / MAD', () => {
    const high = robustZAnomalies(dates.slice(0, 15), [...history, 30]);
    expect(high).toHaveLength(1);
    expect(high[0]?.robustZ).toBeCloseTo(12.815324430055309, 12);
    expect(high[0]?.date).toBe('2024-01-15');
    const low = robustZAnomalies(dates.slice(0, 15), [...history, 5]);
    expect(low[0]?.robustZ).toBeCloseTo(-4.046944556859572, 12);
    expect(robustZAnomalies(dates.slice(0, 15), [...history, 14])).toEqual([]);
  });
  it('needs minHistory values, skips nulls and never flags a constant series', () => {
    expect(robustZAnomalies(dates.slice(0, 5), [1, 1, 1, 1, 100])).toEqual([]);
    expect(robustZAnomalies(dates.slice(0, 16), [...history, null, 30])[0]?.date).toBe('2024-01-16');
    expect(robustZAnomalies(dates.slice(0, 15), [...new Array(14).fill(5), 6])).toEqual([]);
    expect(() => robustZAnomalies([], [], { window: 2 })).toThrow(/window/);
  });
});

describe('campaignKpis', () => {
  it('aggregates by campaign, channel and day with null ratios where undefined', () => {
    const report = campaignKpis([
      row('2024-01-01', 'c1', 'search'),
      row('2024-01-01', 'c2', 'email', { impressions: 0, clicks: 0, conversions: 0, spend: 0, revenue: 0 }),
      row('2024-01-02', 'c1', 'search', { conversions: 0, revenue: 0 }),
    ]);
    expect(report.totals.conversions).toBe(5);
    expect(report.totals.cpa).toBe(40);
    expect(report.totals.roi).toBe(1);
    expect(report.byCampaign.map((c) => c.campaign)).toEqual(['c1', 'c2']);
    expect(report.byCampaign[1]?.ctr).toBeNull();
    expect(report.byChannel.find((c) => c.channel === 'email')?.roas).toBeNull();
    expect(report.byDay.map((d) => [d.date, d.cpa])).toEqual([
      ['2024-01-01', 20],
      ['2024-01-02', null],
    ]);
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it('rejects negative spend, bad dates, empty input and a campaign under two channels', () => {
    expect(() => campaignKpis([row('2024-01-01', 'c1', 'search', { spend: -3 })])).toThrow(/spend must be/);
    expect(() => campaignKpis([row('2024-13-01', 'c1', 'search')])).toThrow(/valid YYYY-MM-DD/);
    expect(() => campaignKpis([])).toThrow(/at least one/);
    expect(() => campaignKpis([row('2024-01-01', 'c1', 'search'), row('2024-01-02', 'c1', 'sms')])).toThrow(
      /two|channels/,
    );
  });

  it('flags the demo promotion spend surges (seed 42, 10 000 customers)', () => {
    const window = makeWindow('2023-01-01', 24);
    const m = generateMarketing(deriveRng(42, 'marketing'), window, windowPromotions(window), 10_000);
    const rows = m.statRows.map(
      (r) => ({ ...r, campaign: r.campaign_id as string }) as unknown as CampaignStatRow,
    );
    const report = campaignKpis(rows, { metrics: ['spend'] });
    // promo spend is 2.5 × the always-on level: the first promo days of each channel stand out
    const channelSpend = report.anomalies.filter((a) => a.level === 'channel' && a.direction === 'high');
    expect(channelSpend.length).toBeGreaterThan(8);
    const promoStarts = new Set(m.campaigns.filter((c) => c.promo).map((c) => c.firstIndex));
    const flaggedIndex = channelSpend.map((a) =>
      Math.round((Date.parse(a.date) - Date.parse('2023-01-01')) / 86_400_000),
    );
    const nearPromo = flaggedIndex.filter((d) => [...promoStarts].some((s) => d >= s && d <= s + 30));
    expect(nearPromo.length / flaggedIndex.length).toBeGreaterThan(0.8);
    expect(report.byChannel).toHaveLength(8);
  });
});
