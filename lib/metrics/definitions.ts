/** The words the screens use to explain each figure, following the metric
 * definitions (docs/metrics.md). One entry per figure a page shows. */
export type FigureDefinition = {
  name: string;
  unit: "lead" | "attempt" | "person" | "money" | "minutes" | "share";
  definition: string;
  numerator?: string;
  denominator?: string;
};

export const figureDefinitions = {
  leads: {
    name: "Leads",
    unit: "lead",
    definition:
      "Requests to be contacted created in the period, by the day of their creation instant in the reporting zone. Leads without a creation instant belong to no period.",
  },
  leadContactRate: {
    name: "Lead contact rate",
    unit: "lead",
    definition:
      "A lead is contacted when it has an answered outbound call, an inbound call or message reply from the lead, or a disposition flagged contact. Voicemail, delivered and read are not contact.",
    numerator:
      "leads created in the period that were contacted within the contact window of creation",
    denominator: "leads created in the period",
  },
  workedContactRate: {
    name: "Worked contact rate",
    unit: "lead",
    definition:
      "The contact rate among leads that got at least one outbound attempt.",
    numerator:
      "worked leads created in the period that were contacted within the contact window",
    denominator:
      "leads created in the period with at least one outbound attempt",
  },
  sameDayContactRate: {
    name: "Same-day contact rate",
    unit: "lead",
    definition:
      "Leads contacted on their creation day, in their own time zone.",
    numerator: "leads contacted on their creation day (lead local time)",
    denominator: "leads created in the period",
  },
  callAnswerRate: {
    name: "Call answer rate",
    unit: "attempt",
    definition:
      "Outbound calls that a person answered, among outbound calls started in the period.",
    numerator: "answered outbound calls made in the period",
    denominator: "outbound calls made in the period",
  },
  connectionRate: {
    name: "Connection rate",
    unit: "attempt",
    definition: "Outbound calls answered or reaching voicemail.",
    numerator: "answered plus voicemail outbound calls",
    denominator: "outbound calls made in the period",
  },
  contactedConversionRate: {
    name: "Conversion of contacted leads",
    unit: "lead",
    definition: "Contacted leads of the period that converted.",
    numerator: "contacted leads of the period that converted",
    denominator: "contacted leads of the period",
  },
  speedToLead: {
    name: "Speed to lead",
    unit: "minutes",
    definition:
      "Minutes from the lead's creation (or the start of its preferred slot, when later) to its first outbound attempt by a person. Median and 90th percentile over leads that got an attempt; leads not yet attempted are counted apart, never as zero.",
  },
  withinSpeedTarget: {
    name: "Attempted within target",
    unit: "lead",
    definition:
      "Leads whose first attempt by a person came within the speed target.",
    numerator: "leads attempted within the target minutes",
    denominator: "all leads created in the period",
  },
  followUpCompliance: {
    name: "Follow-up compliance",
    unit: "lead",
    definition:
      "A lead is fully worked when it was contacted or when every part of the contact policy was done for it: the policy calls, in enough distinct slots, within the policy window, plus a recovery message after the last failed call of the policy window when the lead consented to a message channel (not asked of leads in the recovery hold-out, which are kept from messages on purpose).",
    numerator: "fully worked leads",
    denominator: "leads created in the period",
  },
  effortAdjustedContactRate: {
    name: "Effort-adjusted contact rate",
    unit: "lead",
    definition:
      "The contact rate among fully worked leads: it tells a bad lead from a bad follow-up.",
    numerator: "fully worked leads that were contacted",
    denominator: "fully worked leads",
  },
  answerRateCell: {
    name: "Answer rate by weekday and hour",
    unit: "attempt",
    definition:
      "Each attempt falls in a cell of weekday and hour in the lead's own local time (or the reporting zone). Cells with few attempts are marked thin; cells never tried are untried, not zero.",
    numerator: "answered outbound calls in the cell",
    denominator: "outbound calls in the cell",
  },
  recoveryRate: {
    name: "Recovery rate",
    unit: "lead",
    definition:
      "A call-failed lead (its calls so far all failed and it was not contacted) is recovered when it is contacted after a recovery message and within the recovery window of it. Credited to the reply's channel, or for a call, to the channel of the last message before it.",
    numerator: "call-failed leads recovered via the channel",
    denominator: "call-failed leads sent a recovery message on the channel",
  },
  incrementalRecovery: {
    name: "Incremental recovery",
    unit: "share",
    definition:
      "The recovery rate of messaged leads minus the contact rate of the hold-out (call-failed leads deliberately not messaged) over the same window.",
  },
  recoveredValue: {
    name: "Recovered value",
    unit: "money",
    definition:
      "The lifetime value of recovered leads: what recovery put back in play. Monthly values count for the expected lifetime; amounts are converted with the organisation's fixed rates.",
  },
  recoveredRevenue: {
    name: "Recovered revenue",
    unit: "money",
    definition: "The lifetime value of recovered leads that converted.",
  },
  valueWeightedRecoveryRate: {
    name: "Value-weighted recovery rate",
    unit: "share",
    definition:
      "Lifetime value of recovered leads over lifetime value of call-failed leads.",
    numerator: "LTV of recovered leads",
    denominator: "LTV of call-failed leads",
  },
  valueAtRisk: {
    name: "Value at risk",
    unit: "money",
    definition:
      "Lifetime value of call-failed leads not (yet) recovered, times the conversion rate of contacted leads of the same source.",
  },
  duplicateRate: {
    name: "Duplicate rate",
    unit: "lead",
    definition:
      "A later lead of the same person (same phone or e-mail) created within the duplicate window of the previous one.",
    numerator: "duplicate leads",
    denominator: "leads created in the period",
  },
  invalidContactRate: {
    name: "Invalid-contact rate",
    unit: "lead",
    definition:
      "Leads whose contact data is wrong: an invalid-number call or a disposition flagged invalid contact.",
    numerator: "leads with invalid contact data",
    denominator: "leads created in the period",
  },
  lostLeadSplit: {
    name: "Lost-lead split",
    unit: "lead",
    definition:
      "Every lead that did not convert falls in exactly one class, checked in order: do not contact, lead data (marketing), follow-up (sales), unreachable (the channel), not converted. Leads not contacted that have no attempt, only a last outcome of their own (an export without an attempt log), are 'not contacted, effort unknown', never guessed; a lead with neither attempts nor an outcome was not called, and counts as follow-up.",
  },
  attemptsToContact: {
    name: "Attempts to contact",
    unit: "lead",
    definition:
      "For each lead contacted within the contact window: the outbound calls it got up to and including the first contact (0 when the lead reached us first). Shown as a distribution over contacted leads.",
  },
  contactByAttemptNumber: {
    name: "Contact by attempt number",
    unit: "lead",
    definition:
      "The share of leads first contacted on outbound call 1 to n, cumulated. Leads first reached another way (a reply, an inbound call) never enter the curve.",
    numerator: "leads first contacted on one of their first n outbound calls",
    denominator: "leads created in the period",
  },
  outsideCallingHours: {
    name: "Calls outside calling hours",
    unit: "attempt",
    definition:
      "Outbound calls started before the calling hours begin or from the hour they end, on the lead's local clock.",
    numerator: "outbound calls outside calling hours",
    denominator: "outbound calls made in the period",
  },
  beyondDailyMax: {
    name: "Calls beyond the daily maximum",
    unit: "attempt",
    definition:
      "Outbound calls to one lead on one of its local days after the first calls the daily maximum allows, whoever made them.",
    numerator: "outbound calls beyond the daily maximum",
    denominator: "outbound calls made in the period",
  },
  messagesWithoutConsent: {
    name: "Messages without consent",
    unit: "attempt",
    definition:
      "Outbound whatsapp, sms and email messages to leads that did not give consent for that channel (refused or never stated).",
    numerator: "outbound messages without consent for their channel",
    denominator: "outbound messages sent in the period",
  },
  inSlotShare: {
    name: "In-slot share",
    unit: "attempt",
    definition:
      "Among attempts to leads that asked to be contacted in a window of their own, the attempts made inside that window.",
    numerator: "attempts inside the lead's preferred window",
    denominator: "attempts to leads that gave a preferred window",
  },
  callFailedLeads: {
    name: "Call-failed leads",
    unit: "lead",
    definition:
      "Leads created in the period whose first outbound call failed (any outcome but answered) with no contact before it. A recovery message is a message sent to such a lead after its last failed call and before any contact.",
  },
  recoveryFunnel: {
    name: "Recovery funnel",
    unit: "lead",
    definition:
      "Call-failed leads, then those sent a recovery message, delivered, read, that replied or called back within the recovery window, and converted. Each step counts only leads of the step before; a reply proves delivery and reading even without a receipt.",
    numerator: "leads at the step",
    denominator:
      "leads at the step before (leads created in the period for the first)",
  },
  recoveryRateByDelay: {
    name: "Recovery rate by delay",
    unit: "lead",
    definition:
      "The recovery rate split by minutes from the last failed call to the recovery message: up to 5, 5 to 60, 60 to 1440, over 1440. A lead counts in the bucket of its first recovery message; per channel, of its first message on that channel.",
    numerator: "call-failed leads recovered",
    denominator: "call-failed leads sent a recovery message with that delay",
  },
  recoveryRateByTemplate: {
    name: "Recovery rate by message",
    unit: "lead",
    definition:
      "The recovery rate split by message template. A recovery is credited to the template of the last recovery message before the contact. Each template carries four checks: names the company and the person, states the reason tied to the lead's request, professional tone, one simple next step.",
    numerator: "call-failed leads recovered after the template",
    denominator: "call-failed leads sent a recovery message with the template",
  },
  persons: {
    name: "Persons",
    unit: "person",
    definition:
      "Leads grouped by phone number in E.164, or by lower-cased e-mail when there is no usable phone. Leads with neither belong to no person.",
  },
  costPerLead: {
    name: "Cost per lead",
    unit: "money",
    definition:
      "The source's recorded cost per lead, converted to the report currency with the organisation's fixed rates. Shown only when a cost and a rate for its currency are known.",
  },
  costPerContactedLead: {
    name: "Cost per contacted lead",
    unit: "money",
    definition:
      "The cost of all the source's leads of the period divided by its leads contacted within the contact window.",
  },
  ltvPerLead: {
    name: "LTV per lead",
    unit: "money",
    definition:
      "The mean lifetime value over the source's leads that have a value: a monthly value times the expected lifetime in months, or a total value, in the report currency.",
  },
} satisfies Record<string, FigureDefinition>;

export type FigureId = keyof typeof figureDefinitions;
