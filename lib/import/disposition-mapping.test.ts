import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import {
  changeDispositionCode,
  listDispositionCodes,
  listDispositionNames,
} from "./disposition-mapping";
import { importFile } from "./index";

describe("the editable code-to-disposition mapping", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await connection.db.execute(sql`insert into users
      (id, email, name, role, password_hash)
      values (1, 'admin@example.com', 'Admin', 'admin', 'unused')`);
    await importFile(connection.db, {
      preset: "leads",
      fileName: "Leads.csv",
      input: Buffer.from(
        "external_id,source,disposition\nL-1,Web,Callback\nL-2,Web,callback \nL-3,Web,Contact\n",
      ),
    });
    // A code counts the attempts that carry it too: two leads and one
    // call with Callback make 3.
    await importFile(connection.db, {
      preset: "attempts",
      fileName: "Calls.csv",
      input: Buffer.from(
        "external_id,lead_external_id,started_at,outcome,disposition\nC-1,L-3,2026-03-02T09:00:00Z,answered,CALLBACK\n",
      ),
    });
  });
  afterAll(() => connection.close());

  it("lists each origin's codes with their disposition and the records that carry them", async () => {
    const codes = await listDispositionCodes(connection.db);
    const csv = codes.filter((row) => row.origin === "csv");

    expect(csv.map((row) => [row.code, row.disposition, row.records])).toEqual([
      ["call failed", "Call failed", 0],
      ["callback", "Callback", 3],
      ["contact", "Contact", 1],
      ["converted", "Converted", 0],
      ["do not contact", "Do not contact", 0],
      ["invalid contact", "Invalid contact", 0],
      ["no outcome", "No outcome", 0],
      ["not interested", "Not interested", 0],
      ["test record", "Test record", 0],
    ]);
    expect(
      codes.some((row) => row.origin === "vicidial" && row.code === "sale"),
    ).toBe(true);
  });

  it("maps a code to another disposition, with an audit entry, and keeps the raw codes", async () => {
    const names = await listDispositionNames(connection.db);
    const notInterested = names.find((item) => item.name === "Not interested");
    const change = await changeDispositionCode(connection.db, 1, {
      origin: "csv",
      code: "callback",
      dispositionId: notInterested?.id ?? 0,
    });
    const [audit] = await queryRows<{ action: string; details: string }>(
      connection.db,
      sql`select action::text as action, details::text as details
        from audit_log order by id desc limit 1`,
    );
    const leads = await queryRows<{ code: string; disposition: string }>(
      connection.db,
      sql`select l.disposition_code as code, d.name as disposition
      from leads l join disposition_codes c
        on c.origin = l.origin and c.code = lower(trim(l.disposition_code))
      join dispositions d on d.id = c.disposition_id
      order by l.external_id`,
    );

    expect(change).toEqual({ from: "Callback", to: "Not interested" });
    expect(audit?.action).toBe("settings_changed");
    expect(JSON.parse(audit?.details ?? "{}")).toEqual({
      setting: "disposition_code",
      origin: "csv",
      code: "callback",
      from: "Callback",
      to: "Not interested",
    });
    expect(leads).toEqual([
      { code: "Callback", disposition: "Not interested" },
      { code: "callback", disposition: "Not interested" },
      { code: "Contact", disposition: "Contact" },
    ]);
  });

  // Two admins saving the same code at once: the second waits for the
  // first and records the step from the first's choice, so that the audit
  // log holds both steps, Not interested → A → B.
  it.skipIf(!process.env.DATABASE_URL)(
    "records each of two concurrent changes of one code from the value the other left",
    async () => {
      const names = await listDispositionNames(connection.db);
      const idOf = (name: string) =>
        names.find((item) => item.name === name)?.id ?? 0;
      const code = { origin: "csv", code: "not interested" };

      const changes = await Promise.all([
        changeDispositionCode(connection.db, 1, {
          ...code,
          dispositionId: idOf("Do not contact"),
        }),
        changeDispositionCode(connection.db, 1, {
          ...code,
          dispositionId: idOf("Test record"),
        }),
      ]);
      const steps = changes
        .map((change) => `${change.from} → ${change.to}`)
        .sort();

      expect([
        ["Do not contact → Test record", "Not interested → Do not contact"],
        ["Not interested → Test record", "Test record → Do not contact"],
      ]).toContainEqual(steps);
    },
  );

  it("refuses a code that does not exist and a disposition that does not", async () => {
    const missing = await changeDispositionCode(connection.db, 1, {
      origin: "csv",
      code: "nothing",
      dispositionId: 1,
    }).catch((error: Error) => error.message);
    const wrong = await changeDispositionCode(connection.db, 1, {
      origin: "csv",
      code: "contact",
      dispositionId: 999,
    }).catch((error: Error) => error.message);

    expect([missing, wrong]).toEqual([
      "There is no such code.",
      "Pick one of the dispositions.",
    ]);
  });
});
