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
