import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { channelCode, createTempTable } from "./sql";

// The passes over the scope's attempts (agg_tmp_attempts, attempt-rows.ts)
// that the lead facts start from. The rules are those of lib/metrics,
// written set-based (hash aggregates instead of per-lead lookups) so that a
// rebuild stays linear in the size of the log. Arrays ordered by
// (microseconds, …) pick the first attempt by start and then id, as the
// per-lead `order by started_at, id limit 1` does.

const outboundCall = sql`a.channel = 'call' and a.outbound`;

/** `agg_tmp_lead_attempts`: one row per lead of the scope with attempts. */
export async function createLeadAttempts(db: Database): Promise<void> {
  const human = sql`a.outbound and not a.automated`;

  await createTempTable(
    db,
    "agg_tmp_lead_attempts",
    sql`select x.*, (x.first_call_failed and (x.first_contact_at is null
        or x.first_contact_at > x.first_call_at)) as call_failed
    from (
      select a.lead_id,
        min(a.started_at) filter (where a.is_contact) as first_contact_at,
        min(array[a.us, a.outbound::int::int8, a.id,
          ${channelCode(sql`a.channel`)}, a.local_day])
          filter (where a.is_contact) as first_contact,
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
        count(*) filter (where ${outboundCall})::int as calls,
        count(*) filter (where ${outboundCall} and a.in_window)::int
          as calls_in_window,
        coalesce(bit_or(a.slot_bit)
          filter (where ${outboundCall} and a.in_window), 0) as slot_mask,
        max(a.started_at) filter (where ${outboundCall} and a.failed)
          as last_failed_at,
        bool_or(a.outbound) as worked,
        bool_or(a.invalid) as invalid_contact,
        bool_or(a.opted_out) as opted_out,
        bool_or(a.test_record) as test_record
      from agg_tmp_attempts a
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
      count(*) filter (where a.channel = 'call'
        and a.started_at <= p.first_contact_at)::int as calls_to_contact,
      count(*) filter (where a.channel = 'call'
        and array[a.us, a.id] <= p.first_contact_call)::int
        as contact_call_number,
      coalesce(bool_or(a.consented_message
        and a.started_at > p.last_failed_at), false) as recovery_sent
    from agg_tmp_attempts a
    join agg_tmp_lead_attempts p on p.lead_id = a.lead_id
    where a.outbound
      and (p.first_contact_at is not null or p.last_failed_at is not null)
    group by a.lead_id`,
  );
}

/**
 * The recovery messages of recovery-leads.ts: outbound messages to a
 * call-failed lead after its first failed call and before its first
 * contact. `agg_tmp_messages` lists them, `agg_tmp_channel_firsts` has the
 * first one per channel with its delay from the last outbound call before
 * it, `agg_tmp_lead_messages` the last one, delivered and read per lead,
 * and a bit per channel messaged on (1 << channelCode).
 */
export async function createRecoveryMessages(db: Database): Promise<void> {
  await createTempTable(
    db,
    "agg_tmp_messages",
    sql`select m.lead_id, m.id, m.started_at, m.channel, m.us, m.template_id,
      m.delivered, m.read
    from agg_tmp_attempts m
    join agg_tmp_lead_attempts p on p.lead_id = m.lead_id
    where p.call_failed and m.channel <> 'call' and m.outbound
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
    join agg_tmp_attempts c on c.lead_id = f.lead_id and c.channel = 'call'
      and c.outbound and c.started_at < f.first_at
    group by f.lead_id, f.channel, f.first_key, f.first_at`,
  );
  await createTempTable(
    db,
    "agg_tmp_lead_messages",
    sql`select m.*, f.delay_seconds as first_delay_seconds
    from (
      select m.lead_id, max(m.started_at) as last_at,
        max(array[m.us, m.id, ${channelCode(sql`m.channel`)}, m.template_id])
          as last,
        bool_or(m.delivered) as delivered, bool_or(m.read) as read,
        bit_or(1 << ${channelCode(sql`m.channel`)}::int) as channel_mask
      from agg_tmp_messages m group by m.lead_id
    ) m
    join (
      select distinct on (lead_id) lead_id, delay_seconds
      from agg_tmp_channel_firsts order by lead_id, first_key
    ) f on f.lead_id = m.lead_id`,
  );
}
