import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { hasLastOutcome } from "@/lib/metrics/lead-flags";
import {
  getUsableRates,
  reportRateSql,
  toReportMinorSql,
} from "@/lib/metrics/lead-value";
import type { Settings } from "@/lib/settings";
import { joinBin } from "./bins";
import { countSlotBits } from "./slots";
import {
  type Scope,
  channelCode,
  type FactTables,
  channelOfCode,
  createTempTable,
  inScope,
  joinDispositionFlags,
} from "./sql";

/** Buckets of speed to lead, about 13 % wide: narrow enough that the exact
 * percentile is found among few leads (read-speed.ts). None without an
 * attempt (least() would make that 127). */
export const speedBucketSql = sql.raw(
  "(case when s.speed_minutes is not null then least(floor(ln(1 + s.speed_minutes) * 8), 127) end)::int2",
);

/**
 * Writes the lead facts (`into.leads`) for the scope's leads from the temporary tables
 * of attempt-passes.ts. Each value follows its definition in lib/metrics:
 * contacted.ts, speed.ts, policy.ts, lost-lead-rules.ts, recovery-leads.ts,
 * lead-value.ts; the comments there are the specification. Each layer
 * ends in `offset 0` so that PostgreSQL computes its columns once per lead
 * instead of inlining every expression wherever the next layer uses it.
 */
export async function insertLeadFacts(
  db: Database,
  scope: Scope,
  settings: Settings,
  into: FactTables,
): Promise<void> {
  const contactWindow = sql`make_interval(hours => ${settings.contactWindowDays}::int * 24)`;
  const recoveryWindow = sql`make_interval(hours => ${settings.recoveryWindowDays}::int * 24)`;
  const calls = sql`coalesce(p.calls_in_window, 0)`;
  const slots = countSlotBits(settings.slots, sql`coalesce(p.slot_mask, 0)`);
  await createCurrencies(db, scope, settings);

  await db.execute(sql`insert into ${into.leads} (lead_id, source_id,
      campaign_id, person_id, agent_id, created_at, day, is_duplicate, has_log,
      first_contact_at, contacted, contacted_within, by_lead_disposition,
      same_day, worked, converted, invalid_contact, calls_to_contact,
      contact_call, speed_minutes, speed_bucket, within_target,
      calls_in_window, slots_in_window, late_first_attempt, too_few_calls,
      too_few_slots, no_recovery_message, fully_worked, rule_code,
      call_failed, failed_at, messaged, first_delay_seconds, last_channel,
      delivered, read, recovered, credit_channel, responded, holdout,
      recovered_other, holdout_contacted, ltv_minor, value_status,
      value_currency)
    select s.lead_id, s.source_id, s.campaign_id, s.person_id, s.agent_id,
      s.created_at, s.day, s.is_duplicate, s.has_log, s.first_contact_at,
      s.contacted, s.contacted_within, s.by_lead_disposition, s.same_day,
      s.worked, s.converted, s.invalid_contact, s.calls_to_contact,
      (case when s.contacted_within
        and s.first_contact_call_at = s.first_contact_at
        then s.contact_call_number end),
      s.speed_minutes, ${speedBucketSql},
      coalesce(s.speed_minutes <= ${settings.speedTargetMinutes}, false),
      s.calls_in_window, s.slots_in_window, s.late_first_attempt,
      s.too_few_calls, s.too_few_slots, s.no_recovery_message,
      (s.contacted or s.policy_done),
      (case when s.converted then 'converted.converted'
        when s.opted_out then 'do_not_contact.opted_out'
        when s.no_consent then 'do_not_contact.no_consent'
        when s.invalid_contact then 'lead_data.invalid_contact'
        when s.is_duplicate then 'lead_data.duplicate'
        when s.test_record then 'lead_data.test_record'
        when s.contacted then 'not_converted.contacted'
        when not s.has_log and s.has_last_outcome
          then 'not_contacted_unknown_effort.no_attempt_log'
        when s.late_first_attempt then 'follow_up.late_first_attempt'
        when s.too_few_calls then 'follow_up.too_few_calls'
        when s.too_few_slots then 'follow_up.too_few_slots'
        when s.no_recovery_message then 'follow_up.no_recovery_message'
        else 'unreachable.policy_done' end),
      s.call_failed, s.failed_at, s.messaged, s.first_delay_seconds,
      s.last_channel, s.delivered, s.read, s.recovered, s.credit_channel,
      s.responded, s.holdout,
      (s.recovered and s.channel_mask
        & (1 << ${channelCode(sql`s.credit_channel`)}::int) = 0),
      s.holdout_contacted, s.ltv_minor, s.value_status, s.value_currency
    from (
      select r.*,
        (r.recovered and r.contact_inbound) as responded,
        (case when r.recovered then case when r.contact_channel = 'call'
          then r.last_channel else r.contact_channel end end) as credit_channel
      from (
        select q.*,
          (q.policy_known and q.calls_in_window >= ${settings.policyCalls}::int
            and q.slots_in_window >= ${settings.policySlots}::int
            and not q.no_recovery_message) as policy_done,
          (q.messaged and q.first_contact_at is not null
            and q.first_contact_at <= q.last_message_at + ${recoveryWindow})
            as recovered
        from (
          select c.*,
            (c.policy_known and c.calls_in_window = 0) as late_first_attempt,
            (c.policy_known and c.calls_in_window < ${settings.policyCalls}::int)
              as too_few_calls,
            (c.policy_known and c.slots_in_window < ${settings.policySlots}::int)
              as too_few_slots,
            (c.recovery_allowed and not c.recovery_sent) as no_recovery_message
          from (
            select b.*,
              (b.by_lead_disposition or coalesce(b.first_contact_at
                <= b.created_at + ${contactWindow}, false)) as contacted_within
            from (
              ${leadBase(scope, settings, { calls, slots, recoveryWindow })}
              offset 0
            ) b
            offset 0
          ) c
          offset 0
        ) q
        offset 0
      ) r
      offset 0
    ) s`);
}

