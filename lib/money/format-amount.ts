const locale = "en-GB";

/**
 * An amount in integer minor units as money, given the currency's number of
 * minor-unit digits. Free of server imports, so charts in the browser can
 * format their axes; server code calls formatMoney, which looks the digits
 * up. `compact` shortens large amounts ("€1.2m").
 */
export function formatMinorAmount(
  minor: number,
  currency: string,
  digits: number,
  options: { compact?: boolean } = {},
): string {
  const code = currency.trim().toUpperCase();
  const major = minor / 10 ** digits;

  const format = options.compact
    ? new Intl.NumberFormat(locale, {
        style: "currency",
        currency: code,
        notation: "compact",
        maximumFractionDigits: 1,
      })
    : new Intl.NumberFormat(locale, {
        style: "currency",
        currency: code,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });

  return format.format(major);
}
