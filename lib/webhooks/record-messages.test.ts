import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { recordMessageEvents, type RecordOptions } from "./record-messages";

const options: RecordOptions = {
  provider: "whatsapp",
  origin: "whatsapp",
  channel: "whatsapp",
  createUnknown: { leadSource: "WhatsApp" },
};

// Two deliveries about one new message, sent at 10:00 and delivered at
// 10:05, arrive at once: the attempt starts at the first report, as when
// they come one after the other. Before deliveries of an origin waited
// for each other, the later to commit stored its own time about half the
// time. Only a server runs two transactions at once.
describe.skipIf(!process.env.DATABASE_URL)(
  "message reports written at the same time (PostgreSQL)",
  () => {
    let connection: Connection;
    beforeAll(async () => {
      connection = await createTestConnection();
    });
    afterAll(() => connection.close());

    it("start each new message at its earliest report, whichever commits last", async () => {
      const report = (messageId: string, status: "sent" | "delivered") =>
        recordMessageEvents(
          connection.db,
          [
            {
              kind: "status",
              messageId,
              status,
              at:
                status === "sent"
                  ? "2026-03-03T10:00:00Z"
                  : "2026-03-03T10:05:00Z",
              phone: "+34600111222",
            },
          ],
          options,
        );
      const messages = Array.from({ length: 8 }, (_, i) => `wamid.race-${i}`);
      for (const id of messages)
        await Promise.all([report(id, "delivered"), report(id, "sent")]);

      const stored = await queryRows<{ starts: string; status: string }>(
        connection.db,
        sql`select string_agg(distinct to_char(started_at at time zone 'UTC',
            'HH24:MI'), ',') as starts,
          string_agg(distinct message_status::text, ',') as status
        from attempts where origin = 'whatsapp'`,
      );
      const [counted] = await queryRows<{ attempts: number; leads: number }>(
        connection.db,
        sql`select count(*)::int as attempts,
          count(distinct lead_id)::int as leads
        from attempts where origin = 'whatsapp'`,
      );

      expect(stored).toEqual([{ starts: "10:00", status: "delivered" }]);
      // One attempt per message, all of the one lead the number created.
      expect(counted).toEqual({ attempts: 8, leads: 1 });
    });
  },
);

describe("a new number's messages arriving out of order", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());

  const message = (messageId: string, at: string, phone: string) =>
    recordMessageEvents(
      connection.db,
      [{ kind: "inbound", messageId, at, phone, replyTo: null }],
      options,
    );

  async function readLead(phone: string) {
    const [row] = await queryRows<{ created: string; facts: string }>(
      connection.db,
      sql`select
        to_char(l.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as created,
        to_char(f.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as facts
      from leads l join agg_lead_facts f on f.lead_id = l.id
      where l.phone_e164 = ${phone}`,
    );

    return row;
  }

  it("creates a new number's lead at its first message, in the figures too, and leaves an imported lead's own time", async () => {
    await connection.db.execute(sql`
      insert into sources (name) values ('Web') on conflict do nothing`);
    await connection.db.execute(sql`
      insert into imports (preset, file_name, file_sha256)
      values ('leads', 'leads.csv', '')`);
    await connection.db.execute(sql`
      insert into leads (origin, external_id, source_id, time_zone, phone_e164, created_at, import_id)
      select 'whatsapp', '+447700900888', s.id, 'Europe/London', '+447700900888',
        '2026-03-03T12:00:00Z'::timestamptz,
        (select max(id) from imports where preset = 'leads')
      from sources s where s.name = 'Web'`);

    await message("wamid.O2", "2026-03-03T11:00:00Z", "447700900777");
    await message("wamid.O1", "2026-03-03T10:00:00Z", "447700900777");
    await message("wamid.P1", "2026-03-03T09:00:00Z", "447700900888");

    expect(await readLead("+447700900777")).toEqual({
      created: "2026-03-03T10:00:00",
      facts: "2026-03-03T10:00:00",
    });
    expect(await readLead("+447700900888")).toEqual({
      created: "2026-03-03T12:00:00",
      facts: "2026-03-03T12:00:00",
    });
  });
});
