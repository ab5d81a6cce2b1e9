import { describe, expect, it } from "vitest";
import {
  getPageParams,
  readPageFilter,
  readSearchParams,
  toQueryString,
} from "./url";

const now = new Date("2026-12-04T10:00:00Z");

describe("filters in the URL", () => {
  it("defaults to the last 30 days", () => {
    const page = readPageFilter({}, "Europe/Madrid", now);
    expect(page.range).toBe("last30");
    expect([page.filter.from, page.filter.to]).toEqual([
      "2026-11-05",
      "2026-12-04",
    ]);
  });

  it("reads a custom range, lists of ids and the comparison", () => {
    const page = readPageFilter(
      {
        from: "2026-11-01",
        to: "2026-11-30",
        source: ["3", "5"],
        channel: "call,whatsapp,fax",
        compare: "1",
      },
      "Europe/Madrid",
      now,
    );
    expect(page.range).toBe("custom");
    expect(page.filter.sourceIds).toEqual([3, 5]);
    expect(page.filter.channels).toEqual(["call", "whatsapp"]);
    expect(page.compare).toBe(true);
  });

  // The filter bar is a GET form: two ticked sources are two keys, which a
  // page and every export must read as both sources.
  it("reads a repeated key of a request as all its values", () => {
    const params = readSearchParams(
      "http://h/sales/export?table=daily&source=1&source=2&agent=4,5",
    );

    expect(params).toEqual({
      table: "daily",
      source: ["1", "2"],
      agent: "4,5",
    });
    expect(readPageFilter(params, "Europe/Madrid", now).filter).toMatchObject({
      sourceIds: [1, 2],
      agentIds: [4, 5],
    });
  });

  it("round-trips through the query string", () => {
    const page = readPageFilter(
      { range: "last7", team: "2", agent: "9,11" },
      "Europe/Madrid",
      now,
    );
    const query = toQueryString(page);
    expect(query).toBe("range=last7&agent=9%2C11&team=2");
    const again = readPageFilter(
      Object.fromEntries(new URLSearchParams(query)),
      "Europe/Madrid",
      now,
    );
    expect(again).toEqual(page);
  });

  it("falls back to the default for an impossible date", () => {
    const page = readPageFilter(
      { from: "2026-02-30", to: "2026-03-05" },
      "Europe/Madrid",
      now,
    );
    expect(page.range).toBe("last30");
  });

  it("falls back to the default for days not written YYYY-MM-DD", () => {
    const read = (params: Record<string, string>) => {
      const page = readPageFilter(params, "Europe/Madrid", now);

      return [page.range, page.filter.from, page.filter.to];
    };
    const last30 = ["last30", "2026-11-05", "2026-12-04"];
    expect(read({ from: "2026-3-1", to: "2026-3-5" })).toEqual(last30);
    expect(read({ to: "2026-3-5" })).toEqual(last30);
    expect(read({ from: "20260301", to: "2026-03-05" })).toEqual(last30);
    expect(read({ from: "2026-03-01T00:00", to: "2026-03-05" })).toEqual(
      last30,
    );
    expect(read({ from: "2026-03-01 ", to: "2026-03-05" })).toEqual(last30);
  });

  it("falls back to the default for a period too long or out of range", () => {
    // 2017-01-01 to 2026-12-31: ten years with two leap days (2020, 2024),
    // 10 × 365 + 2 = 3,652 days, allowed; one day more makes 3,653, the
    // limit, still allowed; two days more, not.
    const read = (from: string, to: string) =>
      readPageFilter({ from, to }, "Europe/Madrid", now).range;
    expect(read("2017-01-01", "2026-12-31")).toBe("custom");
    expect(read("2016-12-31", "2026-12-31")).toBe("custom");
    expect(read("2016-12-30", "2026-12-31")).toBe("last30");
    expect(read("0001-01-01", "9999-12-31")).toBe("last30");
    expect(read("1999-12-31", "2000-01-05")).toBe("last30");
    expect(read("2099-12-01", "2099-12-31")).toBe("custom");
    expect(read("2099-12-01", "2100-01-01")).toBe("last30");
  });

  it("keeps a page's own parameters for the filter bar, not the filters", () => {
    const kept = getPageParams({
      range: "last7",
      source: ["3", "5"],
      compare: "1",
      zone: "report",
      sort: "source",
      dir: "asc",
      q: ["ana", "luis"],
      page: "4",
    });
    // Filters are the bar's own fields; the page number restarts at 1.
    expect(kept).toEqual([
      ["zone", "report"],
      ["sort", "source"],
      ["dir", "asc"],
      ["q", "ana"],
      ["q", "luis"],
    ]);
  });
});
