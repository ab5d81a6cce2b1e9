import { sql } from "drizzle-orm";
import { todayIn } from "@/lib/dates";
import { type Database, isoInstantSql, queryRows } from "@/lib/db";
import { createLogger } from "@/lib/log";
import { contactedLeadsCte } from "@/lib/metrics/contacted";
import {
  type MetricFilter,
  instantInPeriod,
  leadScope,
} from "@/lib/metrics/filter";
import {
  hasDispositionFlag,
  hasInvalidContactData,
} from "@/lib/metrics/lead-flags";
import { policyStatusCte, slotOfHour } from "@/lib/metrics/policy";
import { type Settings, getSettings } from "@/lib/settings";
import { type WorkQueueWait, describeWait } from "./describe-wait";
import { readLocalClock } from "./local-clock";
import { type NextSlot, findNextSlot } from "./next-slot";

const log = createLogger("work-queue");

export type WorkQueueItem = {
  leadId: number;
  externalId: string;
  source: string;
  /** ISO instant. */
  createdAt: string;
  timeZone: string;
  /** In full: the page masks it by role. */
  phoneE164: string | null;
  minutesWaiting: number;
  callsInWindow: number;
  slotsInWindow: number;
  usedSlots: string[];
  /** ISO instant: creation plus `policy_window_hours`. */
  windowEndsAt: string;
  waits: WorkQueueWait[];
  /** Where the next policy call can go; null without a further-call wait
   * or when no slot is left in the window. */
  nextSlot: NextSlot | null;
  /** Message channels with consent, for the recovery message. */
  recoveryChannels: ("whatsapp" | "sms")[];
  reason: string;
};

export type WorkQueue = {
  /** Today in the reporting zone: the creation day of every lead listed. */
  day: string;
  now: string;
  policyCalls: number;
  policySlots: number;
  /** Today's leads so far, test records and duplicates aside. */
  leadsToday: number;
  /** Of them, contacted already (on any channel, at any time). */
  contactedToday: number;
  items: WorkQueueItem[];
};

type QueueRow = {
  leadId: number;
  externalId: string;
  source: string;
  createdAt: string;
  timeZone: string;
  phoneE164: string | null;
  callsMade: number;
  callsInWindow: number;
  slotsInWindow: number;
  usedSlots: string;
  windowEndsAt: string;
  callRefused: boolean;
  recoveryAllowed: boolean;
  recoverySent: boolean;
  consentWhatsapp: boolean;
  consentSms: boolean;
};

/**
 * Today's leads (created today in the reporting zone, up to `now`) that are
 * not contacted and still wait for a first call, a further call under the
 * contact policy (before its window ends), or a recovery message after
 * their failed calls. Leads that cannot or should not be worked are left
 * out: test records, duplicates (their person is worked on the earlier
 * lead), opted-out leads and leads with invalid contact data; a lead that
 * refused calls waits for no call. The source and campaign filters apply;
 * agent and team filters do not, since a lead nobody has called yet belongs
 * to no agent. First calls come first, oldest first, then the rest by
 * creation.
 */
