import { type SQL, sql } from "drizzle-orm";
import { type MetricFilter, attemptChannelScope } from "./filter";

export type ContactedOptions = {
  /** The CTE's name; `contacted_leads` unless two are needed in one query. */
  name?: string;
  /** A condition on the leads alias `l`: only these leads get a row. */
  scope?: SQL;
  /** When set, only attempts on these channels can make a contact. */
  channels?: MetricFilter["channels"];
};

/**
 * One row per lead (of `scope`), saying whether and when it was contacted,
 * as defined in METRICS.md "Contact". Columns:
 *
 * - `lead_id` bigint
 * - `first_contact_at` timestamptz: the start of the earliest contact
 *   attempt; null when not contacted or contacted only by a lead-level
 *   disposition, which carries no time
 * - `contacted` boolean
 * - `by_lead_disposition` boolean: contacted only through the lead's own
 *   disposition code
 * - `has_attempt_log` boolean: the lead has at least one attempt (on any
 *   channel, whatever the channel filter)
 *
 * An attempt is a contact when it is
 * 1. an outbound call with outcome `answered`;
 * 2. an inbound call, unless its outcome says nobody talked (any outcome
 *    but `answered`: the lead's call was missed, which is no conversation);
 * 3. any inbound whatsapp, sms or email attempt: a reply from the lead;
 * 4. any attempt whose disposition code maps, through `disposition_codes`
 *    on (attempt origin, lower(trim(code))), to a disposition flagged
 *    `contact`.
 * Voicemail, delivered and read are not contact. A lead with no attempt at
 * all is contacted when its own disposition code maps (on the lead's origin)
 * to a disposition flagged `contact`; under a channel filter that never
 * counts, since such a contact has no channel.
 */
export function contactedLeadsCte(options: ContactedOptions = {}): SQL {
  const name = sql.raw(options.name ?? "contacted_leads");
  const channels = options.channels ?? [];
  const channelCondition = attemptChannelScope({ channels });
  const leadDispositionCounts = channels.length === 0 ? sql`true` : sql`false`;

  return sql`${name} as (
    select l.id as lead_id,
      ev.first_contact_at,
      (ev.first_contact_at is not null
        or (${leadDispositionCounts} and not log.has_log
          and coalesce(ld.contact, false))) as contacted,
      (ev.first_contact_at is null and ${leadDispositionCounts}
        and not log.has_log and coalesce(ld.contact, false))
        as by_lead_disposition,
      log.has_log as has_attempt_log
    from leads l
    cross join lateral (
      select exists (select 1 from attempts x where x.lead_id = l.id) as has_log
    ) log
    left join lateral (
      select min(a.started_at) as first_contact_at
      from attempts a
      ${joinAttemptDisposition()}
      where a.lead_id = l.id and ${channelCondition}
        and ${attemptIsContact()}
    ) ev on true
    left join disposition_codes ldc
      on ldc.origin = l.origin and ldc.code = lower(trim(l.disposition_code))
    left join dispositions ld on ld.id = ldc.disposition_id
    where ${options.scope ?? sql`true`}
  )`;
}

/**
 * The lead was contacted within `windowDays` of its creation (both rows of
 * alias `c` from contactedLeadsCte and `l` from leads). A contact through the
 * lead-level disposition has no time and counts: it is the only evidence the
 * export gives. Days are 24-hour spans, whatever the zone's clock changes.
 */
export function contactedWithinWindow(
  windowDays: number,
  contacted = sql.raw("c"),
  lead = sql.raw("l"),
): SQL {
  return sql`(${contacted}.by_lead_disposition
    or (${contacted}.first_contact_at is not null
      and ${contacted}.first_contact_at
        <= ${lead}.created_at + make_interval(hours => ${windowDays}::int * 24)))`;
}

/** Rules 1 to 4 of contactedLeadsCte for one attempt, alias `a`, joined to
 * its mapped disposition, alias `d` (null when its code maps to none). */
export function attemptIsContact(
  attempt = sql.raw("a"),
  disposition = sql.raw("d"),
): SQL {
  return sql`((${attempt}.channel = 'call' and ${attempt}.direction = 'outbound'
      and ${attempt}.outcome = 'answered')
    or (${attempt}.channel = 'call' and ${attempt}.direction = 'inbound'
      and (${attempt}.outcome is null or ${attempt}.outcome = 'answered'))
    or (${attempt}.channel <> 'call' and ${attempt}.direction = 'inbound')
    or coalesce(${disposition}.contact, false))`;
}

/** Joins attempts alias `attempt` to the disposition its code maps to, as
 * alias `disposition` (its code row as `<disposition>_code`). */
export function joinAttemptDisposition(attempt = "a", disposition = "d"): SQL {
  const a = sql.raw(attempt);
  const d = sql.raw(disposition);
  const code = sql.raw(`${disposition}_code`);

  return sql`left join disposition_codes ${code}
      on ${code}.origin = ${a}.origin
        and ${code}.code = lower(trim(${a}.disposition_code))
    left join dispositions ${d} on ${d}.id = ${code}.disposition_id`;
}
