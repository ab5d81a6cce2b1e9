import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import type { SlotDefinition } from "@/lib/db/schema";
import {
  attemptIsContact,
  joinAttemptDisposition,
} from "@/lib/metrics/contacted";
import type { Settings } from "@/lib/settings";
import {
  type Scope,
  binOf,
  channelCode,
  createTempTable,
  inScope,
  microsOf,
} from "./sql";

// The passes over the attempt log that every lead fact starts from. Each
// writes a temporary table for the scope's leads; lead-facts.ts and
// attempt-facts.ts join them. The rules are those of lib/metrics, written
// set-based (hash aggregates instead of per-lead lookups) so that a rebuild
// stays linear in the size of the log.

const outboundCall = sql`a.channel = 'call' and a.direction = 'outbound'`;

/**
 * `agg_tmp_bins`: every 15-minute bin an attempt or a creation instant of
 * the scope falls in, per lead zone, with the local day, weekday and hour
 * there and the day, weekday and hour in the reporting zone. The report
 * day follows instantInPeriod exactly: the day whose local midnights
 * bracket the instant.
 */
export async function createBins(
  db: Database,
  scope: Scope,
  reportTimezone: string,
): Promise<void> {
  const zone = sql`${reportTimezone}::text`;

  await createTempTable(
    db,
    "agg_tmp_bins",
    sql`select z.bin, z.zone,
      (z.bin at time zone z.zone)::date as local_date,
      extract(isodow from z.bin at time zone z.zone)::int2 as local_weekday,
      extract(hour from z.bin at time zone z.zone)::int2 as local_hour,
      (case when z.bin < (r.day::timestamp at time zone ${zone}) then r.day - 1
        when z.bin >= ((r.day + 1)::timestamp at time zone ${zone})
          then r.day + 1
        else r.day end) as report_day,
      extract(isodow from z.bin at time zone ${zone})::int2 as report_weekday,
      extract(hour from z.bin at time zone ${zone})::int2 as report_hour
    from (
      select ${binOf(sql`a.started_at`)} as bin, l.time_zone as zone
      from attempts a join leads l on l.id = a.lead_id
      where ${inScope(scope, sql`a.lead_id`)}
      union
      select ${binOf(sql`l.created_at`)}, l.time_zone from leads l
      where l.created_at is not null and ${inScope(scope, sql`l.id`)}
    ) z
    cross join lateral (select (z.bin at time zone ${zone})::date as day) r`,
  );
}

/** Joins the bin of `instant` in the zone of leads alias `l`. */
export function joinBin(alias: string, instant: SQL): SQL {
  const bin = sql.raw(alias);

  return sql`left join agg_tmp_bins ${bin} on ${bin}.bin = ${binOf(instant)}
    and ${bin}.zone = l.time_zone`;
}

/**
 * `agg_tmp_lead_attempts`: one row per lead of the scope with attempts.
 * Arrays ordered by (microseconds, …) pick the first attempt by start and
 * then id, as the per-lead `order by started_at, id limit 1` does.
 */
export async function createLeadAttempts(
  db: Database,
  scope: Scope,
  settings: Settings,
): Promise<void> {
  const human = sql`a.direction = 'outbound' and not a.automated`;
  const windowEnd = sql`l.created_at
    + make_interval(hours => ${settings.policyWindowHours}::int)`;

  await createTempTable(
    db,
    "agg_tmp_lead_attempts",
    sql`select x.*, (x.first_call_failed and (x.first_contact_at is null
        or x.first_contact_at > x.first_call_at)) as call_failed
    from (
      select a.lead_id,
        min(a.started_at) filter (where a.is_contact) as first_contact_at,
        min(array[a.us, (a.direction = 'outbound')::int::int8, a.id,
          ${channelCode(sql`a.channel`)}]) filter (where a.is_contact)
          as first_contact,
        min(a.started_at) filter (where ${human}) as first_human_at,
        nullif((min(array[a.us, a.id, coalesce(a.agent_id, 0)])
          filter (where ${human}))[3], 0) as first_agent_id,
        min(a.started_at) filter (where ${outboundCall}) as first_call_at,
        (min(array[a.us, a.id, a.failed::int::int8])
          filter (where ${outboundCall}))[3] = 1 as first_call_failed,
        min(a.started_at) filter (where ${outboundCall} and a.is_contact)
          as first_contact_call_at,
        min(array[a.us, a.id]) filter (where ${outboundCall} and a.is_contact)
          as first_contact_call,
        count(*) filter (where ${outboundCall} and a.in_window)::int
          as calls_in_window,
        coalesce(bit_or(a.slot_bit)
          filter (where ${outboundCall} and a.in_window), 0) as slot_mask,
        max(a.started_at) filter (where ${outboundCall} and a.failed)
          as last_failed_at,
        bool_or(a.direction = 'outbound') as worked,
        coalesce(bool_or(a.invalid), false) as invalid_contact,
        bool_or(a.opted_out) as opted_out,
        bool_or(a.test_record) as test_record
      from (
        select a.lead_id, a.id, a.started_at, a.channel, a.direction,
          a.automated, a.agent_id, ${microsOf(sql`a.started_at`)} as us,
          coalesce(${attemptIsContact()}, false) as is_contact,
          (a.outcome is distinct from 'answered') as failed,
          (a.outcome = 'invalid_number' or coalesce(d.invalid_contact, false))
            as invalid,
          coalesce(d.do_not_contact, false) as opted_out,
          coalesce(d.test_record, false) as test_record,
          (a.started_at >= l.created_at and a.started_at < ${windowEnd})
            as in_window,
          ${slotBit(settings.slots, sql`b.local_hour`)} as slot_bit
        from attempts a join leads l on l.id = a.lead_id
        ${joinAttemptDisposition()}
        ${joinBin("b", sql`a.started_at`)}
        where ${inScope(scope, sql`a.lead_id`)}
      ) a
      group by a.lead_id
    ) x`,
  );
}

