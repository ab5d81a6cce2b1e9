import { leadSetTitles } from "@/lib/leads/sets";
import type { LeadFacts, PolicyPart } from "@/lib/leads/timeline";
import { ZonedTimeText } from "./zoned-time";

/** The derived facts of one lead, each in the words of its definition. */
export function LeadFactsList({
  facts,
  contactWindowDays,
  policyCalls,
  policySlots,
  policyWindowHours,
}: {
  facts: LeadFacts;
  contactWindowDays: number;
  policyCalls: number;
  policySlots: number;
  policyWindowHours: number;
}) {
  const { policy, recovery, lost } = facts;
  const partText: Record<PolicyPart, string> = {
    late_first_attempt: `no call within the first ${policyWindowHours} hours`,
    too_few_calls: `${policy.callsInWindow} of ${policyCalls} policy calls made`,
    too_few_slots: `calls in ${policy.slotsInWindow} of ${policySlots} slots`,
    no_recovery_message:
      "no recovery message after the last failed call of the window",
  };
  const flags = [
    facts.invalidContact ? "invalid contact data" : null,
    facts.duplicate
      ? "a duplicate of an earlier lead of the same person"
      : null,
    facts.testRecord ? "a test record" : null,
    facts.holdout ? "in the recovery hold-out" : null,
  ].filter((flag): flag is string => flag !== null);

  return (
    <dl className="grid grid-cols-[minmax(7rem,auto)_minmax(0,1fr)] gap-x-4 gap-y-2 break-words text-sm">
      <dt className="text-slate-600 dark:text-slate-400">Contacted</dt>
      <dd>
        {!facts.contacted ? (
          "No"
        ) : facts.contactedByLeadDisposition ? (
          "Yes, by its last outcome code (no time known)"
        ) : (
          <>
            {facts.contactedWithinWindow
              ? `Yes, within ${contactWindowDays} days of creation, first at`
              : `Yes, but not within ${contactWindowDays} days of creation (the lead contact rate does not count it), first at`}{" "}
            {facts.firstContactAt ? (
              <ZonedTimeText at={facts.firstContactAt} />
            ) : null}
          </>
        )}
      </dd>

      <dt className="text-slate-600 dark:text-slate-400">Converted</dt>
      <dd>{facts.converted ? "Yes" : "No"}</dd>

      <dt className="text-slate-600 dark:text-slate-400">Call-failed</dt>
      <dd>
        {recovery === null
          ? "Not known: without a creation instant the lead is in no period"
          : recovery.callFailed
            ? "Yes: its first outbound call failed before any contact"
            : "No"}
      </dd>

      {recovery?.callFailed ? (
        <>
          <dt className="text-slate-600 dark:text-slate-400">Recovery</dt>
          <dd>
            {recovery.recovered
              ? `Recovered, credited to ${recovery.channel ?? "no channel"}`
              : recovery.messaged
                ? "Sent a recovery message, not recovered"
                : "No recovery message sent"}
          </dd>
        </>
      ) : null}

      <dt className="text-slate-600 dark:text-slate-400">Fully worked</dt>
      <dd>
        {facts.contacted && policy.fullyWorked
          ? "Yes: contacted"
          : policy.policyDone
            ? `Yes: every part of the policy was done (${policy.callsInWindow} calls in ${policy.slotsInWindow} slots)`
            : !policy.known
              ? "No: without a creation instant the policy window is unknown"
              : lost?.leadClass === "not_contacted_unknown_effort"
                ? "No: the lead came with its last outcome code but no attempt log, so no part of the policy can be shown done (follow-up compliance counts it so; the lost-lead split keeps it apart)"
                : `No: ${policy.failedParts.map((part) => partText[part]).join("; ")}`}
      </dd>

      <dt className="text-slate-600 dark:text-slate-400">Lost-lead class</dt>
      <dd>
        {lost === null ? (
          "None: without a creation instant the lead is in no period"
        ) : lost.leadClass === "converted" ? (
          "None: the lead converted"
        ) : (
          <>
            <span className="font-medium">
              {leadSetTitles[`lost-${lost.leadClass}`]}
            </span>
            <span className="block text-slate-600 dark:text-slate-400">
              Rule: {lost.rule}
            </span>
          </>
        )}
      </dd>

      <dt className="text-slate-600 dark:text-slate-400">Lead data</dt>
      <dd>{flags.length > 0 ? flags.join("; ") : "nothing wrong found"}</dd>
    </dl>
  );
}
