import { pick, pickWeighted, type Rng } from '../core/random.js';
import { DAY_MS, type DemoWindow } from './calendar.js';
import type { CustomerRecord } from './customers.js';
import type { DemoRow, TruthEntry } from './types.js';

/**
 * Consent history (append-only: grants at signup, later withdrawals and some re-grants) and a few
 * data-subject requests. A completed opt-out request withdraws every marketing consent of the
 * customer at its completion time (source 'dsr_request'); the truth lists what must hold after it.
 */

interface ConsentSpec {
  readonly channel: string;
  readonly purpose: string;
  readonly rate: number;
  readonly needs?: 'email' | 'phone' | 'miniprogram';
}

// biome-ignore format: data table
export const CONSENT_SPECS: readonly ConsentSpec[] = [
  { channel: 'email', purpose: 'marketing', rate: 0.65, needs: 'email' },
  { channel: 'sms', purpose: 'marketing', rate: 0.45, needs: 'phone' },
  { channel: 'messaging', purpose: 'marketing', rate: 0.5, needs: 'miniprogram' },
  { channel: 'ads', purpose: 'personalisation', rate: 0.5 },
  { channel: 'ads', purpose: 'profiling', rate: 0.35 },
  { channel: 'push', purpose: 'analytics', rate: 0.7 },
];
export const CONSENT_RATES = { withdrawalPerGrant: 0.1, regrantPerWithdrawal: 0.2 } as const;
const SIGNUP_SOURCE = {
  online: 'web_signup_form',
  store: 'pos_terminal',
  miniprogram: 'miniprogram_authorization',
} as const;
const DSR_KINDS = ['access', 'delete', 'opt_out', 'rectify', 'portability'] as const;
const DSR_WEIGHTS = [0.4, 0.25, 0.2, 0.1, 0.05];

export interface ConsentsResult {
  readonly consentRows: readonly DemoRow[];
  readonly dsrRows: readonly DemoRow[];
  readonly truth: readonly TruthEntry[];
}

function jurisdiction(country: string): string {
  if (country === 'CN') return 'PIPL';
  if (country === 'GB') return 'UK GDPR';
  if (country === 'US') return 'CCPA';
  return 'local';
}

export function generateConsents(
  rng: Rng,
  records: readonly CustomerRecord[],
  window: DemoWindow,
): ConsentsResult {
  const events: {
    customerId: string;
    channel: string;
    purpose: string;
    granted: boolean;
    source: string;
    ms: number;
  }[] = [];
  const granted = new Map<string, { channel: string; purpose: string; sinceMs: number }[]>();
  for (const record of records) {
    const list: { channel: string; purpose: string; sinceMs: number }[] = [];
    for (const spec of CONSENT_SPECS) {
      if (spec.needs === 'email' && !record.email) continue;
      if (spec.needs === 'phone' && !record.phone) continue;
      if (spec.needs === 'miniprogram' && record.channel !== 'miniprogram') continue;
      if (rng.next() >= spec.rate) continue;
      const ms = Math.min(window.endMs - 1000, record.signupMs + 1000 * (1 + Math.floor(rng.next() * 30)));
      events.push({
        customerId: record.id,
        channel: spec.channel,
        purpose: spec.purpose,
        granted: true,
        source: SIGNUP_SOURCE[record.channel],
        ms,
      });
      if (rng.next() < CONSENT_RATES.withdrawalPerGrant) {
        const off = Math.floor((ms + rng.next() * (window.endMs - ms)) / 1000) * 1000;
        events.push({
          customerId: record.id,
          channel: spec.channel,
          purpose: spec.purpose,
          granted: false,
          source: pick(rng, ['unsubscribe_link', 'preference_center', 'customer_service']),
          ms: off,
        });
        if (rng.next() < CONSENT_RATES.regrantPerWithdrawal) {
          const on = Math.floor((off + rng.next() * (window.endMs - off)) / 1000) * 1000;
          events.push({
            customerId: record.id,
            channel: spec.channel,
            purpose: spec.purpose,
            granted: true,
            source: 'preference_center',
            ms: on,
          });
        }
      }
      list.push({ channel: spec.channel, purpose: spec.purpose, sinceMs: ms });
    }
    granted.set(record.id, list);
  }
  const dsrCount = Math.max(3, Math.round(records.length * 0.002));
  const dsrRows: DemoRow[] = [];
  const truth: TruthEntry[] = [];
  for (let i = 0; i < dsrCount; i++) {
    const record = pick(rng, records);
    const kind = DSR_KINDS[pickWeighted(rng, DSR_WEIGHTS)] as string;
    const earliest = record.signupMs + DAY_MS;
    if (earliest >= window.endMs - DAY_MS) continue;
    const receivedMs = Math.floor((earliest + rng.next() * (window.endMs - DAY_MS - earliest)) / 1000) * 1000;
    const takesMs = (1 + Math.floor(rng.next() * 20)) * DAY_MS;
    const done = receivedMs + takesMs < window.endMs;
    const rejected = done && rng.next() < 0.1;
    const status = !done
      ? rng.next() < 0.5
        ? 'received'
        : 'in_progress'
      : rejected
        ? 'rejected'
        : 'completed';
    const completedMs = done ? receivedMs + takesMs : null;
    const id = `dsr_${String(dsrRows.length + 1).padStart(4, '0')}`;
    dsrRows.push({
      id,
      customer_id: record.id,
      kind,
      status,
      received_at: new Date(receivedMs),
      completed_at: completedMs === null ? null : new Date(completedMs),
      details: {
        jurisdiction: jurisdiction(record.person.city.country),
        via: pick(rng, ['email', 'web_form', 'hotline']),
        ...(rejected ? { reason: 'identity could not be verified' } : {}),
      },
    });
    if (status === 'completed' && kind === 'opt_out' && completedMs !== null) {
      for (const g of granted.get(record.id) ?? []) {
        events.push({
          customerId: record.id,
          channel: g.channel,
          purpose: g.purpose,
          granted: false,
          source: 'dsr_request',
          ms: completedMs,
        });
      }
      // a later re-grant would contradict the request: drop it
      for (let k = events.length - 1; k >= 0; k--) {
        const e = events[k];
        if (e && e.customerId === record.id && e.granted && e.ms > completedMs) events.splice(k, 1);
      }
    }
    truth.push({
      kind: 'privacy_expectation',
      key: id,
      value: {
        customerId: record.id,
        kind,
        status,
        expectation:
          status === 'completed' && kind === 'opt_out'
            ? 'no consent of this customer is granted after completed_at'
            : status === 'completed' && kind === 'delete'
              ? "the customer's personal data must be erasable; the demo keeps it so the request can be executed"
              : 'none beyond recording the request',
      },
    });
  }
  events.sort((x, y) => x.ms - y.ms);
  const consentRows = events.map((e, i) => ({
    id: `cns_${String(i + 1).padStart(7, '0')}`,
    customer_id: e.customerId,
    channel: e.channel,
    purpose: e.purpose,
    granted: e.granted,
    source: e.source,
    ts: new Date(e.ms),
  }));
  truth.push({ kind: 'consent_model', key: 'rates', value: { specs: CONSENT_SPECS, ...CONSENT_RATES } });
  return { consentRows, dsrRows, truth };
}
