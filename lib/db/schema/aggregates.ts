import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { channel } from "./enums";

// Maintained aggregates (lib/aggregates): derived from leads, attempts,
// dispositions and settings, never edited by hand, rebuilt at will. Facts
// tables hold one row per lead or attempt with every derived value a figure
// needs; `*_cells` tables are small cubes summed over those facts. In cube
// keys an absent id is 0 and an absent text is '', so that every key can
// be a primary key. Days are calendar days in the reporting zone.

const instant = (name: string) =>
  timestamp(name, { withTimezone: true, mode: "string" });
const day = (name: string) => date(name, { mode: "string" });
const id = (name: string) => bigint(name, { mode: "number" });
const count = (name: string) => integer(name).notNull();
const money = (name: string) => bigint(name, { mode: "number" }).notNull();

/** One row: what the aggregates were built with, so a figure can tell
 * whether they still hold for the current settings and dispositions. */
export const aggState = pgTable("agg_state", {
  id: smallint("id").primaryKey().default(1),
  settingsKey: text("settings_key").notNull(),
  dispositionsKey: text("dispositions_key").notNull(),
  builtAt: instant("built_at").notNull(),
  refreshedAt: instant("refreshed_at").notNull(),
});

/** Every per-lead value the figures read, under the current settings. */
export const aggLeadFacts = pgTable(
  "agg_lead_facts",
  {
    leadId: id("lead_id").primaryKey(),
    sourceId: id("source_id").notNull(),
    campaignId: id("campaign_id"),
    personId: id("person_id"),
    /** The agent of the first outbound attempt by a person. */
    agentId: id("agent_id"),
    createdAt: instant("created_at"),
    /** Creation day in the reporting zone; null for undated leads. */
    day: day("day"),
    isDuplicate: boolean("is_duplicate").notNull(),
    hasLog: boolean("has_log").notNull(),
    firstContactAt: instant("first_contact_at"),
    contacted: boolean("contacted").notNull(),
    contactedWithin: boolean("contacted_within").notNull(),
    byLeadDisposition: boolean("by_lead_disposition").notNull(),
    sameDay: boolean("same_day").notNull(),
    worked: boolean("worked").notNull(),
    converted: boolean("converted").notNull(),
    invalidContact: boolean("invalid_contact").notNull(),
    /** Outbound calls up to the first contact; null without a contact time. */
    callsToContact: integer("calls_to_contact"),
    /** n when the first contact, within the window, was outbound call n. */
    contactCall: integer("contact_call"),
    speedMinutes: doublePrecision("speed_minutes"),
    speedBucket: smallint("speed_bucket"),
    withinTarget: boolean("within_target").notNull(),
    callsInWindow: integer("calls_in_window").notNull(),
    slotsInWindow: integer("slots_in_window").notNull(),
    lateFirstAttempt: boolean("late_first_attempt").notNull(),
    tooFewCalls: boolean("too_few_calls").notNull(),
    tooFewSlots: boolean("too_few_slots").notNull(),
    noRecoveryMessage: boolean("no_recovery_message").notNull(),
    fullyWorked: boolean("fully_worked").notNull(),
    /** The lost-lead rule, `<class>.<reason>`, or `converted.converted`. */
    ruleCode: text("rule_code").notNull(),
    callFailed: boolean("call_failed").notNull(),
    failedAt: instant("failed_at"),
    messaged: boolean("messaged").notNull(),
    firstDelaySeconds: doublePrecision("first_delay_seconds"),
    lastChannel: channel("last_channel"),
    delivered: boolean("delivered").notNull(),
    read: boolean("read").notNull(),
    recovered: boolean("recovered").notNull(),
    creditChannel: channel("credit_channel"),
    responded: boolean("responded").notNull(),
    holdout: boolean("holdout").notNull(),
    /** Recovered by a reply on a channel it got no recovery message on. */
    recoveredOther: boolean("recovered_other").notNull(),
    holdoutContacted: boolean("holdout_contacted").notNull(),
    ltvMinor: id("ltv_minor"),
    valueStatus: text("value_status").notNull(),
    valueCurrency: text("value_currency"),
  },
  (table) => [
    index("agg_lead_facts_day").on(table.day, table.sourceId),
    // Holds every column the speed percentiles read (read-speed.ts), so
    // that they are read from the index alone.
    index("agg_lead_facts_speed").on(
      table.speedBucket,
      table.day,
      table.sourceId,
      table.speedMinutes,
    ),
  ],
);

