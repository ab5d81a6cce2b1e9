import { type SQL, sql } from "drizzle-orm";
import {
  contactedLeadsCte,
  contactedWithinWindow,
} from "@/lib/metrics/contacted";
import {
  type MetricFilter,
  attemptChannelScope,
  leadNarrowing,
  leadsOfPeriod,
} from "@/lib/metrics/filter";
import {
  hasInvalidContactData,
  isConvertedLead,
} from "@/lib/metrics/lead-flags";
import {
  type LostLeadClass,
  lostLeadClasses,
  lostLeadClassesCte,
} from "@/lib/metrics/lost-lead-rules";
import { policyStatusCte } from "@/lib/metrics/policy";
import { recoveryCtes } from "@/lib/metrics/recovery-leads";
import type { Settings } from "@/lib/settings";

/** The sets other pages link to with `set=`, each the leads one figure
 * counts. The lost-* sets are the classes of the lost-lead split. */
export const leadSetIds = [
  "all",
  "contacted",
  "not-contacted",
  "worked",
  "fully-worked",
  "not-fully-worked",
  "not-attempted",
  "within-speed-target",
  "call-failed",
  "messaged",
  "recovered",
  "converted",
  "all-converted",
  "invalid-contact",
  "duplicate",
  "undated",
  ...lostLeadClasses.map((leadClass) => `lost-${leadClass}` as const),
] as const;

export type LeadSetId = (typeof leadSetIds)[number];

export type LeadSetDescription = {
  title: string;
  /** The definition's words: which leads, and which figure counts them. */
  definition: string;
};

export function isLeadSetId(value: unknown): value is LeadSetId {
  return (leadSetIds as readonly unknown[]).includes(value);
}

/** The lost-lead class of a lost-* set; null for every other set. */
export function lostClassOfSet(set: LeadSetId): LostLeadClass | null {
  if (!set.startsWith("lost-")) return null;
  const leadClass = set.slice("lost-".length);

  return (lostLeadClasses as readonly string[]).includes(leadClass)
    ? (leadClass as LostLeadClass)
    : null;
}

/** The title of each set's list. */
export const leadSetTitles: Record<LeadSetId, string> = {
  all: "All leads",
  contacted: "Contacted leads",
  "not-contacted": "Leads not contacted",
  worked: "Worked leads",
  "fully-worked": "Fully worked leads",
  "not-fully-worked": "Leads not fully worked",
  "not-attempted": "Leads not attempted",
  "within-speed-target": "Attempted within the speed target",
  "call-failed": "Call-failed leads",
  messaged: "Call-failed leads sent a recovery message",
  recovered: "Recovered leads",
  converted: "Converted contacted leads",
  "all-converted": "Converted leads",
  "invalid-contact": "Leads with invalid contact data",
  duplicate: "Duplicate leads",
  undated: "Leads without a creation instant",
  "lost-do_not_contact": "Lost: do not contact",
  "lost-lead_data": "Lost: lead data (marketing)",
  "lost-not_contacted_unknown_effort": "Lost: not contacted, effort unknown",
  "lost-follow_up": "Lost: follow-up (sales)",
  "lost-unreachable": "Lost: unreachable (the channel)",
  "lost-not_converted": "Lost: not converted",
};

const lostDefinitions: Record<LostLeadClass, string> = {
  do_not_contact:
    "Leads that did not convert and opted out (a do-not-contact outcome) or refused consent on every channel.",
  lead_data:
    "Leads that did not convert because of their data: invalid or wrong contact data, a duplicate of an earlier lead of the same person, or a test or fake record.",
  not_contacted_unknown_effort:
    "Leads not contacted that have no attempt, only a last outcome of their own (an export without an attempt log), so follow-up cannot be told from reach. Shown as such, never guessed.",
  follow_up:
    "Leads not contacted whose contact policy was not fully done: a late first attempt, too few calls or slots, or no recovery message where one was allowed.",
  unreachable:
    "Leads not contacted even though every part of the contact policy was done for them.",
  not_converted: "Leads that were contacted and did not convert.",
};

/** Title and definition of a set, in the words of the metric definitions.
 * `contactWindowDays` and `speedTargetMinutes` come from the settings. */
