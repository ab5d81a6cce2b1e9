import { describe, expect, it } from "vitest";
import { defaultSlots } from "@/lib/db/schema";
import { formatMinutes } from "./describe-wait";
import { findNextSlot } from "./next-slot";

const at = (iso: string) => new Date(iso);

describe("next policy slot", () => {
  it("keeps the slot the lead is in now when it adds a slot", () => {
    // 16:20 CEST: afternoon, not used yet.
    const slot = findNextSlot({
      now: at("2026-09-15T14:20:00Z"),
      until: at("2026-09-16T08:00:00Z"),
      timeZone: "Europe/Madrid",
      slots: defaultSlots,
      usedSlots: ["morning", "midday"],
      needNewSlot: true,
    });

    expect(slot).toEqual({
      name: "afternoon",
      at: at("2026-09-15T14:20:00Z"),
      localTime: "16:20",
      when: "now",
    });
  });

  it("skips a used slot on a half-hour clock to the next local hour", () => {
    // 11:30 IST is morning, already used; midday starts at 12:00 IST, 06:30Z.
    const slot = findNextSlot({
      now: at("2026-09-15T06:00:00Z"),
      until: at("2026-09-16T06:00:00Z"),
      timeZone: "Asia/Kolkata",
      slots: defaultSlots,
      usedSlots: ["morning"],
      needNewSlot: true,
    });

    expect(slot?.name).toBe("midday");
    expect(slot?.at.toISOString()).toBe("2026-09-15T06:30:00.000Z");
    expect(slot?.localTime).toBe("12:00");
    expect(slot?.when).toBe("today");
  });

  it("moves past the night to tomorrow's morning across a clock change", () => {
    // 22:00 CEST on 24 October; clocks go back overnight, so 08:00 CET on
    // the 25th is 07:00Z.
    const slot = findNextSlot({
      now: at("2026-10-24T20:00:00Z"),
      until: at("2026-10-25T21:00:00Z"),
      timeZone: "Europe/Madrid",
      slots: defaultSlots,
      usedSlots: ["evening"],
      needNewSlot: false,
    });

    expect(slot?.name).toBe("morning");
    expect(slot?.at.toISOString()).toBe("2026-10-25T07:00:00.000Z");
    expect(slot?.when).toBe("tomorrow");
  });

  it("finds no slot when the policy window ends first", () => {
    const slot = findNextSlot({
      now: at("2026-09-15T19:30:00Z"),
      until: at("2026-09-16T05:00:00Z"),
      timeZone: "Europe/Madrid",
      slots: defaultSlots,
      usedSlots: [],
      needNewSlot: true,
    });

    expect(slot).toBeNull();
  });
});

describe("waiting time in words", () => {
  it("writes minutes, then hours and minutes", () => {
    expect(formatMinutes(12)).toBe("12 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatMinutes(185)).toBe("3 h 5 min");
  });
});
