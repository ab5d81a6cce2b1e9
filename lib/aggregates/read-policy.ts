import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { MetricFilter } from "@/lib/metrics/filter";
import { narrowCells } from "./narrowing";

type FollowUpRow = {
  grouping: "all" | "agent" | "team" | "source";
  id: number | null;
  name: string | null;
  leads: number;
  fullyWorked: number;
  lateFirstAttempt: number;
  tooFewCalls: number;
  tooFewSlots: number;
  noRecoveryMessage: number;
};

/** getFollowUpCompliance's groups: overall, per first agent, per team of
 * that agent (as it stands now) and per source, ordered as there. */
export async function readFollowUpGroups(
  db: Database,
  filter: MetricFilter,
): Promise<FollowUpRow[]> {
  return queryRows<FollowUpRow>(
    db,
    sql`with owned as (
      select c.*, nullif(c.agent_id, 0) as agent, ag.team_id
      from agg_lead_cells c left join agents ag on ag.id = c.agent_id
      where ${narrowCells(filter)}
    ),
    grouped as (
      select case when grouping(p.agent) = 0 then 'agent'
          when grouping(p.team_id) = 0 then 'team'
          when grouping(p.source_id) = 0 then 'source' else 'all' end
          as grouping,
        coalesce(p.agent, p.team_id, p.source_id) as id,
        sum(p.leads)::int as leads,
        sum(p.fully_worked)::int as "fullyWorked",
        sum(p.late_first_attempt)::int as "lateFirstAttempt",
        sum(p.too_few_calls)::int as "tooFewCalls",
        sum(p.too_few_slots)::int as "tooFewSlots",
        sum(p.no_recovery_message)::int as "noRecoveryMessage"
      from owned p
      group by grouping sets ((), (p.agent), (p.team_id), (p.source_id))
    )
    select g.grouping, g.id::int as id,
      (case g.grouping when 'agent' then ag.name when 'team' then t.name
        when 'source' then s.name end)::text as name,
      g.leads, g."fullyWorked", g."lateFirstAttempt", g."tooFewCalls",
      g."tooFewSlots", g."noRecoveryMessage"
    from grouped g
    left join agents ag on g.grouping = 'agent' and ag.id = g.id
    left join teams t on g.grouping = 'team' and t.id = g.id
    left join sources s on g.grouping = 'source' and s.id = g.id
    where g.leads > 0
    order by g.grouping, name nulls last`,
  );
}

type ComplianceRow = {
  grouping: "all" | "agent" | "source";
  id: number | null;
  name: string | null;
  calls: number;
  messages: number;
  outside: number;
  beyond: number;
  withoutConsent: number;
};

/** getComplianceFigures's groups, from the attempt cells. */
export async function readComplianceGroups(
  db: Database,
  filter: MetricFilter,
  channels: SQL,
): Promise<ComplianceRow[]> {
  return queryRows<ComplianceRow>(
    db,
    sql`with grouped as (
      select case when grouping(nullif(c.agent_id, 0)) = 0 then 'agent'
          when grouping(c.source_id) = 0 then 'source' else 'all' end
          as grouping,
        coalesce(nullif(c.agent_id, 0), c.source_id) as id,
        sum(c.calls)::int as calls,
        sum(c.attempts - c.calls)::int as messages,
        sum(c.outside_hours)::int as outside,
        sum(c.beyond_max)::int as beyond,
        sum(c.without_consent)::int as "withoutConsent"
      from agg_attempt_cells c
      where ${narrowCells(filter)} and ${channels}
      group by grouping sets ((), (nullif(c.agent_id, 0)), (c.source_id))
    )
    select g.grouping, g.id::int as id,
      (case g.grouping when 'agent' then ag.name
        when 'source' then s.name end)::text as name,
      g.calls, g.messages, g.outside, g.beyond, g."withoutConsent"
    from grouped g
    left join agents ag on g.grouping = 'agent' and ag.id = g.id
    left join sources s on g.grouping = 'source' and s.id = g.id
    where g.calls + g.messages > 0
    order by g.grouping, name nulls last`,
  );
}
