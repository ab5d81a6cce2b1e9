import { channelLabels } from "@/lib/channel-labels";
import type { Channel, TemplateChecks } from "@/lib/metrics/recovery";

export { channelLabels };

/** The label of a channel; `null` is a lead never sent a recovery message. */
export function formatChannel(channel: Channel | null): string {
  return channel === null ? "No recovery message" : channelLabels[channel];
}

export const templateCheckLabels: Record<keyof TemplateChecks, string> = {
  namesCompanyAndPerson: "Names the company and the person",
  statesReason: "States the reason tied to the request",
  professionalTone: "Professional tone",
  oneNextStep: "One simple next step",
};