export async function getWorkQueue(
  db: Database,
  filter: MetricFilter,
  options: { now?: Date } = {},
  settings?: Settings,
): Promise<WorkQueue> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const resolved = settings ?? (await getSettings(db));
  const { reportTimezone, policyCalls, policySlots, policyWindowHours } =
    resolved;
  const day = todayIn(reportTimezone, now);
  const nowIso = now.toISOString();
  const windowEnd = sql`(l.created_at
    + make_interval(hours => ${policyWindowHours}::int))`;
  const slot = slotOfHour(
    resolved.slots,
    sql`extract(hour from a.started_at at time zone l.time_zone)::int`,
  );

  const todaysLeads = sql`l.created_at is not null
    and ${instantInPeriod(sql`l.created_at`, { from: day, to: day }, reportTimezone)}
    and l.created_at <= ${nowIso}::timestamptz
    and ${leadScope(filter)} and not l.is_test and not l.is_duplicate`;

  const rows = await queryRows<QueueRow>(
    db,
    sql`with ${policyStatusCte(resolved, { scope: todaysLeads })}
    select l.id::int as "leadId", l.external_id::text as "externalId",
      s.name::text as source, ${isoInstantSql(sql`l.created_at`)} as "createdAt",
      l.time_zone::text as "timeZone", l.phone_e164::text as "phoneE164",
      (select count(*) from attempts a
        where a.lead_id = l.id and a.channel = 'call'
          and a.direction = 'outbound')::int as "callsMade",
      p.calls_in_window::int as "callsInWindow",
      p.slots_in_window::int as "slotsInWindow",
      coalesce((select json_agg(distinct ${slot})
        from attempts a
        where a.lead_id = l.id and a.channel = 'call'
          and a.direction = 'outbound' and a.started_at >= l.created_at
          and a.started_at < ${windowEnd} and ${slot} is not null), '[]'::json)::text
        as "usedSlots",
      ${isoInstantSql(windowEnd)} as "windowEndsAt",
      (l.consent_call is false) as "callRefused",
      p.recovery_allowed as "recoveryAllowed",
      p.recovery_sent as "recoverySent",
      (l.consent_whatsapp is true) as "consentWhatsapp",
      (l.consent_sms is true) as "consentSms"
    from policy_status p
    join leads l on l.id = p.lead_id
    join sources s on s.id = l.source_id
    where not p.contacted and not ${hasInvalidContactData()}
      and not ${hasDispositionFlag("do_not_contact")}
      and not ${hasDispositionFlag("test_record")}
      and not (l.consent_call is false and l.consent_whatsapp is false
        and l.consent_sms is false and l.consent_email is false)
    order by l.created_at, l.id`,
  );
  const [counts] = await queryRows<{ leads: number; contacted: number }>(
    db,
    sql`with ${contactedLeadsCte({ scope: todaysLeads })}
    select count(*)::int as leads,
      count(*) filter (where c.contacted)::int as contacted
    from contacted_leads c`,
  );

  const items = rows.flatMap((row) => {
    const item = toItem(row, now, resolved);

    return item ? [item] : [];
  });
  items.sort(
    (a, b) =>
      Number(!a.waits.includes("first_call")) -
      Number(!b.waits.includes("first_call")),
  );
  log.info("work queue", {
    day,
    leads: rows.length,
    waiting: items.length,
    ms: Date.now() - started,
  });

  return {
    day,
    now: nowIso,
    policyCalls,
    policySlots,
    leadsToday: counts?.leads ?? 0,
    contactedToday: counts?.contacted ?? 0,
    items,
  };
}

function toItem(
  row: QueueRow,
  now: Date,
  settings: Settings,
): WorkQueueItem | null {
  const { policyCalls, policySlots } = settings;
  const windowEnd = new Date(row.windowEndsAt);
  const usedSlots = (JSON.parse(row.usedSlots) as string[]).sort();
  const recoveryChannels: WorkQueueItem["recoveryChannels"] = [];
  if (row.consentWhatsapp) recoveryChannels.push("whatsapp");
  if (row.consentSms) recoveryChannels.push("sms");

  const waits: WorkQueueWait[] = [];
  const policyOpen =
    row.callsInWindow < policyCalls || row.slotsInWindow < policySlots;
  if (!row.callRefused && row.callsMade === 0) waits.push("first_call");
  else if (!row.callRefused && policyOpen && now < windowEnd)
    waits.push("further_call");
  if (row.recoveryAllowed && !row.recoverySent) waits.push("recovery_message");
  if (waits.length === 0) return null;

  const nextSlot = waits.includes("further_call")
    ? findNextSlot({
        now,
        until: windowEnd,
        timeZone: row.timeZone,
        slots: settings.slots,
        usedSlots,
        needNewSlot: row.slotsInWindow < policySlots,
      })
    : null;
  const minutesWaiting = Math.floor(
    (now.getTime() - Date.parse(row.createdAt)) / 60_000,
  );

  return {
    leadId: row.leadId,
    externalId: row.externalId,
    source: row.source,
    createdAt: row.createdAt,
    timeZone: row.timeZone,
    phoneE164: row.phoneE164,
    minutesWaiting,
    callsInWindow: row.callsInWindow,
    slotsInWindow: row.slotsInWindow,
    usedSlots,
    windowEndsAt: row.windowEndsAt,
    waits,
    nextSlot,
    recoveryChannels,
    reason: describeWait({
      waits,
      minutesWaiting,
      callsInWindow: row.callsInWindow,
      slotsInWindow: row.slotsInWindow,
      policyCalls,
      policySlots,
      nextSlot,
      windowEndsAt: readLocalClock(windowEnd, row.timeZone).time,
      recoveryChannels,
    }),
  };
}
