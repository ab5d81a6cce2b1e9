import { type SQL, sql } from "drizzle-orm";
import type { Settings } from "@/lib/settings";

// ISO 4217 currencies whose minor unit is not the cent. Every other code
// has two decimals.
const zeroDecimalCurrencies = [
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
];
const threeDecimalCurrencies = [
  "BHD",
  "IQD",
  "JOD",
  "KWD",
  "LYD",
  "OMR",
  "TND",
];

/** Why a lead's value could not be turned into an LTV in the report
 * currency. `none` is a lead without a value at all. */
export type LeadValueStatus =
  "ok" | "none" | "no_unit" | "no_currency" | "no_rate";

/** Decimal places of a currency's minor unit. */
export function getMinorUnitDigits(currency: string): number {
  const code = currency.trim().toUpperCase();
  if (zeroDecimalCurrencies.includes(code)) return 0;
  if (threeDecimalCurrencies.includes(code)) return 3;

  return 2;
}

/** The organisation's rates, upper-cased, keeping only usable numbers: a
 * zero, negative or non-numeric rate is no rate, never a guess. */
export function getUsableRates(settings: Settings): Record<string, number> {
  const usable: Record<string, number> = {};
  for (const [code, rate] of Object.entries(settings.currencyRates)) {
    if (typeof rate === "number" && Number.isFinite(rate) && rate > 0) {
      usable[code.trim().toUpperCase()] = rate;
    }
  }

  return usable;
}

function currencyOf(lead: SQL): SQL {
  return sql`upper(trim(${lead}.value_currency))`;
}

function minorDigitsSql(currency: SQL): SQL {
  const zero = sql.raw(zeroDecimalCurrencies.map((c) => `'${c}'`).join(","));
  const three = sql.raw(threeDecimalCurrencies.map((c) => `'${c}'`).join(","));

  return sql`(case when ${currency} in (${zero}) then 0 when ${currency} in (${three}) then 3 else 2 end)`;
}

/** Units of report currency per unit of `currency` (an upper-cased SQL
 * text); null without a rate. The report currency is worth 1 by definition. */
export function reportRateSql(currency: SQL, settings: Settings): SQL {
  const rates = JSON.stringify(getUsableRates(settings));

  return sql`(case when ${currency} = ${settings.reportCurrency.trim().toUpperCase()} then 1::numeric
    else (${rates}::jsonb ->> ${currency})::numeric end)`;
}

/**
 * An amount in minor units of `currency` (upper-cased SQL text) converted to
 * minor units of the report currency, as an unrounded numeric: callers
 * round once, at the end. Null when the currency has no rate.
 */
export function toReportMinorSql(
  amountMinor: SQL,
  currency: SQL,
  settings: Settings,
): SQL {
  const reportDigits = getMinorUnitDigits(settings.reportCurrency);

  return sql`(${amountMinor}::numeric * ${reportRateSql(currency, settings)}
    * power(10::numeric, ${reportDigits}::int - ${minorDigitsSql(currency)}))`;
}

/**
 * A lead's lifetime value in minor units of the report currency, as one SQL
 * expression over a leads alias. A `per_month` value is multiplied by
 * `expected_lifetime_months`; the amount is converted with the fixed rate
 * and rounded once, half away from zero (PostgreSQL's `round(numeric)`).
 * Null when the lead has no value or the value cannot be converted
 * (see leadValueStatusSql).
 */
export function leadLtvMinorSql(settings: Settings, lead = sql.raw("l")): SQL {
  const lifetime = sql`(${lead}.value_minor::numeric
    * (case when ${lead}.value_unit = 'per_month'
        then ${settings.expectedLifetimeMonths}::numeric else 1::numeric end))`;

  return sql`(case when ${lead}.value_unit is null then null
    else round(${toReportMinorSql(lifetime, currencyOf(lead), settings)}) end)`;
}

/** Why leadLtvMinorSql is null for a lead, or `ok`. */
export function leadValueStatusSql(
  settings: Settings,
  lead = sql.raw("l"),
): SQL {
  return sql`(case
    when ${lead}.value_minor is null then 'none'
    when ${lead}.value_unit is null then 'no_unit'
    when ${lead}.value_currency is null or trim(${lead}.value_currency) = '' then 'no_currency'
    when ${reportRateSql(currencyOf(lead), settings)} is null then 'no_rate'
    else 'ok' end)`;
}
