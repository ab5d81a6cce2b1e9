import { formatCount } from "@/lib/format";
import type { ValueFigures } from "@/lib/metrics/value";
import { formatMoney, formatMoneyChange } from "@/lib/money/format-money";
import {
  bodyRowClass,
  headRowClass,
  numTdClass,
  numThClass,
  ScrollTable,
  thClass,
} from "../../recovery/_components/table-parts";
import { describeShareChange, formatValueShare } from "./value-words";

export type ValueRow = {
  key: string;
  label: string;
  figures: ValueFigures;
  previous: ValueFigures | undefined;
  /** The total row, set apart in bold. */
  isTotal?: boolean;
  /** Which group of the previous period it compares with, when that is
   * not the same group ("vs Mar 2026" for a month). */
  versus?: string;
};

const moneyColumns = [
  ["recoveredValueMinor", "Recovered value"],
  ["recoveredRevenueMinor", "Recovered revenue"],
  ["valueAtRiskMinor", "Value at risk"],
] as const;

function MoneyCell({
  minor,
  previousMinor,
  currency,
  compare,
}: {
  minor: number;
  previousMinor: number | undefined;
  currency: string;
  compare: boolean;
}) {
  return (
    <td className={numTdClass}>
      <span className="block">{formatMoney(minor, currency)}</span>
      {compare ? (
        <span className="block text-xs text-slate-600 dark:text-slate-400">
          {previousMinor === undefined
            ? "no data in the previous period"
            : `${formatMoneyChange(minor - previousMinor, currency)} vs previous (${formatMoney(previousMinor, currency)})`}
        </span>
      ) : null}
    </td>
  );
}

/** Value figures per month, channel or source; every lead is in one row. */
export function ValueTable({
  caption,
  groupLabel,
  rows,
  currency,
  compare,
}: {
  caption: string;
  groupLabel: string;
  rows: ValueRow[];
  currency: string;
  compare: boolean;
}) {
  return (
    <ScrollTable caption={caption}>
      <thead>
        <tr className={headRowClass}>
          <th scope="col" className={thClass}>
            {groupLabel}
          </th>
          <th scope="col" className={numThClass}>
            Call-failed leads
          </th>
          <th scope="col" className={numThClass}>
            Recovered leads
          </th>
          {moneyColumns.map(([key, label]) => (
            <th key={key} scope="col" className={numThClass}>
              {label}
            </th>
          ))}
          <th scope="col" className={numThClass}>
            <span className="inline-block max-w-32">
              Value-weighted recovery rate
            </span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.key}
            className={`${bodyRowClass} ${row.isTotal ? "font-medium" : ""}`}
          >
            <th
              scope="row"
              className={`py-2 pr-4 text-left ${row.isTotal ? "font-medium" : "font-normal"}`}
            >
              {row.label}
              {compare && row.versus ? (
                <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">
                  {row.versus}
                </span>
              ) : null}
            </th>
            <td className={numTdClass}>
              {formatCount(row.figures.callFailedLeads)}
            </td>
            <td className={numTdClass}>
              {formatCount(row.figures.recoveredLeads)}
            </td>
            {moneyColumns.map(([key]) => (
              <MoneyCell
                key={key}
                minor={row.figures[key]}
                previousMinor={row.previous?.[key]}
                currency={currency}
                compare={compare}
              />
            ))}
            <td className={numTdClass}>
              <span className="block">
                {formatValueShare(row.figures.valueWeightedRecoveryRate)}
              </span>
              <span className="block text-xs text-slate-500 dark:text-slate-400">
                {formatMoney(
                  row.figures.valueWeightedRecoveryRate.numeratorMinor,
                  currency,
                )}{" "}
                of{" "}
                {formatMoney(
                  row.figures.valueWeightedRecoveryRate.denominatorMinor,
                  currency,
                )}
              </span>
              {compare ? (
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {describeShareChange(
                    row.figures.valueWeightedRecoveryRate,
                    row.previous?.valueWeightedRecoveryRate,
                  )}
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
