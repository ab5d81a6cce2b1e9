import { describe, expect, it } from "vitest";
import type { WorkQueue, WorkQueueItem } from "@/lib/work-queue/get-work-queue";
import { workQueueCsv } from "./sales-csv";

function item(externalId: string, phoneE164: string): WorkQueueItem {
  return {
    leadId: 1,
    externalId,
    source: "WhatsApp",
    createdAt: "2026-03-02T09:00:00Z",
    timeZone: "Europe/Madrid",
    phoneE164,
    minutesWaiting: 5,
    callsInWindow: 0,
    slotsInWindow: 0,
    usedSlots: [],
    windowEndsAt: "2026-03-03T09:00:00Z",
    waits: ["first_call"],
    nextSlot: null,
    recoveryChannels: [],
    reason: "no call yet",
  };
}

const queue: WorkQueue = {
  day: "2026-03-02",
  now: "2026-03-02T09:05:00Z",
  policyCalls: 4,
  policySlots: 3,
  leadsToday: 2,
  contactedToday: 0,
  items: [item("+34699887766", "+34699887766"), item("L-1042", "+34600111222")],
};

// The first cell of each data row: the lead.
const leadCells = (csv: string) =>
  csv
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(",")[0]);

describe("the work queue CSV", () => {
  it("masks a lead id that is a phone number for a marketer only", () => {
    // +34 699887766 masked: first national digit and last two stay.
    expect(leadCells(workQueueCsv(queue, "marketer"))).toEqual([
      "+34 6•• ••• •66",
      "L-1042",
    ]);
    expect(leadCells(workQueueCsv(queue, "sales_manager"))).toEqual([
      "+34699887766",
      "L-1042",
    ]);
  });
});