/** One row per outbound attempt to a dated lead. */
export const aggAttemptFacts = pgTable(
  "agg_attempt_facts",
  {
    leadId: id("lead_id").notNull(),
    /** The attempt's id, so that a refresh rewrites only what changed. */
    attemptId: id("attempt_id").notNull(),
    day: day("day").notNull(),
    sourceId: id("source_id").notNull(),
    campaignId: id("campaign_id").notNull(),
    agentId: id("agent_id").notNull(),
    channel: channel("channel").notNull(),
    leadWeekday: smallint("lead_weekday").notNull(),
    leadHour: smallint("lead_hour").notNull(),
    reportWeekday: smallint("report_weekday").notNull(),
    reportHour: smallint("report_hour").notNull(),
    isCall: boolean("is_call").notNull(),
    answered: boolean("answered").notNull(),
    connected: boolean("connected").notNull(),
    outsideHours: boolean("outside_hours").notNull(),
    beyondMax: boolean("beyond_max").notNull(),
    withoutConsent: boolean("without_consent").notNull(),
    hasWindow: boolean("has_window").notNull(),
    inSlot: boolean("in_slot").notNull(),
  },
  (table) => [index("agg_attempt_facts_lead").on(table.leadId)],
);

/** Per call-failed lead, each channel it got a recovery message on. */
export const aggRecoveryChannels = pgTable(
  "agg_recovery_channels",
  {
    leadId: id("lead_id").notNull(),
    channel: channel("channel").notNull(),
    /** From the last outbound call to the first message on the channel. */
    delaySeconds: doublePrecision("delay_seconds").notNull(),
    recovered: boolean("recovered").notNull(),
  },
  (table) => [primaryKey({ columns: [table.leadId, table.channel] })],
);

/** Per call-failed lead, each template its recovery messages used (0: none). */
export const aggRecoveryTemplates = pgTable(
  "agg_recovery_templates",
  {
    leadId: id("lead_id").notNull(),
    templateId: id("template_id").notNull(),
    recovered: boolean("recovered").notNull(),
  },
  (table) => [primaryKey({ columns: [table.leadId, table.templateId] })],
);

// Recovery and value cells are keyed by day and source only: keyed by
// campaign and agent as well they would hold about a row per lead, so a
// campaign, agent or team filter reads the lead facts instead.
const dayKeys = {
  day: day("day").notNull(),
  sourceId: id("source_id").notNull(),
};

const leadKeys = {
  day: day("day").notNull(),
  sourceId: id("source_id").notNull(),
  campaignId: id("campaign_id").notNull(),
  agentId: id("agent_id").notNull(),
};

/** Dated leads by creation day, source, campaign and first agent. */
export const aggLeadCells = pgTable(
  "agg_lead_cells",
  {
    ...leadKeys,
    leads: count("leads"),
    contactedWithin: count("contacted_within"),
    contactedConverted: count("contacted_converted"),
    converted: count("converted"),
    worked: count("worked"),
    workedContacted: count("worked_contacted"),
    sameDay: count("same_day"),
    byLeadDisposition: count("by_lead_disposition"),
    attempted: count("attempted"),
    withinTarget: count("within_target"),
    invalidContact: count("invalid_contact"),
    duplicates: count("duplicates"),
    withoutPerson: count("without_person"),
    fullyWorked: count("fully_worked"),
    fullyWorkedContacted: count("fully_worked_contacted"),
    lateFirstAttempt: count("late_first_attempt"),
    tooFewCalls: count("too_few_calls"),
    tooFewSlots: count("too_few_slots"),
    noRecoveryMessage: count("no_recovery_message"),
    valued: count("valued"),
    ltvMinor: money("ltv_minor"),
    valuesNotConverted: count("values_not_converted"),
    lostConverted: count("lost_converted"),
    lostDoNotContact: count("lost_do_not_contact"),
    lostLeadData: count("lost_lead_data"),
    lostUnknownEffort: count("lost_unknown_effort"),
    lostFollowUp: count("lost_follow_up"),
    lostUnreachable: count("lost_unreachable"),
    lostNotConverted: count("lost_not_converted"),
    callFailed: count("call_failed"),
    messaged: count("messaged"),
    recovered: count("recovered"),
    recoveredOther: count("recovered_other"),
    deliveredStep: count("delivered_step"),
    readStep: count("read_step"),
    responded: count("responded"),
    respondedConverted: count("responded_converted"),
    messagedOutsideHoldout: count("messaged_outside_holdout"),
    recoveredOutsideHoldout: count("recovered_outside_holdout"),
    holdoutNotMessaged: count("holdout_not_messaged"),
    holdoutContacted: count("holdout_contacted"),
    holdoutMessaged: count("holdout_messaged"),
    messagedUpTo5: count("messaged_up_to_5"),
    recoveredUpTo5: count("recovered_up_to_5"),
    messaged5To60: count("messaged_5_to_60"),
    recovered5To60: count("recovered_5_to_60"),
    messaged60To1440: count("messaged_60_to_1440"),
    recovered60To1440: count("recovered_60_to_1440"),
    messagedOver1440: count("messaged_over_1440"),
    recoveredOver1440: count("recovered_over_1440"),
  },
  (table) => [
    primaryKey({
      columns: [table.day, table.sourceId, table.campaignId, table.agentId],
    }),
  ],
);

