import { describe, expect, it } from "vitest";
import { readPageFilter, readSearchParams } from "@/lib/filters/url";
import { leadListPath, readLeadListQuery, toLeadListQueryString } from "./url";

const now = new Date("2026-04-20T10:00:00Z");

describe("lead list URLs", () => {
  it("reads set, order, page and search, with defaults for the rest", () => {
    expect(
      readLeadListQuery({ set: "lost-follow_up", sort: "calls", page: "3" }),
    ).toEqual({
      set: "lost-follow_up",
      sort: "calls",
      direction: "desc",
      page: 3,
      search: "",
    });
    expect(readLeadListQuery({ sort: "source", q: "  LS-1 " })).toEqual({
      set: "all",
      sort: "source",
      direction: "asc",
      page: 1,
      search: "LS-1",
    });
  });

  it("drops control characters from the search, as the page link has it", () => {
    // /leads?q=%2B34617984724%00 reaches the page as "+34617984724\0".
    const params = readSearchParams(
      new URL("http://127.0.0.1/leads?q=%2B34617984724%00"),
    );

    expect(readLeadListQuery(params).search).toBe("+34617984724");
    expect(readLeadListQuery({ q: "\u0000" }).search).toBe("");
    expect(readLeadListQuery({ q: "L-1\u0007\u001f2" }).search).toBe("L-12");
  });

  it("reports an unknown set as null and drops a bad page or order", () => {
    expect(
      readLeadListQuery({ set: "everything", page: "-2", dir: "up" }),
    ).toMatchObject({ set: null, page: 1, direction: "desc", sort: "created" });
  });

  it("writes only what differs from the defaults, after the filter", () => {
    const page = readPageFilter(
      { from: "2026-04-01", to: "2026-04-30", source: "7" },
      "Europe/Madrid",
      now,
    );

    expect(
      toLeadListQueryString(page, {
        sort: "created",
        direction: "desc",
        page: 1,
        search: "",
      }),
    ).toBe("from=2026-04-01&to=2026-04-30&source=7");
    expect(
      toLeadListQueryString(page, {
        sort: "source",
        direction: "desc",
        page: 2,
      }),
    ).toBe(
      "from=2026-04-01&to=2026-04-30&source=7&sort=source&dir=desc&page=2",
    );
  });

  it("puts every set but all in its own path", () => {
    expect(leadListPath("all")).toBe("/leads");
    expect(leadListPath("recovered")).toBe("/leads/sets/recovered");
  });

  it("reads a request's days as strings, so the export keeps the period", () => {
    const params = readSearchParams(
      new URL(
        "http://h/leads/export?from=2026-04-01&to=2026-04-30&channel=sms&channel=call",
      ),
    );

    expect(params).toEqual({
      from: "2026-04-01",
      to: "2026-04-30",
      channel: ["sms", "call"],
    });
    expect(readPageFilter(params, "Europe/Madrid", now).filter).toMatchObject({
      from: "2026-04-01",
      to: "2026-04-30",
      channels: ["sms", "call"],
    });
  });
});
