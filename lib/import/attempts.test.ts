import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { ImportFailedError, importFile, type ImportOptions } from "./index";
import { clearImports, countRows, csvFile } from "./test-helpers";

const header =
  "external_id,lead_external_id,channel,started_at,outcome,message_status,sent_at,delivered_at,read_at,failed_at";

type MessageRow = {
  status: string | null;
  sent: string | null;
  delivered: string | null;
  read: string | null;
  failed: string | null;
};

describe("the attempts preset", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());
  beforeEach(async () => {
    await clearImports(connection.db);
    await importFile(connection.db, {
      preset: "leads",
      fileName: "leads.csv",
      input: csvFile(["external_id,source", "L-1,Web", "L-2,Web"]),
    });
  });

  function importAttempts(
    lines: string[],
    options: Partial<ImportOptions> = {},
  ) {
    return importFile(connection.db, {
      preset: "attempts",
      fileName: "attempts.csv",
      input: csvFile(lines),
      ...options,
    });
  }

  async function readMessage(
    externalId: string,
  ): Promise<MessageRow | undefined> {
    const [row] = await queryRows<MessageRow>(
      connection.db,
      sql`select message_status::text as status,
        to_char(sent_at at time zone 'UTC', 'HH24:MI') as sent,
        to_char(delivered_at at time zone 'UTC', 'HH24:MI') as delivered,
        to_char(read_at at time zone 'UTC', 'HH24:MI') as read,
        to_char(failed_at at time zone 'UTC', 'HH24:MI') as failed
      from attempts where external_id = ${externalId}`,
    );

    return row;
  }

  it("refuses an agent, team or template name over 500 characters by row and column, and writes nothing", async () => {
    const error = await importAttempts([
      "external_id,lead_external_id,started_at,outcome,agent,team,template",
      `C-1,L-1,2026-03-02T10:00:00Z,answered,${"a".repeat(3_000)},,`,
      `C-2,L-1,2026-03-02T10:05:00Z,answered,ana,${"t".repeat(501)},${"m".repeat(501)}`,
      `C-3,${"l".repeat(501)},2026-03-02T10:10:00Z,answered,,,`,
    ]).catch((caught: unknown) => caught);

    expect(
      (error as ImportFailedError).summary.problems.map(
        (problem) => problem.message,
      ),
    ).toEqual([
      'attempts.csv row 2, column "agent": expected at most 500 characters',
      'attempts.csv row 3, column "team": expected at most 500 characters',
      'attempts.csv row 3, column "template": expected at most 500 characters',
      'attempts.csv row 4, column "lead_external_id": expected at most 500 characters',
    ]);
    expect(await countRows(connection.db, "attempts")).toBe(0);
    expect(await countRows(connection.db, "agents")).toBe(0);
    expect(await countRows(connection.db, "teams")).toBe(0);
    expect(await countRows(connection.db, "templates")).toBe(0);
  });

  it("imports a call with its agent, the agent's name and team", async () => {
    const summary = await importAttempts([
      "external_id,lead_external_id,started_at,outcome,agent,agent_name,team,duration_seconds,direction,purpose,automated",
      "C-1,L-1,2026-03-02 10:00,answered,a.garcia,Ana García,Madrid,95,outbound,relationship,no",
    ]);
    const [call] = await queryRows<Record<string, unknown>>(
      connection.db,
      sql`select a.channel::text, a.direction::text, a.purpose::text, a.automated,
        a.outcome::text, a.duration_seconds, a.started_at::text,
        ag.external_id as agent, ag.name as agent_name, t.name as team,
        l.external_id as lead
      from attempts a join leads l on l.id = a.lead_id
      join agents ag on ag.id = a.agent_id join teams t on t.id = ag.team_id`,
    );

    expect(summary.inserted).toBe(1);
    expect(call).toEqual({
      channel: "call",
      direction: "outbound",
      purpose: "relationship",
      automated: false,
      outcome: "answered",
      duration_seconds: 95,
      started_at: "2026-03-02 09:00:00+00",
      agent: "a.garcia",
      agent_name: "Ana García",
      team: "Madrid",
      lead: "L-1",
    });
  });

  it("skips a ringing call as not terminal without failing the import", async () => {
    const summary = await importAttempts([
      header,
      "C-1,L-1,call,2026-03-02T10:00:00Z,answered,,,,,",
      "C-2,L-1,call,2026-03-02T10:05:00Z,ringing,,,,,",
      "C-3,L-2,call,2026-03-02T10:06:00Z,Ringing,,,,,",
    ]);

    expect([summary.status, summary.inserted, summary.skipped]).toEqual([
      "succeeded",
      1,
      2,
    ]);
    expect(summary.lines).toContain(
      "2 rows skipped: ringing is not a terminal call status (row 3 and 4).",
    );
  });

  it("rejects an attempt whose lead is not in the same origin", async () => {
    const error = await importAttempts([
      header,
      "C-1,L-1,call,2026-03-02T10:00:00Z,answered,,,,,",
      "C-2,L-9,call,2026-03-02T10:00:00Z,busy,,,,,",
    ]).catch((caught: unknown) => caught);
    const otherOrigin = await importAttempts(
      [header, "C-1,L-1,call,2026-03-02T10:00:00Z,answered,,,,,"],
      { origin: "dialer", skipInvalid: true },
    );

    expect(
      (error as ImportFailedError).summary.problems.map((p) => p.message),
    ).toEqual([
      'attempts.csv row 3, column "lead_external_id": expected the external id of a lead of origin csv already imported, got "L-9"',
    ]);
    expect(otherOrigin.skippedReasons).toEqual([
      {
        reason:
          'column "lead_external_id": expected the external id of a lead of origin dialer already imported',
        rows: 1,
        firstRows: [2],
      },
    ]);
    expect(await countRows(connection.db, "attempts")).toBe(0);
  });

  it("says so when a lead its rows belong to is removed while it runs", async () => {
    // Stands in for an undo committed between the lead lookup and the
    // write: the lead goes just before its first attempt is inserted.
    await connection.db.execute(sql`create function remove_lead_first()
      returns trigger language plpgsql as $$
      begin delete from leads where id = new.lead_id; return new; end $$`);
    await connection.db.execute(sql`create trigger remove_lead_first
      before insert on attempts for each row
      execute function remove_lead_first()`);
    try {
      const error = await importAttempts([
        header,
        "C-1,L-1,call,2026-03-02T10:00:00Z,answered,,,,,",
      ]).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(
        "attempts.csv was not imported: a lead (or an agent or template) its rows belong to was removed by another change while it ran, so nothing was written. Import the file again.",
      );
    } finally {
      await connection.db.execute(
        sql`drop trigger remove_lead_first on attempts`,
      );
      await connection.db.execute(sql`drop function remove_lead_first()`);
    }
    expect(await countRows(connection.db, "attempts")).toBe(0);
    expect(await countRows(connection.db, "leads")).toBe(2);
  });

  it("keeps the furthest status and every known time when reports arrive out of order", async () => {
    await importAttempts([
      header,
      "M-1,L-1,whatsapp,2026-03-02T10:00:00Z,,delivered,,2026-03-02T10:01:00Z,,",
    ]);
    const late = await importAttempts([
      header,
      "M-1,L-1,whatsapp,2026-03-02T10:00:00Z,,sent,2026-03-02T10:00:30Z,,,",
    ]);
    const afterLate = await readMessage("M-1");
    const read = await importAttempts([
      header,
      "M-1,L-1,whatsapp,2026-03-02T10:00:00Z,,read,,,2026-03-02T10:05:00Z,",
    ]);

    expect([late.updated, read.updated]).toEqual([1, 1]);
    expect(afterLate).toEqual({
      status: "delivered",
      sent: "10:00",
      delivered: "10:01",
      read: null,
      failed: null,
    });
    expect(await readMessage("M-1")).toEqual({
      status: "read",
      sent: "10:00",
      delivered: "10:01",
      read: "10:05",
      failed: null,
    });
  });

  it("changes nothing when a report the message already passed comes again", async () => {
    const file = [
      header,
      "M-1,L-1,sms,2026-03-02T10:00:00Z,,delivered,2026-03-02T10:00:10Z,2026-03-02T10:01:00Z,,",
    ];
    await importAttempts(file);

    const again = await importAttempts(file);
    const older = await importAttempts([
      header,
      "M-1,L-1,sms,2026-03-02T10:00:00Z,,sent,2026-03-02T10:00:10Z,,,",
    ]);

    expect([again.updated, again.unchanged]).toEqual([0, 1]);
    expect([older.updated, older.unchanged]).toEqual([0, 1]);
  });

  it("keeps failed as final unless the message was also delivered or read", async () => {
    await importAttempts([
      header,
      "M-2,L-1,sms,2026-03-02T10:00:00Z,,sent,2026-03-02T10:00:00Z,,,",
      "M-3,L-2,whatsapp,2026-03-02T10:00:00Z,,read,,,2026-03-02T10:04:00Z,",
    ]);
    await importAttempts([
      header,
      "M-2,L-1,sms,2026-03-02T10:00:00Z,,failed,,,,2026-03-02T10:02:00Z",
      "M-3,L-2,whatsapp,2026-03-02T10:00:00Z,,failed,,,,2026-03-02T10:03:00Z",
    ]);
    await importAttempts([
      header,
      "M-2,L-1,sms,2026-03-02T10:00:00Z,,sent,2026-03-02T10:00:00Z,,,",
    ]);

    expect(await readMessage("M-2")).toEqual({
      status: "failed",
      sent: "10:00",
      delivered: null,
      read: null,
      failed: "10:02",
    });
    expect(await readMessage("M-3")).toEqual({
      status: "read",
      sent: null,
      delivered: null,
      read: "10:04",
      failed: "10:03",
    });
  });

  it("merges one message reported by several rows of a file", async () => {
    const summary = await importAttempts([
      header,
      "M-4,L-1,email,2026-03-02T10:00:00Z,,read,,,2026-03-02T11:00:00Z,",
      "M-4,L-1,email,2026-03-02T10:00:00Z,,sent,2026-03-02T10:00:00Z,,,",
      "M-4,L-1,email,2026-03-02T10:00:00Z,,delivered,,2026-03-02T10:00:05Z,,",
    ]);

    expect([summary.inserted, summary.repeatedIdCount]).toEqual([1, 1]);
    expect(summary.repeatedIds).toEqual([
      { externalId: "M-4", rows: [2, 3, 4], keptRow: 4 },
    ]);
    expect(await readMessage("M-4")).toEqual({
      status: "read",
      sent: "10:00",
      delivered: "10:00",
      read: "11:00",
      failed: null,
    });
  });

  it("takes the furthest of the status column and the status times of a row", async () => {
    await importAttempts([
      header,
      "M-5,L-1,whatsapp,2026-03-02T10:00:00Z,,sent,,,2026-03-02T10:09:00Z,",
    ]);

    expect((await readMessage("M-5"))?.status).toBe("read");
  });

  it("takes an inbound reply without a delivery status", async () => {
    const summary = await importAttempts([
      "external_id,lead_external_id,channel,direction,started_at",
      "R-1,L-1,whatsapp,inbound,2026-03-02T10:30:00Z",
    ]);

    expect(summary.inserted).toBe(1);
    expect(await readMessage("R-1")).toEqual({
      status: null,
      sent: null,
      delivered: null,
      read: null,
      failed: null,
    });
  });

  it("requires an outcome for a call and a status for an outbound message", async () => {
    const error = await importAttempts([
      header,
      "C-1,L-1,call,2026-03-02T10:00:00Z,,,,,,",
      "M-1,L-1,whatsapp,2026-03-02T10:00:00Z,,,,,,",
      "C-2,L-1,call,2026-03-02T10:00:00Z,answered,read,,,,",
    ]).catch((caught: unknown) => caught);

    expect(
      (error as ImportFailedError).summary.problems.map((p) => p.message),
    ).toEqual([
      'attempts.csv row 2, column "outcome": expected the call\'s outcome: answered, voicemail, no_answer, busy, rejected, invalid_number or failed, got an empty cell',
      'attempts.csv row 3, column "message_status": expected the message\'s status (queued, sent, delivered, read or failed) or a status time, got an empty cell',
      'attempts.csv row 4, column "message_status": expected no message status for a call, got "read"',
    ]);
  });
});
