import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { signTwilioRequest } from "./signatures";
import { readCarrierDate, receiveSmsStatus } from "./sms";

const url = "https://example.test/api/webhooks/sms";
const token = "token-123";

function form(params: Record<string, string>) {
  return new URLSearchParams(params).toString();
}

describe("the SMS status callback", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await connection.db.execute(sql`insert into sources (name) values ('Web')`);
    await connection.db.execute(sql`
      insert into leads (origin, external_id, source_id, time_zone, phone_e164)
      select 'csv', 'L-1', id, 'Europe/Madrid', '+34612345678' from sources`);
    await connection.db.execute(sql`
      insert into attempts (origin, external_id, lead_id, channel, direction, started_at, message_status, sent_at)
      select 'twilio', 'SM1', id, 'sms', 'outbound', '2026-03-02T10:00:00Z'::timestamptz,
        'sent', '2026-03-02T10:00:02Z'::timestamptz
      from leads`);
  });
  afterAll(() => connection.close());

  function post(params: Record<string, string>, signature?: string | null) {
    const entries = Object.entries(params);

    return receiveSmsStatus(
      connection.db,
      {
        url,
        contentType: "application/x-www-form-urlencoded",
        rawBody: form(params),
        signature:
          signature === undefined
            ? signTwilioRequest(url, entries, token)
            : signature,
      },
      token,
    );
  }

  async function readMessage(externalId = "SM1") {
    const [row] = await queryRows<{
      status: string;
      started: string;
      sent: string | null;
      delivered: string | null;
    }>(
      connection.db,
      sql`select message_status::text as status,
        to_char(started_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as started,
        to_char(sent_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') as sent,
        to_char(delivered_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as delivered
      from attempts where external_id = ${externalId}`,
    );

    return row;
  }

  const delivered = {
    AccountSid: "AC1",
    MessageSid: "SM1",
    MessageStatus: "delivered",
    To: "+34612345678",
    RawDlrDoneDate: "2603021015",
  };

  it("signs the URL and the sorted parameters as Twilio does", () => {
    // Computed by hand with Python's hmac over the documented rule.
    expect(signTwilioRequest(url, Object.entries(delivered), token)).toBe(
      "VQYiz14InGZ9I+9AM6uJLP/gkdM=",
    );
  });

  it("answers 401 and changes nothing without a valid signature", async () => {
    expect((await post(delivered, null)).status).toBe(401);
    expect((await post(delivered, "VQYiz14InGZ9I+9AM6uJLP/gkdX=")).status).toBe(
      401,
    );
    expect((await readMessage())?.status).toBe("sent");
  });

  it("moves a known message to delivered at the carrier's time, once", async () => {
    const first = await post(delivered);
    const again = await post(delivered);

    expect(first.body).toEqual({
      events: 1,
      inserted: 0,
      updated: 1,
      unchanged: 0,
      skipped: 0,
    });
    expect(again.body).toEqual({
      events: 1,
      inserted: 0,
      updated: 0,
      unchanged: 1,
      skipped: 0,
    });
    expect(await readMessage()).toEqual({
      status: "delivered",
      started: "2026-03-02 10:00",
      sent: "2026-03-02 10:00:02",
      delivered: "2026-03-02 10:15",
    });
  });

  it("keeps delivered when a late sent or undelivered report arrives", async () => {
    await post({ MessageSid: "SM1", MessageStatus: "sent" });
    await post({ MessageSid: "SM1", MessageStatus: "undelivered" });

    expect((await readMessage())?.status).toBe("delivered");
  });

  it("moves only the status when the carrier's date does not exist", async () => {
    await connection.db.execute(sql`
      insert into attempts (origin, external_id, lead_id, channel, direction, started_at, message_status, sent_at)
      select 'twilio', 'SM2', id, 'sms', 'outbound', '2026-03-02T10:00:00Z'::timestamptz,
        'sent', '2026-03-02T10:00:02Z'::timestamptz
      from leads`);
    // 30 February 2026, 00:00.
    const result = await post({
      MessageSid: "SM2",
      MessageStatus: "delivered",
      RawDlrDoneDate: "2602300000",
    });

    expect(result).toEqual({
      status: 200,
      body: { events: 1, inserted: 0, updated: 1, unchanged: 0, skipped: 0 },
    });
    expect(await readMessage("SM2")).toEqual({
      status: "delivered",
      started: "2026-03-02 10:00",
      sent: "2026-03-02 10:00:02",
      delivered: null,
    });
  });

  it("skips a callback about a message it does not know", async () => {
    const result = await post({ ...delivered, MessageSid: "SM-unknown" });

    expect(result.body).toMatchObject({ events: 1, inserted: 0, skipped: 1 });
  });

  it("skips a callback whose MessageSid holds a NUL, instead of failing it", async () => {
    const result = await post({ ...delivered, MessageSid: "SM1\u0000" });

    expect(result).toEqual({
      status: 200,
      body: { events: 1, inserted: 0, updated: 0, unchanged: 0, skipped: 1 },
    });
  });

  it("ignores a status named like a built-in property of objects, as any other unknown status", async () => {
    const before = await readMessage();
    const nothing = {
      status: 200,
      body: { events: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0 },
    };

    for (const status of ["canceled", "constructor", "toString", "__proto__"]) {
      expect(await post({ ...delivered, MessageStatus: status })).toEqual(
        nothing,
      );
    }
    expect(await readMessage()).toEqual(before);
  });

  it("answers 503 without an auth token", async () => {
    const result = await receiveSmsStatus(
      connection.db,
      { url, contentType: null, rawBody: form(delivered), signature: null },
      undefined,
    );

    expect(result.status).toBe(503);
  });

  it("reads the carrier's YYMMDDhhmm as UTC and refuses other shapes", () => {
    expect(readCarrierDate("2603021015")).toBe("2026-03-02T10:15:00.000Z");
    expect(readCarrierDate("26-03-02")).toBeNull();
    // Month 13, 30 February, 24:00 and minute 60 are no times at all.
    expect(readCarrierDate("2613021015")).toBeNull();
    expect(readCarrierDate("2602300000")).toBeNull();
    expect(readCarrierDate("2603022400")).toBeNull();
    expect(readCarrierDate("2603021060")).toBeNull();
    expect(readCarrierDate("2402291200")).toBe("2024-02-29T12:00:00.000Z");
    expect(readCarrierDate(null)).toBeNull();
  });
});
