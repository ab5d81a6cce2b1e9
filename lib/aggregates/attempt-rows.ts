import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { attemptIsContact } from "@/lib/metrics/contacted";
import type { Settings } from "@/lib/settings";
import { joinBin } from "./bins";
import { slotBit } from "./slots";
import {
  type Scope,
  createTempTable,
  inScope,
  joinDispositionFlags,
} from "./sql";

/**
 * `agg_tmp_attempts`: the scope's attempts, read once with everything the
 * later passes need from their lead, their mapped disposition and their
 * 15-minute bin, so that no pass joins the log again. Columns: ids and
 * instant, channel, `outbound`, `automated`, agent, template; the contact
 * rule of contacted.ts (`is_contact`); call results
 * (`failed`: any outcome but answered, `answered`, `connected`); lead-data
 * flags of the attempt's disposition and its `converted` flag;
 * `in_window` (inside the policy window) and `slot_bit`;
 * `consented_message` (whatsapp or sms with that consent true, as
 * policy.ts asks of a recovery message); the compliance
 * and time-slot checks; the lead's source and campaign; the local day (as
 * days since 2000-01-01), weekday and hour; the report day, weekday, hour.
 */
export async function createAttemptRows(
  db: Database,
  scope: Scope,
  settings: Settings,
): Promise<void> {
  const windowEnd = sql`l.created_at
    + make_interval(hours => ${settings.policyWindowHours}::int)`;
  const hasWindow = sql`(l.preferred_slot_start is not null
    and l.preferred_slot_end is not null)`;

  await createTempTable(
    db,
    "agg_tmp_attempts",
    sql`select a.lead_id, a.id, a.started_at, a.channel,
      (a.direction = 'outbound') as outbound, a.automated, a.agent_id,
      coalesce(a.template_id, 0) as template_id,
      coalesce(${attemptIsContact()}, false) as is_contact,
      (a.outcome is distinct from 'answered') as failed,
      coalesce(a.outcome = 'answered', false) as answered,
      coalesce(a.outcome in ('answered', 'voicemail'), false) as connected,
      coalesce(a.outcome = 'invalid_number'
        or coalesce(d.invalid_contact, false), false) as invalid,
      coalesce(d.do_not_contact, false) as opted_out,
      coalesce(d.converted, false) as converted,
      coalesce(d.test_record, false) as test_record,
      coalesce(a.started_at >= l.created_at and a.started_at < ${windowEnd},
        false) as in_window,
      ${slotBit(settings.slots, sql`b.local_hour`)} as slot_bit,
      coalesce((a.channel = 'whatsapp' and l.consent_whatsapp is true)
        or (a.channel = 'sms' and l.consent_sms is true), false)
        as consented_message,
      (a.channel <> 'call' and (case a.channel
        when 'whatsapp' then l.consent_whatsapp
        when 'sms' then l.consent_sms
        when 'email' then l.consent_email end) is not true)
        as without_consent,
      coalesce(a.delivered_at is not null or a.read_at is not null
        or a.message_status in ('delivered', 'read'), false) as delivered,
      coalesce(a.read_at is not null or a.message_status = 'read', false)
        as read,
      ${hasWindow} as has_window,
      (${hasWindow} and a.started_at >= l.preferred_slot_start
        and a.started_at < l.preferred_slot_end) as in_slot,
      (l.created_at is not null) as dated, l.source_id,
      coalesce(l.campaign_id, 0) as campaign_id,
      (b.local_date - date '2000-01-01') as local_day,
      b.local_weekday, b.local_hour, b.report_day, b.report_weekday,
      b.report_hour
    from attempts a join leads l on l.id = a.lead_id
    ${joinDispositionFlags("d", sql`a.origin`, sql`a.disposition_code`)}
    ${joinBin("b", sql`a.started_at`)}
    where ${inScope(scope, sql`a.lead_id`)} and ${inScope(scope, sql`l.id`)}`,
    // The filters of the later passes as well as the join key: without
    // them the planner takes the calls of a refresh's scope for a few
    // dozen and numbers the daily maximum by nested loops.
    { scope, keys: ["lead_id", "channel", "outbound", "dated"] },
  );
}
