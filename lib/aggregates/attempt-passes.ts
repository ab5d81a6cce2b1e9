import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import { type Scope, channelCode, createTempTable, microsOf } from "./sql";

// The passes over the scope's attempts (agg_tmp_attempts, attempt-rows.ts)
// that the lead facts start from. The rules are those of lib/metrics,
// written set-based (hash aggregates instead of per-lead lookups) so that a
// rebuild stays linear in the size of the log. Arrays ordered by
// (microseconds, …) pick the first attempt by start and then id, as the
// per-lead `order by started_at, id limit 1` does; they are built only for
// the attempts at the first instant.

const outboundCall = sql`a.channel = 'call' and a.outbound`;

/**
 * `agg_tmp_lead_attempts`: one row per lead of the scope with attempts:
 * first instants, counts and flags, plain aggregates only. What belongs to
 * the attempt at a first instant (its id, agent, outcome, channel) is
 * picked by agg_tmp_lead_follow among the few attempts at that instant.
 * `call_days` has bit (local day modulo 64) set for each day with an
 * outbound call (attempt-facts.ts).
 */
export async function createLeadAttempts(
  db: Database,
  scope: Scope,
): Promise<void> {
  await createTempTable(
    db,
    "agg_tmp_lead_attempts",
    sql`select a.lead_id,
      min(a.started_at) filter (where a.is_contact) as first_contact_at,
      min(a.started_at) filter (where a.outbound and not a.automated)
        as first_human_at,
      min(a.started_at) filter (where ${outboundCall}) as first_call_at,
      min(a.started_at) filter (where ${outboundCall} and a.is_contact)
        as first_contact_call_at,
      count(*) filter (where ${outboundCall})::int as calls,
      coalesce(bit_or(1::int8 << ((a.local_day % 64 + 64) % 64)::int)
        filter (where ${outboundCall}), 0) as call_days,
      count(*) filter (where ${outboundCall} and a.in_window)::int
        as calls_in_window,
      coalesce(bit_or(a.slot_bit)
        filter (where ${outboundCall} and a.in_window), 0) as slot_mask,
      max(a.started_at) filter (where ${outboundCall} and a.failed)
        as last_failed_at,
      coalesce(max(a.started_at)
          filter (where ${outboundCall} and a.failed and a.in_window),
        max(a.started_at) filter (where ${outboundCall} and a.failed))
        as recovery_after,
      bool_or(a.outbound) as worked,
      bool_or(a.invalid) as invalid_contact,
      bool_or(a.opted_out) as opted_out,
      bool_or(a.converted) as converted,
      bool_or(a.test_record) as test_record
    from agg_tmp_attempts a
    group by a.lead_id`,
    { scope, keys: ["lead_id"] },
  );
}

/**
 * `agg_tmp_lead_follow`: what needs the first instants of
 * agg_tmp_lead_attempts: the first contact (inbound first, then lowest id,
 * with its channel and local day), the agent of the first attempt by a
 * person and the outcome of the first call (lowest id at that instant),
 * whether the lead is call-failed, the outbound calls up to the first
 * contact, the number of the first contact call among the calls by (start,
 * id), and whether a recovery message followed the last failed call of
 * the policy window, or the last failed call when none failed in it
 * (`recovery_after`; policy.ts).
 */
export async function createLeadFollow(
  db: Database,
  scope: Scope,
): Promise<void> {
  const call = sql`a.channel = 'call' and a.outbound`;
  const atFirstContactCall = sql`${call}
    and a.started_at = p.first_contact_call_at`;

  await createTempTable(
    db,
    "agg_tmp_lead_follow",
    sql`select p.*, y.first_contact, y.first_agent_id, y.first_call_failed,
      (y.first_call_failed and (p.first_contact_at is null
        or p.first_contact_at > p.first_call_at)) as call_failed,
      y.calls_to_contact, y.recovery_sent, y.first_contact_call_id,
      y.ties_at_contact_call,
      (y.calls_before_contact_call + 1)::int as contact_call_number
    from (
      select a.lead_id,
        min(array[a.outbound::int::int8, a.id,
          ${channelCode(sql`a.channel`)}, a.local_day::int8])
          filter (where a.is_contact and a.started_at = p.first_contact_at)
          as first_contact,
        nullif((min(array[a.id, coalesce(a.agent_id, 0)])
          filter (where a.outbound and not a.automated
            and a.started_at = p.first_human_at))[2], 0) as first_agent_id,
        (min(array[a.id, a.failed::int::int8])
          filter (where ${call} and a.started_at = p.first_call_at))[2] = 1
          as first_call_failed,
        count(*) filter (where ${call}
          and a.started_at <= p.first_contact_at)::int as calls_to_contact,
        count(*) filter (where ${call}
          and a.started_at < p.first_contact_call_at)::int
          as calls_before_contact_call,
        min(a.id) filter (where ${atFirstContactCall} and a.is_contact)
          as first_contact_call_id,
        count(*) filter (where ${atFirstContactCall} and not a.is_contact)
          as ties_at_contact_call,
        coalesce(bool_or(a.outbound and a.consented_message
          and a.started_at > p.recovery_after), false) as recovery_sent
      from agg_tmp_attempts a
      join agg_tmp_lead_attempts p on p.lead_id = a.lead_id
      group by a.lead_id
    ) y
    join agg_tmp_lead_attempts p on p.lead_id = y.lead_id`,
    { scope, keys: ["lead_id"] },
  );

  // Calls at the very instant of the first contact call, before it by id,
  // come before it in the numbering too. Rare: another pass only for them.
  const [ties] = await queryRows<{ any: boolean }>(
    db,
    sql`select exists (select 1 from agg_tmp_lead_follow
      where ties_at_contact_call > 0) as any`,
  );
  if (!ties?.any) return;
  await db.execute(sql`update agg_tmp_lead_follow f
    set contact_call_number = f.contact_call_number + t.earlier
    from (
      select a.lead_id, count(*)::int as earlier
      from agg_tmp_attempts a
      join agg_tmp_lead_follow p on p.lead_id = a.lead_id
      where p.ties_at_contact_call > 0 and ${atFirstContactCall}
        and not a.is_contact and a.id < p.first_contact_call_id
      group by a.lead_id
    ) t
    where t.lead_id = f.lead_id`);
}

/**
 * The recovery messages of recovery-leads.ts: outbound messages to a
 * call-failed lead after its first failed call and before its first
 * contact. `agg_tmp_messages` lists them, `agg_tmp_channel_firsts` has the
 * first one per channel with its delay from the last outbound call before
 * it, `agg_tmp_lead_messages` the last one, delivered and read per lead,
 * and a bit per channel messaged on (1 << channelCode).
 */
export async function createRecoveryMessages(
  db: Database,
  scope: Scope,
): Promise<void> {
  await createTempTable(
    db,
    "agg_tmp_messages",
    sql`select m.lead_id, m.id, m.started_at, m.channel,
      ${microsOf(sql`m.started_at`)} as us, m.template_id, m.delivered, m.read
    from agg_tmp_attempts m
    join agg_tmp_lead_follow p on p.lead_id = m.lead_id
    where p.call_failed and m.channel <> 'call' and m.outbound
      and m.started_at > p.first_call_at
      and (p.first_contact_at is null or m.started_at < p.first_contact_at)`,
    { scope, keys: ["lead_id"] },
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
    { scope, keys: ["lead_id"] },
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
    { scope, keys: ["lead_id"] },
  );
}
