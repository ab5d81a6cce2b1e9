import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import type { Settings } from "@/lib/settings";
import { type FactTables, type Scope, createTempTable } from "./sql";

const outboundCallOfDatedLead = sql`a.channel = 'call' and a.outbound
  and a.dated`;

/**
 * Writes the attempt facts (`into.attempts`): one row per outbound attempt to a dated lead
 * of the scope, with the checks of compliance.ts and the cells of
 * time-slots.ts, from `agg_tmp_attempts`.
 *
 * A call is beyond the daily maximum when more than `max_calls_per_day`
 * outbound calls to its lead started before it (by start, then id) on the
 * lead's local day. Only the calls of the few leads that could have such a
 * day are numbered: k calls on d distinct days leave at most k - d + 1 on
 * any one of them (`call_days` of agg_tmp_lead_attempts has a bit per day,
 * modulo 64: days that share a bit only make d smaller, so no lead is
 * missed).
 */
export async function insertAttemptFacts(
  db: Database,
  scope: Scope,
  settings: Settings,
  into: FactTables,
): Promise<void> {
  const { callingHoursStart, callingHoursEnd, maxCallsPerDay } = settings;

  await createTempTable(
    db,
    "agg_tmp_beyond_max",
    sql`select n.id from (
      select a.id, row_number() over (partition by a.lead_id, a.local_day
        order by a.started_at, a.id) as nth
      from agg_tmp_attempts a
      where ${outboundCallOfDatedLead} and a.lead_id in (
        select p.lead_id from agg_tmp_lead_attempts p
        where p.calls - bit_count(p.call_days::bit(64)) + 1
          > ${maxCallsPerDay}::int)
    ) n
    where n.nth > ${maxCallsPerDay}::int`,
    { scope, keys: ["id"] },
  );

  await db.execute(sql`insert into ${into.attempts} (lead_id, attempt_id,
      day, source_id,
      campaign_id, agent_id, channel, lead_weekday, lead_hour, report_weekday,
      report_hour, is_call, answered, connected, outside_hours, beyond_max,
      without_consent, has_window, in_slot)
    select a.lead_id, a.id, a.report_day, a.source_id, a.campaign_id,
      coalesce(a.agent_id, 0), a.channel, a.local_weekday, a.local_hour,
      a.report_weekday, a.report_hour, (a.channel = 'call'),
      (a.channel = 'call' and a.answered),
      (a.channel = 'call' and a.connected),
      (a.channel = 'call' and (a.local_hour < ${callingHoursStart}::int
        or a.local_hour >= ${callingHoursEnd}::int)),
      (x.id is not null), a.without_consent, a.has_window, a.in_slot
    from agg_tmp_attempts a
    left join agg_tmp_beyond_max x on x.id = a.id
    where a.outbound and a.dated`);
}
