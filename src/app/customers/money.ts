import { InputError } from '../../core/errors.js';
import type { Queryable } from '../../store/store.js';

/**
 * Money in one currency. Orders may be in several currencies (the demo has CNY and USD shops);
 * monetary features, RFM scores, segments and loyalty tiers compare customers, so their amounts
 * are converted to the reporting currency with the configured `fxRates` — never mixed silently.
 * CLV converts too (so values compare across customers) and fits one spend model per currency
 * market on top (markets may spend differently).
 */

export interface MoneySettings {
  readonly reportingCurrency?: string;
  /** Units of the reporting currency per unit of another currency. */
  readonly fxRates?: Readonly<Record<string, number>>;
}

export interface MoneyConversion {
  readonly currency: string;
  /** Rate per order currency (the reporting currency has 1). */
  readonly rates: Readonly<Record<string, number>>;
  /** SQL expression converting `<column>` of an `orders` row aliased `alias` to the reporting currency. */
  sql(alias: string, column: string): string;
  /** SQL converting an amount `expression` of a row aliased `alias` (its `currency` column) to the reporting currency. */
  convert(expression: string, alias: string): string;
}

const code = /^[A-Z]{3}$/;

/** Decides how order amounts become reporting-currency amounts; errors name what is missing. */
export async function resolveMoney(db: Queryable, settings: MoneySettings = {}): Promise<MoneyConversion> {
  const rows = await db.query(
    // Codes compared trimmed and upper-cased: ' usd' and 'USD' are one currency.
    `SELECT upper(trim(currency)) AS currency, count(*) AS orders FROM orders
     GROUP BY upper(trim(currency)) ORDER BY count(*) DESC, upper(trim(currency))`,
  );
  const currencies = rows.map((r) => (r.currency === null ? null : String(r.currency)));
  const known = currencies.filter((c): c is string => c !== null);
  const reporting = settings.reportingCurrency ?? known[0] ?? 'CNY';
  const rates: Record<string, number> = { [reporting]: 1 };
  const missing: string[] = [];
  for (const currency of known) {
    if (currency === reporting) continue;
    const rate = settings.fxRates?.[currency];
    if (rate === undefined) missing.push(currency);
    else rates[currency] = rate;
  }
  const notCodes = missing.filter((c) => !code.test(c));
  if (notCodes.length > 0) {
    throw new InputError(
      'invalid_currency',
      `Orders carry currency values that are not ISO 4217 codes: ${notCodes.join(', ')}`,
      { hint: 'Fix the currency column of the orders (e.g. RMB → CNY) and import them again.' },
    );
  }
  if (missing.length > 0) {
    throw new InputError(
      'missing_fx_rate',
      `Orders are in ${known.join(', ')}; amounts in ${missing.join(', ')} cannot be compared with ${reporting} without an exchange rate`,
      {
        hint: `Add "fxRates" (units of ${reporting} per unit) to marketmind.config.json, e.g. {"reportingCurrency": "${reporting}", "fxRates": {${missing.map((c) => `"${c}": 7.1`).join(', ')}}}`,
      },
    );
  }
  for (const key of Object.keys(rates)) {
    // Codes and rates are inlined into SQL below; both are validated here.
    if (!code.test(key) || !(Number.isFinite(rates[key]) && (rates[key] as number) > 0)) {
      throw new InputError(
        'invalid_config',
        `fxRates: "${key}" → ${rates[key]} is not a currency code with a positive rate`,
      );
    }
  }
  const others = Object.entries(rates).filter(([c]) => c !== reporting);
  const convert = (expression: string, alias: string): string => {
    if (others.length === 0) return expression;
    const cases = others.map(([c, rate]) => `WHEN '${c}' THEN ${rate}`).join(' ');
    return `(${expression} * CASE upper(trim(${alias}.currency)) ${cases} ELSE 1 END)`;
  };
  return {
    currency: reporting,
    rates,
    sql: (alias, column) => convert(`${alias}.${column}`, alias),
    convert: (expression, alias) => convert(`(${expression})`, alias),
  };
}
