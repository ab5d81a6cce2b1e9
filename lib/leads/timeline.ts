import { sql } from "drizzle-orm";
import { type Database, isoInstantSql, queryRows } from "@/lib/db";
import type { callOutcome, channel, messageStatus } from "@/lib/db/schema";
import { createLogger } from "@/lib/log";
import {
  attemptIsContact,
  contactedLeadsCte,
  contactedWithinWindow,
  joinAttemptDisposition,
} from "@/lib/metrics/contacted";
import { type MetricFilter, parseMetricFilter } from "@/lib/metrics/filter";
import {
  hasInvalidContactData,
  isConvertedLead,
} from "@/lib/metrics/lead-flags";
import {
  type LostLeadClass,
  type LostLeadEvidence,
  describeLostLeadRule,
  lostLeadClassesCte,
} from "@/lib/metrics/lost-lead-rules";
import { policyStatusCte } from "@/lib/metrics/policy";
import { recoveryCtes } from "@/lib/metrics/recovery-leads";
import { type Settings, getSettings } from "@/lib/settings";
import { type TimelineInstant, toTimelineInstant } from "./instants";

const log = createLogger("leads:timeline");

type Channel = (typeof channel.enumValues)[number];
type CallOutcome = (typeof callOutcome.enumValues)[number];
type MessageStatus = (typeof messageStatus.enumValues)[number];

/** One attempt of the lead: a call or a message, either way. */
export type TimelineEntry = {
  id: number;
  externalId: string;
  channel: Channel;
  direction: "outbound" | "inbound";
  automated: boolean;
  purpose: "sales" | "relationship";
  at: TimelineInstant;
  outcome: CallOutcome | null;
  durationSeconds: number | null;
  /** The furthest status the message reached. */
  messageStatus: MessageStatus | null;
  /** The provider's status times, earliest first. */
  statusTimes: { status: MessageStatus; at: TimelineInstant }[];
  agent: string | null;
  team: string | null;
  template: string | null;
  dispositionCode: string | null;
  /** The disposition the code maps to, when it maps to one. */
  disposition: string | null;
  /** The attempt is a contact by the rules of contacted.ts. */
  isContact: boolean;
  /** Sent while the lead was call-failed: a recovery message. */
  isRecoveryMessage: boolean;
};

export type PolicyPart =
  | "late_first_attempt"
  | "too_few_calls"
  | "too_few_slots"
  | "no_recovery_message";

/** What the figures conclude about the lead, each as its figure counts it. */
export type LeadFacts = {
  /** At any time, on any channel. */
  contacted: boolean;
  /** Null when not contacted or contacted only by the lead's own
   * disposition, which carries no time. */
  firstContactAt: TimelineInstant | null;
  contactedByLeadDisposition: boolean;
  /** As the lead contact rate counts it. */
  contactedWithinWindow: boolean;
  /** Null for a lead without a creation instant: no recovery figure (they
   * are period-based) counts it. */
  recovery: {
    callFailed: boolean;
    messaged: boolean;
    recovered: boolean;
    /** The channel credited with the recovery. */
    channel: Channel | null;
  } | null;
  policy: {
    /** False without a creation instant: the policy window is unknown. */
    known: boolean;
    fullyWorked: boolean;
    policyDone: boolean;
    callsInWindow: number;
    slotsInWindow: number;
    /** The parts of the policy that were not done, in checking order. */
    failedParts: PolicyPart[];
  };
  /** The lost-lead class and the rule that placed the lead there; null
   * without a creation instant. `converted` leads are lost to no class. */
  lost: { leadClass: LostLeadClass | "converted"; rule: string | null } | null;
  converted: boolean;
  invalidContact: boolean;
  duplicate: boolean;
  testRecord: boolean;
  holdout: boolean;
};

export type TimelineLead = {
  id: number;
  externalId: string;
  origin: string;
  sourceId: number;
  source: string;
  campaign: string | null;
  createdAt: TimelineInstant | null;
  timeZone: string;
  /** Unmasked: mask for the viewer's role before it leaves the server. */
  phone: string | null;
  email: string | null;
  consent: Record<"call" | "whatsapp" | "sms" | "email", boolean | null>;
  preferredSlot: { start: TimelineInstant; end: TimelineInstant } | null;
  dispositionCode: string | null;
  convertedAt: TimelineInstant | null;
};