export function describeLeadSet(
  set: LeadSetId,
  settings: Pick<Settings, "contactWindowDays" | "speedTargetMinutes">,
  channels: readonly string[] = [],
): LeadSetDescription {
  const window = `${settings.contactWindowDays} days`;
  const on = channels.length > 0 ? ` on ${channels.join(" or ")}` : "";
  const lostClass = lostClassOfSet(set);
  if (lostClass) {
    return {
      title: leadSetTitles[set],
      definition: lostDefinitions[lostClass],
    };
  }

  const definitions: Record<Exclude<LeadSetId, `lost-${string}`>, string> = {
    all: "Leads created in the period, by the day of their creation instant in the reporting zone. Leads without a creation instant belong to no period.",
    contacted: `Leads created in the period that were contacted within ${window} of creation: an answered outbound call, an inbound call or message reply from the lead, or a disposition flagged contact. The numerator of the lead contact rate.`,
    "not-contacted": `Leads created in the period that were not contacted within ${window} of creation. Voicemail, delivered and read are not contact.`,
    worked:
      "Leads created in the period with at least one outbound attempt: the denominator of the worked contact rate.",
    "fully-worked":
      "Leads created in the period that were contacted, or for which every part of the contact policy was done: the numerator of follow-up compliance.",
    "not-fully-worked":
      "Leads created in the period that were not contacted and for which some part of the contact policy was not done: late first attempt, too few calls or slots, or no recovery message where one was allowed.",
    "not-attempted":
      "Leads created in the period that no person has made an outbound attempt to yet. Speed to lead counts them apart, never as zero minutes.",
    "within-speed-target": `Leads created in the period whose first outbound attempt by a person came within ${settings.speedTargetMinutes} minutes of creation (or of the start of their preferred slot, when later).`,
    "call-failed":
      "Leads created in the period whose first outbound call failed (any outcome but answered) and that had not been contacted before it.",
    messaged: `Call-failed leads sent a recovery message${on} after a failed call and before any contact: the denominator of the recovery rate${channels.length > 0 ? " of the channel" : ""}.`,
    recovered: `Call-failed leads contacted after a recovery message and within the recovery window of it${channels.length > 0 ? `, credited to ${channels.join(" or ")}` : ""}. The recovery is credited to the reply's channel, or for a call, to the channel of the last recovery message before it: the numerator of the recovery rate${channels.length > 0 ? " of the channel" : ""}.`,
    converted: `Leads created in the period, contacted within ${window} of creation, that converted: the numerator of the conversion of contacted leads.`,
    "all-converted":
      "Leads created in the period that converted, contacted or not: the converted leads of the lost-lead split, which with its classes add up to all leads.",
    "invalid-contact":
      "Leads created in the period whose contact data is wrong: an invalid-number call or a disposition flagged invalid contact.",
    duplicate:
      "Leads created in the period that are a later lead of the same person (same phone or e-mail) within the duplicate window of the previous one.",
    undated:
      "Leads whose record carries no creation instant (an export without one). They belong to no period, so every figure of a period and every other set leaves them out; the period does not narrow this list, the other filters do.",
  };

  return {
    title: leadSetTitles[set],
    definition: definitions[set as Exclude<LeadSetId, `lost-${string}`>],
  };
}

/**
 * The CTEs of one set, to follow a `with`, ending in `lead_set` with one row
 * per lead: `lead_id` and, for the lost-* sets, the evidence the rule
 * sentence quotes (`rule_code`, `calls_in_window`, `slots_in_window`,
 * `too_few_calls`, `too_few_slots`, `no_recovery_message`; null otherwise).
 *
 * Each set is built from the building blocks the figure itself uses, with
 * the same period rule (creation day in the reporting zone), the same lead
 * narrowing and the same channel handling, so that its size is the figure's
 * numerator or count for the same filter.
 */
export function leadSetCtes(
  set: LeadSetId,
  filter: MetricFilter,
  settings: Settings,
): SQL {
  const scope = leadsOfPeriod(filter, settings.reportTimezone);
  // The split's converted leads come from the same classification as its
  // lost classes, so that the counts of a split row and its lists agree.
  const lostClass = set === "all-converted" ? "converted" : lostClassOfSet(set);
  if (lostClass) {
    return sql`${lostLeadClassesCte(filter, settings)},
    lead_set as (
      select c.lead_id, c.rule_code::text as rule_code,
        c.calls_in_window, c.slots_in_window, c.too_few_calls,
        c.too_few_slots, c.no_recovery_message
      from lost_lead_classes c where c.lead_class = ${lostClass}
    )`;
  }

  switch (set) {
    case "all":
      return leadSet(sql`select l.id as lead_id from leads l where ${scope}`);
    case "contacted":
    case "not-contacted":
    case "converted":
      return contactedSet(set, filter, settings);
    case "worked":
      return leadSet(sql`select l.id as lead_id from leads l
        where ${scope} and ${hasOutboundAttempt(filter)}`);
    case "fully-worked":
    case "not-fully-worked":
      return sql`${policyStatusCte(settings, { scope })},
      ${leadSet(sql`select p.lead_id from policy_status p
        where ${set === "fully-worked" ? sql`p.fully_worked` : sql`not p.fully_worked`}`)}`;
    case "not-attempted":
    case "within-speed-target":
      return speedSet(set, filter, settings);
    case "call-failed":
    case "messaged":
    case "recovered":
      return recoverySet(set, filter, settings);
    case "invalid-contact":
      return leadSet(sql`select l.id as lead_id from leads l
        where ${scope} and ${hasInvalidContactData()}`);
    case "duplicate":
      return leadSet(sql`select l.id as lead_id from leads l
        where ${scope} and l.is_duplicate`);
    case "undated":
      return leadSet(sql`select l.id as lead_id from leads l
        where l.created_at is null and ${leadNarrowing(filter)}`);
  }

  throw new Error(`lead set ${set} has no query`);
}

