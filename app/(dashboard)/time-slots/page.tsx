import type { Metadata } from "next";
import { FilterBar } from "@/components/filters/filter-bar";
import { Panel } from "@/components/ui/panel";
import { CountCard, RateCard } from "@/components/ui/rate-card";
import { toQueryString } from "@/lib/filters/url";
import { loadPageContext } from "@/lib/filters/page-context";
import { formatCount, pluralise } from "@/lib/format";
import { previousPeriod } from "@/lib/metrics/filter";
import { toRate } from "@/lib/metrics/rate";
import { type TimeSlotGrid, getTimeSlotGrid } from "@/lib/metrics/time-slots";
import {
  describeCell,
  nameCell,
  rankSlots,
  readSlotZone,
} from "@/lib/time-slots/slot-words";
import { Heatmap, HeatmapLegend } from "./_components/heatmap";
import { ZoneSwitch } from "./_components/zone-switch";

export const metadata: Metadata = { title: "Time slots" };

function sumCalls(grid: TimeSlotGrid) {
  const calls = grid.cells.reduce((sum, cell) => sum + cell.calls, 0);
  const answered = grid.cells.reduce((sum, cell) => sum + cell.answered, 0);

  return toRate(answered, calls);
}

export default async function TimeSlotsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, settings, page, params, options, showAgents } =
    await loadPageContext(searchParams, "viewDashboards");
  const { filter } = page;
  const zone = readSlotZone(params);

  const [grid, previous] = await Promise.all([
    getTimeSlotGrid(db, filter, { zone }, settings),
    page.compare
      ? getTimeSlotGrid(db, previousPeriod(filter), { zone }, settings)
      : Promise.resolve(null),
  ]);
  const ranking = rankSlots(grid.cells);
  const tried = grid.cells.filter((cell) => !cell.untried);
  const thin = tried.filter((cell) => cell.thin).length;
  const attempts = tried.reduce((sum, cell) => sum + cell.attempts, 0);
  const extra: Record<string, string> = zone === "report" ? { zone } : {};
  const clock =
    zone === "lead"
      ? "each lead's own clock"
      : `the reporting zone's clock (${settings.reportTimezone})`;
  const slotList = (cells: typeof ranking.best) => (
    <ul className="list-disc pl-5">
      {cells.map((cell) => (
        <li key={`${cell.weekday}/${cell.hour}`}>
          {nameCell(cell)}: {describeCell(cell, grid.minCellAttempts)}
        </li>
      ))}
    </ul>
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Time slots</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Outbound attempts made from {filter.from} to {filter.to}, read on{" "}
            {clock}
            {grid.leftOut > 0
              ? `. Attempts to ${pluralise(grid.leftOut, "lead")} without a creation instant are left out`
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

      <ZoneSwitch
        zone={zone}
        reportTimezone={settings.reportTimezone}
        leadHref={`/time-slots?${toQueryString(page)}`}
        reportHref={`/time-slots?${toQueryString(page, { zone: "report" })}`}
      />

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <RateCard
          label="Call answer rate"
          figure="callAnswerRate"
          rate={sumCalls(grid)}
          numeratorLabel="answered"
          denominatorLabel="outbound calls"
          previous={previous ? sumCalls(previous) : undefined}
        />
        <RateCard
          label="In-slot share"
          figure="inSlotShare"
          rate={grid.inSlot}
          numeratorLabel="attempts inside the lead's window"
          denominatorLabel="attempts to leads that gave one"
          previous={previous?.inSlot}
        />
        <CountCard
          label="Outbound attempts"
          value={attempts}
          note={`${pluralise(tried.length, "cell")} of 168 tried, ${formatCount(thin)} of them thin`}
          previous={
            previous
              ? previous.cells.reduce((sum, cell) => sum + cell.attempts, 0)
              : undefined
          }
        />
      </div>

      <Panel
        title="Best and worst slots"
        description={`By answer rate, among cells with at least ${grid.minCellAttempts} attempts; thin cells are too small to rank.`}
      >
        {ranking.best.length === 0 ? (
          <p className="text-sm" data-testid="slot-ranking">
            Too few cells have at least {grid.minCellAttempts} attempts to name
            a best and a worst slot: {formatCount(ranking.qualified)} of 168 so
            far. A longer period or a wider filter gives more.
          </p>
        ) : (
          <dl className="space-y-2 text-sm" data-testid="slot-ranking">
            <div>
              <dt className="font-medium">
                {ranking.best.length === 1 ? "Best slot" : "Best slots"}
              </dt>
              <dd>{slotList(ranking.best)}</dd>
            </div>
            <div>
              <dt className="font-medium">
                {ranking.worst.length === 1 ? "Worst slot" : "Worst slots"}
              </dt>
              <dd>{slotList(ranking.worst)}</dd>
            </div>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Ranked among {pluralise(ranking.qualified, "cell")} with enough
              attempts.
            </p>
          </dl>
        )}
      </Panel>

      <Panel
        title="Answer rate by weekday and hour"
        figure="answerRateCell"
        description={`Percent of outbound calls answered, by the hour on ${clock}; below it, the number of calls${previous ? ", then the change in points against the previous period" : ""}. Cells with fewer than ${grid.minCellAttempts} attempts are thin.`}
        actions={
          <a
            href={`/time-slots/export?${toQueryString(page, extra)}`}
            download
            aria-label="Download CSV of the time-slot grid"
            className="text-xs text-sky-700 underline dark:text-sky-400"
          >
            Download CSV
          </a>
        }
      >
        {tried.length === 0 ? (
          <p className="text-sm">
            No outbound attempts in this period: every cell is untried.
          </p>
        ) : null}
        <p className="mb-2 text-xs text-slate-600 sm:hidden dark:text-slate-400">
          Scroll the table sideways for every hour.
        </p>
        <Heatmap grid={grid} previous={previous} />
        <HeatmapLegend grid={grid} />
      </Panel>
    </div>
  );
}
