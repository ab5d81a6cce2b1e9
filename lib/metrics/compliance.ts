import { sql } from "drizzle-orm";
import { readComplianceGroups } from "@/lib/aggregates/read-policy";
import { attemptChannels } from "@/lib/aggregates/read-contact";
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

export type ComplianceGroup = {
  /** Null in the per-agent list: attempts made without an agent. */
  id: number | null;
  name: string | null;
  /** Outbound calls started in the period. */
  calls: number;
  /** Outbound whatsapp, sms and email attempts started in the period. */
  messages: number;
  /** Calls before `calling_hours_start` or from `calling_hours_end` on. */
  outsideCallingHours: Rate;
  /** Calls after the first `max_calls_per_day` to one lead on one day. */
  beyondDailyMax: Rate;
  /** Messages on a channel whose consent is not true (false or unknown). */
  withoutConsent: Rate;
};

export type ComplianceFigures = {
  overall: ComplianceGroup;
  byAgent: ComplianceGroup[];
  bySource: ComplianceGroup[];
  leftOut: number;
};

type GroupRow = {
  grouping: "all" | "agent" | "source";
  id: number | null;
  name: string | null;
  calls: number;
  messages: number;
  outside: number;
  beyond: number;
  withoutConsent: number;
};

/**
 * Compliance of outbound attempts started in the period, on the lead's local
 * clock: calling hours are [start, end) whole hours, and days for the daily
 * maximum are the lead's local days. The maximum counts every outbound call
 * to the lead that day, whoever made it and whatever the filters; each call
 * past it is charged to its own agent. Consent must be exactly true: a lead
 * that never stated consent for a channel has not given it.
 */
export async function getComplianceFigures(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
  options?: FigureOptions,
): Promise<ComplianceFigures> {
  const resolved = settings ?? (await getSettings(db));
  const rows = (await shouldReadAggregates(db, resolved, options))
    ? await readComplianceGroups(db, filter, attemptChannels(filter))
    : await queryComplianceGroups(db, filter, resolved);

  const toGroup = (row: GroupRow): ComplianceGroup => ({
    id: row.id,
    name: row.name,
    calls: row.calls,
    messages: row.messages,
    outsideCallingHours: toRate(row.outside, row.calls),
    beyondDailyMax: toRate(row.beyond, row.calls),
    withoutConsent: toRate(row.withoutConsent, row.messages),
  });
  const of = (grouping: GroupRow["grouping"]) =>
    rows.filter((row) => row.grouping === grouping).map(toGroup);
  const none = { calls: 0, messages: 0, outside: 0, beyond: 0 };

  return {
    overall:
      of("all")[0] ??
      toGroup({
        grouping: "all",
        id: null,
        name: null,
        ...none,
        withoutConsent: 0,
      }),
    byAgent: of("agent"),
    bySource: of("source"),
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

async function queryComplianceGroups(
  db: Database,
  filter: MetricFilter,
  resolved: Settings,
): Promise<GroupRow[]> {
  const { callingHoursStart, callingHoursEnd, maxCallsPerDay } = resolved;
  const local = sql`(a.started_at at time zone l.time_zone)`;

  return queryRows<GroupRow>(
    db,
    sql`with numbered as (
      select a.id, row_number() over (
          partition by a.lead_id, ${local}::date
          order by a.started_at, a.id) as nth_of_day
      from attempts a join leads l on l.id = a.lead_id
      where a.channel = 'call' and a.direction = 'outbound'
        and l.created_at is not null and ${leadScope(filter)}
    ),
    checked as (
      select a.agent_id, l.source_id,
        (a.channel = 'call') as is_call,
        (a.channel = 'call' and (${local}::time < make_time(${callingHoursStart}::int, 0, 0)
          or ${local}::time >= make_time(${callingHoursEnd}::int, 0, 0)))
          as outside,
        (n.nth_of_day > ${maxCallsPerDay}::int) as beyond,
        (a.channel <> 'call' and (case a.channel
          when 'whatsapp' then l.consent_whatsapp
          when 'sms' then l.consent_sms
          when 'email' then l.consent_email end) is not true) as without_consent
      from attempts a
      join leads l on l.id = a.lead_id
      left join numbered n on n.id = a.id
      where a.direction = 'outbound' and l.created_at is not null
        and ${leadScope(filter)} and ${attemptChannelScope(filter)}
        and ${attemptAgentScope(filter)}
        and ${instantInPeriod(sql`a.started_at`, filter, resolved.reportTimezone)}
    ),
    grouped as (
      select case when grouping(c.agent_id) = 0 then 'agent'
          when grouping(c.source_id) = 0 then 'source' else 'all' end
          as grouping,
        coalesce(c.agent_id, c.source_id) as id,
        count(*) filter (where c.is_call)::int as calls,
        count(*) filter (where not c.is_call)::int as messages,
        count(*) filter (where c.outside)::int as outside,
        count(*) filter (where c.beyond)::int as beyond,
        count(*) filter (where c.without_consent)::int as "withoutConsent"
      from checked c
      group by grouping sets ((), (c.agent_id), (c.source_id))
    )
    select g.grouping, g.id::int as id,
      (case g.grouping when 'agent' then ag.name
        when 'source' then s.name end)::text as name,
      g.calls, g.messages, g.outside, g.beyond, g."withoutConsent"
    from grouped g
    left join agents ag on g.grouping = 'agent' and ag.id = g.id
    left join sources s on g.grouping = 'source' and s.id = g.id
    order by g.grouping, name nulls last`,
  );
}