/**
 * `agg_tmp_lead_follow`: what needs the first contact or the last failed
 * call first: outbound calls up to the first contact, the number of the
 * first contact call, and whether a recovery message followed the last
 * failed call (policy.ts).
 */
export async function createLeadFollow(db: Database): Promise<void> {
  await createTempTable(
    db,
    "agg_tmp_lead_follow",
    sql`select a.lead_id,
      count(*) filter (where ${outboundCall}
        and a.started_at <= p.first_contact_at)::int as calls_to_contact,
      count(*) filter (where ${outboundCall}
        and array[${microsOf(sql`a.started_at`)}, a.id] <= p.first_contact_call)::int
        as contact_call_number,
      coalesce(bool_or(((a.channel = 'whatsapp' and l.consent_whatsapp is true)
          or (a.channel = 'sms' and l.consent_sms is true))
        and a.started_at > p.last_failed_at), false) as recovery_sent
    from attempts a
    join agg_tmp_lead_attempts p on p.lead_id = a.lead_id
    join leads l on l.id = a.lead_id
    where a.direction = 'outbound'
      and (p.first_contact_at is not null or p.last_failed_at is not null)
    group by a.lead_id`,
  );
}

/**
 * The recovery messages of recovery-leads.ts: outbound messages to a
 * call-failed lead after its first failed call and before its first
 * contact. `agg_tmp_messages` lists them, `agg_tmp_channel_firsts` has the
 * first one per channel with its delay from the last outbound call before
 * it, `agg_tmp_lead_messages` the last one, delivered and read per lead.
 */
export async function createRecoveryMessages(db: Database): Promise<void> {
  await createTempTable(
    db,
    "agg_tmp_messages",
    sql`select m.lead_id, m.id, m.started_at, m.channel,
      ${microsOf(sql`m.started_at`)} as us,
      coalesce(m.template_id, 0) as template_id,
      coalesce(m.delivered_at is not null or m.read_at is not null
        or m.message_status in ('delivered', 'read'), false) as delivered,
      coalesce(m.read_at is not null or m.message_status = 'read', false)
        as read
    from attempts m join agg_tmp_lead_attempts p on p.lead_id = m.lead_id
    where p.call_failed and m.channel <> 'call' and m.direction = 'outbound'
      and m.started_at > p.first_call_at
      and (p.first_contact_at is null or m.started_at < p.first_contact_at)`,
  );
  await createTempTable(
    db,
    "agg_tmp_channel_firsts",
    sql`select f.lead_id, f.channel, f.first_key,
      extract(epoch from f.first_at - max(c.started_at))::float8
        as delay_seconds
    from (
      select lead_id, channel, min(array[us, id]) as first_key,
        min(started_at) as first_at
      from agg_tmp_messages group by lead_id, channel
    ) f
    join attempts c on c.lead_id = f.lead_id and c.channel = 'call'
      and c.direction = 'outbound' and c.started_at < f.first_at
    group by f.lead_id, f.channel, f.first_key, f.first_at`,
  );
  await createTempTable(
    db,
    "agg_tmp_lead_messages",
    sql`select m.lead_id, max(m.started_at) as last_at,
      max(array[m.us, m.id, ${channelCode(sql`m.channel`)}, m.template_id])
        as last,
      bool_or(m.delivered) as delivered, bool_or(m.read) as read,
      (select f.delay_seconds from agg_tmp_channel_firsts f
        where f.lead_id = m.lead_id order by f.first_key limit 1)
        as first_delay_seconds
    from agg_tmp_messages m group by m.lead_id`,
  );
}

/**
 * A bit per distinct slot name for the slot the local `hour` falls in (the
 * first listed slot wins, as slotOfHour says), 0 outside every slot, so
 * that distinct slots add up as `bit_or` and count as set bits.
 */
export function slotBit(slots: SlotDefinition[], hour: SQL): SQL {
  if (slots.length === 0) return sql`0`;
  const names = [...new Set(slots.map((slot) => slot.name))];
  const branches = slots.map(
    (slot) =>
      sql`when ${hour} >= ${slot.startHour}::int and ${hour} < ${slot.endHour}::int
        then ${2 ** names.indexOf(slot.name)}::int`,
  );

  return sql`(case ${sql.join(branches, sql` `)} else 0 end)`;
}

/** How many distinct slots a mask of slotBit holds. */
export function countSlotBits(slots: SlotDefinition[], mask: SQL): SQL {
  const names = [...new Set(slots.map((slot) => slot.name))];
  if (names.length === 0) return sql`0`;
  const bits = names.map(
    (_, index) => sql`(${mask} & ${2 ** index}::int <> 0)::int`,
  );

  return sql`(${sql.join(bits, sql` + `)})`;
}