// Sets without rule evidence carry null evidence columns, so that the list
// reads every set the same way.
function leadSet(select: SQL): SQL {
  return sql`lead_set_members as (${select}),
  lead_set as (
    select m.lead_id, null::text as rule_code,
      null::int as calls_in_window, null::int as slots_in_window,
      null::boolean as too_few_calls, null::boolean as too_few_slots,
      null::boolean as no_recovery_message
    from lead_set_members m
  )`;
}

// As the worked contact rate: an outbound attempt on a filtered channel.
function hasOutboundAttempt(filter: MetricFilter): SQL {
  return sql`exists (select 1 from attempts a
    where a.lead_id = l.id and a.direction = 'outbound'
      and ${attemptChannelScope(filter)})`;
}

// The lead contact rate's numerator and its complement, and the conversion
// of contacted leads' numerator: contact follows the channel filter.
function contactedSet(
  set: "contacted" | "not-contacted" | "converted",
  filter: MetricFilter,
  settings: Settings,
): SQL {
  const within = contactedWithinWindow(settings.contactWindowDays);
  const condition = {
    contacted: within,
    "not-contacted": sql`not ${within}`,
    converted: sql`${within} and ${isConvertedLead()}`,
  }[set];

  return sql`${contactedLeadsCte({
    scope: leadsOfPeriod(filter, settings.reportTimezone),
    channels: filter.channels,
  })},
  ${leadSet(sql`select c.lead_id from contacted_leads c
    join leads l on l.id = c.lead_id where ${condition}`)}`;
}

// As speed to lead: the first outbound attempt by a person on a filtered
// channel, its clock started at creation or at the later preferred slot
// start, an attempt ahead of the clock counting as 0 minutes.
function speedSet(
  set: "not-attempted" | "within-speed-target",
  filter: MetricFilter,
  settings: Settings,
): SQL {
  const condition =
    set === "not-attempted"
      ? sql`first.started_at is null`
      : sql`first.started_at is not null and greatest(0,
          extract(epoch from first.started_at
            - greatest(l.created_at, l.preferred_slot_start))::float8 / 60)
          <= ${settings.speedTargetMinutes}`;

  return leadSet(sql`select l.id as lead_id from leads l
    left join lateral (
      select a.started_at from attempts a
      where a.lead_id = l.id and a.direction = 'outbound'
        and not a.automated and ${attemptChannelScope(filter)}
      order by a.started_at, a.id limit 1
    ) first on true
    where ${leadsOfPeriod(filter, settings.reportTimezone)} and ${condition}`);
}

// The recovery figures' leads. `channel=` narrows messaged to the leads
// sent a recovery message on one of its channels, and recovered to the leads
// credited to one of them: the parts of the recovery rate per channel. The
// credit is always worked out over every recovery message, as on a recovery
// page without a channel filter, whose channel rows link here; a recovery
// through a reply on a channel the lead got no message on is in no
// channel's rate, so it is in no channel's set either.
function recoverySet(
  set: "call-failed" | "messaged" | "recovered",
  filter: MetricFilter,
  settings: Settings,
): SQL {
  const channels = sql.join(
    filter.channels.map((channel) => sql`${channel}`),
    sql`, `,
  );
  const messagedOn = (channel: SQL) => sql`exists (
    select 1 from recovery_channels rc
    where rc.lead_id = o.lead_id and rc.channel = ${channel})`;
  const narrowed = filter.channels.length > 0;
  const condition = {
    "call-failed": sql`true`,
    messaged: narrowed
      ? sql`exists (select 1 from recovery_channels rc
          where rc.lead_id = o.lead_id and rc.channel::text in (${channels}))`
      : sql`o.messaged`,
    recovered: narrowed
      ? sql`o.recovered and o.credit_channel::text in (${channels})
          and ${messagedOn(sql`o.credit_channel`)}`
      : sql`o.recovered`,
  }[set];

  return sql`${recoveryCtes({ ...filter, channels: [] }, settings)},
  ${leadSet(sql`select o.lead_id from recovery_outcomes o where ${condition}`)}`;
}