export type LeadTimeline = {
  lead: TimelineLead;
  reportTimezone: string;
  contactWindowDays: number;
  entries: TimelineEntry[];
  facts: LeadFacts;
};

type LeadRow = {
  id: number;
  externalId: string;
  origin: string;
  sourceId: number;
  source: string;
  campaign: string | null;
  createdAt: string | null;
  createdDay: string | null;
  timeZone: string;
  phone: string | null;
  email: string | null;
  consentCall: boolean | null;
  consentWhatsapp: boolean | null;
  consentSms: boolean | null;
  consentEmail: boolean | null;
  slotStart: string | null;
  slotEnd: string | null;
  dispositionCode: string | null;
  convertedAt: string | null;
  converted: boolean;
  invalidContact: boolean;
  duplicate: boolean;
  testRecord: boolean;
  holdout: boolean;
};

const iso = (column: string) => isoInstantSql(sql.raw(column));

/**
 * One lead with its attempts and messages in order (start, then id), each
 * instant on the lead's clock and in the reporting zone, and the facts the
 * figures derive for it. Null when there is no lead with this id.
 */
export async function getLeadTimeline(
  db: Database,
  leadId: number,
  settings?: Settings,
): Promise<LeadTimeline | null> {
  const started = Date.now();
  const resolved = settings ?? (await getSettings(db));
  const lead = await readLead(db, leadId, resolved);
  if (!lead) return null;

  const dayFilter =
    lead.createdDay === null
      ? null
      : parseMetricFilter({
          from: lead.createdDay,
          to: lead.createdDay,
          sourceIds: [lead.sourceId],
        });
  const [entries, contact, policy, recovery, lost] = await Promise.all([
    readEntries(db, lead, resolved),
    readContact(db, leadId, resolved),
    readPolicy(db, leadId, resolved),
    dayFilter ? readRecovery(db, leadId, dayFilter, resolved) : null,
    dayFilter
      ? readLostClass(db, leadId, dayFilter, resolved, lead.createdAt)
      : null,
  ]);
  const recoveryMessages = new Set(recovery?.messageIds ?? []);
  const at = (value: string) =>
    toTimelineInstant(value, lead.timeZone, resolved.reportTimezone);
  log.info("read lead timeline", {
    leadId,
    entries: entries.length,
    ms: Date.now() - started,
  });

  return {
    lead: {
      id: lead.id,
      externalId: lead.externalId,
      origin: lead.origin,
      sourceId: lead.sourceId,
      source: lead.source,
      campaign: lead.campaign,
      createdAt: lead.createdAt === null ? null : at(lead.createdAt),
      timeZone: lead.timeZone,
      phone: lead.phone,
      email: lead.email,
      consent: {
        call: lead.consentCall,
        whatsapp: lead.consentWhatsapp,
        sms: lead.consentSms,
        email: lead.consentEmail,
      },
      preferredSlot:
        lead.slotStart !== null && lead.slotEnd !== null
          ? { start: at(lead.slotStart), end: at(lead.slotEnd) }
          : null,
      dispositionCode: lead.dispositionCode,
      convertedAt: lead.convertedAt === null ? null : at(lead.convertedAt),
    },
    reportTimezone: resolved.reportTimezone,
    contactWindowDays: resolved.contactWindowDays,
    entries: entries.map((entry) => ({
      ...entry,
      isRecoveryMessage: recoveryMessages.has(entry.id),
    })),
    facts: {
      contacted: contact?.contacted ?? false,
      firstContactAt:
        contact?.firstContactAt == null ? null : at(contact.firstContactAt),
      contactedByLeadDisposition: contact?.byLeadDisposition ?? false,
      contactedWithinWindow: contact?.withinWindow ?? false,
      recovery: recovery?.outcome ?? (dayFilter ? noRecovery : null),
      policy,
      lost,
      converted: lead.converted,
      invalidContact: lead.invalidContact,
      duplicate: lead.duplicate,
      testRecord: lead.testRecord,
      holdout: lead.holdout,
    },
  };
}

