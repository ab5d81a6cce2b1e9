import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { receiveWhatsappWebhook } from "@/lib/webhooks/whatsapp";
import { ImportFailedError, importFile } from "./index";
import { undoImport } from "./undo";
import { clearImports, hasDataFile, readDataFile } from "./test-helpers";
import { readWebhookFile } from "./whatsapp-file";

const folder = "whatsapp-cloud-webhooks";
const hasFiles = hasDataFile(`${folder}/message_status.json`);

function readBodies(file: string): unknown[] {
  return Object.values(
    JSON.parse(readDataFile(`${folder}/${file}`)) as Record<string, unknown>,
  );
}

type StoredAttempt = {
  id: string;
  direction: string;
  status: string | null;
  started: string;
  sent: string | null;
  delivered: string | null;
  read: string | null;
  failed: string | null;
  replyTo: string | null;
  phone: string | null;
  source: string;
};

async function readAttempts(connection: Connection) {
  return queryRows<StoredAttempt>(
    connection.db,
    sql`select a.external_id as id, a.direction::text as direction,
      a.message_status::text as status,
      to_char(a.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as started,
      to_char(a.sent_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as sent,
      to_char(a.delivered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as delivered,
      to_char(a.read_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as read,
      to_char(a.failed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as failed,
      a.reply_to_external_id as "replyTo", l.phone_e164 as phone, s.name as source
    from attempts a join leads l on l.id = a.lead_id
    join sources s on s.id = l.source_id
    where a.origin = 'whatsapp' order by a.external_id`,
  );
}

async function readRuns(connection: Connection) {
  return queryRows<{
    preset: string;
    status: string;
    rows: number;
    inserted: number;
    unchanged: number;
    skipped: number;
  }>(
    connection.db,
    sql`select preset, status::text as status, rows_read as rows, inserted,
      unchanged, skipped from imports order by id`,
  );
}

describe("reading a file of webhook bodies", () => {
  const body = {
    object: "whatsapp_business_account",
    entry: [
      {
        changes: [
          {
            field: "messages",
            value: {
              statuses: [
                {
                  id: "wamid.A",
                  status: "delivered",
                  timestamp: "1700000000",
                  recipient_id: "34600000001",
                },
              ],
            },
          },
        ],
      },
    ],
  };
  const event = {
    kind: "status",
    messageId: "wamid.A",
    status: "delivered",
    // 1,700,000,000 s after 1970-01-01 is 2023-11-14 22:13:20 UTC.
    at: "2023-11-14T22:13:20.000Z",
    phone: "34600000001",
  };

  it("reads one body, an array, JSON lines and an object of named bodies alike", () => {
    const one = JSON.stringify(body);

    expect(readWebhookFile("w.json", one)).toEqual({
      bodies: 1,
      events: [event],
    });
    expect(readWebhookFile("w.json", JSON.stringify([body, body]))).toEqual({
      bodies: 2,
      events: [event, event],
    });
    expect(readWebhookFile("w.jsonl", `${one}\n\n${one}\r\n`)).toEqual({
      bodies: 2,
      events: [event, event],
    });
    expect(readWebhookFile("w.json", JSON.stringify({ a: body }))).toEqual({
      bodies: 1,
      events: [event],
    });
  });

  it("names the line and column where the JSON breaks, without quoting it", () => {
    // Line 3 is `  "entry": [}`: column 13 holds the "}" where a value was due.
    const text = '{\n  "object": "whatsapp_business_account",\n  "entry": [}\n';

    expect(readWebhookFile("w.json", text)).toEqual({
      problem: {
        row: 3,
        column: null,
        message:
          "w.json line 3, column 13: not valid JSON; expected a value (an object, array, string, number, true, false or null)",
      },
    });
  });

  it("names the broken line of a JSON lines file", () => {
    // Line 2 stops after `{"entry": [` (11 characters): column 12 is the end.
    const text = `${JSON.stringify(body)}\n{"entry": [\n`;

    expect(readWebhookFile("w.jsonl", text)).toEqual({
      problem: {
        row: 2,
        column: null,
        message:
          "w.jsonl line 2, column 12: not valid JSON; expected a value (an object, array, string, number, true, false or null)",
      },
    });
  });

  it("refuses JSON that holds no webhook body, naming the item", () => {
    expect(readWebhookFile("w.json", JSON.stringify([body, 3]))).toEqual({
      problem: {
        row: 1,
        column: null,
        message:
          "w.json item 2 of the array: expected a WhatsApp Cloud API webhook body (an object with an entry array)",
      },
    });
    expect(readWebhookFile("w.json", "  ")).toEqual({
      problem: {
        row: 1,
        column: null,
        message: "w.json line 1: the file is empty",
      },
    });
  });
});

