import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { createKeysByRole } from "@/lib/testing/api-keys";
import { insertFixture } from "@/lib/testing/fixture";
import { readSearchParams } from "@/lib/filters/url";
import { getLeads } from "./routes";

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

// Other systems write a number with dots or behind a scheme, or take the
// e-mail address as the id: each is contact data all the same.
describe("GET /api/v1/leads for ids that are other contact data", () => {
  let connection: Connection;
  const keys = new Map<string, string>();
  const createdAt = new Date("2026-11-01T09:00:00Z");

  beforeAll(async () => {
    connection = await createTestConnection();
    await insertFixture(connection.db, {
      settings: { reportTimezone: "Europe/Madrid" },
      leads: [
        {
          key: "maria.lopez@example.org",
          createdAt,
          email: "maria.lopez@example.org",
        },
        { key: "612.345.678", createdAt: new Date("2026-11-01T09:01:00Z") },
        {
          key: "whatsapp:+34612345670",
          createdAt: new Date("2026-11-01T09:02:00Z"),
        },
      ],
    });
    for (const [role, secret] of await createKeysByRole(connection.db, [
      "admin",
      "marketer",
    ]))
      keys.set(role, secret);
  });
  afterAll(() => connection.close());

  const get = (role: string, query = "") =>
    getLeads(
      connection.db,
      { authorization: `Bearer ${keys.get(role) ?? ""}` },
      readSearchParams(`${url}${query}`),
    );

  it("masks each for a marketer key, as a phone or an e-mail address", async () => {
    const marketer = await get("marketer", "&sort=created&dir=asc");

    // 612345678 has no country code: its digits are masked as a national
    // number (first and last two kept); the scheme stays before the +34.
    expect(marketer.body).toMatchObject({
      total: 3,
      leads: [
        { externalId: "m•••@example.org", email: "m•••@example.org" },
        { externalId: "6•• ••• •78" },
        { externalId: "whatsapp:+34 6•• ••• •70" },
      ],
    });
    const text = JSON.stringify(marketer.body);
    expect(text).not.toContain("maria.lopez");
    expect(text).not.toContain("345");
  });

  it("lets no search by a marketer key match them", async () => {
    for (const q of ["maria", "345", "612", "whatsapp"]) {
      expect((await get("marketer", `&q=${q}`)).body).toMatchObject({
        total: 0,
      });
    }
    expect((await get("admin", "&q=345")).body).toMatchObject({ total: 2 });
  });
});
