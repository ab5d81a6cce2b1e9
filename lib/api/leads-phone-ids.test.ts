import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { createKeysByRole } from "@/lib/testing/api-keys";
import { insertFixture } from "@/lib/testing/fixture";
import { getLeads, readSearchParams } from "./routes";

const url =
  "http://127.0.0.1/api/v1/leads?from=2026-11-01&to=2026-11-01&set=all";

// A lead first seen on WhatsApp takes its number as its external id.
describe("GET /api/v1/leads for a lead whose id is its phone number", () => {
  let connection: Connection;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    connection = await createTestConnection();
    await insertFixture(connection.db, {
      settings: { reportTimezone: "Europe/Madrid" },
      leads: [
        {
          key: "+34699887766",
          createdAt: new Date("2026-11-01T09:00:00Z"),
          phoneE164: "+34699887766",
        },
        { key: "L-1042", createdAt: new Date("2026-11-01T10:00:00Z") },
      ],
    });
    const secrets = await createKeysByRole(connection.db, [
      "admin",
      "marketer",
    ]);
    for (const [role, secret] of secrets) keys.set(role, secret);
  });
  afterAll(() => connection.close());

  function get(role: string, query = "") {
    return getLeads(
      connection.db,
      { authorization: `Bearer ${keys.get(role) ?? ""}` },
      readSearchParams(`${url}${query}`),
    );
  }

  it("masks the id as the phone for a marketer key, not for an admin key", async () => {
    const marketer = await get("marketer");
    const admin = await get("admin");

    // Sorted newest first: L-1042 (10:00), then the phone lead (09:00).
    expect(marketer.body).toMatchObject({
      total: 2,
      leads: [
        { externalId: "L-1042" },
        { externalId: "+34 6•• ••• •66", phone: "+34 6•• ••• •66" },
      ],
    });
    expect(admin.body).toMatchObject({
      total: 2,
      leads: [
        { externalId: "L-1042" },
        { externalId: "+34699887766", phone: "+34699887766" },
      ],
    });
    expect(JSON.stringify(marketer.body)).not.toContain("699887766");
  });

  it("finds the lead by the id's digits for an admin key only", async () => {
    const marketer = await get("marketer", "&q=34699");
    const admin = await get("admin", "&q=34699");
    const byOtherId = await get("marketer", "&q=L-10");

    expect(marketer.body).toMatchObject({ total: 0, leads: [] });
    expect(admin.body).toMatchObject({
      total: 1,
      leads: [{ externalId: "+34699887766" }],
    });
    expect(byOtherId.body).toMatchObject({
      total: 1,
      leads: [{ externalId: "L-1042" }],
    });
  });

  it("answers 400 to a search holding a NUL, naming the parameter", async () => {
    const withNul = await get("admin", "&q=%2B34699887766%00");
    const onlyNul = await get("marketer", "&q=%00");

    expect(withNul.status).toBe(400);
    expect(withNul.body).toEqual({
      error: {
        code: "invalid_query",
        message:
          "Parameter q: expected text without control characters (such as NUL).",
      },
    });
    expect(onlyNul.status).toBe(400);
  });
});
