import { type CsvColumn, csvShare, toCsv } from "@/lib/export/csv";
import type { RecoveredValue, ValueFigures } from "@/lib/metrics/value";
import { formatDecimalAmount } from "@/lib/money/format-money";
import { formatChannel } from "../../recovery/_components/labels";
import { formatMonth } from "../_components/value-words";

type Row = { group: string } & ValueFigures;

// Amounts as plain decimals in the report currency (12.34), so that a
// spreadsheet sums them; the header names the currency.
function valueColumns(groupHeader: string, currency: string): CsvColumn<Row>[] {
  const money = (
    header: string,
    pick: (row: Row) => number,
  ): CsvColumn<Row> => ({
    header: `${header}_${currency}`,
    value: (row) => formatDecimalAmount(pick(row), currency),
  });

  return [
    { header: groupHeader, value: (row) => row.group },
    { header: "call_failed_leads", value: (row) => row.callFailedLeads },
    { header: "recovered_leads", value: (row) => row.recoveredLeads },
    money("call_failed_value", (row) => row.callFailedValueMinor),
    money("recovered_value", (row) => row.recoveredValueMinor),
    money("recovered_revenue", (row) => row.recoveredRevenueMinor),
    {
      header: "value_weighted_recovery_rate",
      value: (row) => csvShare(row.valueWeightedRecoveryRate.value),
    },
    { header: "at_risk_leads", value: (row) => row.atRiskLeads },
    money("value_at_risk", (row) => row.valueAtRiskMinor),
    {
      header: "at_risk_leads_without_conversion_rate",
      value: (row) => row.atRiskLeadsWithoutConversionRate,
    },
  ];
}

export const valueTables = ["month", "channel", "source"] as const;
export type ValueTableName = (typeof valueTables)[number];

/** One grouping of the Revenue page as CSV, with the total row last. */
export function toValueCsv(
  value: RecoveredValue,
  table: ValueTableName,
): string {
  const groups: Row[] =
    table === "month"
      ? value.byMonth.map((row) => ({ ...row, group: formatMonth(row.month) }))
      : table === "channel"
        ? value.byChannel.map((row) => ({
            ...row,
            group: formatChannel(row.channel),
          }))
        : value.bySource.map((row) => ({ ...row, group: row.source }));
  const rows = [...groups, { ...value.total, group: "Total" }];

  return toCsv(rows, valueColumns(table, value.currency));
}
