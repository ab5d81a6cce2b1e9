import { type SQL, sql } from "drizzle-orm";
import type { Settings } from "@/lib/settings";
import { type MetricFilter, leadsOfPeriod } from "./filter";
import {
  hasDispositionFlag,
  hasInvalidContactData,
  hasLastOutcome,
  isConvertedLead,
} from "./lead-flags";
import { policyStatusCte } from "./policy";

/** The classes of the lost-lead split, in the order they are checked. */
export const lostLeadClasses = [
  "do_not_contact",
  "lead_data",
  "not_contacted_unknown_effort",
  "follow_up",
  "unreachable",
  "not_converted",
] as const;

export type LostLeadClass = (typeof lostLeadClasses)[number];

/** The rule that placed a lead, as `<class>.<reason>`. */
export type LostLeadRuleCode =
  | "do_not_contact.opted_out"
  | "do_not_contact.no_consent"
  | "lead_data.invalid_contact"
  | "lead_data.duplicate"
  | "lead_data.test_record"
  | "not_contacted_unknown_effort.no_attempt_log"
  | "follow_up.late_first_attempt"
  | "follow_up.too_few_calls"
  | "follow_up.too_few_slots"
  | "follow_up.no_recovery_message"
  | "unreachable.policy_done"
  | "not_converted.contacted";

/**
 * One row per lead created in the period (`lost_lead_classes`), after the
 * policy CTEs of policy.ts: `lead_class` (`converted` or one of
 * lostLeadClasses), `rule_code` and the policy numbers the rule sentence
 * quotes. Checked in METRICS.md's order:
 *
 * 1. do_not_contact: a disposition flagged do_not_contact (the lead's or an
 *    attempt's), or consent refused on all four channels. Consent not
 *    stated (null) is no refusal: most imports carry none.
 * 2. lead_data: invalid contact data (lead-flags.ts), a duplicate, a test
 *    record (`is_test` or a disposition flagged test_record).
 * 3. Not contacted, no attempt at all and a last outcome of its own (a
 *    lead-level disposition code): not_contacted_unknown_effort, since an
 *    export with only a last outcome cannot tell 4 from 5. A lead with
 *    neither attempts nor an outcome was not called: follow_up, late
 *    first attempt, as follow-up compliance counts it.
 * 4. follow_up: not contacted and the policy not done. The code names the
 *    first failed part: late first attempt, too few calls, too few slots,
 *    no recovery message.
 * 5. unreachable: not contacted though the policy was done.
 * 6. not_converted: contacted (at any time, on any channel), not converted.
 *
 * The channel filter does not apply: the split is about whole leads.
 */
export function lostLeadClassesCte(
  filter: MetricFilter,
  settings: Settings,
): SQL {
  const notContacted = sql`not x.contacted`;

  return sql`${policyStatusCte(settings, {
    scope: leadsOfPeriod(filter, settings.reportTimezone),
  })},
  lost_lead_flags as (
    select p.*, l.source_id, l.external_id, l.created_at,
      ${isConvertedLead()} as converted,
      ${hasDispositionFlag("do_not_contact")} as opted_out,
      (l.consent_call is false and l.consent_whatsapp is false
        and l.consent_sms is false and l.consent_email is false) as no_consent,
      ${hasInvalidContactData()} as invalid_contact,
      (l.is_test or ${hasDispositionFlag("test_record")}) as test_record,
      l.is_duplicate, ${hasLastOutcome()} as has_last_outcome
    from policy_status p join leads l on l.id = p.lead_id
  ),
  lost_lead_classes as (
    select f.*,
      split_part(f.rule_code, '.', 1) as lead_class
    from (
      select x.*, case
        when x.converted then 'converted.converted'
        when x.opted_out then 'do_not_contact.opted_out'
        when x.no_consent then 'do_not_contact.no_consent'
        when x.invalid_contact then 'lead_data.invalid_contact'
        when x.is_duplicate then 'lead_data.duplicate'
        when x.test_record then 'lead_data.test_record'
        when ${notContacted} and not x.has_attempt_log and x.has_last_outcome
          then 'not_contacted_unknown_effort.no_attempt_log'
        when ${notContacted} and x.late_first_attempt
          then 'follow_up.late_first_attempt'
        when ${notContacted} and x.too_few_calls then 'follow_up.too_few_calls'
        when ${notContacted} and x.too_few_slots then 'follow_up.too_few_slots'
        when ${notContacted} and x.no_recovery_message
          then 'follow_up.no_recovery_message'
        when ${notContacted} then 'unreachable.policy_done'
        else 'not_converted.contacted' end as rule_code
      from lost_lead_flags x
    ) f
  )`;
}

