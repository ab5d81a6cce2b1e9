import {
  type CsvColumn,
  countChange,
  csvShare,
  moneyChange,
  shareChange,
  toCsv,
} from "@/lib/export/csv";
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
  /** The source's id; null for all sources together. */
  sourceId: number | null;
  source: string;
  cost: SourceRow["cost"] | null;
};

function rateColumns(key: string, rateOf: (row: ComparisonRow) => Rate) {
  const columns: CsvColumn<ComparisonRow>[] = [
    {
      header: `${key}_numerator`,
      value: (row) => rateOf(row).numerator,
      change: countChange((row) => rateOf(row).numerator),
    },
    {
      header: `${key}_denominator`,
      value: (row) => rateOf(row).denominator,
      change: countChange((row) => rateOf(row).denominator),
    },
    {
      header: key,
      value: (row) => csvShare(rateOf(row).value),
      change: shareChange((row) => rateOf(row).value),
    },
    { header: `${key}_low`, value: (row) => csvShare(rateOf(row).low) },
    { header: `${key}_high`, value: (row) => csvShare(rateOf(row).high) },
  ];

  return columns;
}

// "Effort-adjusted contact rate" → "effort_adjusted_contact_rate".
function toColumnName(label: string): string {
  return label.toLowerCase().replace(/[^a-z]+/g, "_");
}

function toComparisonRows(comparison: SourceComparison): ComparisonRow[] {
  return [
    ...comparison.sources,
    {
      ...comparison.total,
      sourceId: null,
      source: "All sources",
      cost: null,
    },
  ];
}

const countColumn = (
  header: string,
  of: (row: ComparisonRow) => number,
): CsvColumn<ComparisonRow> => ({ header, value: of, change: countChange(of) });

/** The comparison table with every figure as on screen and the
 * all-sources row last. Amounts are plain decimals in the report currency;
 * `cost_status` says why a cost is empty (unknown, no_currency, no_rate).
 * With the previous period, each figure is followed by its value then
 * (`previous_…`) and its change (`change_…`: counts and amounts as current
 * minus previous, shares in percentage points). */
export function toComparisonCsv(
  comparison: SourceComparison,
  previous?: SourceComparison,
): string {
  const { currency } = comparison;
  const amount = (minor: number | null | undefined) =>
    minor === null || minor === undefined
      ? ""
      : formatDecimalAmount(minor, currency);
  const money = (
    header: string,
    of: (row: ComparisonRow) => number | null | undefined,
  ): CsvColumn<ComparisonRow> => ({
    header: `${header}_${currency}`,
    value: (row) => amount(of(row)),
    change: moneyChange(of, currency),
  });
  const before = previous ? toComparisonRows(previous) : [];

  return toCsv(
    toComparisonRows(comparison),
    [
      { header: "source", value: (row) => row.source },
      countColumn("leads", (row) => row.leads),
      countColumn("persons", (row) => row.persons),
      countColumn("leads_without_person", (row) => row.leadsWithoutPerson),
      ...comparisonRates.flatMap(([key, label]) =>
        rateColumns(toColumnName(label), (row) => row[key]),
      ),
      { header: "cost_status", value: (row) => row.cost?.status ?? "" },
      money("cost_per_lead", (row) => row.cost?.perLeadMinor),
      money(
        "cost_per_contacted_lead",
        (row) => row.cost?.perContactedLeadMinor,
      ),
      money("ltv_per_lead", (row) => row.ltvPerLeadMinor),
      countColumn("valued_leads", (row) => row.valuedLeads),
      countColumn("values_not_converted", (row) => row.valuesNotConverted),
    ],
    previous
      ? {
          previousOf: (row) =>
            before.find((entry) => entry.sourceId === row.sourceId),
        }
      : undefined,
  );
}

type SplitRow = {
  sourceId: number;
  source: string;
  leadClass: string;
  leads: number;
  of: number;
  flag: string;
};

function toSplitRows(split: LostLeadSplit): SplitRow[] {
  return split.sources.flatMap((source) => [
    {
      sourceId: source.sourceId,
      source: source.source,
      leadClass: lostLeadClassLabels.converted,
      leads: source.converted,
      of: source.leads,
      flag: "",
    },
    ...split.classes.map((leadClass) => ({
      sourceId: source.sourceId,
      source: source.source,
      leadClass: lostLeadClassLabels[leadClass],
      leads: source.classes[leadClass].leads,
      of: source.leads,
      flag:
        describeSplitFlag(leadClass, source.classes[leadClass].versusOthers) ??
        "",
    })),
  ]);
}

const splitShare = (row: SplitRow) =>
  row.of === 0 ? null : row.leads / row.of;

/** One row per source and class (converted included), with the flag; with
 * the previous period, the same source's class then and the change (leads
 * as a difference, the share in percentage points). */
export function toSplitCsv(
  split: LostLeadSplit,
  previous?: LostLeadSplit,
): string {
  const before = previous ? toSplitRows(previous) : [];

  return toCsv(
    toSplitRows(split),
    [
      { header: "source", value: (row) => row.source },
      { header: "class", value: (row) => row.leadClass },
      {
        header: "leads",
        value: (row) => row.leads,
        change: countChange((row) => row.leads),
      },
      {
        header: "source_leads",
        value: (row) => row.of,
        change: countChange((row) => row.of),
      },
      {
        header: "share",
        value: (row) => csvShare(splitShare(row)),
        change: shareChange(splitShare),
      },
      { header: "flag", value: (row) => row.flag },
    ],
    previous
      ? {
          previousOf: (row) =>
            before.find(
              (entry) =>
                entry.sourceId === row.sourceId &&
                entry.leadClass === row.leadClass,
            ),
        }
      : undefined,
  );
}
