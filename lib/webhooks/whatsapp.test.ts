import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import {
  answerWhatsappChallenge,
  readEpochSeconds,
  readWhatsappEvents,
  receiveWhatsappWebhook,
} from "./whatsapp";

const folder = path.resolve(
  process.cwd(),
  "..",
  "shared",
  "data",
  "whatsapp-cloud-webhooks",
);
const hasFiles = fs.existsSync(path.join(folder, "message_status.json"));
const secret = "app-secret-for-tests";

type Cases = Record<string, unknown>;

function readCases(file: string): Cases {
  return JSON.parse(fs.readFileSync(path.join(folder, file), "utf8")) as Cases;
}

function sign(body: string): string {
  return (
    "sha256=" + createHmac("sha256", secret).update(body, "utf8").digest("hex")
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

async function readWebhookRuns(connection: Connection) {
  const [row] = await queryRows<{
    runs: number;
    rows: number;
    unchanged: number;
  }>(
    connection.db,
    sql`select count(*)::int as runs, coalesce(sum(rows_read), 0)::int as rows,
      coalesce(sum(unchanged), 0)::int as unchanged
    from imports where preset = 'webhook-whatsapp'`,
  );

  return row ?? { runs: 0, rows: 0, unchanged: 0 };
}

describe("the WhatsApp verification challenge", () => {
  const params = (query: string) => new URLSearchParams(query);

  it("echoes the challenge when the mode is subscribe and the token matches", () => {
    expect(
      answerWhatsappChallenge(
        params(
          "hub.mode=subscribe&hub.verify_token=tok&hub.challenge=1158201444",
        ),
        "tok",
      ),
    ).toEqual({ status: 200, text: "1158201444" });
  });

  it("answers 403 to a wrong token or another mode, 503 when no token is configured", () => {
    const wrong = params(
      "hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1",
    );
    const mode = params(
      "hub.mode=unsubscribe&hub.verify_token=tok&hub.challenge=1",
    );

    expect(answerWhatsappChallenge(wrong, "tok").status).toBe(403);
    expect(answerWhatsappChallenge(mode, "tok").status).toBe(403);
    expect(answerWhatsappChallenge(wrong, undefined).status).toBe(503);
  });
});

describe("WhatsApp's epoch seconds", () => {
  it("reads whole seconds as a UTC instant", () => {
    expect(readEpochSeconds("1698266945")).toBe("2023-10-25T20:49:05.000Z");
    expect(readEpochSeconds(1698266945)).toBe("2023-10-25T20:49:05.000Z");
  });

  it("takes times from 2000-01-01 to 2099-12-31 UTC and no others", () => {
    expect(readEpochSeconds("946684800")).toBe("2000-01-01T00:00:00.000Z");
    expect(readEpochSeconds("4102444799")).toBe("2099-12-31T23:59:59.000Z");
    // One second either side; 1970, 5138 and 10000 are no status times.
    expect(readEpochSeconds("946684799")).toBeNull();
    expect(readEpochSeconds("4102444800")).toBeNull();
    expect(readEpochSeconds("0")).toBeNull();
    expect(readEpochSeconds("99999999999")).toBeNull();
    expect(readEpochSeconds("253402300800")).toBeNull();
  });
});

describe.skipIf(!hasFiles)(
  "the WhatsApp webhook on the real payload files (skipped without ../shared/data/whatsapp-cloud-webhooks)",
  () => {
    let connection: Connection;
    beforeAll(async () => {
      connection = await createTestConnection();
    });
    afterAll(() => connection.close());
    beforeEach(async () => {
      await connection.db.execute(sql`delete from attempts`);
      await connection.db.execute(sql`delete from leads`);
    });

    function post(
      body: string,
      signature: string | null = sign(body),
      contentType: string | null = "application/json",
    ) {
      return receiveWhatsappWebhook(
        connection.db,
        { rawBody: body, signature, contentType },
        secret,
      );
    }

    it("records nothing and answers 401 to an unsigned or wrongly signed body", async () => {
      const body = JSON.stringify(readCases("message_status.json").sent);

      expect((await post(body, null)).status).toBe(401);
      expect((await post(body, sign(body + " "))).status).toBe(401);
      expect((await post(body, "sha256=00")).status).toBe(401);
      expect(await readAttempts(connection)).toEqual([]);
    });

    it("counts a status with an unusable time as skipped, not as nothing", async () => {
      const status = (timestamp: unknown) => ({
        id: "wamid.bad-time",
        status: "delivered",
        timestamp,
        recipient_id: "34612345678",
      });
      const body = JSON.stringify({
        object: "whatsapp_business_account",
        entry: [
          {
            changes: [
              {
                field: "messages",
                value: {
                  statuses: [
                    status("abc"),
                    status(-5),
                    status(99999999999999),
                    status("253402300800"),
                    status("99999999999"),
                    status("0"),
                  ],
                },
              },
            ],
          },
        ],
      });

      expect(await post(body)).toEqual({
        status: 200,
        body: { events: 6, inserted: 0, updated: 0, unchanged: 0, skipped: 6 },
      });
      expect(await readAttempts(connection)).toEqual([]);
    });

    it("skips a report whose id the database cannot store, and records the others", async () => {
      const body = JSON.stringify({
        object: "whatsapp_business_account",
        entry: [
          {
            changes: [
              {
                field: "messages",
                value: {
                  statuses: [
                    {
                      id: "wamid.N\u0000",
                      status: "sent",
                      timestamp: "1772445600",
                      recipient_id: "34612345678",
                    },
                    {
                      id: "wamid.S\ud800",
                      status: "sent",
                      timestamp: "1772445600",
                      recipient_id: "34612345678",
                    },
                    {
                      id: "wamid.OK",
                      status: "sent",
                      timestamp: "1772445600",
                      recipient_id: "34612345678",
                    },
                  ],
                  messages: [
                    {
                      id: "wamid.IN\u0000",
                      from: "34612345678",
                      timestamp: "1772445660",
                      type: "text",
                    },
                  ],
                },
              },
            ],
          },
        ],
      });

      expect(await post(body)).toEqual({
        status: 200,
        body: { events: 4, inserted: 1, updated: 0, unchanged: 0, skipped: 3 },
      });
      expect((await readAttempts(connection)).map((a) => a.id)).toEqual([
        "wamid.OK",
      ]);
    });

    it("skips a status named like a built-in property of objects, storing nothing", async () => {
      const names = [
        "constructor",
        "toString",
        "__proto__",
        "valueOf",
        "hasOwnProperty",
      ];
      const body = JSON.stringify({
        object: "whatsapp_business_account",
        entry: [
          {
            changes: [
              {
                field: "messages",
                value: {
                  statuses: names.map((status, index) => ({
                    id: `wamid.P${index}`,
                    status,
                    timestamp: "1772445600",
                    recipient_id: "34612345678",
                  })),
                },
              },
            ],
          },
        ],
      });

      expect(await post(body)).toEqual({
        status: 200,
        body: { events: 5, inserted: 0, updated: 0, unchanged: 0, skipped: 5 },
      });
      expect(await readAttempts(connection)).toEqual([]);
    });

    it("counts entries of statuses and messages that are no objects as skipped", async () => {
      const body = JSON.stringify({
        object: "whatsapp_business_account",
        entry: [
          {
            changes: [
              {
                field: "messages",
                value: {
                  statuses: [1, null],
                  messages: ["wamid.X", [], null],
                },
              },
            ],
          },
        ],
      });

      expect(await post(body)).toEqual({
        status: 200,
        body: { events: 5, inserted: 0, updated: 0, unchanged: 0, skipped: 5 },
      });
      expect(await readAttempts(connection)).toEqual([]);
    });

    it("answers 415 to a signed body sent as another type than JSON", async () => {
      const body = JSON.stringify(readCases("message_status.json").sent);

      expect(await post(body, sign(body), "text/plain")).toEqual({
        status: 415,
        body: {
          error: {
            code: "unsupported_media_type",
            message: "Send the webhook as application/json, as Meta does.",
          },
        },
      });
      expect((await post(body, sign(body), null)).status).toBe(415);
      expect(
        (await post(body, sign(body), "application/json; charset=utf-8"))
          .status,
      ).toBe(200);
      expect(await readAttempts(connection)).toHaveLength(1);
    });

    it("answers 503 when no app secret is configured", async () => {
      const body = JSON.stringify(readCases("message_status.json").sent);
      const result = await receiveWhatsappWebhook(
        connection.db,
        {
          rawBody: body,
          signature: sign(body),
          contentType: "application/json",
        },
        undefined,
      );

      expect(result.status).toBe(503);
    });

    it("keeps the furthest status and every provider time over all status cases", async () => {
      const cases = readCases("message_status.json");
      for (const body of Object.values(cases)) await post(JSON.stringify(body));

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

    it("records a repeated delivery once: the second answer is all unchanged", async () => {
      const body = JSON.stringify(readCases("message_status.json").sent);
      const before = await readWebhookRuns(connection);
      const first = await post(body);
      const second = await post(body);
      const after = await readWebhookRuns(connection);

      expect(first).toEqual({
        status: 200,
        body: { events: 1, inserted: 1, updated: 0, unchanged: 0, skipped: 0 },
      });
      expect(second).toEqual({
        status: 200,
        body: { events: 1, inserted: 0, updated: 0, unchanged: 1, skipped: 0 },
      });
      // One run a day collects the deliveries, with their counts added.
      expect(after).toEqual({
        runs: 1,
        rows: before.rows + 2,
        unchanged: before.unchanged + 1,
      });
    });

    it("keeps read and both times when read arrives before sent", async () => {
      const cases = readCases("message_status.json");
      await post(JSON.stringify(cases.read));
      const sent = await post(JSON.stringify(cases.sent));
      const [attempt] = await readAttempts(connection);

      expect(sent.body).toMatchObject({ updated: 1 });
      expect(attempt).toMatchObject({
        status: "read",
        sent: "2023-10-25T20:49:05",
        read: "2023-07-15T00:20:58",
      });
    });

    it("keeps failed final only until the message is also reported delivered", async () => {
      const cases = readCases("message_status.json");
      await post(JSON.stringify(cases.failed));
      expect((await readAttempts(connection))[0]?.status).toBe("failed");

      await post(JSON.stringify(cases.delivered));
      expect((await readAttempts(connection))[0]).toMatchObject({
        status: "delivered",
        failed: "2023-07-15T00:20:58",
        delivered: "2023-10-25T20:49:05",
      });
    });

    it("skips a status whose recipient is no phone number and whose message is unknown", async () => {
      const result = await post(
        JSON.stringify(readCases("message_status.json").group),
      );

      expect(result.body).toEqual({
        events: 1,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        skipped: 1,
      });
    });

    it("records inbound messages once per id, with the message each replies to", async () => {
      const cases = readCases("message.json");
      for (const body of Object.values(cases)) await post(JSON.stringify(body));
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
      const leads = await queryRows<{ created: string | null }>(
        connection.db,
        sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as created
        from leads`,
      );
      expect(leads).toEqual([{ created: "2023-10-11T16:53:43" }]);
    });

    it("files a reply from a known number under that number's lead", async () => {
      await connection.db.execute(sql`
        insert into sources (name) values ('Web') on conflict do nothing`);
      await connection.db.execute(sql`
        insert into leads (origin, external_id, source_id, time_zone, phone_e164, created_at)
        select 'csv', 'L-1', id, 'Europe/Madrid', '+972987654321', '2023-10-01T10:00:00Z'::timestamptz
        from sources where name = 'Web'`);
      await post(JSON.stringify(readCases("message.json").reply));

      const [attempt] = await readAttempts(connection);
      expect(attempt).toMatchObject({ id: "wamid.xyzxyz", source: "Web" });
    });

    it("reads no events from fields it does not know and from echoes", () => {
      const echoes = readCases("outgoing_message.json");

      expect(
        Object.values(echoes).flatMap((body) => readWhatsappEvents(body)),
      ).toEqual([]);
      expect(
        readWhatsappEvents({ object: "x", entry: [{ changes: "no" }] }),
      ).toEqual([]);
    });
  },
);
