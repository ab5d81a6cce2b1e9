import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { toCsv } from "@/lib/export/csv";
import { insertFixture } from "@/lib/testing/fixture";
import { type LeadListOptions, listLeadPage, listLeads } from "./list";
import { formatLeadCell, getLeadListColumns, maskLeadRows } from "./present";
import { leadFixture, march } from "./test-fixture";

let connection: Connection;

beforeAll(async () => {
  connection = await createTestConnection();
  await insertFixture(connection.db, leadFixture);
});
afterAll(() => connection.close());

const base: LeadListOptions = {
  set: "all",
  sort: "created",
  direction: "asc",
  page: 1,
  pageSize: 50,
};

const list = (options: Partial<LeadListOptions>) =>
  listLeads(connection.db, march, { ...base, ...options });

describe("lead list", () => {
  it("counts calls and outbound messages per lead", async () => {
    const { rows } = await list({});
    const byKey = new Map(rows.map((row) => [row.externalId, row]));

    expect(byKey.get("a9")).toMatchObject({ calls: 4, messages: 1 });
    // The lead's own whatsapp reply is an inbound attempt, not a message out.
    expect(byKey.get("a2")).toMatchObject({ calls: 1, messages: 1 });
    expect(byKey.get("a5")).toMatchObject({ calls: 0, messages: 0 });
  });

  it("marks contacted within the contact window as the contact rate does", async () => {
    const { rows } = await list({});
    const byKey = new Map(rows.map((row) => [row.externalId, row]));

    expect(byKey.get("a1")?.contacted).toBe(true);
    // Answered ten days after creation: contacted, but not within 7 days.
    expect(byKey.get("a10")?.contacted).toBe(false);
    expect(byKey.get("a4")).toMatchObject({
      contacted: false,
      converted: true,
    });
  });

  it("shows the creation instant on the lead's own clock", async () => {
    const { rows } = await list({});
    const byKey = new Map(rows.map((row) => [row.externalId, row]));

    expect(byKey.get("a1")).toMatchObject({
      createdAt: "2026-03-02T09:00:00Z",
      createdLocal: "2026-03-02 10:00",
      timeZone: "Europe/Madrid",
      source: "Web",
    });
    expect(byKey.get("a12")?.createdLocal).toBe("2026-03-02 04:00");
  });

  it("gives no creation time to a lead without a creation instant", async () => {
    const { rows } = await list({ set: "undated" });
    const columns = getLeadListColumns("undated", 7);
    const created = columns.find((column) => column.key === "created");
    const [a14] = rows;
    if (!a14 || !created) throw new Error("expected a14 and its column");

    expect(rows).toHaveLength(1);
    expect(a14).toMatchObject({
      externalId: "a14",
      createdAt: null,
      createdLocal: null,
    });
    // An empty cell in the CSV; on screen, the lead page's words.
    expect(toCsv(rows, columns).split("\r\n")[1]).toBe(
      "a14,Web,,,Europe/Madrid,,,0,0,No,No",
    );
    expect(formatLeadCell(created, a14)).toBe("No creation instant");
  });

  it("pages 50 at a time with the total over all pages", async () => {
    const first = await list({ pageSize: 5, page: 1 });
    const third = await list({ pageSize: 5, page: 3 });
    const beyond = await list({ pageSize: 5, page: 4 });

    expect(first.total).toBe(14);
    expect(first.rows).toHaveLength(5);
    expect(third.rows).toHaveLength(4);
    expect(beyond).toEqual({ total: 14, rows: [] });
    const all = await list({ pageSize: 50 });
    const paged = [first, await list({ pageSize: 5, page: 2 }), third]
      .flatMap((page) => page.rows)
      .map((row) => row.id);
    expect(paged).toEqual(all.rows.map((row) => row.id));
  });

  it("lists the last page for a page past the end", async () => {
    const last = await list({ pageSize: 5, page: 3 });
    const beyond = await listLeadPage(connection.db, march, {
      ...base,
      pageSize: 5,
      page: 9_999,
    });
    const searched = await listLeadPage(connection.db, march, {
      ...base,
      pageSize: 5,
      page: 5,
      search: "a1",
    });

    expect(beyond).toEqual({ ...last, page: 3 });
    expect(beyond.rows).toHaveLength(4);
    expect(searched.page).toBe(1);
    expect(searched.rows.map((row) => row.externalId).sort()).toEqual([
      "a1",
      "a10",
      "a11",
      "a12",
    ]);
  });

  it("sorts by calls, then newest first, then lead id", async () => {
    const { rows } = await list({ sort: "calls", direction: "desc" });

    expect(rows[0]?.externalId).toBe("a9");
    expect(rows.at(-1)?.externalId).toBe("a5");
    const calls = rows.map((row) => row.calls);
    expect(calls).toEqual([...calls].sort((a, b) => b - a));
  });

  it("sorts by source name", async () => {
    const ascending = await list({ sort: "source", direction: "asc" });
    const descending = await list({ sort: "source", direction: "desc" });

    expect(ascending.rows[0]?.source).toBe("Ads");
    expect(descending.rows.at(-1)?.source).toBe("Ads");
  });

  it("searches external ids, and contact data only when allowed", async () => {
    const byId = await list({ search: "a1" });
    const byPhoneHidden = await list({ search: "111 222" });
    const byPhone = await list({ search: "111 222", searchContactData: true });
    const byEmail = await list({ search: "GARCIA", searchContactData: true });

    expect(byId.rows.map((row) => row.externalId).sort()).toEqual([
      "a1",
      "a10",
      "a11",
      "a12",
    ]);
    expect(byId.total).toBe(4);
    expect(byPhoneHidden.total).toBe(0);
    expect(byPhone.rows.map((row) => row.externalId)).toEqual(["a1"]);
    expect(byEmail.rows.map((row) => row.externalId)).toEqual(["a1"]);
  });

  it("searches phones by digits only for a search written as a phone", async () => {
    // a1's phone is +34600111222; no id holds "x-111".
    const asPhone = await list({
      search: "(600) 111",
      searchContactData: true,
    });
    const asId = await list({ search: "x-111", searchContactData: true });

    expect(asPhone.rows.map((row) => row.externalId)).toEqual(["a1"]);
    expect(asId.total).toBe(0);
  });

  it("treats % and _ in a search as plain characters", async () => {
    expect((await list({ search: "%" })).total).toBe(0);
    expect((await list({ search: "_" })).total).toBe(0);
  });

  it("drops a NUL from a search instead of failing the query", async () => {
    // PostgreSQL refuses a NUL in a text parameter; without it the search
    // is "a1", which matches a1, a10, a11 and a12 as above.
    const withNul = await list({ search: "a1\u0000" });
    const onlyNul = await list({ search: "\u0000" });

    expect(withNul.total).toBe(4);
    expect(onlyNul.total).toBe((await list({})).total);
  });

  it("gives each lost lead the rule that placed it", async () => {
    const { rows } = await list({ set: "lost-follow_up" });
    const others = await list({ set: "contacted" });

    expect(rows.map((row) => [row.externalId, row.rule])).toEqual([
      ["a5", "follow_up: no call within the first 24 hours"],
      ["b1", "follow_up: 1 of 4 policy calls made; calls in 1 of 3 slots"],
    ]);
    expect(others.rows.every((row) => row.rule === null)).toBe(true);
  });
});

describe("lead list for a role", () => {
  it("masks phone and e-mail for a marketer, not for a sales manager", async () => {
    const { rows } = await list({ search: "a1" });
    const a1 = rows.filter((row) => row.externalId === "a1");

    expect(maskLeadRows(a1, "marketer")[0]).toMatchObject({
      phone: "+34 6•• ••• •22",
      email: "a•••@example.com",
    });
    expect(maskLeadRows(a1, "sales_manager")[0]).toMatchObject({
      phone: "+34600111222",
      email: "ana.garcia@example.com",
    });
  });

  it("adds the rule column to the lost sets only", () => {
    const headers = (set: LeadListOptions["set"]) =>
      getLeadListColumns(set, 7).map((column) => column.header);

    expect(headers("contacted")).toEqual([
      "Lead",
      "Source",
      "Campaign",
      "Created (lead's clock)",
      "Time zone",
      "Phone",
      "E-mail",
      "Calls",
      "Messages",
      "Contacted in 7 days",
      "Converted",
    ]);
    expect(headers("lost-unreachable").slice(0, 3)).toEqual([
      "Lead",
      "Rule that placed the lead",
      "Source",
    ]);
  });
});
