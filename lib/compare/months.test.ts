import { describe, expect, it } from "vitest";
import { listMonths, pairPreviousMonths } from "./months";

describe("months compared with the previous period", () => {
  it("lists the months a period touches, across a new year", () => {
    expect(listMonths("2025-11-20", "2026-02-03")).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(listMonths("2026-06-10", "2026-06-16")).toEqual(["2026-06"]);
  });

  it("pairs a whole month with the month before", () => {
    // 1–31 May is 31 days; the previous period is 31 March to 30 April,
    // whose last month is April.
    expect([
      ...pairPreviousMonths({ from: "2026-05-01", to: "2026-05-31" }),
    ]).toEqual([["2026-05", "2026-04"]]);
  });

  it("pairs a quarter month by month, counted from the end", () => {
    // 1 July to 30 September is 92 days; the previous period, 31 March to
    // 30 June, touches March, April, May and June.
    const pairs = pairPreviousMonths({ from: "2026-07-01", to: "2026-09-30" });
    expect([...pairs]).toEqual([
      ["2026-09", "2026-06"],
      ["2026-08", "2026-05"],
      ["2026-07", "2026-04"],
    ]);
  });

  it("pairs two whole months with the two before them", () => {
    // 1 May to 30 June is 61 days; the previous is 1 March to 30 April.
    const pairs = pairPreviousMonths({ from: "2026-05-01", to: "2026-06-30" });
    expect(pairs.get("2026-05")).toBe("2026-03");
    expect(pairs.get("2026-06")).toBe("2026-04");
  });

  it("pairs a 30-day period across two months with the two before", () => {
    // 5 November to 4 December is 30 days; the previous is 6 October to
    // 4 November.
    const pairs = pairPreviousMonths({ from: "2026-11-05", to: "2026-12-04" });
    expect(pairs.get("2026-12")).toBe("2026-11");
    expect(pairs.get("2026-11")).toBe("2026-10");
  });

  it("leaves out a month with no counterpart", () => {
    // 31 January to 1 March (30 days) touches three months; the previous,
    // 1 to 30 January, only one.
    const pairs = pairPreviousMonths({ from: "2026-01-31", to: "2026-03-01" });
    expect([...pairs]).toEqual([["2026-03", "2026-01"]]);
  });
});
