import { formatMoney } from "@/lib/money/format-money";
import type { SourceRow } from "@/lib/metrics/sources";

/** A source's cost per lead or per contacted lead as shown, or why it is
 * not shown: never a made-up zero. */
export function formatSourceCost(
  cost: SourceRow["cost"],
  minor: number | null,
  currency: string,
): string {
  if (cost.status === "unknown") return "not known";
  if (cost.status === "no_currency") return "cost without a currency";
  if (cost.status === "no_rate") return "no rate for its currency";
  if (minor === null) return "No data";

  return formatMoney(minor, currency);
}