/** One row per lead of the scope with its own columns and what its
 * attempts and messages give. `converted` is isConvertedLead of
 * lead-flags.ts, read from the lead's joined disposition (`ld`) and its
 * attempts' flag (agg_tmp_lead_attempts) rather than looked up per lead,
 * which a rebuild of a million leads could not afford. */
function leadBase(
  scope: Scope,
  settings: Settings,
  parts: { calls: SQL; slots: SQL; recoveryWindow: SQL },
): SQL {
  const leadContact = sql`coalesce(ld.contact, false)`;
  const hasLog = sql`(p.lead_id is not null)`;

  return sql`select l.id as lead_id, l.source_id, l.campaign_id, l.person_id,
      p.first_agent_id as agent_id, l.created_at,
      (case when l.created_at is not null then cb.report_day end) as day,
      l.is_duplicate, ${hasLog} as has_log, p.first_contact_at,
      ${hasLastOutcome()} as has_last_outcome,
      (p.first_contact_at is not null or (not ${hasLog} and ${leadContact}))
        as contacted,
      (p.first_contact_at is null and not ${hasLog} and ${leadContact})
        as by_lead_disposition,
      coalesce(date '2000-01-01' + (p.first_contact)[4]::int = cb.local_date,
        false) as same_day,
      coalesce(p.worked, false) as worked,
      (l.converted or l.converted_at is not null
        or coalesce(ld.converted, false) or coalesce(p.converted, false))
        as converted,
      (coalesce(ld.invalid_contact, false) or coalesce(p.invalid_contact, false))
        as invalid_contact,
      (coalesce(ld.do_not_contact, false) or coalesce(p.opted_out, false))
        as opted_out,
      (l.consent_call is false and l.consent_whatsapp is false
        and l.consent_sms is false and l.consent_email is false) as no_consent,
      (l.is_test or coalesce(ld.test_record, false)
        or coalesce(p.test_record, false)) as test_record,
      (case when p.first_contact_at is not null
        then coalesce(p.calls_to_contact, 0) end) as calls_to_contact,
      p.first_contact_call_at, p.contact_call_number,
      (case when p.first_human_at is not null then greatest(0,
          extract(epoch from p.first_human_at
            - greatest(l.created_at, l.preferred_slot_start))::float8 / 60)
        end) as speed_minutes,
      (l.created_at is not null) as policy_known,
      ${parts.calls} as calls_in_window, ${parts.slots} as slots_in_window,
      (p.last_failed_at is not null and not l.holdout
        and (l.consent_whatsapp is true or l.consent_sms is true))
        as recovery_allowed,
      coalesce(p.recovery_sent, false) as recovery_sent,
      coalesce(p.call_failed, false) as call_failed,
      (case when p.call_failed then p.first_call_at end) as failed_at,
      (m.lead_id is not null) as messaged, m.last_at as last_message_at,
      m.first_delay_seconds, m.channel_mask,
      ${channelOfCode(sql`(m.last)[3]`)} as last_channel,
      coalesce(m.delivered, false) as delivered,
      coalesce(m.read, false) as read,
      ${channelOfCode(sql`(p.first_contact)[3]`)} as contact_channel,
      coalesce((p.first_contact)[1] = 0, false) as contact_inbound,
      l.holdout,
      coalesce(p.call_failed and l.holdout and m.lead_id is null
        and p.first_contact_at <= p.first_call_at + ${parts.recoveryWindow},
        false) as holdout_contacted,
      (case when l.value_unit is null then null
        else round((l.value_minor::numeric * (case when l.value_unit = 'per_month'
          then ${settings.expectedLifetimeMonths}::numeric else 1::numeric end))
          * cur.factor) end)::int8 as ltv_minor,
      (case when l.value_minor is null then 'none'
        when l.value_unit is null then 'no_unit'
        when l.value_currency is null or trim(l.value_currency) = ''
          then 'no_currency'
        when cur.rate is null then 'no_rate' else 'ok' end) as value_status,
      upper(trim(l.value_currency)) as value_currency
    from leads l
    left join agg_tmp_lead_follow p on p.lead_id = l.id
    left join agg_tmp_lead_messages m on m.lead_id = l.id
    left join agg_tmp_currencies cur
      on cur.currency = upper(trim(l.value_currency))
    ${joinDispositionFlags("ld", sql`l.origin`, sql`l.disposition_code`)}
    ${joinBin("cb", sql`l.created_at`)}
    where ${inScope(scope, sql`l.id`)}`;
}

