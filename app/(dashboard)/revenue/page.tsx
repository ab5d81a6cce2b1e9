import type { Metadata } from "next";
import { RecoveredValueChart } from "@/components/charts/recovered-value-chart";
import { FilterBar } from "@/components/filters/filter-bar";
import { Panel } from "@/components/ui/panel";
import { loadPageContext } from "@/lib/filters/page-context";
import { toQueryString } from "@/lib/filters/url";
import { pluralise } from "@/lib/format";
import { pairPreviousMonths } from "@/lib/compare/months";
import { getMinorUnitDigits } from "@/lib/metrics/lead-value";
import { getRecoveredValue, type ValueFigures } from "@/lib/metrics/value";
import { loadCompared } from "../recovery/_components/compared";
import { formatChannel } from "../recovery/_components/labels";
import { CsvLink } from "../recovery/_components/table-parts";
import { MoneyCard, ValueShareCard } from "./_components/money-card";
import { type ValueRow, ValueTable } from "./_components/value-table";
import {
  describeValuesNotConverted,
  formatMonth,
} from "./_components/value-words";

export const metadata: Metadata = { title: "Revenue" };

export default async function RevenuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, settings, page, params, options, showAgents } =
    await loadPageContext(searchParams, "viewDashboards");
  const { filter, compare } = page;

  const value = await loadCompared(getRecoveredValue, db, filter, compare);

  const { current, previous } = value;
  const { currency, total } = current;
  // Without call-failed leads the previous period has no data, not zeros.
  const previousTotal =
    previous && previous.total.callFailedLeads > 0 ? previous.total : null;
  const csvHref = (table: string) =>
    `/revenue/export?${toQueryString(page, { table })}`;
  const notConverted = describeValuesNotConverted(
    current.valuesNotConverted,
    currency,
  );
  // A group compares with the same group of the previous period; a month
  // with the month at the same place counted from the end (see months.ts).
  const rowsOf = <Row extends ValueFigures>(
    rows: Row[],
    previousRows: Row[] | undefined,
    keyOf: (row: Row) => string,
    labelOf: (row: Row) => string,
    previousKeyOf: (row: Row) => string | undefined = keyOf,
  ): ValueRow[] => [
    ...rows.map((row) => {
      const previousKey = previousKeyOf(row);

      return {
        key: keyOf(row),
        label: labelOf(row),
        figures: row,
        previous: previousRows?.find((entry) => keyOf(entry) === previousKey),
      };
    }),
    {
      key: "total",
      label: "All call-failed leads",
      figures: total,
      previous: previousTotal ?? undefined,
      isTotal: true,
    },
  ];
  const monthPairs = pairPreviousMonths(filter);
  const noCallFailed = total.callFailedLeads === 0;
  // Without call-failed leads the sums have no data; with some, zero is zero.
  const amount = (minor: number) => (noCallFailed ? null : minor);
  const leftOut = current.leftOut;
  const formatPairedMonth = (month: string) => {
    const before = monthPairs.get(month);

    return before ? `vs ${formatMonth(before)}` : "no month to compare";
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Revenue</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Lifetime value of call-failed leads created from {filter.from} to{" "}
            {filter.to} ({settings.reportTimezone}), in {currency}; a monthly
            value counts for {settings.expectedLifetimeMonths} months
            {leftOut > 0
              ? `. ${pluralise(leftOut, "lead")} without a creation instant ${leftOut === 1 ? "is" : "are"} in no period`
              : ""}
            .
          </p>
        </div>
        <FilterBar
          page={page}
          options={options}
          showAgents={showAgents}
          params={params}
        />
      </div>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <MoneyCard
          label="Recovered value"
          minor={amount(total.recoveredValueMinor)}
          currency={currency}
          note={`LTV of ${pluralise(total.recoveredLeads, "recovered lead")}`}
          figure="recoveredValue"
          previousMinor={
            previous ? (previousTotal?.recoveredValueMinor ?? null) : undefined
          }
        />
        <MoneyCard
          label="Recovered revenue"
          minor={amount(total.recoveredRevenueMinor)}
          currency={currency}
          note="LTV of recovered leads that converted"
          figure="recoveredRevenue"
          previousMinor={
            previous
              ? (previousTotal?.recoveredRevenueMinor ?? null)
              : undefined
          }
        />
        <ValueShareCard
          share={total.valueWeightedRecoveryRate}
          currency={currency}
          previous={previous?.total.valueWeightedRecoveryRate}
          emptyNote={
            noCallFailed
              ? "No call-failed leads in this view."
              : "No call-failed lead has a value in this view."
          }
        />
        <MoneyCard
          label="Value at risk"
          minor={amount(total.valueAtRiskMinor)}
          currency={currency}
          note={`${pluralise(total.atRiskLeads, "call-failed lead")} not reached, times the conversion of contacted leads of the source${
            total.atRiskLeadsWithoutConversionRate > 0
              ? `; ${pluralise(total.atRiskLeadsWithoutConversionRate, "lead")} of a source with no contacted lead left out`
              : ""
          }`}
          figure="valueAtRisk"
          previousMinor={
            previous ? (previousTotal?.valueAtRiskMinor ?? null) : undefined
          }
        />
      </div>

      {notConverted.length > 0 ? (
        <section
          aria-label="Values not converted"
          className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <p className="font-medium">Some values are left out of these sums:</p>
          <ul className="mt-1 list-disc pl-5">
            {notConverted.map((sentence) => (
              <li key={sentence}>{sentence}.</li>
            ))}
          </ul>
          <p className="mt-1">
            They count as call-failed leads and add nothing to the amounts.
          </p>
        </section>
      ) : null}

      {noCallFailed ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-sm dark:border-slate-800 dark:bg-slate-900">
          No call-failed leads in this period, so there is no value to recover
          yet.
        </p>
      ) : (
        <>
          <Panel
            title="By month"
            description={`Month of the lead's creation in the reporting zone.${compare ? " Each month compares with the month at the same place in the previous period, counted from the last; below each amount, its change in money." : ""}`}
            figure="recoveredValue"
            actions={<CsvLink href={csvHref("month")} />}
          >
            <div className="space-y-4">
              <RecoveredValueChart
                points={current.byMonth.map((row) => ({
                  month: formatMonth(row.month),
                  recoveredValueMinor: row.recoveredValueMinor,
                  recoveredRevenueMinor: row.recoveredRevenueMinor,
                }))}
                currency={currency}
                digits={getMinorUnitDigits(currency)}
                label="Bar chart of recovered value and recovered revenue by month; the table below gives the same amounts."
              />
              <ValueTable
                caption="Value figures by month of the lead's creation"
                groupLabel="Month"
                rows={rowsOf(
                  current.byMonth,
                  previous?.byMonth,
                  (row) => row.month,
                  (row) => formatMonth(row.month),
                  (row) => monthPairs.get(row.month),
                ).map((row) => ({
                  ...row,
                  versus:
                    compare && !row.isTotal
                      ? formatPairedMonth(row.key)
                      : undefined,
                }))}
                currency={currency}
                compare={compare}
              />
            </div>
          </Panel>

          <Panel
            title="By channel"
            description="The channel credited with the recovery; for a lead not recovered, that of its last recovery message."
            figure="recoveredValue"
            actions={<CsvLink href={csvHref("channel")} />}
          >
            <ValueTable
              caption="Value figures by channel"
              groupLabel="Channel"
              rows={rowsOf(
                current.byChannel,
                previous?.byChannel,
                (row) => row.channel ?? "none",
                (row) => formatChannel(row.channel),
              )}
              currency={currency}
              compare={compare}
            />
          </Panel>

          <Panel
            title="By source"
            figure="valueAtRisk"
            actions={<CsvLink href={csvHref("source")} />}
          >
            <ValueTable
              caption="Value figures by source"
              groupLabel="Source"
              rows={rowsOf(
                current.bySource,
                previous?.bySource,
                (row) => String(row.sourceId),
                (row) => row.source,
              )}
              currency={currency}
              compare={compare}
            />
          </Panel>
        </>
      )}
    </div>
  );
}
