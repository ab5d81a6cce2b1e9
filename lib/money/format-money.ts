import { getMinorUnitDigits } from "@/lib/metrics/lead-value";
import { formatMinorAmount } from "./format-amount";

/**
 * An amount given in integer minor units of `currency` (cents for EUR, yen
 * for JPY, fils for KWD) as money, e.g. 123456 EUR → "€1,234.56". The minor
 * unit follows the same table as the value figures, so a sum shows exactly
 * the cents it was summed in. `compact` shortens large amounts for chart
 * axes ("€1.2m").
 */
export function formatMoney(
  minor: number,
  currency: string,
  options: { compact?: boolean } = {},
): string {
  return formatMinorAmount(
    minor,
    currency,
    getMinorUnitDigits(currency),
    options,
  );
}

/** A change of money against the previous period, signed, e.g. "+€12.00". */
export function formatMoneyChange(minor: number, currency: string): string {
  const sign = minor > 0 ? "+" : minor < 0 ? "−" : "±";

  return `${sign}${formatMoney(Math.abs(minor), currency)}`;
}

/** An amount in minor units as a plain decimal in major units, "1234.50",
 * for exports that a spreadsheet must be able to sum. */
export function formatDecimalAmount(minor: number, currency: string): string {
  const digits = getMinorUnitDigits(currency);

  return (minor / 10 ** digits).toFixed(digits);
}
