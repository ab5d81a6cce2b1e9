import type { Metadata } from "next";
import {
  LostLeadSplitChart,
  type SplitBar,
} from "@/components/charts/lost-lead-split-chart";
import { FilterBar } from "@/components/filters/filter-bar";
import { Panel } from "@/components/ui/panel";
import { can } from "@/lib/auth/roles";
import { loadPageContext } from "@/lib/filters/page-context";
import { toQueryString } from "@/lib/filters/url";
import { pluralise } from "@/lib/format";
import { figureDefinitions } from "@/lib/metrics/definitions";
import { getLostLeadSplit, type LostLeadSplit } from "@/lib/metrics/lost-leads";
import { getSourceComparison } from "@/lib/metrics/sources";
import { describeSource } from "@/lib/sources-narrative/describe-source";
import {
  lostLeadClassLabels,
  splitDrawingOrder,
  toLostLeadSet,
} from "@/lib/sources-narrative/lost-lead-labels";
import { loadCompared } from "../recovery/_components/compared";
import { CsvLink } from "../recovery/_components/table-parts";
import { ComparisonTable } from "./_components/comparison-table";
import { splitColours } from "./_components/split-colours";
import { SplitLegend } from "./_components/split-legend";
import { SplitTable } from "./_components/split-table";

export const metadata: Metadata = { title: "Sources" };

const columnFigures = [
  "leads",
  "persons",
  "duplicateRate",
  "invalidContactRate",
  "leadContactRate",
  "workedContactRate",
  "followUpCompliance",
  "effortAdjustedContactRate",
  "contactedConversionRate",
  "costPerLead",
  "costPerContactedLead",
  "ltvPerLead",
] as const;

function toSplitBars(split: LostLeadSplit): SplitBar[] {
  return split.sources.map((source) => {
    const count = (leadClass: (typeof splitDrawingOrder)[number]) =>
      leadClass === "converted"
        ? source.converted
        : source.classes[leadClass].leads;

    return {
      source: source.source,
      leads: source.leads,
      segments: Object.fromEntries(
        splitDrawingOrder.map((leadClass) => [
          leadClass,
          {
            leads: count(leadClass),
            percent:
              source.leads === 0 ? 0 : (count(leadClass) / source.leads) * 100,
          },
        ]),
      ),
    };
  });
}

export default async function SourcesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, db, settings, page, params, options, showAgents } =
    await loadPageContext(searchParams, "viewDashboards");
  const { filter, compare } = page;

  const [comparison, splits] = await Promise.all([
    loadCompared(getSourceComparison, db, filter, compare),
    loadCompared(getLostLeadSplit, db, filter, compare),
  ]);

  const leadsHref = can(user.role, "viewLeads")
    ? (leadClass: (typeof splitDrawingOrder)[number], sourceId?: number) =>
        `/leads?${toQueryString(page, {
          set: toLostLeadSet(leadClass),
          ...(sourceId === undefined ? {} : { source: String(sourceId) }),
        })}`
    : undefined;
  const csvHref = (table: string) =>
    `/sources/export?${toQueryString(page, { table })}`;
  const { current } = comparison;
  const split = splits.current;
  const leftOut = current.leftOut;
  const sentences = current.sources.map((row) => ({
    sourceId: row.sourceId,
    sentence: describeSource({
      row,
      split: split.sources.find((entry) => entry.sourceId === row.sourceId),
      total: current.total,
    }),
  }));
  const splitAddsUp = split.sources.every(
    (source) =>
      source.converted +
        split.classes.reduce(
          (sum, leadClass) => sum + source.classes[leadClass].leads,
          0,
        ) ===
      source.leads,
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Sources</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Leads created from {filter.from} to {filter.to} (
            {settings.reportTimezone}), by the source that produced them
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

      <Panel
        title="What the data shows"
        description="One sentence per source; a difference is told only where it goes beyond the 95 % interval against all other sources together."
      >
        {sentences.length === 0 ? (
          <p className="text-sm">No leads in this period.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {sentences.map((entry) => (
              <li key={entry.sourceId}>{entry.sentence}</li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel
        title="Sources compared"
        description={`Over the leads created in the period; contact within ${settings.contactWindowDays} days of creation. Money in ${current.currency}.`}
        figure="effortAdjustedContactRate"
        actions={<CsvLink href={csvHref("comparison")} />}
      >
        {current.sources.length === 0 ? (
          <p className="text-sm">No leads in this period.</p>
        ) : (
          <>
            <ComparisonTable
              comparison={current}
              previous={comparison.previous}
              compare={compare}
            />
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer text-sky-700 underline decoration-dotted dark:text-sky-400">
                What the columns mean
              </summary>
              <dl className="mt-2 space-y-1">
                {columnFigures.map((id) => (
                  <div key={id}>
                    <dt className="inline font-medium">
                      {figureDefinitions[id].name}:
                    </dt>{" "}
                    <dd className="inline text-slate-700 dark:text-slate-300">
                      {figureDefinitions[id].definition}
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
          </>
        )}
      </Panel>

      <Panel
        title="Lost-lead split"
        description={`Every lead that did not convert, in exactly one class, checked in order. Each source's bar is its leads; each count links to the leads in the class with the rule that placed each one.${compare ? " Below each share, its change in percentage points against the same source in the previous period." : ""}`}
        figure="lostLeadSplit"
        actions={<CsvLink href={csvHref("split")} />}
      >
        {split.sources.length === 0 ? (
          <p className="text-sm">No leads in this period.</p>
        ) : (
          <div className="space-y-4">
            <SplitLegend />
            <LostLeadSplitChart
              bars={toSplitBars(split)}
              segments={splitDrawingOrder.map((leadClass) => ({
                key: leadClass,
                label: lostLeadClassLabels[leadClass],
                colour: splitColours[leadClass],
              }))}
              label="Stacked bars of the lost-lead split per source; the table below gives the same counts and shares."
            />
            <SplitTable
              split={split}
              previous={splits.previous}
              leadsHref={leadsHref}
            />
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {splitAddsUp
                ? `Per source and in total, the classes and the converted leads add up to the leads: ${pluralise(split.total.leads, "lead")} in all.`
                : "The classes and the converted leads do not add up to the leads for every source: please report this."}{" "}
              A flag (!) marks a share that differs from all other sources
              together beyond the 95 % interval of the difference.
            </p>
          </div>
        )}
      </Panel>
    </div>
  );
}