/**
 * `agg_tmp_currencies`: each currency with a rate (the report currency and
 * those of the settings), with that rate and the factor from its minor
 * units to the report currency's, so that each lead's value is one
 * multiplication. leadLtvMinorSql multiplies by the rate and the power of
 * ten in turn; numeric products are exact, so multiplying by their product
 * gives the same value before rounding. A currency without a rate finds
 * no row, so its rate and value are null, as there.
 */
async function createCurrencies(
  db: Database,
  scope: Scope,
  settings: Settings,
): Promise<void> {
  const known = [
    ...new Set([
      settings.reportCurrency.trim().toUpperCase(),
      ...Object.keys(getUsableRates(settings)),
    ]),
  ];
  await createTempTable(
    db,
    "agg_tmp_currencies",
    sql`select c.currency, ${reportRateSql(sql`c.currency`, settings)} as rate,
      ${toReportMinorSql(sql`1`, sql`c.currency`, settings)} as factor
    from unnest(array[${sql.join(
      known.map((currency) => sql`${currency}::text`),
      sql`, `,
    )}]) c (currency)`,
    { scope, keys: ["currency"] },
  );
}

/** The per-channel and per-template rows of the scope's recovered leads,
 * after insertLeadFacts wrote `into.leads`. */
export async function insertRecoveryDetails(
  db: Database,
  into: FactTables,
): Promise<void> {
  await db.execute(sql`insert into ${into.channels}
      (lead_id, channel, delay_seconds, recovered)
    select cf.lead_id, cf.channel, cf.delay_seconds,
      coalesce(lf.credit_channel = cf.channel, false)
    from agg_tmp_channel_firsts cf
    join ${into.leads} lf on lf.lead_id = cf.lead_id`);
  await db.execute(sql`insert into ${into.templates}
      (lead_id, template_id, recovered)
    select t.lead_id, t.template_id,
      (lf.recovered and (m.last)[4] = t.template_id)
    from (select distinct lead_id, template_id from agg_tmp_messages) t
    join agg_tmp_lead_messages m on m.lead_id = t.lead_id
    join ${into.leads} lf on lf.lead_id = t.lead_id`);
}
