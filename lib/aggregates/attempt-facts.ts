import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import type { Settings } from "@/lib/settings";
import { joinBin } from "./attempt-passes";
import { type Scope, createTempTable, inScope } from "./sql";

const outboundCallOfDatedLead = sql`a.channel = 'call'
  and a.direction = 'outbound' and l.created_at is not null`;

/**
 * Writes `agg_attempt_facts`: one row per outbound attempt to a dated lead
 * of the scope, with the checks of compliance.ts and the cells of
 * time-slots.ts. Needs `agg_tmp_bins`.
 *
 * A call is beyond the daily maximum when more than `max_calls_per_day`
 * outbound calls to its lead started before it (by start, then id) on the
 * lead's local day. Only the few lead-days over the maximum are numbered.
 */
export async function insertAttemptFacts(
  db: Database,
  scope: Scope,
  settings: Settings,
): Promise<void> {
  const { callingHoursStart, callingHoursEnd, maxCallsPerDay } = settings;

  await createTempTable(
    db,
    "agg_tmp_busy_days",
    sql`select a.lead_id, b.local_date
    from attempts a join leads l on l.id = a.lead_id
    ${joinBin("b", sql`a.started_at`)}
    where ${outboundCallOfDatedLead} and ${inScope(scope, sql`a.lead_id`)}
    group by a.lead_id, b.local_date
    having count(*) > ${maxCallsPerDay}::int`,
  );
  await createTempTable(
    db,
    "agg_tmp_beyond_max",
    sql`select n.id from (
      select a.id, row_number() over (partition by a.lead_id, b.local_date
        order by a.started_at, a.id) as nth
      from attempts a join leads l on l.id = a.lead_id
      ${joinBin("b", sql`a.started_at`)}
      join agg_tmp_busy_days d
        on d.lead_id = a.lead_id and d.local_date = b.local_date
      where ${outboundCallOfDatedLead}
        and a.lead_id in (select lead_id from agg_tmp_busy_days)
    ) n
    where n.nth > ${maxCallsPerDay}::int`,
  );

  const isCall = sql`(a.channel = 'call')`;
  const hasWindow = sql`(l.preferred_slot_start is not null
    and l.preferred_slot_end is not null)`;

  await db.execute(sql`insert into agg_attempt_facts (lead_id, day, source_id,
      campaign_id, agent_id, channel, lead_weekday, lead_hour, report_weekday,
      report_hour, is_call, answered, connected, outside_hours, beyond_max,
      without_consent, has_window, in_slot)
    select a.lead_id, b.report_day, l.source_id, coalesce(l.campaign_id, 0),
      coalesce(a.agent_id, 0), a.channel, b.local_weekday, b.local_hour,
      b.report_weekday, b.report_hour, ${isCall},
      coalesce(${isCall} and a.outcome = 'answered', false),
      coalesce(${isCall} and a.outcome in ('answered', 'voicemail'), false),
      (${isCall} and (b.local_hour < ${callingHoursStart}::int
        or b.local_hour >= ${callingHoursEnd}::int)),
      (x.id is not null),
      (not ${isCall} and (case a.channel
        when 'whatsapp' then l.consent_whatsapp
        when 'sms' then l.consent_sms
        when 'email' then l.consent_email end) is not true),
      ${hasWindow},
      (${hasWindow} and a.started_at >= l.preferred_slot_start
        and a.started_at < l.preferred_slot_end)
    from attempts a join leads l on l.id = a.lead_id
    ${joinBin("b", sql`a.started_at`)}
    left join agg_tmp_beyond_max x on x.id = a.id
    where a.direction = 'outbound' and l.created_at is not null
      and ${inScope(scope, sql`a.lead_id`)}`);
}
