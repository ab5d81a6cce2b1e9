import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { insertFixture } from "@/lib/testing/fixture";
import { contactedLeadsCte } from "./contacted";

const created = new Date("2026-05-04T08:00:00Z");

// One lead per rule, each with the evidence in its key.
const fixture = {
  settings: { reportTimezone: "Europe/Madrid" },
  dispositions: [
    { name: "Spoke", contact: true, codes: ["spoke"] },
    { name: "No answer", codes: ["na"] },
  ],
  leads: [
    "answered",
    "voicemail",
    "inbound-call",
    "missed-inbound",
    "sms-reply",
    "delivered-read",
    "call-code",
    "lead-code-only",
    "lead-code-with-log",
    "nothing",
  ].map((key) => ({
    key,
    createdAt: created,
    dispositionCode: key.startsWith("lead-code") ? "SPOKE" : null,
  })),
  attempts: [
    outbound("answered", "call", { outcome: "answered" as const }),
    outbound("voicemail", "call", { outcome: "voicemail" as const }),
    inbound("inbound-call", "call", {}),
    inbound("missed-inbound", "call", { outcome: "no_answer" as const }),
    outbound("sms-reply", "sms", { messageStatus: "delivered" as const }),
    inbound("sms-reply", "sms", {}, "2026-05-04T09:30:00Z"),
    outbound("delivered-read", "whatsapp", { messageStatus: "read" as const }),
    outbound("call-code", "call", { outcome: "busy" as const }),
    outbound("call-code", "call", {
      outcome: "no_answer" as const,
      dispositionCode: "Spoke ",
    }),
    outbound("lead-code-with-log", "call", {
      outcome: "no_answer" as const,
      dispositionCode: "na",
    }),
  ],
};

function outbound(
  lead: string,
  channel: "call" | "sms" | "whatsapp",
  rest: object,
  iso = "2026-05-04T09:00:00Z",
) {
  return { lead, at: iso, channel, direction: "outbound" as const, ...rest };
}

function inbound(
  lead: string,
  channel: "call" | "sms",
  rest: object,
  iso = "2026-05-04T09:00:00Z",
) {
  return { lead, at: iso, channel, direction: "inbound" as const, ...rest };
}

type Row = {
  key: string;
  contacted: boolean;
  firstContactAt: string | null;
  byLeadDisposition: boolean;
};

describe("contacted leads", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await insertFixture(connection.db, fixture);
  });
  afterAll(() => connection.close());

  async function readContacted(channels: ("call" | "sms")[] = []) {
    const rows = await queryRows<Row>(
      connection.db,
      sql`with ${contactedLeadsCte({ channels })}
      select l.external_id::text as key, c.contacted,
        to_char(c.first_contact_at at time zone 'UTC', 'HH24:MI')
          as "firstContactAt",
        c.by_lead_disposition as "byLeadDisposition"
      from contacted_leads c join leads l on l.id = c.lead_id
      order by l.id`,
    );

    return Object.fromEntries(rows.map((row) => [row.key, row]));
  }

  it("applies each rule of the contact definition", async () => {
    const rows = await readContacted();

    expect(
      Object.values(rows)
        .filter((row) => row.contacted)
        .map((row) => row.key),
    ).toEqual([
      "answered",
      "inbound-call",
      "sms-reply",
      "call-code",
      "lead-code-only",
    ]);
  });

  it("dates a contact by the attempt that made it", async () => {
    const rows = await readContacted();

    // The reply came at 09:30; the delivered message at 09:00 is no contact.
    expect(rows["sms-reply"]?.firstContactAt).toBe("09:30");
    expect(rows["call-code"]?.firstContactAt).toBe("09:00");
  });

  it("counts a lead-level code only for leads without an attempt log", async () => {
    const rows = await readContacted();

    expect(rows["lead-code-only"]).toMatchObject({
      contacted: true,
      firstContactAt: null,
      byLeadDisposition: true,
    });
    expect(rows["lead-code-with-log"]?.contacted).toBe(false);
  });

  it("counts a voicemail, a missed inbound call and a read message as no contact", async () => {
    const rows = await readContacted();

    expect(rows.voicemail?.contacted).toBe(false);
    expect(rows["missed-inbound"]?.contacted).toBe(false);
    expect(rows["delivered-read"]?.contacted).toBe(false);
  });

  it("keeps only contacts on the filtered channels", async () => {
    const rows = await readContacted(["sms"]);

    // The sms reply stays; calls and the channel-less lead-level code go.
    expect(
      Object.values(rows)
        .filter((row) => row.contacted)
        .map((row) => row.key),
    ).toEqual(["sms-reply"]);
  });
});
