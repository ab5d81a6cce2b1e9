import { describe, expect, it } from "vitest";
import { resolvePreset } from "./presets";

// 2026-12-04 10:00 UTC is 11:00 in Madrid, a Friday.
const now = new Date("2026-12-04T10:00:00Z");

describe("date range presets", () => {
  it("counts today in the last 7 days", () => {
    expect(resolvePreset("last7", "Europe/Madrid", now)).toEqual({
      from: "2026-11-28",
      to: "2026-12-04",
    });
  });

  it("gives last month as whole calendar days", () => {
    expect(resolvePreset("lastMonth", "Europe/Madrid", now)).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
    });
  });

  it("starts this quarter on the first of October", () => {
    expect(resolvePreset("thisQuarter", "Europe/Madrid", now)).toEqual({
      from: "2026-10-01",
      to: "2026-12-04",
    });
  });

  it("takes the day from the reporting zone, not from UTC", () => {
    // 23:30 UTC on 31 December is already 1 January in Madrid.
    const late = new Date("2026-12-31T23:30:00Z");
    expect(resolvePreset("today", "Europe/Madrid", late)).toEqual({
      from: "2027-01-01",
      to: "2027-01-01",
    });
    expect(resolvePreset("yesterday", "Europe/Madrid", late)).toEqual({
      from: "2026-12-31",
      to: "2026-12-31",
    });
  });
});
