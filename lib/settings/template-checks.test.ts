import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { insertFixture } from "@/lib/testing/fixture";
import { listTemplateChecks, updateTemplateChecks } from "./template-checks";

describe("the recovery templates' checks", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await connection.db.execute(sql`insert into users
      (id, email, name, role, password_hash)
      values (1, 'admin@example.com', 'Admin', 'admin', 'unused')`);
    await insertFixture(connection.db, {
      templates: [
        { name: "Callback", statesReason: true },
        { name: "Reminder", professionalTone: true, oneNextStep: true },
      ],
      leads: [{ key: "one", createdAt: new Date("2026-03-02T09:00:00Z") }],
    });
  });
  afterAll(() => connection.close());

  it("saves the checks with an audit entry of each change and rebuilds nothing", async () => {
    const [builtBefore] = await queryRows<{ at: string }>(
      connection.db,
      sql`select built_at::text as at from agg_state where id = 1`,
    );
    const rows = await listTemplateChecks(connection.db);
    const callback = rows.find((row) => row.name === "Callback");
    const reminder = rows.find((row) => row.name === "Reminder");
    if (!callback || !reminder) throw new Error("fixture templates missing");

    const changes = await updateTemplateChecks(connection.db, 1, [
      { ...callback, namesCompanyAndPerson: true, statesReason: false },
      { ...reminder },
    ]);
    const [audit] = await queryRows<{ details: string }>(
      connection.db,
      sql`select details::text as details from audit_log
        order by id desc limit 1`,
    );
    const [builtAfter] = await queryRows<{ at: string }>(
      connection.db,
      sql`select built_at::text as at from agg_state where id = 1`,
    );

    expect(changes).toEqual({
      Callback: {
        names_company_and_person: { from: false, to: true },
        states_reason: { from: true, to: false },
      },
    });
    expect(JSON.parse(audit?.details ?? "{}")).toEqual({
      setting: "template_checks",
      changes,
    });
    expect(
      (await listTemplateChecks(connection.db)).map((row) => [
        row.name,
        row.namesCompanyAndPerson,
        row.statesReason,
        row.professionalTone,
        row.oneNextStep,
      ]),
    ).toEqual([
      ["Callback", true, false, false, false],
      ["Reminder", false, false, true, true],
    ]);
    expect(builtAfter).toEqual(builtBefore);
  });
});
