import { describe, expect, it } from 'vitest';
import { dayIndex, makeWindow } from './calendar.js';
import { demandClock, demandPattern, HOURLY, WEEKLY } from './demand.js';

describe('demand pattern and clock', () => {
  const window = makeWindow('2023-01-01', 24);
  const pattern = demandPattern(window);
  const clock = demandClock(pattern);

  it('has mean-one weekly and hourly profiles', () => {
    expect(WEEKLY.reduce((s, v) => s + v, 0) / 7).toBeCloseTo(1, 12);
    expect(HOURLY.reduce((s, v) => s + v, 0) / 24).toBeCloseTo(1, 12);
  });

  it('puts the 双十一 ×3 on Nov 11 relative to the same weekday a week later', () => {
    const d = dayIndex(window, '2023-11-11');
    const ratio = (pattern.daily[d] as number) / (pattern.daily[d + 7] as number);
    // trend and the yearly cycle change a little in a week; the holiday factor dominates
    expect(ratio).toBeGreaterThan(2.9);
    expect(ratio).toBeLessThan(3.1);
  });

  it('maps calendar time to operational time and back', () => {
    expect(clock.totalOperational).toBeCloseTo(
      pattern.daily.reduce((s, v) => s + v, 0),
      6,
    );
    for (const t of [0.01, 3.5, 100.25, 314.159, 730.9])
      expect(clock.calendar(clock.operational(t))).toBeCloseTo(t, 9);
    let previous = -1;
    for (let t = 0; t < window.days; t += 0.37) {
      const op = clock.operational(t);
      expect(op).toBeGreaterThan(previous);
      previous = op;
    }
    expect(clock.calendar(-5)).toBe(0);
    expect(clock.calendar(clock.totalOperational + 1)).toBe(window.days);
  });
});
