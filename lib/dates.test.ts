import { describe, expect, it } from "vitest";
import { addDays, isDay, listDays, todayIn } from "./dates";

describe("calendar days", () => {
  it("gives today's date in the zone, not in UTC", () => {
    // 23:30 UTC on 4 December is already 00:30 on 5 December in Madrid.
    const instant = new Date("2026-12-04T23:30:00Z");
    expect(todayIn("Europe/Madrid", instant)).toBe("2026-12-05");
    expect(todayIn("America/New_York", instant)).toBe("2026-12-04");
  });

  it("steps over month ends and the daylight-saving change", () => {
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(listDays("2026-02-27", "2026-03-02")).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
  });

  it("rejects impossible dates", () => {
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("28/02/2026")).toBe(false);
  });
});
