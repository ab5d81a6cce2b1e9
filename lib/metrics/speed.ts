import { sql } from "drizzle-orm";
import { readSpeedToLead } from "@/lib/aggregates/read-speed";
import {
  type FigureOptions,
  shouldReadAggregates,
} from "@/lib/aggregates/state";
import { type Database, queryRows } from "@/lib/db";
import { type Settings, getSettings } from "@/lib/settings";
import {
  type MetricFilter,
  attemptChannelScope,
  leadsOfPeriod,
} from "./filter";
import { type Rate, toRate } from "./rate";
import { countUndatedLeads } from "./undated";

export type SpeedToLead = {
  /** Leads created in the period. */
  leads: number;
  /** Leads a person has made an outbound attempt to. */
  attempted: number;
  /** Leads no person has tried yet: counted apart, never as zero minutes. */
  notAttempted: number;
  /** Over attempted leads, in minutes; null without any. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Leads attempted within the target over all leads of the period. */
  withinTarget: Rate;
  targetMinutes: number;
  leftOut: number;
};

/**
 * Minutes from the clock start to the first outbound attempt made by a
 * person (automated attempts do not count; the channel filter applies).
 * The clock starts at creation, or at the preferred slot's start when that
 * is later. An attempt before the clock start (a call ahead of the asked-for
 * slot) counts as 0 minutes. Percentiles are interpolated (percentile_cont).
 * The aggregates hold the first attempt on any channel, so a channel filter
 * reads the raw rows.
 */
export async function getSpeedToLead(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
  options?: FigureOptions,
): Promise<SpeedToLead> {
  const resolved = settings ?? (await getSettings(db));
  const answerable = filter.channels.length === 0;
  // The leads left out are an independent read: it goes out with the
  // figure's own instead of after them.
  const [row, leftOut] = await Promise.all([
    shouldReadAggregates(db, resolved, options, answerable).then((fast) =>
      fast
        ? readSpeedToLead(db, filter)
        : querySpeedToLead(db, filter, resolved),
    ),
    countUndatedLeads(db, filter, options),
  ]);

  const leads = row?.leads ?? 0;
  const attempted = row?.attempted ?? 0;

  return {
    leads,
    attempted,
    notAttempted: leads - attempted,
    medianMinutes: row?.median ?? null,
    p90Minutes: row?.p90 ?? null,
    withinTarget: toRate(row?.withinTarget ?? 0, leads),
    targetMinutes: resolved.speedTargetMinutes,
    leftOut,
  };
}

async function querySpeedToLead(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  const { reportTimezone, speedTargetMinutes } = settings;

  const [row] = await queryRows<{
    leads: number;
    attempted: number;
    withinTarget: number;
    median: number | null;
    p90: number | null;
  }>(
    db,
    sql`with speed as (
      -- greatest() skips nulls: without a preferred slot the clock starts
      -- at creation, and without an attempt 0 would win, hence the case.
      select case when first.started_at is not null then greatest(0,
          extract(epoch from first.started_at
            - greatest(l.created_at, l.preferred_slot_start))::float8 / 60)
        end
        as minutes
      from leads l
      left join lateral (
        select a.started_at from attempts a
        where a.lead_id = l.id and a.direction = 'outbound'
          and not a.automated and ${attemptChannelScope(filter)}
        order by a.started_at, a.id limit 1
      ) first on true
      where ${leadsOfPeriod(filter, reportTimezone)}
    )
    select count(*)::int as leads,
      count(minutes)::int as attempted,
      count(*) filter (where minutes <= ${speedTargetMinutes})::int
        as "withinTarget",
      (percentile_cont(0.5) within group (order by minutes))::float8 as median,
      (percentile_cont(0.9) within group (order by minutes))::float8 as p90
    from speed`,
  );

  return row;
}
