import { type CsvColumn, csvShare, toCsv } from "@/lib/export/csv";
import type { LostLeadSplit } from "@/lib/metrics/lost-leads";
import type { Rate } from "@/lib/metrics/rate";
import type {
  SourceComparison,
  SourceFigures,
  SourceRow,
} from "@/lib/metrics/sources";
import { formatDecimalAmount } from "@/lib/money/format-money";
import {
  describeSplitFlag,
  lostLeadClassLabels,
} from "@/lib/sources-narrative/lost-lead-labels";
import { comparisonRates } from "../_components/comparison-columns";

type ComparisonRow = SourceFigures & {
  source: string;
  cost: SourceRow["cost"] | null;
};

function rateColumns(key: string, rateOf: (row: ComparisonRow) => Rate) {
  const columns: CsvColumn<ComparisonRow>[] = [
    { header: `${key}_numerator`, value: (row) => rateOf(row).numerator },
    { header: `${key}_denominator`, value: (row) => rateOf(row).denominator },
    { header: key, value: (row) => csvShare(rateOf(row).value) },
    { header: `${key}_low`, value: (row) => csvShare(rateOf(row).low) },
    { header: `${key}_high`, value: (row) => csvShare(rateOf(row).high) },
  ];

  return columns;
}

// "Effort-adjusted contact rate" → "effort_adjusted_contact_rate".
function toColumnName(label: string): string {
  return label.toLowerCase().replace(/[^a-z]+/g, "_");
}

/** The comparison table with every figure as on screen and the
 * all-sources row last. Amounts are plain decimals in the report currency;
 * `cost_status` says why a cost is empty (unknown, no_currency, no_rate). */
export function toComparisonCsv(comparison: SourceComparison): string {
  const { currency } = comparison;
  const amount = (minor: number | null | undefined) =>
    minor === null || minor === undefined
      ? ""
      : formatDecimalAmount(minor, currency);
  const rows: ComparisonRow[] = [
    ...comparison.sources,
    { ...comparison.total, source: "All sources", cost: null },
  ];

  return toCsv(rows, [
    { header: "source", value: (row) => row.source },
    { header: "leads", value: (row) => row.leads },
    { header: "persons", value: (row) => row.persons },
    { header: "leads_without_person", value: (row) => row.leadsWithoutPerson },
    ...comparisonRates.flatMap(([key, label]) =>
      rateColumns(toColumnName(label), (row) => row[key]),
    ),
    { header: "cost_status", value: (row) => row.cost?.status ?? "" },
    {
      header: `cost_per_lead_${currency}`,
      value: (row) => amount(row.cost?.perLeadMinor),
    },
    {
      header: `cost_per_contacted_lead_${currency}`,
      value: (row) => amount(row.cost?.perContactedLeadMinor),
    },
    {
      header: `ltv_per_lead_${currency}`,
      value: (row) => amount(row.ltvPerLeadMinor),
    },
    { header: "valued_leads", value: (row) => row.valuedLeads },
    { header: "values_not_converted", value: (row) => row.valuesNotConverted },
  ]);
}

/** One row per source and class (converted included), with the flag. */
export function toSplitCsv(split: LostLeadSplit): string {
  const rows = split.sources.flatMap((source) => [
    {
      source: source.source,
      leadClass: lostLeadClassLabels.converted,
      leads: source.converted,
      of: source.leads,
      flag: "",
    },
    ...split.classes.map((leadClass) => ({
      source: source.source,
      leadClass: lostLeadClassLabels[leadClass],
      leads: source.classes[leadClass].leads,
      of: source.leads,
      flag:
        describeSplitFlag(leadClass, source.classes[leadClass].versusOthers) ??
        "",
    })),
  ]);

  return toCsv(rows, [
    { header: "source", value: (row) => row.source },
    { header: "class", value: (row) => row.leadClass },
    { header: "leads", value: (row) => row.leads },
    { header: "source_leads", value: (row) => row.of },
    {
      header: "share",
      value: (row) => csvShare(row.of === 0 ? null : row.leads / row.of),
    },
    { header: "flag", value: (row) => row.flag },
  ]);
}
