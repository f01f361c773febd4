import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { forecastSeries } from '../../forecast/forecast-series.js';
import { type FileSeriesForecast, forecastFile } from './forecast-file.js';

/**
 * forecastFile on small generated files (one per case, in a temp folder) and on AirPassengers from
 * ../shared (skipped when absent). The models themselves are tested in src/forecast; here: reading,
 * grouping, dates, period inference, the file policies (duplicates, gaps, bad rows, bad columns) and that
 * the result is what forecastSeries gives on the same values.
 */

const folder = mkdtempSync(join(tmpdir(), 'forecast-file-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let fileCount = 0;
function file(text: string, extension = 'csv'): string {
  fileCount += 1;
  const path = join(folder, `f${fileCount}.${extension}`);
  writeFileSync(path, text);
  return path;
}

async function errorOf(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = 86_400_000;

function expectIntervalsAroundPoint(s: FileSeriesForecast): void {
  expect(s.intervals.map((i) => i.level)).toEqual([80, 95]);
  const [i80, i95] = s.intervals as [FileSeriesForecast['intervals'][0], FileSeriesForecast['intervals'][0]];
  s.point.forEach((p, h) => {
    expect(Number.isFinite(p)).toBe(true);
    expect(i80.lower[h] as number).toBeLessThanOrEqual(p);
    expect(i80.upper[h] as number).toBeGreaterThanOrEqual(p);
    expect(i95.lower[h] as number).toBeLessThanOrEqual(i80.lower[h] as number);
    expect(i95.upper[h] as number).toBeGreaterThanOrEqual(i80.upper[h] as number);
  });
}

const airPath = fileURLToPath(
  new URL('../../../../shared/datasets/timeseries/air_passengers.csv', import.meta.url),
);

describe.skipIf(!existsSync(airPath))(
  'forecastFile on AirPassengers (needs ../shared/datasets/timeseries/air_passengers.csv)',
  () => {
    it('infers a monthly period, keeps the ETS + damped + Theta mean and forecasts 1961 with intervals', async () => {
      const result = await forecastFile(airPath, { dateColumn: 'ds', valueColumn: 'y', horizon: 12 });
      expect(result).toMatchObject({
        rows: 144,
        period: 'month',
        periodInferred: true,
        seasonLength: 12,
        horizon: 12,
        model: 'auto',
        failed: 0,
      });
      expect(result.series).toHaveLength(1);
      const s = result.series[0] as FileSeriesForecast;
      expect(s).toMatchObject({
        id: 'y',
        n: 144,
        firstDate: '1949-01-01',
        lastDate: '1960-12-01',
        filledGaps: 0,
      });
      // smooth demand: the mean of the three is kept unless a single model's back-test score is under half of it
      expect(s.chosen).toBe('mean of ets + damped + theta');
      expect(s.intervalMethod).toBe('conformal');
      expect(s.demand?.kind).toBe('smooth');
      expect(s.backtestWindows).toBe(3);
      expect(s.scores.map((row) => row.name)).toEqual(
        expect.arrayContaining(['ets', 'damped', 'theta', 'snaive', 'mean of ets + damped + theta']),
      );
      expect(s.dates).toEqual(
        Array.from({ length: 12 }, (_, m) => `1961-${String(m + 1).padStart(2, '0')}-01`),
      );
      expectIntervalsAroundPoint(s);
      // the file path is plumbing only: the same numbers as forecastSeries on the column
      const values = readFileSync(airPath, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => Number(line.split(',')[1]));
      const direct = forecastSeries(values, { horizon: 12, seasonLength: 12, levels: [80, 95], windows: 3 });
      expect(s.point).toEqual(direct.forecast.point);
      expect(s.chosen).toBe(direct.chosen);
    });

    it('with --model ets keeps ETS(M,A,M) or ETS(M,Ad,M) with its AICc', async () => {
      // R forecast 8.20 ets(AirPassengers) picks ETS(M,Ad,M) (SOURCE.md); our AutoETS ranks ETS(M,A,M) first
      // by AICc (statsmodels' likelihoods agree, see src/forecast/ets/auto-ets.test.ts).
      const result = await forecastFile(airPath, {
        dateColumn: 'ds',
        valueColumn: 'y',
        horizon: 12,
        model: 'ets',
      });
      const s = result.series[0] as FileSeriesForecast;
      expect(s.chosen).toBe('ets');
      expect(s.model).toMatch(/^ETS\(M,Ad?,M\)$/);
      expect(s.aicc).not.toBeNull();
      expectIntervalsAroundPoint(s);
    });

    it('forecasts the 1960 hold-out about as well as R forecast::ets', async () => {
      const lines = readFileSync(airPath, 'utf8').trim().split('\n');
      const path = file(lines.slice(0, 133).join('\n'));
      const result = await forecastFile(path, {
        dateColumn: 'DS',
        valueColumn: ' y ',
        horizon: 12,
        model: 'ets',
      });
      const s = result.series[0] as FileSeriesForecast;
      expect(s.lastDate).toBe('1959-12-01');
      expect(s.dates[0]).toBe('1960-01-01');
      const actual = lines.slice(133).map((line) => Number(line.split(',')[1]));
      const mape = (100 / 12) * actual.reduce((t, v, h) => t + Math.abs(v - (s.point[h] as number)) / v, 0);
      // R 4.2.2 + forecast 8.20, ets(train) → ETS(M,Ad,M), MAPE 4.6556 % on 1960
      // (computed_reference_outputs/air_passengers_holdout1960_accuracy_R_forecast8.20.csv)
      expect(mape).toBeLessThan(4.6556 + 1.5);
      // thetaf and snaive through the file path match R exactly (MAPE 5.3278 % and 9.9875 %, same file)
      for (const [model, reference] of [
        ['theta', 5.327789],
        ['snaive', 9.987533],
      ] as const) {
        const other = await forecastFile(path, { dateColumn: 'ds', valueColumn: 'y', horizon: 12, model });
        const p = (other.series[0] as FileSeriesForecast).point;
        const otherMape = (100 / 12) * actual.reduce((t, v, h) => t + Math.abs(v - (p[h] as number)) / v, 0);
        expect(otherMape).toBeCloseTo(reference, 3);
      }
    });
  },
);

/** Deterministic daily series with a weekly pattern: level + trend·t + pattern[t mod 7] + wobble. */
function daily(level: number, trend: number, length: number): number[] {
  const pattern = [0, 4, 6, 5, 3, -8, -10];
  return Array.from(
    { length },
    (_, t) =>
      Math.round((level + trend * t + (pattern[t % 7] as number) + 3 * Math.sin(t * 1.7)) * 100) / 100,
  );
}

describe('forecastFile with several series', () => {
  it('groups by id, sorts by date, forecasts each and keeps going past a series too short to forecast', async () => {
    const start = Date.UTC(2024, 0, 1);
    const rows: string[] = [];
    const a = daily(100, 0.5, 63);
    const b = daily(40, -0.1, 56);
    for (const [t, v] of a.entries()) rows.push(`A,${isoDay(start + t * dayMs)},${v}`);
    for (const [t, v] of b.entries()) rows.push(`B,${isoDay(start + (t + 7) * dayMs)},${v}`);
    // intermittent demand: a sale every ~4 days
    for (let t = 0; t < 63; t++) rows.push(`C,${isoDay(start + t * dayMs)},${t % 4 === 1 ? 2 + (t % 3) : 0}`);
    rows.push(`D,${isoDay(start)},5`, `D,${isoDay(start + dayMs)},6`);
    // shuffle deterministically: the file order must not matter
    const shuffled = rows.map((r, i) => ({ r, k: (i * 7919) % 233 })).sort((x, y) => x.k - y.k);
    const path = file(`sku;day;units\n${shuffled.map((x) => x.r.replaceAll(',', ';')).join('\n')}\n`);

    const result = await forecastFile(path, {
      dateColumn: 'day',
      valueColumn: 'units',
      idColumn: 'sku',
      horizon: 14,
    });
    expect(result.period).toBe('day');
    expect(result.seasonLength).toBe(7);
    expect(result.rows).toBe(63 + 56 + 63 + 2);
    expect(result.failed).toBe(1);
    const byId = new Map(result.series.map((s) => [s.id, s]));
    expect([...byId.keys()].sort()).toEqual(['A', 'B', 'C', 'D']);

    const sa = byId.get('A') as FileSeriesForecast;
    expect(sa).toMatchObject({ n: 63, firstDate: '2024-01-01', lastDate: '2024-03-03' });
    expect(sa.dates[0]).toBe('2024-03-04');
    expect(sa.dates.at(-1)).toBe('2024-03-17');
    expect(sa.point).toHaveLength(14);
    expectIntervalsAroundPoint(sa);
    // sorted by date before forecasting: the same numbers as forecastSeries on the series in order
    const direct = forecastSeries(a, { horizon: 14, seasonLength: 7, levels: [80, 95], windows: 3 });
    expect(sa.point).toEqual(direct.forecast.point);

    const sb = byId.get('B') as FileSeriesForecast;
    expect(sb).toMatchObject({ n: 56, firstDate: '2024-01-08', lastDate: '2024-03-03' });
    expectIntervalsAroundPoint(sb);

    const sc = byId.get('C') as FileSeriesForecast;
    expect(sc.demand?.kind).toBe('intermittent');
    // intermittent candidates only (Croston, SBA, TSB, naive or their ensemble), ranked by RMSSE
    expect(sc.scores.map((r) => r.name)).toEqual(expect.arrayContaining(['croston', 'sba', 'tsb', 'naive']));
    expect(sc.scores.map((r) => r.name)).not.toContain('ets');
    expect(sc.error).toBeUndefined();
    expectIntervalsAroundPoint(sc);

    const sd = byId.get('D') as FileSeriesForecast;
    expect(sd.error).toMatch(/only 2 day\(s\) of history; forecasting needs at least 3/);
    expect(sd.point).toEqual([]);
  });

  it('throws when no series can be forecast', async () => {
    const path = file('id,date,v\nx,2024-01-01,1\nx,2024-01-02,2\ny,2024-01-01,3\ny,2024-01-02,4\n');
    const error = await errorOf(
      forecastFile(path, { dateColumn: 'date', valueColumn: 'v', idColumn: 'id', horizon: 3 }),
    );
    expect(error.code).toBe('insufficient_data');
    expect(error.message).toMatch(/none of the 2 series could be forecast \(first: x: only 2 day\(s\)/);
  });
});

describe('forecastFile dates and periods', () => {
  it('infers weekly data and keeps its weekday; reads day-first dates with dateFormat', async () => {
    // Sundays, written DD/MM/YYYY
    const start = Date.UTC(2023, 0, 1);
    const values = daily(50, 0.2, 40);
    const body = values.map((v, t) => {
      const d = new Date(start + 7 * t * dayMs);
      const dd = String(d.getUTCDate()).padStart(2, '0');
      const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
      return `${dd}/${mm}/${d.getUTCFullYear()},${v}`;
    });
    const path = file(`week,sales\n${body.join('\n')}\n`);
    const result = await forecastFile(path, {
      dateColumn: 'week',
      valueColumn: 'sales',
      horizon: 4,
      dateFormat: 'DD/MM/YYYY',
      seasonLength: 4,
    });
    expect(result).toMatchObject({ period: 'week', periodInferred: true, seasonLength: 4 });
    const s = result.series[0] as FileSeriesForecast;
    expect(s.firstDate).toBe('2023-01-01');
    expect(s.lastDate).toBe(isoDay(start + 39 * 7 * dayMs));
    expect(s.dates).toEqual([40, 41, 42, 43].map((k) => isoDay(start + k * 7 * dayMs)));
    expect(new Date(`${s.dates[0]}T00:00:00Z`).getUTCDay()).toBe(0);
  });

  it('reads year-month dates and keeps month ends; defaults the season length from the period', async () => {
    const ym = Array.from(
      { length: 30 },
      (_, m) => `${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
    );
    const months = file(`month,v\n${ym.map((d, m) => `${d},${100 + m + (m % 12)}`).join('\n')}\n`);
    const r1 = await forecastFile(months, {
      dateColumn: 'month',
      valueColumn: 'v',
      horizon: 3,
      model: 'snaive',
    });
    expect(r1).toMatchObject({ period: 'month', seasonLength: 12 });
    expect((r1.series[0] as FileSeriesForecast).dates).toEqual(['2022-07-01', '2022-08-01', '2022-09-01']);

    const ends = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30'];
    const monthEnds = file(`d,v\n${ends.map((d, i) => `${d},${10 + i}`).join('\n')}\n`);
    const r2 = await forecastFile(monthEnds, {
      dateColumn: 'd',
      valueColumn: 'v',
      horizon: 3,
      model: 'drift',
    });
    expect((r2.series[0] as FileSeriesForecast).dates).toEqual(['2024-07-31', '2024-08-31', '2024-09-30']);
  });

  it('reads JSONL with datetimes and a given period', async () => {
    const lines = daily(20, 0.1, 30).map((v, t) =>
      JSON.stringify({ at: `${isoDay(Date.UTC(2024, 4, 1) + t * dayMs)}T09:30:00Z`, qty: v }),
    );
    const path = file(`${lines.join('\n')}\n`, 'jsonl');
    const result = await forecastFile(path, {
      dateColumn: 'at',
      valueColumn: 'qty',
      horizon: 7,
      period: 'day',
    });
    expect(result.periodInferred).toBe(false);
    expect((result.series[0] as FileSeriesForecast).dates[0]).toBe('2024-05-31');
  });

  it('says when the spacing fits no supported period (quarterly), and suggests --period', async () => {
    const q = ['2020-01-01', '2020-04-01', '2020-07-01', '2020-10-01', '2021-01-01'];
    const path = file(`d,v\n${q.map((d, i) => `${d},${i}`).join('\n')}\n`);
    const error = await errorOf(forecastFile(path, { dateColumn: 'd', valueColumn: 'v', horizon: 2 }));
    expect(error.message).toMatch(/cannot tell the period .* typically 91 days apart/);
    expect(error.hint).toMatch(/--period/);
  });

  it('allows negative values (multiplicative forms skipped by the models)', async () => {
    const values = daily(0, 0.05, 42);
    const path = file(
      `d,profit\n${values.map((v, t) => `${isoDay(Date.UTC(2024, 0, 1) + t * dayMs)},${v}`).join('\n')}\n`,
    );
    const result = await forecastFile(path, {
      dateColumn: 'd',
      valueColumn: 'profit',
      horizon: 7,
      model: 'ets',
    });
    const s = result.series[0] as FileSeriesForecast;
    expect(values.some((v) => v < 0)).toBe(true);
    expect(s.error).toBeUndefined();
    expect(s.model).not.toMatch(/^ETS\(M/);
    expectIntervalsAroundPoint(s);
  });
});

describe('forecastFile policies', () => {
  const month = (m: number) => `2022-${String(m).padStart(2, '0')}-01`;

  it('rejects repeated dates, naming the id, the date and both rows', async () => {
    const path = file(
      `store,date,sales\nS1,${month(1)},10\nS1,${month(2)},11\nS2,${month(1)},5\nS1,${month(2)},12\nS1,${month(3)},13\n`,
    );
    const error = await errorOf(
      forecastFile(path, { dateColumn: 'date', valueColumn: 'sales', idColumn: 'store', horizon: 2 }),
    );
    expect(error.code).toBe('duplicate_periods');
    expect(error.message).toContain('row 4: store "S1": date 2022-02-01 repeats row 2');
    expect(error.hint).toMatch(/aggregate the rows first/);
  });

  it('names two dates falling in the same period when the period is given', async () => {
    const path = file('d,v\n2022-01-01,1\n2022-01-15,2\n2022-02-01,3\n2022-03-01,4\n');
    const error = await errorOf(
      forecastFile(path, { dateColumn: 'd', valueColumn: 'v', horizon: 2, period: 'month' }),
    );
    expect(error.message).toContain('row 2: 2022-01-15 falls in the same month as 2022-01-01 in row 1');
    expect(error.hint).toMatch(/finer --period/);
  });

  it('rejects a gap naming the first missing period, and zero-fills it with fillGaps', async () => {
    const rows = [1, 2, 3, 5, 6, 8, 9, 10, 11, 12].map((m) => `${month(m)},${100 + m}`);
    const path = file(`d,v\n${rows.join('\n')}\n`);
    const error = await errorOf(forecastFile(path, { dateColumn: 'd', valueColumn: 'v', horizon: 2 }));
    expect(error.code).toBe('gaps_in_series');
    expect(error.message).toContain(
      'row 4: no row for 2022-04-01 (between 2022-03-01 in row 3 and 2022-05-01; 2 missing month(s) in all)',
    );
    expect(error.hint).toMatch(/--fill-gaps/);

    const filled = await forecastFile(path, {
      dateColumn: 'd',
      valueColumn: 'v',
      horizon: 2,
      fillGaps: true,
      model: 'naive',
    });
    const s = filled.series[0] as FileSeriesForecast;
    expect(s).toMatchObject({ n: 12, filledGaps: 2, firstDate: '2022-01-01', lastDate: '2022-12-01' });
    expect(s.notes[0]).toBe('2 missing month(s) counted as 0 (first: 2022-04-01)');
    expect(s.point).toEqual([112, 112]);
  });

  it('names the rows whose value is not a number or empty, and unreadable dates', async () => {
    const path = file(
      `d,v\n${month(1)},1\n${month(2)},n/a\n${month(3)},3\n${month(4)},\n2022-13-01,5\n${month(6)},"1,234.5"\n`,
    );
    const error = await errorOf(forecastFile(path, { dateColumn: 'd', valueColumn: 'v', horizon: 2 }));
    expect(error.code).toBe('invalid_forecast_file');
    expect(error.message).toContain('3 of 6 rows cannot be read');
    expect(error.message).toContain('row 2: v "n/a" is not a number');
    expect(error.message).toContain('row 4: v is empty');
    expect(error.message).toContain('row 5: d "2022-13-01" is not a date');
    expect(error.message).not.toContain('row 6');
  });

  it('lists the columns when a column name is wrong', async () => {
    const path = file(`date,sales\n${month(1)},1\n`);
    const error = await errorOf(
      forecastFile(path, { dateColumn: 'date', valueColumn: 'revenue', horizon: 2 }),
    );
    expect(error.code).toBe('unknown_column');
    expect(error.message).toMatch(/has no column "revenue" \(--value-col\)/);
    expect(error.hint).toBe('Columns: date, sales');
    const noId = await errorOf(
      forecastFile(path, { dateColumn: 'date', valueColumn: 'sales', idColumn: 'sku', horizon: 2 }),
    );
    expect(noId.message).toMatch(/has no column "sku" \(--id-col\)/);
  });

  it('rejects a horizon of 0, bad windows, an unknown model or period before reading', async () => {
    const path = file(`d,v\n${month(1)},1\n`);
    const base = { dateColumn: 'd', valueColumn: 'v' };
    expect((await errorOf(forecastFile(path, { ...base, horizon: 0 }))).message).toMatch(
      /horizon must be a whole number from 1 to 3650, got 0/,
    );
    expect((await errorOf(forecastFile(path, { ...base, horizon: 2, windows: 0 }))).code).toBe(
      'invalid_argument',
    );
    expect((await errorOf(forecastFile(path, { ...base, horizon: 2, seasonLength: 1.5 }))).code).toBe(
      'invalid_argument',
    );
    const model = 'arima' as unknown as 'auto';
    expect((await errorOf(forecastFile(path, { ...base, horizon: 2, model }))).message).toMatch(
      /Unknown forecasting model/,
    );
    const period = 'year' as unknown as 'day';
    expect((await errorOf(forecastFile(path, { ...base, horizon: 2, period }))).message).toMatch(
      /Unknown period/,
    );
  });

  it('says a single-row file has nothing to forecast from', async () => {
    const path = file(`d,v\n${month(1)},1\n`);
    const error = await errorOf(forecastFile(path, { dateColumn: 'd', valueColumn: 'v', horizon: 2 }));
    expect(error.message).toMatch(/every series has a single date/);
  });
});
