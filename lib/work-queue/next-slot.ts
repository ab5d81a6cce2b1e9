import type { SlotDefinition } from "@/lib/db/schema";
import { addDays } from "@/lib/dates";
import { readLocalClock } from "./local-clock";

export type NextSlot = {
  name: string;
  /** When the next call can go in it: now, or the slot's start. */
  at: Date;
  /** `HH:MM` on the lead's clock. */
  localTime: string;
  when: "now" | "today" | "tomorrow" | "later";
};

// A week of hourly hops: more than any policy window needs.
const maxHops = 24 * 7;

/**
 * The slot the lead's next policy call can go in: the slot it is in now, or
 * the next one to start on the lead's local clock, before `until` (the end
 * of the policy window). With `needNewSlot` only slots not yet used count,
 * since a call in a used slot adds no slot. The first listed slot wins where
 * two overlap, as in the policy's SQL. Null when no slot is left.
 */
export function findNextSlot(options: {
  now: Date;
  until: Date;
  timeZone: string;
  slots: SlotDefinition[];
  usedSlots: string[];
  needNewSlot: boolean;
}): NextSlot | null {
  const { now, until, timeZone, slots, usedSlots, needNewSlot } = options;
  const today = readLocalClock(now, timeZone).day;

  let instant = now;
  for (let hop = 0; hop < maxHops && instant < until; hop += 1) {
    const clock = readLocalClock(instant, timeZone);
    const slot = slots.find(
      (candidate) =>
        clock.hour >= candidate.startHour && clock.hour < candidate.endHour,
    );
    if (slot && !(needNewSlot && usedSlots.includes(slot.name))) {
      return {
        name: slot.name,
        at: instant,
        localTime: clock.time,
        when:
          instant === now
            ? "now"
            : clock.day === today
              ? "today"
              : clock.day === addDays(today, 1)
                ? "tomorrow"
                : "later",
      };
    }
    // On to the next full hour of the local clock, which is not a full UTC
    // hour in half- and quarter-hour zones.
    const toNextHour =
      ((60 - clock.minute) * 60 - clock.second) * 1000 -
      instant.getUTCMilliseconds();
    instant = new Date(instant.getTime() + toNextHour);
  }

  return null;
}
