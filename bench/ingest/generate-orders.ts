import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createRng, type Rng } from '../../src/core/random.js';

/**
 * Deterministic orders CSV for the ingest benchmark: realistic mixed values (ISO, slash and
 * Chinese timestamps; plain and currency-formatted amounts; mixed-case channels; empty optional
 * cells), ~0.5% bad rows (negative amount, impossible date, unknown channel, missing id) and
 * ~0.2% repeated ids. Returns the number of data rows written.
 */

const channels = ['online', 'store', 'miniprogram', 'app', 'marketplace', 'Online', 'STORE'];
const statuses = ['completed', 'completed', 'completed', 'cancelled', 'returned', 'pending'];

export async function generateOrdersCsv(path: string, rows: number, seed = 42): Promise<number> {
  const rng = createRng(seed);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  out.write(
    'id,customer_id,ordered_at,channel,store_id,status,currency,total_amount,discount_amount,promotion_id\n',
  );
  const parts: string[] = [];
  for (let i = 1; i <= rows; i += 1) {
    parts.push(orderLine(rng, i));
    if (parts.length === 10_000) {
      if (!out.write(`${parts.join('\n')}\n`)) await once(out, 'drain');
      parts.length = 0;
    }
  }
  if (parts.length > 0) out.write(`${parts.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return rows;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function orderLine(rng: Rng, i: number): string {
  const r = rng.next();
  const id = r < 0.002 && i > 10 ? `o${pad(i - 7, 8)}` : `o${pad(i, 8)}`;
  const customer = `c${pad(Math.floor(rng.next() * 200_000), 7)}`;
  const day = 1 + Math.floor(rng.next() * 28);
  const month = 1 + Math.floor(rng.next() * 12);
  const hour = Math.floor(rng.next() * 24);
  const minute = Math.floor(rng.next() * 60);
  const f = rng.next();
  let ts: string;
  if (f < 0.85) ts = `2023-${pad(month, 2)}-${pad(day, 2)} ${pad(hour, 2)}:${pad(minute, 2)}:00`;
  else if (f < 0.95) ts = `2023/${pad(month, 2)}/${pad(day, 2)} ${pad(hour, 2)}:${pad(minute, 2)}`;
  else ts = `2023年${month}月${day}日 ${hour}:${pad(minute, 2)}`;
  const amount = Math.round(rng.next() * 200_000) / 100;
  const a = rng.next();
  const total =
    a < 0.9 ? amount.toFixed(2) : `"¥${amount.toLocaleString('en-US', { minimumFractionDigits: 2 })}"`;
  const discount = rng.next() < 0.3 ? (Math.round(amount * 10) / 100).toFixed(2) : '';
  const channel = channels[Math.floor(rng.next() * channels.length)] as string;
  const status = statuses[Math.floor(rng.next() * statuses.length)] as string;
  const store = channel.toLowerCase() === 'store' ? `s${pad(Math.floor(rng.next() * 500), 4)}` : '';
  const promo = rng.next() < 0.1 ? `p${pad(Math.floor(rng.next() * 50), 3)}` : '';
  const fields = [id, customer, ts, channel, store, status, 'CNY', total, discount, promo];
  const bad = rng.next();
  if (bad < 0.005) {
    const kind = Math.floor(bad * 800);
    if (kind === 0) fields[7] = `-${amount.toFixed(2)}`;
    else if (kind === 1) fields[2] = '2023-02-30 10:00:00';
    else if (kind === 2) fields[3] = 'carrier-pigeon';
    else fields[0] = '';
  }
  return fields.join(',');
}
