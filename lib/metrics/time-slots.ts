import { type SQL, sql } from "drizzle-orm";
import {
  canReadTimeSlots,
  readInSlot,
  readTimeSlotCells,
} from "@/lib/aggregates/read-time-slots";
import {
  type FigureOptions,
  shouldReadAggregates,
} from "@/lib/aggregates/state";
import { type Database, queryRows } from "@/lib/db";
import { type Settings, getSettings } from "@/lib/settings";
import {
  type MetricFilter,
  attemptAgentScope,
  attemptChannelScope,
  instantInPeriod,
  leadScope,
} from "./filter";
import { type Rate, toRate } from "./rate";
import { countUndatedLeads } from "./undated";

/** Whose clock a cell reads: each lead's own zone, or the reporting zone. */
export type SlotZone = "lead" | "report";

export type TimeSlotCell = {
  /** ISO weekday: 1 Monday to 7 Sunday. */
  weekday: number;
  /** 0 to 23, the hour of the local clock (10:30 in Kolkata is hour 10). */
  hour: number;
  /** Outbound attempts on every channel of the filter. */
  attempts: number;
  /** Outbound calls among them: the answer rate's denominator. */
  calls: number;
  answered: number;
  answerRate: Rate;
  /** Tried, but fewer than `min_cell_attempts` attempts. */
  thin: boolean;
  /** Never tried: no data, not a zero. */
  untried: boolean;
};

export type TimeSlotGrid = {
  zone: SlotZone;
  /** All 168 cells, Monday 0h first. */
  cells: TimeSlotCell[];
  minCellAttempts: number;
  /** Attempts inside the lead's preferred window over attempts of leads that
   * gave one (both its start and its end). */
  inSlot: Rate;
  leftOut: number;
};

/**
 * Outbound attempts started in the period by weekday and hour. With zone
 * `lead` each attempt's instant is converted with its lead's IANA zone and
 * the rules in force at that instant, so clock changes and half- or
 * quarter-hour offsets land in the right cell. The source, campaign,
 * channel, agent and team filters narrow the attempts.
 */
export async function getTimeSlotGrid(
  db: Database,
  filter: MetricFilter,
  options: { zone?: SlotZone } & FigureOptions = {},
  settings?: Settings,
): Promise<TimeSlotGrid> {
  const zone = options.zone ?? "lead";
  const resolved = settings ?? (await getSettings(db));
  const answerable = canReadTimeSlots(filter);
  const fromAggregates = await shouldReadAggregates(
    db,
    resolved,
    options,
    answerable,
  );
  const rows = fromAggregates
    ? await readTimeSlotCells(db, filter, zone)
    : await queryCells(db, filter, zone, resolved.reportTimezone);
  const slot = fromAggregates
    ? await readInSlot(db, filter)
    : await queryInSlot(db, filter, resolved.reportTimezone);

  const { minCellAttempts } = resolved;
  const cells = rows.map((row) => ({
    ...row,
    answerRate: toRate(row.answered, row.calls),
    thin: row.attempts > 0 && row.attempts < minCellAttempts,
    untried: row.attempts === 0,
  }));

  return {
    zone,
    cells,
    minCellAttempts,
    inSlot: toRate(slot?.inSlot ?? 0, slot?.withWindow ?? 0),
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

async function queryCells(
  db: Database,
  filter: MetricFilter,
  zone: SlotZone,
  reportTimezone: string,
) {
  const clock = zone === "lead" ? sql`l.time_zone` : sql`${reportTimezone}`;

  return queryRows<{
    weekday: number;
    hour: number;
    attempts: number;
    calls: number;
    answered: number;
  }>(
    db,
    sql`with tried as (
      select extract(isodow from a.started_at at time zone ${clock})::int
          as weekday,
        extract(hour from a.started_at at time zone ${clock})::int as hour,
        count(*) as attempts,
        count(*) filter (where a.channel = 'call') as calls,
        count(*) filter (where a.channel = 'call' and a.outcome = 'answered')
          as answered
      from attempts a join leads l on l.id = a.lead_id
      where ${scopedAttempts(filter, reportTimezone)}
      group by 1, 2
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

async function queryInSlot(
  db: Database,
  filter: MetricFilter,
  reportTimezone: string,
) {
  const [slot] = await queryRows<{ inSlot: number; withWindow: number }>(
    db,
    sql`select count(*) filter (where a.started_at >= l.preferred_slot_start
        and a.started_at < l.preferred_slot_end)::int as "inSlot",
      count(*)::int as "withWindow"
    from attempts a join leads l on l.id = a.lead_id
    where ${scopedAttempts(filter, reportTimezone)}
      and l.preferred_slot_start is not null
      and l.preferred_slot_end is not null`,
  );

  return slot;
}

function scopedAttempts(filter: MetricFilter, reportTimezone: string): SQL {
  return sql`a.direction = 'outbound' and l.created_at is not null
    and ${leadScope(filter)} and ${attemptChannelScope(filter)}
    and ${attemptAgentScope(filter)}
    and ${instantInPeriod(sql`a.started_at`, filter, reportTimezone)}`;
}
