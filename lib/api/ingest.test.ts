import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { insertKeyOwner } from "@/lib/testing/api-keys";
import { postAttempts, postLeads } from "./routes";
import { countedStream, toStream } from "./test-streams";

type Sent = { status: number; body: unknown };

describe("POST /api/v1/leads and /api/v1/attempts", () => {
  let connection: Connection;
  let adminKey: string;
  let managerKey: string;

  beforeAll(async () => {
    connection = await createTestConnection();
    const adminId = await insertKeyOwner(connection.db);
    adminKey = (
      await createApiKey(connection.db, adminId, {
        name: "CRM",
        role: "admin",
      })
    ).secret;
    managerKey = (
      await createApiKey(connection.db, adminId, {
        name: "BI",
        role: "sales_manager",
      })
    ).secret;
  });
  afterAll(() => connection.close());

  function send(
    route: typeof postLeads,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Sent> {
    return route(connection.db, {
      authorization: `Bearer ${adminKey}`,
      contentType: "application/json",
      contentLength: null,
      body: toStream(typeof body === "string" ? body : JSON.stringify(body)),
      ...headers,
    });
  }

  const leadBatch = {
    origin: "hubspot",
    items: [
      {
        externalId: "H-1",
        source: "Google Ads",
        createdAt: "2026-03-02T09:00:00Z",
        phone: "+34 612 34 56 78",
        consentWhatsapp: true,
        value: 49.9,
      },
      {
        externalId: "H-2",
        source: "google ads",
        createdAt: "2026-03-03T10:00:00+01:00",
      },
    ],
  };

  it("inserts a batch, then answers all unchanged when it is sent again", async () => {
    const first = await send(postLeads, leadBatch);
    expect(first).toEqual({
      status: 200,
      body: {
        results: [
          { index: 0, externalId: "H-1", status: "inserted" },
          { index: 1, externalId: "H-2", status: "inserted" },
        ],
        counts: { inserted: 2, updated: 0, unchanged: 0, invalid: 0 },
      },
    });

    const second = await send(postLeads, leadBatch);
    expect(second.body).toEqual({
      results: [
        { index: 0, externalId: "H-1", status: "unchanged" },
        { index: 1, externalId: "H-2", status: "unchanged" },
      ],
      counts: { inserted: 0, updated: 0, unchanged: 2, invalid: 0 },
    });

    const rows = await queryRows<{
      id: string;
      source: string;
      phone: string | null;
      value: number | null;
    }>(
      connection.db,
      sql`select l.external_id as id, s.name as source, l.phone_e164 as phone,
        l.value_minor::int as value
      from leads l join sources s on s.id = l.source_id
      where l.origin = 'hubspot' order by l.external_id`,
    );
    expect(rows).toEqual([
      { id: "H-1", source: "Google Ads", phone: "+34612345678", value: 4990 },
      { id: "H-2", source: "Google Ads", phone: null, value: null },
    ]);

    // The import history names each batch by the key that sent it, as the
    // API keys page lists it.
    const runs = await queryRows<{ label: string }>(
      connection.db,
      sql`select file_name as label from imports
        where preset = 'api-leads' order by id`,
    );
    expect(runs).toEqual([
      { label: 'API key "CRM"' },
      { label: 'API key "CRM"' },
    ]);
  });

  it("counts a real change as updated and leaves the other lead unchanged", async () => {
    const changed = {
      ...leadBatch,
      items: [
        leadBatch.items[0],
        { ...leadBatch.items[1], campaign: "Spring" },
      ],
    };
    const result = await send(postLeads, changed);

    expect(result.body).toMatchObject({
      counts: { inserted: 0, updated: 1, unchanged: 1, invalid: 0 },
    });
  });

  it("rejects the whole batch with 422 and per-item errors when one item is invalid", async () => {
    const result = await send(postLeads, {
      origin: "hubspot",
      items: [
        { externalId: "H-3", source: "Web" },
        { externalId: "H-4", createdAt: "yesterday", colour: "red" },
        { source: "Web" },
      ],
    });

    expect(result.status).toBe(422);
    expect(result.body).toEqual({
      error: {
        code: "invalid_items",
        message: "2 of 3 items are invalid; nothing was written.",
      },
      results: [
        { index: 0, externalId: "H-3", status: "unchanged" },
        {
          index: 1,
          externalId: "H-4",
          status: "invalid",
          errors: [{ field: "colour", message: "expected no such field" }],
        },
        {
          index: 2,
          externalId: null,
          status: "invalid",
          errors: [{ field: "externalId", message: "expected the lead's id" }],
        },
      ],
    });
    const [count] = await queryRows<{ n: number }>(
      connection.db,
      sql`select count(*)::int as n from leads where external_id = 'H-3'`,
    );
    expect(count?.n).toBe(0);
  });

  it("takes a whole-number externalId as text and refuses a boolean one", async () => {
    const result = await send(postLeads, {
      origin: "ids",
      items: [
        { externalId: 12345, source: "Web" },
        { externalId: true, source: "Web" },
        { externalId: 1.5, source: "Web" },
      ],
    });

    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({
      results: [
        { index: 0, externalId: "12345", status: "unchanged" },
        {
          index: 1,
          externalId: null,
          status: "invalid",
          errors: [
            {
              field: "externalId",
              message: "expected a string or a whole number",
            },
          ],
        },
        { index: 2, externalId: null, status: "invalid" },
      ],
    });
    const accepted = await send(postLeads, {
      origin: "ids",
      items: [{ externalId: 12345, source: "Web" }],
    });
    expect(accepted.body).toMatchObject({
      results: [{ index: 0, externalId: "12345", status: "inserted" }],
    });
  });

  it("counts an externalId repeated in a batch as one record", async () => {
    const result = await send(postLeads, {
      origin: "dup",
      items: [
        { externalId: "D1", source: "A" },
        { externalId: "D1", source: "B" },
        { externalId: "D2", source: "A" },
        { externalId: "D1", source: "C" },
      ],
    });

    // D1 and D2 are two leads, both new; D1 keeps its last item's source.
    expect(result.body).toEqual({
      results: [
        { index: 0, externalId: "D1", status: "inserted" },
        { index: 1, externalId: "D1", status: "inserted" },
        { index: 2, externalId: "D2", status: "inserted" },
        { index: 3, externalId: "D1", status: "inserted" },
      ],
      counts: { inserted: 2, updated: 0, unchanged: 0, invalid: 0 },
    });
    const rows = await queryRows<{ id: string; source: string }>(
      connection.db,
      sql`select l.external_id as id, s.name as source from leads l
      join sources s on s.id = l.source_id
      where l.origin = 'dup' order by 1`,
    );
    expect(rows).toEqual([
      { id: "D1", source: "C" },
      { id: "D2", source: "A" },
    ]);
  });

  it("names the field and the value a reader refused", async () => {
    const result = await send(postLeads, {
      items: [{ externalId: "X-1", createdAt: "yesterday" }],
    });

    expect(result.body).toMatchObject({
      results: [
        {
          status: "invalid",
          errors: [
            {
              field: "createdAt",
              message: expect.stringContaining('got "yesterday"'),
            },
          ],
        },
      ],
    });
  });

  // New York's clocks went from 02:00 to 03:00 on 8 March 2026 (07:00 UTC)
  // and back from 02:00 to 01:00 on 1 November (06:00 UTC).
  it("says in an item's warnings how a local time a clock change skipped or repeated was read", async () => {
    const result = await send(postLeads, {
      origin: "dst",
      items: [
        {
          externalId: "D-1",
          createdAt: "2026-03-08 02:30",
          timeZone: "America/New_York",
        },
        {
          externalId: "D-2",
          createdAt: "2026-11-01 01:30",
          timeZone: "America/New_York",
        },
        {
          externalId: "D-3",
          createdAt: "2026-11-02 01:30",
          timeZone: "America/New_York",
        },
      ],
    });

    expect(result.status).toBe(200);
    expect(
      (result.body as { results: { warnings?: unknown }[] }).results.map(
        (item) => item.warnings,
      ),
    ).toEqual([
      [
        {
          field: "createdAt",
          message:
            '"2026-03-08 02:30": a clock change skips this time; moved forward by the gap to 2026-03-08T07:30:00.000Z',
        },
      ],
      [
        {
          field: "createdAt",
          message:
            '"2026-11-01 01:30": a clock change repeats this time; read as its first occurrence, 2026-11-01T05:30:00.000Z',
        },
      ],
      undefined,
    ]);
  });

  it("refuses a date that both orders read, item by item", async () => {
    const result = await send(postLeads, {
      origin: "dst",
      items: [
        { externalId: "O-1", createdAt: "25/03/2026 10:00" },
        { externalId: "O-2", createdAt: "03/04/2026 10:00" },
      ],
    });

    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({
      results: [
        { index: 0, status: "unchanged" },
        {
          index: 1,
          status: "invalid",
          errors: [
            {
              field: "createdAt",
              message: expect.stringContaining(
                "expected an unambiguous date such as 2026-03-25 14:30",
              ),
            },
          ],
        },
      ],
    });
  });

  it("refuses an instant that an offset carries past the year 9999, and writes nothing", async () => {
    // 9999-12-31T23:59:59-14:00 is 10000-01-01T13:59:59Z.
    const leads = await send(postLeads, {
      origin: "far",
      items: [
        { externalId: "Y-1", source: "Web" },
        {
          externalId: "Y-2",
          source: "Web",
          createdAt: "9999-12-31T23:59:59-14:00",
        },
      ],
    });
    const attempts = await send(postAttempts, {
      origin: "hubspot",
      items: [
        {
          externalId: "Y-3",
          leadExternalId: "H-1",
          startedAt: "9999-12-31T23:30:00-01:00",
          outcome: "answered",
        },
      ],
    });

    expect(leads.status).toBe(422);
    expect(leads.body).toMatchObject({
      results: [
        { index: 0, status: "unchanged" },
        {
          index: 1,
          status: "invalid",
          errors: [
            {
              field: "createdAt",
              message:
                'expected a year up to 2099, got "9999-12-31T23:59:59-14:00"',
            },
          ],
        },
      ],
    });
    expect(attempts.status).toBe(422);
    expect(attempts.body).toMatchObject({
      results: [
        {
          status: "invalid",
          errors: [
            {
              field: "startedAt",
              message:
                'expected a year up to 2099, got "9999-12-31T23:30:00-01:00"',
            },
          ],
        },
      ],
    });
    const [count] = await queryRows<{ leads: number; attempts: number }>(
      connection.db,
      sql`select
        (select count(*)::int from leads where origin = 'far') as leads,
        (select count(*)::int from attempts where external_id = 'Y-3') as attempts`,
    );
    expect(count).toEqual({ leads: 0, attempts: 0 });
  });

  it("refuses a NUL character or an unpaired surrogate by field, and writes nothing", async () => {
    const nul = "expected text without a NUL character (\\u0000)";
    const half =
      "expected text without an unpaired surrogate (half of a UTF-16 pair, such as \\ud800)";
    const countAttempts = async () =>
      (
        await queryRows<{ n: number }>(
          connection.db,
          sql`select count(*)::int as n from attempts`,
        )
      )[0]?.n;
    const attemptsBefore = await countAttempts();
    const leads = await send(postLeads, {
      origin: "nul",
      items: [
        { externalId: "N-1", source: "Web" },
        { externalId: "N-2\u0000", source: "Web" },
        { externalId: "N-3", source: "W\u0000eb", disposition: "x\u0000" },
        { externalId: "s\ud800", source: "Web" },
        { externalId: "N-5", source: "Web \ud83d\ude00" },
      ],
    });
    const attempts = await send(postAttempts, {
      origin: "hubspot",
      items: [
        {
          externalId: "A\u0000",
          leadExternalId: "H-1",
          startedAt: "2026-03-02T10:00:00Z",
          outcome: "answered",
        },
      ],
    });

    // The paired surrogates of an emoji are one well-formed character.
    expect(leads.status).toBe(422);
    expect(leads.body).toMatchObject({
      results: [
        { index: 0, status: "unchanged" },
        {
          index: 1,
          status: "invalid",
          errors: [{ field: "externalId", message: nul }],
        },
        {
          index: 2,
          status: "invalid",
          errors: [
            { field: "source", message: nul },
            { field: "disposition", message: nul },
          ],
        },
        {
          index: 3,
          status: "invalid",
          errors: [{ field: "externalId", message: half }],
        },
        { index: 4, status: "unchanged" },
      ],
    });
    expect(attempts.status).toBe(422);
    expect(attempts.body).toMatchObject({
      results: [{ errors: [{ field: "externalId", message: nul }] }],
    });
    const [count] = await queryRows<{ n: number }>(
      connection.db,
      sql`select count(*)::int as n from leads where origin = 'nul'`,
    );
    expect(count?.n).toBe(0);
    expect(await countAttempts()).toBe(attemptsBefore);
  });

  it("refuses an externalId or a source over 500 characters by field, and writes nothing", async () => {
    const result = await send(postLeads, {
      origin: "long",
      items: [
        { externalId: "OK-1", source: "Web" },
        { externalId: "x".repeat(3_000), source: "Web" },
        { externalId: "OK-2", source: "S".repeat(3_000) },
      ],
    });

    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({
      results: [
        { index: 0, status: "unchanged" },
        {
          index: 1,
          status: "invalid",
          errors: [
            { field: "externalId", message: "expected at most 500 characters" },
          ],
        },
        {
          index: 2,
          status: "invalid",
          errors: [
            { field: "source", message: "expected at most 500 characters" },
          ],
        },
      ],
    });
    const [count] = await queryRows<{ n: number }>(
      connection.db,
      sql`select count(*)::int as n from leads where origin = 'long'`,
    );
    expect(count?.n).toBe(0);
  });

  it("describes a refused value that looks like a phone number or an e-mail address, never quoting it", async () => {
    const result = await send(postLeads, {
      items: [
        { externalId: "X-2", source: "Web", createdAt: "+34 600 111 222" },
        { externalId: "X-3", source: "Web", timeZone: "ana@example.com" },
      ],
    });

    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({
      results: [
        {
          status: "invalid",
          errors: [
            {
              field: "createdAt",
              message:
                "expected an ISO 8601 instant such as 2026-03-01T09:30:00+01:00, got a value that looks like a phone number",
            },
          ],
        },
        {
          status: "invalid",
          errors: [
            {
              field: "timeZone",
              message:
                "expected an IANA time zone such as Europe/Madrid, or an offset in whole hours such as +01:00, got a value that looks like an e-mail address",
            },
          ],
        },
      ],
    });
  });

  it("merges message statuses forward and keeps every status time", async () => {
    const read = {
      origin: "hubspot",
      items: [
        {
          externalId: "M-1",
          leadExternalId: "H-1",
          channel: "whatsapp",
          startedAt: "2026-03-02T09:05:00Z",
          messageStatus: "read",
          readAt: "2026-03-02T09:07:00Z",
        },
      ],
    };
    const sent = {
      origin: "hubspot",
      items: [
        {
          ...read.items[0],
          messageStatus: "sent",
          readAt: null,
          sentAt: "2026-03-02T09:05:01Z",
        },
      ],
    };
    expect((await send(postAttempts, read)).body).toMatchObject({
      counts: { inserted: 1 },
    });
    expect((await send(postAttempts, sent)).body).toMatchObject({
      counts: { updated: 1 },
    });
    expect((await send(postAttempts, sent)).body).toMatchObject({
      counts: { unchanged: 1 },
    });

    const [row] = await queryRows<{
      status: string;
      sent: string;
      read: string;
    }>(
      connection.db,
      sql`select message_status::text as status,
        to_char(sent_at at time zone 'UTC', 'HH24:MI:SS') as sent,
        to_char(read_at at time zone 'UTC', 'HH24:MI:SS') as read
      from attempts where origin = 'hubspot' and external_id = 'M-1'`,
    );
    expect(row).toEqual({ status: "read", sent: "09:05:01", read: "09:07:00" });
  });

  it("refreshes the lead an attempt leaves as well as the lead it joins", async () => {
    const factsByLead = () =>
      queryRows<{ lead: string; attempts: number }>(
        connection.db,
        sql`select l.external_id as lead, count(f.lead_id)::int as attempts
        from leads l left join agg_attempt_facts f on f.lead_id = l.id
        where l.origin = 'hubspot' group by l.external_id order by l.external_id`,
      );
    const call = {
      externalId: "MOVE-1",
      leadExternalId: "H-1",
      channel: "call",
      startedAt: "2026-03-02T11:00:00Z",
      outcome: "answered",
    };
    expect(
      (await send(postAttempts, { origin: "hubspot", items: [call] })).body,
    ).toMatchObject({ counts: { inserted: 1 } });
    expect(await factsByLead()).toEqual([
      { lead: "H-1", attempts: 2 },
      { lead: "H-2", attempts: 0 },
    ]);

    const moved = { ...call, leadExternalId: "H-2" };
    const answer = await send(postAttempts, {
      origin: "hubspot",
      items: [moved],
    });
    expect(answer.body).toEqual({
      results: [{ index: 0, externalId: "MOVE-1", status: "updated" }],
      counts: { inserted: 0, updated: 1, unchanged: 0, invalid: 0 },
    });
    expect(await factsByLead()).toEqual([
      { lead: "H-1", attempts: 1 },
      { lead: "H-2", attempts: 1 },
    ]);
  });

  it("lists an unknown lead beside the invalid items of the same batch", async () => {
    const result = await send(postAttempts, {
      origin: "hubspot",
      items: [
        {
          externalId: "C-1",
          leadExternalId: "H-1",
          startedAt: "2026-03-02T10:00:00Z",
          outcome: "answered",
        },
        {
          externalId: "C-2",
          leadExternalId: "NOPE",
          startedAt: "2026-03-02T10:00:00Z",
          outcome: "busy",
        },
        {
          externalId: "C-3",
          leadExternalId: "H-1",
          startedAt: "yesterday",
          outcome: "busy",
        },
      ],
    });

    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({
      results: [
        { index: 0, status: "unchanged" },
        {
          index: 1,
          status: "invalid",
          errors: [
            {
              field: "leadExternalId",
              message:
                "expected the externalId of a lead of origin hubspot already written",
            },
          ],
        },
        { index: 2, status: "invalid", errors: [{ field: "startedAt" }] },
      ],
    });
  });

  it("rejects an attempt of an unknown lead with 422 and writes nothing", async () => {
    const result = await send(postAttempts, {
      origin: "hubspot",
      items: [
        {
          externalId: "C-1",
          leadExternalId: "H-1",
          startedAt: "2026-03-02T10:00:00Z",
          outcome: "answered",
        },
        {
          externalId: "C-2",
          leadExternalId: "NOPE",
          startedAt: "2026-03-02T10:00:00Z",
          outcome: "busy",
        },
      ],
    });

    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({
      results: [
        { index: 0, status: "unchanged" },
        {
          index: 1,
          status: "invalid",
          errors: [
            {
              field: "leadExternalId",
              message:
                "expected the externalId of a lead of origin hubspot already written",
            },
          ],
        },
      ],
    });
    const [count] = await queryRows<{ n: number }>(
      connection.db,
      sql`select count(*)::int as n from attempts where external_id = 'C-1'`,
    );
    expect(count?.n).toBe(0);
  });

  it("answers 401 without a key, with a wrong key and with a revoked key", async () => {
    expect(
      (await send(postLeads, leadBatch, { authorization: "" })).status,
    ).toBe(401);
    expect(
      (
        await send(postLeads, leadBatch, {
          authorization: "Bearer rb_live_wrong",
        })
      ).status,
    ).toBe(401);
    expect(
      (await send(postLeads, leadBatch, { authorization: `Basic ${adminKey}` }))
        .status,
    ).toBe(401);
  });

  it("answers 403 to a key whose role may not write", async () => {
    const result = await send(postLeads, leadBatch, {
      authorization: `Bearer ${managerKey}`,
    });

    expect(result.status).toBe(403);
  });

  it("answers 415 to a body that is not JSON by content type, 400 to bad JSON", async () => {
    expect(
      (await send(postLeads, leadBatch, { contentType: "text/csv" })).status,
    ).toBe(415);
    expect((await send(postLeads, "{not json")).status).toBe(400);
    expect((await send(postLeads, { items: "all" })).status).toBe(400);
  });

  it("answers 413 to a body declared larger than 5 MB without reading it", async () => {
    const body = countedStream(64 * 1024, 100);
    const result = await postLeads(connection.db, {
      authorization: `Bearer ${adminKey}`,
      contentType: "application/json",
      contentLength: "6000000",
      body: body.stream,
    });

    expect(result.status).toBe(413);
    expect(body.pulls()).toBe(0);
  });

  it("answers 413 to a chunked body past 5 MB, stopping at the chunk that crosses it", async () => {
    // 100 chunks of 64 KiB = 6,553,600 bytes, no Content-Length. The limit
    // of 5,000,000 bytes is crossed inside chunk 77 (77 x 65,536 =
    // 5,046,272), so reading stops there.
    const body = countedStream(64 * 1024, 100);
    const result = await postLeads(connection.db, {
      authorization: `Bearer ${adminKey}`,
      contentType: "application/json",
      contentLength: null,
      body: body.stream,
    });

    expect(result.status).toBe(413);
    expect(body.pulls()).toBeGreaterThanOrEqual(77);
    expect(body.pulls()).toBeLessThan(100);
  });

  it("answers 401 to a wrong key before reading the body", async () => {
    const body = countedStream(64 * 1024, 1000);
    const result = await postLeads(connection.db, {
      authorization: "Bearer not-a-key",
      contentType: "application/json",
      contentLength: null,
      body: body.stream,
    });

    expect(result.status).toBe(401);
    expect(body.pulls()).toBe(0);
  });

  it("answers 413 to more than 1,000 items and writes nothing", async () => {
    const items = Array.from({ length: 1_001 }, (_, i) => ({
      externalId: `B-${i}`,
    }));
    const result = await send(postLeads, { items });

    expect(result).toEqual({
      status: 413,
      body: {
        error: {
          code: "payload_too_large",
          message:
            "A request carries at most 1000 items; this one has 1001. Split it into smaller batches.",
        },
      },
    });
  });
});

// Only a server runs two transactions at once.
describe.skipIf(!process.env.DATABASE_URL)(
  "batches of leads written at the same time (PostgreSQL)",
  () => {
    let connection: Connection;
    let key: string;
    beforeAll(async () => {
      connection = await createTestConnection();
      const ownerId = await insertKeyOwner(connection.db);
      key = (
        await createApiKey(connection.db, ownerId, {
          name: "CRM",
          role: "admin",
        })
      ).secret;
    });
    afterAll(() => connection.close());

    it("reports each lead inserted by one batch only, however they overlap", async () => {
      // Four batches of 500 ids, each starting 100 after the last: 800
      // distinct leads, 1,200 items naming one another's.
      const batch = (first: number) => ({
        origin: "parallel",
        items: Array.from({ length: 500 }, (_, i) => ({
          externalId: `P-${String(first + i).padStart(4, "0")}`,
          source: "Web",
          createdAt: `2026-03-02T09:00:0${first / 100}Z`,
        })),
      });
      const answers = await Promise.all(
        [0, 100, 200, 300].map((first) =>
          postLeads(connection.db, {
            authorization: `Bearer ${key}`,
            contentType: "application/json",
            contentLength: null,
            body: toStream(JSON.stringify(batch(first))),
          }),
        ),
      );

      const counts = answers.map(
        (answer) =>
          (answer.body as { counts: { inserted: number } }).counts.inserted,
      );
      const reported = answers.flatMap((answer) =>
        (
          answer.body as { results: { externalId: string; status: string }[] }
        ).results
          .filter((result) => result.status === "inserted")
          .map((result) => result.externalId),
      );
      const [stored] = await queryRows<{ n: number }>(
        connection.db,
        sql`select count(*)::int as n from leads where origin = 'parallel'`,
      );
      expect(answers.map((answer) => answer.status)).toEqual([
        200, 200, 200, 200,
      ]);
      expect(stored?.n).toBe(800);
      expect(counts.reduce((sum, n) => sum + n, 0)).toBe(800);
      expect(new Set(reported).size).toBe(800);
      expect(reported).toHaveLength(800);
    });
  },
);
