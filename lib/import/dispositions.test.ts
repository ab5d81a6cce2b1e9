import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { ensureDefaultDispositions } from "./dispositions";
import { listPresetDefinitions } from "./presets";

async function readCodes(connection: Connection, origin?: string) {
  return queryRows<{ origin: string; code: string; name: string }>(
    connection.db,
    sql`select c.origin, c.code, d.name from disposition_codes c
    join dispositions d on d.id = c.disposition_id
    where ${origin ?? null}::text is null or c.origin = ${origin ?? null}
    order by c.origin, c.code`,
  );
}

describe("seeding the dispositions and their codes", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());

  it("maps every preset's codes as if each preset were seeded in turn", async () => {
    await ensureDefaultDispositions(connection.db);
    const expected = new Map<string, string>();
    for (const preset of listPresetDefinitions()) {
      const origin = preset.origin ?? "csv";
      for (const [code, name] of Object.entries(preset.dispositionCodes)) {
        const key = `${origin}|${code.trim().toLowerCase()}`;
        if (!expected.has(key)) expected.set(key, name);
      }
    }
    const stored = await readCodes(connection);

    expect(
      new Map(stored.map((row) => [`${row.origin}|${row.code}`, row.name])),
    ).toEqual(expected);
  });

  it("takes the first mapping of a repeated code, skips unknown dispositions and keeps what is stored", async () => {
    await ensureDefaultDispositions(connection.db, {
      origin: "crm-x",
      codes: {
        " Sale ": "Converted",
        sale: "Contact",
        gone: "No such disposition",
        later: "Callback",
      },
    });
    await ensureDefaultDispositions(connection.db, {
      origin: "crm-x",
      codes: { later: "Contact", gone: "Contact" },
    });

    expect(await readCodes(connection, "crm-x")).toEqual([
      { origin: "crm-x", code: "gone", name: "Contact" },
      { origin: "crm-x", code: "later", name: "Callback" },
      { origin: "crm-x", code: "sale", name: "Converted" },
    ]);
  });
});
