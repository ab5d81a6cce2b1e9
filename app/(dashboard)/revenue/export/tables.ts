import {
  type CsvColumn,
  countChange,
  csvShare,
  moneyChange,
  shareChange,
  toCsv,
} from "@/lib/export/csv";
import { pairPreviousMonths } from "@/lib/compare/months";
import type { MetricFilter } from "@/lib/metrics/filter";
import type { RecoveredValue, ValueFigures } from "@/lib/metrics/value";
import { formatDecimalAmount } from "@/lib/money/format-money";
import { formatChannel } from "../../recovery/_components/labels";
import { formatMonth } from "../_components/value-words";

/** A row of an export: its group as shown, and the key that finds the
 * same group in the previous period. */
type Row = { group: string; key: string } & ValueFigures;

// Amounts as plain decimals in the report currency (12.34), so that a
// spreadsheet sums them; the header names the currency.
function figureColumns(currency: string): CsvColumn<Row>[] {
  const money = (
    header: string,
    pick: (row: Row) => number,
  ): CsvColumn<Row> => ({
    header: `${header}_${currency}`,
    value: (row) => formatDecimalAmount(pick(row), currency),
    change: moneyChange(pick, currency),
  });
  const count = (
    header: string,
    pick: (row: Row) => number,
  ): CsvColumn<Row> => ({
    header,
    value: pick,
    change: countChange(pick),
  });

  return [
    count("call_failed_leads", (row) => row.callFailedLeads),
    count("recovered_leads", (row) => row.recoveredLeads),
    money("call_failed_value", (row) => row.callFailedValueMinor),
    money("recovered_value", (row) => row.recoveredValueMinor),
    money("recovered_revenue", (row) => row.recoveredRevenueMinor),
    {
      header: "value_weighted_recovery_rate",
      value: (row) => csvShare(row.valueWeightedRecoveryRate.value),
      change: shareChange((row) => row.valueWeightedRecoveryRate.value),
    },
    count("at_risk_leads", (row) => row.atRiskLeads),
    money("value_at_risk", (row) => row.valueAtRiskMinor),
    count(
      "at_risk_leads_without_conversion_rate",
      (row) => row.atRiskLeadsWithoutConversionRate,
    ),
  ];
}

export const valueTables = ["month", "channel", "source"] as const;
export type ValueTableName = (typeof valueTables)[number];

function toRows(value: RecoveredValue, table: ValueTableName): Row[] {
  const groups: Row[] =
    table === "month"
      ? value.byMonth.map((row) => ({
          ...row,
          key: row.month,
          group: formatMonth(row.month),
        }))
      : table === "channel"
        ? value.byChannel.map((row) => ({
            ...row,
            key: row.channel ?? "none",
            group: formatChannel(row.channel),
          }))
        : value.bySource.map((row) => ({
            ...row,
            key: String(row.sourceId),
            group: row.source,
          }));

  return [...groups, { ...value.total, key: "total", group: "Total" }];
}

/**
 * One grouping of the Revenue page as CSV, with the total row last. With
 * the previous period, each figure is followed by its value then
 * (`previous_…`) and its change (`change_…`: counts and amounts as current
 * minus previous, in the currency's major units; the share in percentage
 * points). A month meets the month of the previous period at the same
 * place counted from the last, named in `previous_month`, as on the page.
 */
export function toValueCsv(
  value: RecoveredValue,
  table: ValueTableName,
  compared?: { previous: RecoveredValue; filter: MetricFilter },
): string {
  const group: CsvColumn<Row> = { header: table, value: (row) => row.group };
  const figures = figureColumns(value.currency);
  if (!compared) return toCsv(toRows(value, table), [group, ...figures]);

  const before = toRows(compared.previous, table);
  const months = pairPreviousMonths(compared.filter);
  const previousKey = (row: Row) =>
    table === "month" && row.key !== "total" ? months.get(row.key) : row.key;
  const monthColumn: CsvColumn<Row> = {
    header: "previous_month",
    value: (row) => {
      const key = previousKey(row);

      return row.key === "total" || key === undefined ? "" : formatMonth(key);
    },
  };

  return toCsv(
    toRows(value, table),
    table === "month" ? [group, monthColumn, ...figures] : [group, ...figures],
    {
      previousOf: (row) =>
        before.find((entry) => entry.key === previousKey(row)),
    },
  );
}
