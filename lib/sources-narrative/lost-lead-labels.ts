import type { LostLeadClass } from "@/lib/metrics/lost-leads";
import type { ShareDifference } from "@/lib/metrics/difference";

/** The words the screens use for each class of the lost-lead split. */
export const lostLeadClassLabels: Record<LostLeadClass | "converted", string> =
  {
    converted: "Converted",
    do_not_contact: "Do not contact",
    lead_data: "Lead data",
    follow_up: "Follow-up",
    unreachable: "Unreachable",
    not_converted: "Not converted",
    not_contacted_unknown_effort: "Not contacted, effort unknown",
  };

/** What each class holds, for legends and table headers' descriptions. */
export const lostLeadClassDescriptions: Record<
  LostLeadClass | "converted",
  string
> = {
  converted: "converted leads",
  do_not_contact: "opted out or without consent for any channel",
  lead_data: "invalid contact data, duplicates, test or fake records",
  follow_up: "not contacted, contact policy not fully done",
  unreachable: "not contacted though the contact policy was done",
  not_converted: "contacted, did not convert",
  not_contacted_unknown_effort:
    "not contacted, only a last outcome and no attempt log to tell follow-up from reach",
};

/** The order the split is drawn in: converted first, then the classes in
 * the order METRICS.md checks them, the unknown-effort class last among
 * the not-contacted ones. */
export const splitDrawingOrder = [
  "converted",
  "do_not_contact",
  "lead_data",
  "follow_up",
  "unreachable",
  "not_contacted_unknown_effort",
  "not_converted",
] as const satisfies readonly (LostLeadClass | "converted")[];

/** The set of the leads list that holds a class's leads. */
export function toLostLeadSet(leadClass: LostLeadClass | "converted"): string {
  return leadClass === "converted" ? "all-converted" : `lost-${leadClass}`;
}

/** "follow-up share higher than other sources", or null when the class is
 * not flagged (its difference to the other sources is within chance). */
export function describeSplitFlag(
  leadClass: LostLeadClass,
  versusOthers: ShareDifference,
): string | null {
  if (!versusOthers.significant || versusOthers.difference === null)
    return null;
  const direction = versusOthers.difference > 0 ? "higher" : "lower";

  return `${lostLeadClassLabels[leadClass].toLowerCase()} share ${direction} than other sources`;
}
