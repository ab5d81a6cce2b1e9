import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { createKeysByRole } from "@/lib/testing/api-keys";
import { insertFixture } from "@/lib/testing/fixture";
import { readSearchParams } from "@/lib/filters/url";
import { getLeads } from "./routes";

const url =
  "http://127.0.0.1/api/v1/leads?from=2026-11-01&to=2026-11-01&set=all";

describe("GET /api/v1/leads", () => {
  let connection: Connection;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    connection = await createTestConnection();
    await insertFixture(connection.db, {
      settings: { reportTimezone: "Europe/Madrid" },
      leads: [
        {
          key: "L-1",
          createdAt: new Date("2026-11-01T09:00:00Z"),
          phoneE164: "+34612345678",
          email: "ana.garcia@example.com",
        },
        { key: "L-2", createdAt: null },
      ],
    });
    const secrets = await createKeysByRole(connection.db, [
      "sales_manager",
      "marketer",
      "executive",
    ]);
    for (const [role, secret] of secrets) keys.set(role, secret);
  });
  afterAll(() => connection.close());

  function get(role: string, address = url) {
    return getLeads(
      connection.db,
      { authorization: `Bearer ${keys.get(role) ?? ""}` },
      readSearchParams(address),
    );
  }

  it("shows contact data in full to a sales manager key", async () => {
    const result = await get("sales_manager");

    expect(result.body).toMatchObject({
      total: 1,
      leads: [{ phone: "+34612345678", email: "ana.garcia@example.com" }],
    });
  });

  it("masks contact data for a marketer key, as the leads page does", async () => {
    const result = await get("marketer");

    expect(result.body).toMatchObject({
      total: 1,
      leads: [{ phone: "+34 6•• ••• •78", email: "a•••@example.com" }],
    });
  });

  it("does not let a marketer key find a lead by its phone digits", async () => {
    const result = await get("marketer", `${url}&q=612345678`);

    expect(result.body).toMatchObject({ total: 0, leads: [] });
  });

  it("gives no creation time to a lead without a creation instant", async () => {
    const result = await get(
      "sales_manager",
      url.replace("set=all", "set=undated"),
    );

    expect(result.body).toMatchObject({
      total: 1,
      leads: [{ externalId: "L-2", createdAt: null, createdLocal: null }],
    });
  });

  it("answers 403 to an executive key and 404 to an unknown set", async () => {
    expect((await get("executive")).status).toBe(403);
    const unknownSet = url.replace("set=all", "set=nope");
    expect((await get("sales_manager", unknownSet)).status).toBe(404);
  });
});
