import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { importFile } from "./index";
import { countRows, csvFile } from "./test-helpers";
import { listImportRuns, undoImport } from "./undo";

describe("undoing an import", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await connection.db.execute(sql`insert into users
      (id, email, name, role, password_hash)
      values (1, 'admin@example.com', 'Admin', 'admin', 'unused')`);
  });
  afterAll(() => connection.close());

  function run(preset: "leads" | "attempts", lines: string[]) {
    return importFile(connection.db, {
      preset,
      fileName: `${preset}.csv`,
      input: csvFile(lines),
      userId: 1,
    });
  }

  async function counts() {
    return [
      await countRows(connection.db, "leads"),
      await countRows(connection.db, "attempts"),
    ];
  }

  it("removes what runs inserted, the later run first, and refuses a run that updated", async () => {
    const leads = await run("leads", [
      "external_id,source",
      "L-1,Web",
      "L-2,Web",
    ]);
    const calls = await run("attempts", [
      "external_id,lead_external_id,started_at,outcome",
      "A-1,L-1,2026-03-02T09:00:00Z,answered",
    ]);
    const update = await run("leads", [
      "external_id,source,campaign",
      "L-1,Web,Spring",
    ]);
    const refusedUpdate = await undoImport(
      connection.db,
      1,
      update.importId,
    ).catch((error: Error) => error.message);
    const refusedLeads = await undoImport(
      connection.db,
      1,
      leads.importId,
    ).catch((error: Error) => error.message);
    const before = await counts();
    const undoneCalls = await undoImport(connection.db, 1, calls.importId);
    const middle = await counts();
    const again = await undoImport(connection.db, 1, calls.importId).catch(
      (error: Error) => error.message,
    );

    expect(refusedUpdate).toBe(
      "This import updated records that existed before it, and their earlier values are not kept, so it cannot be undone.",
    );
    expect(refusedLeads).toBe(
      "Later imports changed this import's records or added attempts to its leads, so undoing it would lose their work.",
    );
    expect([before, undoneCalls, middle]).toEqual([
      [2, 1],
      { leads: 0, attempts: 1 },
      [2, 0],
    ]);
    expect(again).toBe("This import was undone already.");
  });

  it("lists the runs newest first with who ran them and which were undone", async () => {
    const runs = await listImportRuns(connection.db);

    expect(
      runs.map((item) => [
        item.fileName,
        item.status,
        item.userName,
        item.inserted,
        item.updated,
        item.undoneAt === null ? "kept" : "undone",
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(item.startedAt),
      ]),
    ).toEqual([
      ["leads.csv", "succeeded", "Admin", 0, 1, "kept", true],
      ["attempts.csv", "succeeded", "Admin", 1, 0, "undone", true],
      ["leads.csv", "succeeded", "Admin", 2, 0, "kept", true],
    ]);
  });
});