describe.skipIf(!hasFiles)(
  "importing the real webhook files (skipped without ../shared/data/whatsapp-cloud-webhooks)",
  () => {
    let connection: Connection;
    beforeAll(async () => {
      connection = await createTestConnection();
      await connection.db.execute(sql`insert into users
        (id, email, name, role, password_hash)
        values (1, 'admin@example.com', 'Admin', 'admin', 'unused')`);
    });
    afterAll(() => connection.close());
    beforeEach(() => clearImports(connection.db));

    function importNamed(
      file: string,
      text = readDataFile(`${folder}/${file}`),
    ) {
      return importFile(connection.db, {
        preset: "whatsapp-cloud",
        fileName: file,
        input: Buffer.from(text),
      });
    }

    it("records the status cases as one attempt, as the webhook does, and skips the group", async () => {
      const summary = await importNamed("message_status.json");

      // Seven cases, one status each; six name wamid.xyzxyz, the group case
      // a placeholder id and no phone number.
      expect(summary).toMatchObject({
        status: "succeeded",
        rowsRead: 7,
        inserted: 1,
        updated: 0,
        unchanged: 0,
        skipped: 1,
      });
      expect(summary.lines[0]).toMatch(
        /^message_status\.json \(preset whatsapp-cloud, origin whatsapp\): 7 webhook bodies with 7 events read in \d+\.\d s\.$/,
      );
      expect(summary.lines.slice(1)).toEqual([
        "Attempts: 1 inserted, 0 updated, 0 unchanged.",
        "1 message skipped: the reports name neither a known message nor a phone number.",
      ]);
      expect(await readAttempts(connection)).toEqual([
        {
          id: "wamid.xyzxyz",
          direction: "outbound",
          status: "read",
          started: "2023-07-15T00:20:58",
          sent: "2023-10-25T20:49:05",
          delivered: "2023-10-25T20:49:05",
          read: "2023-07-15T00:20:58",
          failed: "2023-07-15T00:20:58",
          replyTo: null,
          phone: "+972987654321",
          source: "WhatsApp",
        },
      ]);
    });

    it("stores the same rows as posting each body to the webhook", async () => {
      const secret = "file-test-secret";
      for (const file of ["message_status.json", "message.json"]) {
        for (const body of readBodies(file)) {
          const rawBody = JSON.stringify(body);
          const signature =
            "sha256=" +
            createHmac("sha256", secret).update(rawBody).digest("hex");
          await receiveWhatsappWebhook(
            connection.db,
            { rawBody, signature, contentType: "application/json" },
            secret,
          );
        }
      }
      const posted = await readAttempts(connection);
      await clearImports(connection.db);
      await importNamed("message_status.json");
      await importNamed("message.json");

      // wamid.ID, wamid.wegrchytvwcggt= and wamid.xyzxyz: the status cases
      // and several message cases reuse the last id, which is one attempt.
      expect(posted.map((attempt) => attempt.id)).toEqual([
        "wamid.ID",
        "wamid.wegrchytvwcggt=",
        "wamid.xyzxyz",
      ]);
      expect(await readAttempts(connection)).toEqual(posted);
    });

    it("records each inbound message once, with the message it replies to", async () => {
      const summary = await importNamed("message.json");
      const lead = {
        direction: "inbound",
        status: null,
        sent: null,
        delivered: null,
        read: null,
        failed: null,
        phone: "+972987654321",
        source: "WhatsApp",
      };

      expect(summary).toMatchObject({ inserted: 3, updated: 0, skipped: 0 });
      expect(await readAttempts(connection)).toEqual([
        {
          ...lead,
          id: "wamid.ID",
          started: "2023-10-11T17:23:20",
          replyTo: null,
        },
        {
          ...lead,
          id: "wamid.wegrchytvwcggt=",
          started: "2023-11-20T18:38:14",
          replyTo: "wamid.gvwegfretge==",
        },
        {
          ...lead,
          id: "wamid.xyzxyz",
          started: "2023-10-11T16:53:43",
          replyTo: "wamid.xyzxyz==",
        },
      ]);
    });

    it("changes nothing when the same file is imported again", async () => {
      const first = await importNamed("message.json");
      const before = await readAttempts(connection);
      const second = await importNamed("message.json");

      expect(second).toMatchObject({
        rowsRead: first.rowsRead,
        inserted: 0,
        updated: 0,
        unchanged: 3,
      });
      expect(await readAttempts(connection)).toEqual(before);
      expect(await readRuns(connection)).toEqual([
        {
          preset: "whatsapp-cloud",
          status: "succeeded",
          rows: first.rowsRead,
          inserted: 3,
          unchanged: 0,
          skipped: 0,
        },
        {
          preset: "whatsapp-cloud",
          status: "succeeded",
          rows: first.rowsRead,
          inserted: 0,
          unchanged: 3,
          skipped: 0,
        },
      ]);
    });

    it("reads the same bodies as JSON lines and as an array", async () => {
      const bodies = readBodies("message_status.json");
      await importNamed(
        "statuses.jsonl",
        bodies.map((body) => JSON.stringify(body)).join("\n"),
      );
      const fromLines = await readAttempts(connection);
      await clearImports(connection.db);
      await importNamed("statuses.json", JSON.stringify(bodies));

      expect(fromLines).toHaveLength(1);
      expect(await readAttempts(connection)).toEqual(fromLines);
    });

    it("writes nothing for a file with broken JSON and records the failed run", async () => {
      const text = readDataFile(`${folder}/message.json`);
      // Drop the file's last character, the closing brace of the object.
      const broken = text.trimEnd().slice(0, -1);
      const lines = broken.split("\n");
      const error = await importNamed("message.json", broken).catch(
        (caught: unknown) => caught,
      );

      expect(error).toBeInstanceOf(ImportFailedError);
      expect((error as ImportFailedError).message).toContain(
        `message.json line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}: not valid JSON; expected "," or "}"`,
      );
      expect(await readAttempts(connection)).toEqual([]);
      expect(await readRuns(connection)).toMatchObject([
        { preset: "whatsapp-cloud", status: "failed", rows: 0 },
      ]);
    });

    it("checks without writing, and undoes an import", async () => {
      const check = await importFile(connection.db, {
        preset: "whatsapp-cloud",
        fileName: "message.json",
        input: Buffer.from(readDataFile(`${folder}/message.json`)),
        dryRun: true,
      });

      expect(check).toMatchObject({ dryRun: true, inserted: 3 });
      expect(await readAttempts(connection)).toEqual([]);
      expect(await readRuns(connection)).toEqual([]);

      const summary = await importNamed("message.json");
      const removed = await undoImport(connection.db, 1, summary.importId);

      // Three inbound messages and the one lead their number made.
      expect(removed).toEqual({ leads: 1, attempts: 3 });
      expect(await readAttempts(connection)).toEqual([]);
    });
  },
);
