import { type SQL, sql } from "drizzle-orm";
import type { Settings } from "@/lib/settings";
import {
  attemptIsContact,
  contactedLeadsCte,
  joinAttemptDisposition,
} from "./contacted";
import {
  type MetricFilter,
  attemptChannelScope,
  leadsOfPeriod,
} from "./filter";
import { isConvertedLead } from "./lead-flags";

/**
 * The common tables of every recovery figure (METRICS.md "Recovery"), as
 * CTEs to follow a `with`. Leads are those created in the period (day of
 * the creation instant in the reporting zone) under the lead narrowing;
 * undated leads are in no period.
 *
 * When is a lead call-failed? At a given moment, when every outbound call
 * so far failed (any outcome but `answered`) and no contact has happened.
 * A lead is call-failed in these figures when it ever was: its first
 * outbound call failed and nothing contacted it before or at that call. So
 * a lead whose first call was answered never is, and a lead that answers a
 * later call stays call-failed: it is then recovered or reached otherwise.
 *
 * A recovery message is an outbound whatsapp, sms or email attempt after
 * the first failed call and before the first contact: exactly the messages
 * sent while the lead was call-failed, each after the failed calls before
 * it. Its delay runs from the last outbound call before it. The channel
 * filter narrows which messages count as recovery messages; contact may
 * come on any channel.
 *
 * Recovered: the first contact (contacted.ts) comes within
 * `recovery_window_days` (24-hour days) of the last recovery message before
 * it. Credit goes to the channel of the contacting attempt, or, when that is
 * a call, to the channel of that last recovery message; the template credit
 * is that message's template.
 *
 * Tables: `recovery_messages` (one row per recovery message),
 * `recovery_outcomes` (one row per call-failed lead), `recovery_channels`
 * (lead × channel it got a recovery message on, with the first message's
 * delay) and `recovery_templates` (lead × template used, null for none).
 */
export function recoveryCtes(filter: MetricFilter, settings: Settings): SQL {
  const window = sql`make_interval(hours => ${settings.recoveryWindowDays}::int * 24)`;

  return sql`${contactedLeadsCte({
    name: "recovery_contacts",
    scope: leadsOfPeriod(filter, settings.reportTimezone),
  })},
  recovery_first_calls as (
    select distinct on (a.lead_id) a.lead_id, a.started_at, a.outcome
    from attempts a join recovery_contacts c on c.lead_id = a.lead_id
    where a.channel = 'call' and a.direction = 'outbound'
    order by a.lead_id, a.started_at, a.id
  ),
  call_failed_leads as (
    select f.lead_id, f.started_at as failed_at,
      c.first_contact_at as contact_at,
      ca.channel as contact_channel, ca.direction as contact_direction
    from recovery_first_calls f
    join recovery_contacts c on c.lead_id = f.lead_id
    -- The attempt that made the first contact; at one instant a reply or a
    -- call from the lead wins over an answered call of ours.
    left join lateral (
      select a.channel, a.direction from attempts a
      ${joinAttemptDisposition()}
      where a.lead_id = f.lead_id and a.started_at = c.first_contact_at
        and ${attemptIsContact()}
      order by (a.direction = 'inbound') desc, a.id
      limit 1
    ) ca on true
    where f.outcome is distinct from 'answered'
      and (c.first_contact_at is null or c.first_contact_at > f.started_at)
  ),
  recovery_messages as (
    select m.id, m.lead_id, m.started_at, m.channel, m.template_id,
      (m.delivered_at is not null or m.read_at is not null
        or m.message_status in ('delivered', 'read')) as delivered,
      (m.read_at is not null or m.message_status = 'read') as read,
      extract(epoch from m.started_at - lc.last_call_at)::float8
        as delay_seconds
    from attempts m
    join call_failed_leads f on f.lead_id = m.lead_id
    cross join lateral (
      select max(p.started_at) as last_call_at from attempts p
      where p.lead_id = m.lead_id and p.channel = 'call'
        and p.direction = 'outbound' and p.started_at < m.started_at
    ) lc
    where m.channel <> 'call' and m.direction = 'outbound'
      and m.started_at > f.failed_at
      and (f.contact_at is null or m.started_at < f.contact_at)
      and ${attemptChannelScope(filter, sql.raw("m"))}
  ),
  recovery_leads as (
    select f.*, l.source_id, l.created_at, l.holdout,
      ${isConvertedLead()} as converted,
      fm.started_at is not null as messaged,
      fm.delay_seconds as first_delay_seconds,
      lm.channel as last_channel, lm.template_id as last_template_id,
      coalesce(st.delivered, false) as delivered,
      coalesce(st.read, false) as read,
      (lm.started_at is not null and f.contact_at is not null
        and f.contact_at <= lm.started_at + ${window}) as recovered
    from call_failed_leads f
    join leads l on l.id = f.lead_id
    left join lateral (
      select m.started_at, m.delay_seconds from recovery_messages m
      where m.lead_id = f.lead_id order by m.started_at, m.id limit 1
    ) fm on true
    left join lateral (
      select m.started_at, m.channel, m.template_id from recovery_messages m
      where m.lead_id = f.lead_id order by m.started_at desc, m.id desc limit 1
    ) lm on true
    left join lateral (
      select bool_or(m.delivered) as delivered, bool_or(m.read) as read
      from recovery_messages m where m.lead_id = f.lead_id
    ) st on true
  ),
  recovery_outcomes as (
    select r.*,
      case when r.recovered then
        case when r.contact_channel = 'call' then r.last_channel
          else r.contact_channel end
      end as credit_channel,
      case when r.recovered then r.last_template_id end as credit_template_id,
      (r.recovered and r.contact_direction = 'inbound') as responded
    from recovery_leads r
  ),
  recovery_channels as (
    select distinct on (m.lead_id, m.channel) m.lead_id, m.channel,
      m.delay_seconds
    from recovery_messages m
    order by m.lead_id, m.channel, m.started_at, m.id
  ),
  recovery_templates as (
    select distinct m.lead_id, m.template_id from recovery_messages m
  )`;
}

/** The four delay buckets, in minutes from the last failed call to the
 * message. Each upper bound is included: exactly 5 minutes is `up_to_5`. */
export const delayBuckets = [
  { bucket: "up_to_5", label: "≤ 5 min", maxMinutes: 5 },
  { bucket: "5_to_60", label: "5–60 min", maxMinutes: 60 },
  { bucket: "60_to_1440", label: "1–24 h", maxMinutes: 1440 },
  { bucket: "over_1440", label: "> 24 h", maxMinutes: null },
] as const;

export type DelayBucket = (typeof delayBuckets)[number]["bucket"];

/** The bucket of a delay given in seconds, as SQL text. */
export function delayBucketSql(delaySeconds: SQL): SQL {
  const branches = delayBuckets.map((entry) =>
    entry.maxMinutes === null
      ? sql`else ${sql.raw(`'${entry.bucket}'`)}`
      : sql`when ${delaySeconds} <= ${sql.raw(String(entry.maxMinutes * 60))}
          then ${sql.raw(`'${entry.bucket}'`)}`,
  );

  return sql`(case ${sql.join(branches, sql` `)} end)::text`;
}
