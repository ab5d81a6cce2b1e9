import { channelLabels } from "@/lib/channel-labels";
import type { NextSlot } from "./next-slot";

/** What a lead in the work queue still waits for. */
export type WorkQueueWait = "first_call" | "further_call" | "recovery_message";

export type WaitFacts = {
  waits: WorkQueueWait[];
  minutesWaiting: number;
  callsInWindow: number;
  slotsInWindow: number;
  policyCalls: number;
  policySlots: number;
  nextSlot: NextSlot | null;
  /** `HH:MM` on the lead's clock. */
  windowEndsAt: string;
  recoveryChannels: (keyof typeof channelLabels)[];
};

/** "12 min", "3 h 5 min". */
export function formatMinutes(minutes: number): string {
  const whole = Math.max(0, Math.floor(minutes));
  if (whole < 60) return `${whole} min`;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;

  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function describeSlot(slot: NextSlot | null, windowEndsAt: string): string {
  if (slot === null)
    return `no slot left before the policy window ends at ${windowEndsAt}`;
  if (slot.when === "now") return `next slot: ${slot.name} (now)`;
  if (slot.when === "today")
    return `next slot: ${slot.name} (from ${slot.localTime})`;

  return `next slot: ${slot.name} (${slot.when === "tomorrow" ? "tomorrow" : "later"} from ${slot.localTime})`;
}

/** The reason a lead is in the queue, in the words a caller reads at a
 * glance: "2 of 4 policy calls, next slot: afternoon (from 15:00)". */
export function describeWait(facts: WaitFacts): string {
  const parts: string[] = [];
  if (facts.waits.includes("first_call")) {
    parts.push(
      `no call yet, created ${formatMinutes(facts.minutesWaiting)} ago`,
    );
  }
  if (facts.waits.includes("further_call")) {
    const slots =
      facts.slotsInWindow < facts.policySlots
        ? `, ${facts.slotsInWindow} of ${facts.policySlots} slots`
        : "";
    parts.push(
      `${facts.callsInWindow} of ${facts.policyCalls} policy calls${slots}, ${describeSlot(facts.nextSlot, facts.windowEndsAt)}`,
    );
  }
  if (facts.waits.includes("recovery_message")) {
    parts.push(
      `all calls failed, no recovery message yet, consent: ${facts.recoveryChannels.map((name) => channelLabels[name]).join(", ")}`,
    );
  }

  return parts.join("; ");
}