/** The policy numbers a rule sentence quotes, per lead. */
export type LostLeadEvidence = {
  ruleCode: LostLeadRuleCode;
  callsInWindow: number;
  slotsInWindow: number;
  tooFewCalls: boolean;
  tooFewSlots: boolean;
  noRecoveryMessage: boolean;
  /** The lead's creation instant (ISO): while its policy window is open,
   * what is missing may still be done (the class holds all the same, as
   * METRICS.md defines it), and the rule says so. */
  createdAt?: string | null;
};

/** Whether the policy window of a lead created at `createdAt` (ISO) is
 * still open at `now`. */
export function isPolicyWindowOpen(
  createdAt: string | null,
  settings: Pick<Settings, "policyWindowHours">,
  now = Date.now(),
): boolean {
  if (createdAt === null) return false;

  return Date.parse(createdAt) + settings.policyWindowHours * 3_600_000 > now;
}

const fixedSentences: Partial<Record<LostLeadRuleCode, string>> = {
  "do_not_contact.opted_out": "opted out (a do-not-contact outcome)",
  "do_not_contact.no_consent": "consent refused on every channel",
  "lead_data.invalid_contact": "wrong contact data (invalid number or outcome)",
  "lead_data.duplicate": "a duplicate of an earlier lead of the same person",
  "lead_data.test_record": "a test or fake record",
  "not_contacted_unknown_effort.no_attempt_log":
    "not contacted, and only a last outcome, no attempt log, to tell follow-up from reach",
  "not_converted.contacted": "contacted, did not convert",
};

/** The readable rule, e.g. "follow_up: 2 of 4 policy calls made". */
export function describeLostLeadRule(
  evidence: LostLeadEvidence,
  settings: Pick<Settings, "policyCalls" | "policySlots" | "policyWindowHours">,
  now = Date.now(),
): string {
  const leadClass = evidence.ruleCode.split(".")[0] ?? "";
  const fixed = fixedSentences[evidence.ruleCode];
  if (fixed) return `${leadClass}: ${fixed}`;

  if (evidence.ruleCode === "unreachable.policy_done") {
    return `${leadClass}: policy done (${evidence.callsInWindow} calls in ${evidence.slotsInWindow} slots), never contacted`;
  }
  const open = isPolicyWindowOpen(evidence.createdAt ?? null, settings, now);
  const stillOpen = open
    ? ` (its ${settings.policyWindowHours}-hour policy window is still open)`
    : "";
  if (evidence.ruleCode === "follow_up.late_first_attempt") {
    return open
      ? `${leadClass}: no call yet${stillOpen}`
      : `${leadClass}: no call within the first ${settings.policyWindowHours} hours`;
  }
  const parts: string[] = [];
  if (evidence.tooFewCalls) {
    parts.push(
      `${evidence.callsInWindow} of ${settings.policyCalls} policy calls made`,
    );
  }
  if (evidence.tooFewSlots) {
    parts.push(
      `calls in ${evidence.slotsInWindow} of ${settings.policySlots} slots`,
    );
  }
  if (evidence.noRecoveryMessage) {
    parts.push("no recovery message after the last failed call of the window");
  }

  // Only the follow-up rules come this far.
  return `${leadClass}: ${parts.join("; ")}${stillOpen}`;
}
