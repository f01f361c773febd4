import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  blackFriday,
  dayIndex,
  holidayEffects,
  LUNAR_NEW_YEAR,
  makeWindow,
  parseDay,
  promotionOnDay,
  windowPromotions,
} from './calendar.js';

describe('calendar', () => {
  it('parses calendar days and rejects impossible ones', () => {
    expect(parseDay('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(() => parseDay('2023-02-29')).toThrow(InputError);
    expect(() => parseDay('2023-2-1')).toThrow(/YYYY-MM-DD/);
  });

  it('builds a window of whole months', () => {
    const w = makeWindow('2023-01-01', 24);
    expect(w.endDate).toBe('2025-01-01');
    expect(w.days).toBe(731);
    expect(makeWindow('2024-03-01', 1).days).toBe(31);
    expect(() => makeWindow('2023-01-01', 0)).toThrow(InputError);
    expect(() => makeWindow('2030-06-01', 12)).toThrow(/2018–2030/);
  });

  it('knows the lunar new year dates (HKO table) and Black Friday', () => {
    expect(LUNAR_NEW_YEAR[2023]).toBe('2023-01-22');
    expect(LUNAR_NEW_YEAR[2024]).toBe('2024-02-10');
    expect(LUNAR_NEW_YEAR[2025]).toBe('2025-01-29');
    expect(blackFriday(2023)).toBe('2023-11-24');
    expect(blackFriday(2024)).toBe('2024-11-29');
    expect(blackFriday(2025)).toBe('2025-11-28');
  });

  it('plants the headline holiday multipliers', () => {
    const effects = holidayEffects(2024);
    const byKey = Object.fromEntries(effects.map((e) => [e.key, e]));
    expect(byKey['2024-1111']).toMatchObject({ firstDay: '2024-11-11', multiplier: 3 });
    expect(byKey['2024-618']).toMatchObject({ firstDay: '2024-06-18', multiplier: 2 });
    expect(byKey['2024-black-friday']).toMatchObject({ firstDay: '2024-11-29', multiplier: 1.8 });
    expect(byKey['2024-cny-break']).toMatchObject({
      firstDay: '2024-02-09',
      lastDay: '2024-02-16',
      multiplier: 0.5,
    });
  });

  it('clips promotions to the window and finds the one running on a day', () => {
    const w = makeWindow('2023-06-10', 1);
    const promos = windowPromotions(w);
    expect(promos.map((p) => p.id)).toEqual(['promo_2023_618']);
    expect(promos[0]?.firstIndex).toBe(0);
    expect(promotionOnDay(promos, dayIndex(w, '2023-06-18'))?.id).toBe('promo_2023_618');
    expect(promotionOnDay(promos, dayIndex(w, '2023-06-19'))).toBeUndefined();
  });
});
