import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { MetricFilter } from "@/lib/metrics/filter";
import type { SlotZone } from "@/lib/metrics/time-slots";
import { attemptChannels } from "./read-contact";
import { narrowCells, sumColumns } from "./narrowing";

type CellRow = {
  weekday: number;
  hour: number;
  attempts: number;
  calls: number;
  answered: number;
};

/** The cells answer every filter but a campaign, agent or team filter
 * (see agg_slot_cells: a cube keyed by those as well as the hour would be
 * nearly as large as the attempt log); those read the raw rows. */
export function canReadTimeSlots(filter: MetricFilter): boolean {
  return (
    filter.campaignIds.length === 0 &&
    filter.agentIds.length === 0 &&
    filter.teamIds.length === 0
  );
}

/** All 168 cells of the grid, Monday 0h first. */
export async function readTimeSlotCells(
  db: Database,
  filter: MetricFilter,
  zone: SlotZone,
): Promise<CellRow[]> {
  return queryRows<CellRow>(
    db,
    sql`with tried as (
      select c.weekday, c.hour, sum(c.attempts) as attempts,
        sum(c.calls) as calls, sum(c.answered) as answered
      from agg_slot_cells c
      where c.zone = ${zone}
        and ${narrowCells(filter, "c", { campaign: null, agent: null })}
        and ${attemptChannels(filter)}
      group by c.weekday, c.hour
    )
    select w.weekday::int as weekday, h.hour::int as hour,
      coalesce(t.attempts, 0)::int as attempts,
      coalesce(t.calls, 0)::int as calls,
      coalesce(t.answered, 0)::int as answered
    from generate_series(1, 7) as w(weekday)
    cross join generate_series(0, 23) as h(hour)
    left join tried t on t.weekday = w.weekday and t.hour = h.hour
    order by w.weekday, h.hour`,
  );
}

/** Attempts in the lead's preferred window over attempts of leads that
 * gave one. */
export async function readInSlot(db: Database, filter: MetricFilter) {
  const [row] = await queryRows<{ inSlot: number; withWindow: number }>(
    db,
    sql`select ${sumColumns("c", { inSlot: "in_slot", withWindow: "with_window" })}
    from agg_attempt_cells c
    where ${narrowCells(filter)} and ${attemptChannels(filter)}`,
  );

  return row;
}