const noRecovery = {
  callFailed: false,
  messaged: false,
  recovered: false,
  channel: null,
};

async function readLead(
  db: Database,
  leadId: number,
  settings: Settings,
): Promise<LeadRow | undefined> {
  const [row] = await queryRows<LeadRow>(
    db,
    sql`select l.id::int as id, l.external_id::text as "externalId",
      l.origin::text as origin, l.source_id::int as "sourceId",
      s.name::text as source, cp.name::text as campaign,
      ${iso("l.created_at")} as "createdAt",
      to_char(l.created_at at time zone ${settings.reportTimezone},
        'YYYY-MM-DD') as "createdDay",
      l.time_zone::text as "timeZone",
      coalesce(l.phone_e164, l.phone_raw)::text as phone,
      l.email::text as email,
      l.consent_call as "consentCall", l.consent_whatsapp as "consentWhatsapp",
      l.consent_sms as "consentSms", l.consent_email as "consentEmail",
      ${iso("l.preferred_slot_start")} as "slotStart",
      ${iso("l.preferred_slot_end")} as "slotEnd",
      l.disposition_code::text as "dispositionCode",
      ${iso("l.converted_at")} as "convertedAt",
      ${isConvertedLead()} as converted,
      ${hasInvalidContactData()} as "invalidContact",
      l.is_duplicate as duplicate, l.is_test as "testRecord",
      l.holdout
    from leads l
    join sources s on s.id = l.source_id
    left join campaigns cp on cp.id = l.campaign_id
    where l.id = ${leadId}`,
  );

  return row;
}

type EntryRow = Omit<
  TimelineEntry,
  "at" | "statusTimes" | "isRecoveryMessage"
> & {
  startedAt: string;
  queuedAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
};

async function readEntries(
  db: Database,
  lead: LeadRow,
  settings: Settings,
): Promise<Omit<TimelineEntry, "isRecoveryMessage">[]> {
  const rows = await queryRows<EntryRow>(
    db,
    sql`select a.id::int as id, a.external_id::text as "externalId",
      a.channel::text as channel, a.direction::text as direction,
      a.automated, a.purpose::text as purpose,
      ${iso("a.started_at")} as "startedAt",
      a.outcome::text as outcome, a.duration_seconds::int as "durationSeconds",
      a.message_status::text as "messageStatus",
      ${iso("a.queued_at")} as "queuedAt", ${iso("a.sent_at")} as "sentAt",
      ${iso("a.delivered_at")} as "deliveredAt",
      ${iso("a.read_at")} as "readAt", ${iso("a.failed_at")} as "failedAt",
      ag.name::text as agent, t.name::text as team,
      tp.name::text as template,
      a.disposition_code::text as "dispositionCode",
      d.name::text as disposition,
      ${attemptIsContact()} as "isContact"
    from attempts a
    ${joinAttemptDisposition()}
    left join agents ag on ag.id = a.agent_id
    left join teams t on t.id = ag.team_id
    left join templates tp on tp.id = a.template_id
    where a.lead_id = ${lead.id}
    order by a.started_at, a.id`,
  );
  const at = (value: string) =>
    toTimelineInstant(value, lead.timeZone, settings.reportTimezone);

  return rows.map(
    ({
      startedAt,
      queuedAt,
      sentAt,
      deliveredAt,
      readAt,
      failedAt,
      ...row
    }) => {
      const times: [MessageStatus, string | null][] = [
        ["queued", queuedAt],
        ["sent", sentAt],
        ["delivered", deliveredAt],
        ["read", readAt],
        ["failed", failedAt],
      ];

      return {
        ...row,
        at: at(startedAt),
        statusTimes: times
          .flatMap(([status, value]) =>
            value === null ? [] : [{ status, at: at(value) }],
          )
          .sort((a, b) => a.at.iso.localeCompare(b.at.iso)),
      };
    },
  );
}

