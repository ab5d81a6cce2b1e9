import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { ImportFailedError, importFile, type ImportOptions } from "./index";
import { clearImports, csvFile } from "./test-helpers";

describe("CRM and dialer presets on hand-written exports", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());
  beforeEach(() => clearImports(connection.db));

  function run(preset: ImportOptions["preset"], lines: string[]) {
    return importFile(connection.db, {
      preset,
      fileName: "export.csv",
      input: csvFile(lines),
      timeZone: "Europe/Madrid",
    });
  }

  function readLeads() {
    return queryRows<Record<string, unknown>>(
      connection.db,
      sql`select l.origin, l.external_id, s.name as source,
        l.created_at::text as created_at, l.phone_e164, l.email, l.converted,
        l.disposition_code, d.name as disposition
      from leads l join sources s on s.id = l.source_id
      left join disposition_codes dc
        on dc.origin = l.origin and dc.code = lower(l.disposition_code)
      left join dispositions d on d.id = dc.disposition_id
      order by l.external_id`,
    );
  }

  function readCalls() {
    return queryRows<Record<string, unknown>>(
      connection.db,
      sql`select a.external_id, l.phone_e164 as lead_phone,
        a.direction::text as direction, a.automated,
        a.started_at::text as started_at, a.outcome::text as outcome,
        a.duration_seconds, ag.external_id as agent, a.disposition_code,
        d.name as disposition
      from attempts a join leads l on l.id = a.lead_id
      left join agents ag on ag.id = a.agent_id
      left join disposition_codes dc
        on dc.origin = a.origin and dc.code = lower(a.disposition_code)
      left join dispositions d on d.id = dc.disposition_id
      order by a.started_at`,
    );
  }

  // The import refreshes the aggregates in its own transaction.
  async function readAggregatedLeads() {
    const [row] = await queryRows<{ facts: number; attempts: number }>(
      connection.db,
      sql`select (select count(*)::int from agg_lead_facts) as facts,
        (select count(*)::int from agg_attempt_facts) as attempts`,
    );

    return row;
  }

  it("reads a HubSpot contacts export, a customer as converted and Lead Status as the disposition", async () => {
    const summary = await run("hubspot-contacts", [
      "Record ID,First Name,Last Name,Email,Phone Number,Create Date,Original Source,Lifecycle Stage,Lead Status,Favourite Colour",
      "101,Ana,Ruiz,ana@example.com,+34 612 34 56 78,2026-03-02 10:15,Paid Search,Customer,Connected,blue",
      "102,Luis,Gil,,,2026-03-03 18:00,Organic Search,Lead,Attempted to contact,",
    ]);

    expect(summary.inserted).toBe(2);
    expect(await readLeads()).toEqual([
      {
        origin: "hubspot",
        external_id: "101",
        source: "Paid Search",
        created_at: "2026-03-02 09:15:00+00",
        phone_e164: "+34612345678",
        email: "ana@example.com",
        converted: true,
        disposition_code: "Connected",
        disposition: "Contact",
      },
      {
        origin: "hubspot",
        external_id: "102",
        source: "Organic Search",
        created_at: "2026-03-03 17:00:00+00",
        phone_e164: null,
        email: null,
        converted: false,
        disposition_code: "Attempted to contact",
        disposition: "Call failed",
      },
    ]);
  });

  it("reads a Salesforce leads export with month-first dates and the Converted flag", async () => {
    await run("salesforce-leads", [
      "Lead ID,Email,Phone,Lead Source,Created Date,Lead Status,Converted",
      "00Q1,eva@example.com,,Web,3/25/2026 2:30 PM,Closed - Converted,1",
      "00Q2,,,Trade Show,4/2/2026 9:00 AM,Closed - Not Converted,0",
    ]);

    expect(await readLeads()).toEqual([
      {
        origin: "salesforce",
        external_id: "00Q1",
        source: "Web",
        created_at: "2026-03-25 13:30:00+00",
        phone_e164: null,
        email: "eva@example.com",
        converted: true,
        disposition_code: "Closed - Converted",
        disposition: "Converted",
      },
      {
        origin: "salesforce",
        external_id: "00Q2",
        source: "Trade Show",
        created_at: "2026-04-02 07:00:00+00",
        phone_e164: null,
        email: null,
        converted: false,
        disposition_code: "Closed - Not Converted",
        disposition: "Not interested",
      },
    ]);
  });

  it("reads a Twilio call log: the lead is To outbound and From inbound, ringing calls are skipped", async () => {
    const summary = await run("twilio-calls", [
      "Call Sid,From,To,Direction,Status,Start Time,Duration",
      "CA1,+34910000000,+34612345678,outbound-api,completed,2026-03-02 09:00:00 UTC,95",
      'CA2,+34910000000,+34612345678,outbound-dial,no-answer,"Mon, 02 Mar 2026 10:00:00 +0000",0',
      "CA3,+34622222222,+34910000000,inbound,busy,2026-03-02 11:00:00 UTC,0",
      "CA4,+34910000000,+34612345678,outbound-api,ringing,2026-03-02 12:00:00 UTC,0",
    ]);

    expect([summary.inserted, summary.skipped, summary.leadsCreated]).toEqual([
      3, 1, 2,
    ]);
    expect(await readCalls()).toEqual([
      {
        external_id: "CA1",
        lead_phone: "+34612345678",
        direction: "outbound",
        automated: true,
        started_at: "2026-03-02 09:00:00+00",
        outcome: "answered",
        duration_seconds: 95,
        agent: null,
        disposition_code: null,
        disposition: null,
      },
      {
        external_id: "CA2",
        lead_phone: "+34612345678",
        direction: "outbound",
        automated: false,
        started_at: "2026-03-02 10:00:00+00",
        outcome: "no_answer",
        duration_seconds: 0,
        agent: null,
        disposition_code: null,
        disposition: null,
      },
      {
        external_id: "CA3",
        lead_phone: "+34622222222",
        direction: "inbound",
        automated: false,
        started_at: "2026-03-02 11:00:00+00",
        outcome: "busy",
        duration_seconds: 0,
        agent: null,
        disposition_code: null,
        disposition: null,
      },
    ]);
  });

  it("rejects a Twilio call status named like a built-in property of objects", async () => {
    const error = await run("twilio-calls", [
      "Call Sid,From,To,Direction,Status,Start Time,Duration",
      "CA9,+34910000000,+34612345678,outbound-api,constructor,2026-03-02 09:00:00 UTC,95",
    ]).catch((caught: unknown) => caught);

    expect(
      (error as ImportFailedError).summary.problems.map((p) => p.message),
    ).toEqual([
      'export.csv row 2, column "Status": expected completed, busy, no-answer, failed or canceled, got "constructor"',
    ]);
  });

  it("rejects a Twilio start time that does not exist or falls past 2099", async () => {
    const error = await run("twilio-calls", [
      "Call Sid,From,To,Direction,Status,Start Time,Duration",
      'CA7,+34910000000,+34612345678,outbound-api,busy,"Mon, 32 Mar 2026 10:00:00 +0000",0',
      'CA8,+34910000000,+34612345678,outbound-api,busy,"Fri, 31 Dec 9999 23:59:59 -0100",0',
    ]).catch((caught: unknown) => caught);

    expect(
      (error as ImportFailedError).summary.problems.map((p) => p.message),
    ).toEqual([
      'export.csv row 2, column "Start Time": expected a time with its zone such as 2026-03-25 14:30:05 UTC, got "Mon, 32 Mar 2026 10:00:00 +0000"',
      'export.csv row 3, column "Start Time": expected a year up to 2099, got "Fri, 31 Dec 9999 23:59:59 -0100"',
    ]);
  });

  it("reads a VICIdial log: status codes to outcomes and dispositions, VDAD as no agent", async () => {
    const summary = await run("vicidial-calls", [
      "call_date,phone_number,status,user,length_in_sec,uniqueid,campaign_id",
      "2026-03-02 09:00:00,612345678,NA,VDAD,0,1001.1,SPRING",
      "2026-03-02 10:00:00,612345678,SALE,agent7,310,1001.2,SPRING",
      "2026-03-02 11:00:00,622222222,DC,VDAD,0,1001.3,SPRING",
      "2026-03-02 12:00:00,622222222,INCALL,agent7,0,1001.4,SPRING",
      "2026-03-02 13:00:00,633333333,PROMO2,agent7,120,1001.5,SPRING",
    ]);

    expect([summary.inserted, summary.skipped, summary.leadsCreated]).toEqual([
      4, 1, 3,
    ]);
    expect(summary.unmappedCodes).toEqual([{ code: "PROMO2", rows: 1 }]);
    expect(
      (await readCalls()).map((call) => [
        call.external_id,
        call.outcome,
        call.agent,
        call.automated,
        call.disposition,
      ]),
    ).toEqual([
      ["1001.1", "no_answer", null, true, "Call failed"],
      ["1001.2", "answered", "agent7", false, "Converted"],
      ["1001.3", "invalid_number", null, true, "Invalid contact"],
      ["1001.5", "answered", "agent7", false, null],
    ]);
    // Leads a dialer log creates have no creation time: their calls leave
    // no attempt facts, but each lead has its facts.
    expect(await readAggregatedLeads()).toEqual({ facts: 3, attempts: 0 });
  });
});