/** Leads without a creation instant: in no period, counted apart. */
export const aggUndatedCells = pgTable(
  "agg_undated_cells",
  {
    sourceId: id("source_id").notNull(),
    campaignId: id("campaign_id").notNull(),
    agentId: id("agent_id").notNull(),
    leads: count("leads"),
    contacted: count("contacted"),
    invalidContact: count("invalid_contact"),
    converted: count("converted"),
  },
  (table) => [
    primaryKey({
      columns: [table.sourceId, table.campaignId, table.agentId],
    }),
  ],
);

/** Distributions over dated leads: `calls_to_contact`, `contact_call`,
 * `speed_bucket` and `speed_target` (1 within the speed target, 0 not:
 * every dated lead once), each value with its leads. */
export const aggLeadMeasureCells = pgTable(
  "agg_lead_measure_cells",
  {
    day: day("day").notNull(),
    sourceId: id("source_id").notNull(),
    measure: text("measure").notNull(),
    value: integer("value").notNull(),
    leads: count("leads"),
  },
  (table) => [
    primaryKey({
      columns: [table.day, table.sourceId, table.measure, table.value],
    }),
    // One measure's cells over a period, read from the index alone.
    index("agg_lead_measure_cells_measure").on(
      table.measure,
      table.day,
      table.sourceId,
      table.value,
      table.leads,
    ),
  ],
);

/** Leads with a person by the creation day of the person's previous lead
 * ('-infinity' for none), per source and, under source 0, over all
 * sources: a person is counted once, at its first lead of the period. */
export const aggPersonCells = pgTable(
  "agg_person_cells",
  {
    day: day("day").notNull(),
    sourceId: id("source_id").notNull(),
    previousDay: day("previous_day").notNull(),
    leads: count("leads"),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.sourceId, table.previousDay] }),
  ],
);

/** Call-failed leads messaged on a channel, by the delay bucket of their
 * first message on it. */
export const aggRecoveryChannelCells = pgTable(
  "agg_recovery_channel_cells",
  {
    ...dayKeys,
    channel: channel("channel").notNull(),
    bucket: text("bucket").notNull(),
    messaged: count("messaged"),
    recovered: count("recovered"),
  },
  (table) => [
    primaryKey({
      columns: [table.day, table.sourceId, table.channel, table.bucket],
    }),
  ],
);

export const aggRecoveryTemplateCells = pgTable(
  "agg_recovery_template_cells",
  {
    ...dayKeys,
    templateId: id("template_id").notNull(),
    messaged: count("messaged"),
    recovered: count("recovered"),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.sourceId, table.templateId] }),
  ],
);

/** Call-failed leads with their lifetime values, by the channel the value
 * is credited to and, for values that could not be converted, why. */
export const aggValueCells = pgTable(
  "agg_value_cells",
  {
    ...dayKeys,
    channel: text("channel").notNull(),
    valueStatus: text("value_status").notNull(),
    currency: text("currency").notNull(),
    callFailed: count("call_failed"),
    callFailedValueMinor: money("call_failed_value_minor"),
    recovered: count("recovered"),
    recoveredValueMinor: money("recovered_value_minor"),
    recoveredRevenueMinor: money("recovered_revenue_minor"),
    atRisk: count("at_risk"),
    atRiskValueMinor: money("at_risk_value_minor"),
  },
  (table) => [
    primaryKey({
      columns: [
        table.day,
        table.sourceId,
        table.channel,
        table.valueStatus,
        table.currency,
      ],
    }),
  ],
);

/** Outbound attempts by day, lead source and campaign, the attempt's own
 * agent and channel. */
export const aggAttemptCells = pgTable(
  "agg_attempt_cells",
  {
    ...leadKeys,
    channel: channel("channel").notNull(),
    attempts: count("attempts"),
    calls: count("calls"),
    answered: count("answered"),
    connected: count("connected"),
    outsideHours: count("outside_hours"),
    beyondMax: count("beyond_max"),
    withoutConsent: count("without_consent"),
    withWindow: count("with_window"),
    inSlot: count("in_slot"),
  },
  (table) => [
    primaryKey({
      columns: [
        table.day,
        table.sourceId,
        table.campaignId,
        table.agentId,
        table.channel,
      ],
    }),
  ],
);

const slotMeasures = {
  zone: text("zone").notNull(),
  weekday: smallint("weekday").notNull(),
  hour: smallint("hour").notNull(),
  attempts: count("attempts"),
  calls: count("calls"),
  answered: count("answered"),
};

/** Outbound attempts by weekday and hour of the lead's clock (`lead`) or
 * of the reporting zone (`report`). Keyed by source but not campaign: by
 * campaign too it would hold more than a row per ten attempts, and the
 * grid of a quarter would be slow to add up; a campaign filter reads the
 * raw rows. The zone comes first, as every grid reads one. */
export const aggSlotCells = pgTable(
  "agg_slot_cells",
  {
    day: day("day").notNull(),
    sourceId: id("source_id").notNull(),
    channel: channel("channel").notNull(),
    ...slotMeasures,
  },
  (table) => [
    primaryKey({
      columns: [
        table.zone,
        table.day,
        table.sourceId,
        table.channel,
        table.weekday,
        table.hour,
      ],
    }),
  ],
);