async function readContact(db: Database, leadId: number, settings: Settings) {
  const [row] = await queryRows<{
    contacted: boolean;
    firstContactAt: string | null;
    byLeadDisposition: boolean;
    withinWindow: boolean;
  }>(
    db,
    sql`with ${contactedLeadsCte({ scope: sql`l.id = ${leadId}` })}
    select c.contacted, ${iso("c.first_contact_at")} as "firstContactAt",
      c.by_lead_disposition as "byLeadDisposition",
      (l.created_at is not null
        and ${contactedWithinWindow(settings.contactWindowDays)})
        as "withinWindow"
    from contacted_leads c join leads l on l.id = c.lead_id`,
  );

  return row;
}

async function readPolicy(
  db: Database,
  leadId: number,
  settings: Settings,
): Promise<LeadFacts["policy"]> {
  const [row] = await queryRows<{
    known: boolean;
    fullyWorked: boolean;
    policyDone: boolean;
    callsInWindow: number;
    slotsInWindow: number;
    lateFirstAttempt: boolean;
    tooFewCalls: boolean;
    tooFewSlots: boolean;
    noRecoveryMessage: boolean;
  }>(
    db,
    sql`with ${policyStatusCte(settings, { scope: sql`l.id = ${leadId}` })}
    select p.policy_known as known, p.fully_worked as "fullyWorked",
      p.policy_done as "policyDone",
      p.calls_in_window::int as "callsInWindow",
      p.slots_in_window::int as "slotsInWindow",
      p.late_first_attempt as "lateFirstAttempt",
      p.too_few_calls as "tooFewCalls", p.too_few_slots as "tooFewSlots",
      p.no_recovery_message as "noRecoveryMessage"
    from policy_status p`,
  );
  const parts: [PolicyPart, boolean][] = [
    ["late_first_attempt", row?.lateFirstAttempt ?? false],
    ["too_few_calls", row?.tooFewCalls ?? false],
    ["too_few_slots", row?.tooFewSlots ?? false],
    ["no_recovery_message", row?.noRecoveryMessage ?? false],
  ];

  return {
    known: row?.known ?? false,
    fullyWorked: row?.fullyWorked ?? false,
    policyDone: row?.policyDone ?? false,
    callsInWindow: row?.callsInWindow ?? 0,
    slotsInWindow: row?.slotsInWindow ?? 0,
    failedParts: parts.filter(([, failed]) => failed).map(([part]) => part),
  };
}

// The recovery figures are period-based: the lead is read among the leads
// of its creation day and source, the smallest period that holds it.
async function readRecovery(
  db: Database,
  leadId: number,
  filter: MetricFilter,
  settings: Settings,
) {
  const ctes = recoveryCtes(filter, settings);
  const [outcomes, messages] = await Promise.all([
    queryRows<{
      messaged: boolean;
      recovered: boolean;
      channel: Channel | null;
    }>(
      db,
      sql`with ${ctes}
      select o.messaged, o.recovered, o.credit_channel::text as channel
      from recovery_outcomes o where o.lead_id = ${leadId}`,
    ),
    queryRows<{ id: number }>(
      db,
      sql`with ${ctes}
      select m.id::int as id from recovery_messages m
      where m.lead_id = ${leadId}`,
    ),
  ]);
  const outcome = outcomes[0];

  return {
    outcome: outcome ? { callFailed: true, ...outcome } : null,
    messageIds: messages.map((row) => row.id),
  };
}

async function readLostClass(
  db: Database,
  leadId: number,
  filter: MetricFilter,
  settings: Settings,
  createdAt: string | null,
): Promise<LeadFacts["lost"]> {
  const [row] = await queryRows<
    LostLeadEvidence & { leadClass: LostLeadClass | "converted" }
  >(
    db,
    sql`with ${lostLeadClassesCte(filter, settings)}
    select c.lead_class::text as "leadClass", c.rule_code::text as "ruleCode",
      c.calls_in_window::int as "callsInWindow",
      c.slots_in_window::int as "slotsInWindow",
      c.too_few_calls as "tooFewCalls", c.too_few_slots as "tooFewSlots",
      c.no_recovery_message as "noRecoveryMessage"
    from lost_lead_classes c where c.lead_id = ${leadId}`,
  );
  if (!row) return null;

  return {
    leadClass: row.leadClass,
    rule:
      row.leadClass === "converted"
        ? null
        : describeLostLeadRule({ ...row, createdAt }, settings),
  };
}
