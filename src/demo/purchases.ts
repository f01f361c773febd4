import { beta, exponential, gamma, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow } from './calendar.js';
import type { DemandClock } from './demand.js';
import type { Person } from './people.js';

/**
 * The planted purchase process of every person.
 *
 * Counts — BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing
 * Science 24(2)): λ ~ Gamma(shape r, rate α) purchases per week; p ~ Beta(a, b); the first purchase
 * is at signup (time 0); while active, inter-purchase times are Exp(λ); after each repeat purchase
 * the person drops out with probability p. Observed over (0, T], T = weeks from signup to the
 * window end.
 *
 * Spend — Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves", JMR 42(4)):
 * ν ~ Gamma(shape q, rate γ) per person, each transaction value z ~ Gamma(shape p, rate ν),
 * independent of the counts. Order total = z × SPEND_UNIT_CNY in CNY, or z × SPEND_UNIT_CNY /
 * CNY_PER_USD in USD (English-locale customers). The first purchase is drawn from the same law.
 *
 * Timing — demand pattern by a per-person time change. Purchases are simulated in "normalised
 * operational time" u ∈ (0, T] and placed at the calendar time t with
 *   Λ(t) − Λ(s) = u · (Λ(end) − Λ(s)) / T        (s = signup, Λ = operational time of demand.ts),
 * i.e. each person's window is stretched where demand is high and squeezed where it is low, with
 * the window's total length kept. What is EXACT: λ, p, ν, z, the alive-at-end flag, and the
 * number of repeat purchases X(T) over each person's whole window (BG/NBD with t = T, eq. 9 of the
 * paper holds for E[X(T)]); the relative intensity inside a person's window is exactly ∝ m(t)
 * (weekly, yearly, holiday and hourly multipliers; the trend is relative too). What is APPROXIMATE:
 * calendar recency t_x and counts over sub-windows (they follow the warped clock, so a BG/NBD fit
 * on calendar times sees slightly distorted recency), and the aggregate daily series, which is
 * m(d) times a slowly varying factor from the growing, decaying customer base (k_s = T / (Λ(end) −
 * Λ(s)) varies by signup date).
 */

export const BG_NBD_PARAMS = { r: 0.45, alpha: 6, a: 0.8, b: 2.5 } as const;
export const GAMMA_GAMMA_PARAMS = { p: 6, q: 4, gamma: 15 } as const;
export const SPEND_UNIT_CNY = 10;
export const CNY_PER_USD = 7;

export interface PurchaseHistory {
  readonly lambda: number;
  readonly dropout: number;
  readonly nu: number;
  /** False when the person dropped out after its last purchase. */
  readonly alive: boolean;
  /** Observation length T in weeks. */
  readonly weeks: number;
  /** Purchase times in ms (whole seconds), first = signup; length = 1 + repeat purchases. */
  readonly times: readonly number[];
  /** Normalised-operational purchase times in weeks since signup (0 for the first). */
  readonly operationalWeeks: readonly number[];
  /** Gamma-Gamma transaction values z (in SPEND_UNIT_CNY units), one per purchase. */
  readonly spends: readonly number[];
}

export function simulatePurchases(
  rng: Rng,
  person: Person,
  window: DemoWindow,
  clock: DemandClock,
): PurchaseHistory {
  const { r, alpha, a, b } = BG_NBD_PARAMS;
  const lambda = gamma(rng, r, 1 / alpha);
  const dropout = beta(rng, a, b);
  const nu = gamma(rng, GAMMA_GAMMA_PARAMS.q, 1 / GAMMA_GAMMA_PARAMS.gamma);
  const signupDay = (person.signupMs - window.startMs) / DAY_MS;
  const windowDays = window.days - signupDay;
  const weeks = windowDays / 7;
  const opStart = clock.operational(signupDay);
  const opScale = (clock.totalOperational - opStart) / windowDays;
  const times = [person.signupMs];
  const operationalWeeks = [0];
  let t = 0;
  let alive = true;
  for (;;) {
    t += exponential(rng, lambda);
    if (t > weeks) break;
    const calendarDay = clock.calendar(opStart + t * 7 * opScale);
    const ms = Math.round((window.startMs + calendarDay * DAY_MS) / 1000) * 1000;
    times.push(Math.min(Math.max(ms, person.signupMs), window.endMs - 1000));
    operationalWeeks.push(t);
    if (rng.next() < dropout) {
      alive = false;
      break;
    }
  }
  const spends = times.map(() => gamma(rng, GAMMA_GAMMA_PARAMS.p, 1 / nu));
  return { lambda, dropout, nu, alive, weeks, times, operationalWeeks, spends };
}
