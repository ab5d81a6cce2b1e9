import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { AppError } from "@/lib/errors";
import { ImportFailedError, importFile, type ImportOptions } from "./index";
import { clearImports, countRows, csvFile } from "./test-helpers";

const instantReason =
  "expected an ISO 8601 instant such as 2026-03-01T09:30:00+01:00";

describe("the leads preset", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());
  beforeEach(() => clearImports(connection.db));

  function importLeads(lines: string[], options: Partial<ImportOptions> = {}) {
    return importFile(connection.db, {
      preset: "leads",
      fileName: "Leads.csv",
      input: csvFile(lines),
      ...options,
    });
  }

  async function failLeads(
    lines: string[],
    options: Partial<ImportOptions> = {},
  ) {
    const error = await importLeads(lines, options).catch(
      (caught: unknown) => caught,
    );
    if (!(error instanceof ImportFailedError))
      throw new Error("expected the import to fail");

    return error;
  }

  it("imports every column of a lead", async () => {
    await importLeads([
      "external_id,source,campaign,created_at,time_zone,phone,email,consent_call,consent_whatsapp,consent_sms,consent_email,consent_at,preferred_slot_start,preferred_slot_end,value,value_currency,value_unit,converted,converted_at,conversion_value,disposition,is_test,holdout",
      "L-1,Google Ads,Spring,2026-03-01 09:30,America/Mexico_City,+52 55 1234 5678,Ana@Example.com,yes,no,,1,2026-03-01T09:30:00-06:00,2026-03-02 10:00,2026-03-02 12:00,49.90,eur,per_month,yes,2026-03-10T12:00:00Z,120,Callback,no,yes",
    ]);
    const [lead] = await queryRows<Record<string, unknown>>(
      connection.db,
      sql`select l.external_id, l.origin, s.name as source, c.name as campaign,
        l.created_at::text, l.time_zone, l.phone_e164, l.phone_raw, l.email,
        l.consent_call, l.consent_whatsapp, l.consent_sms, l.consent_email,
        l.consent_at::text, l.preferred_slot_start::text,
        l.preferred_slot_end::text, l.value_minor::int, l.value_currency,
        l.value_unit::text, l.converted, l.converted_at::text,
        l.conversion_value_minor::int, l.conversion_currency,
        l.disposition_code, l.is_test, l.holdout
      from leads l join sources s on s.id = l.source_id
      left join campaigns c on c.id = l.campaign_id`,
    );

    expect(lead).toEqual({
      external_id: "L-1",
      origin: "csv",
      source: "Google Ads",
      campaign: "Spring",
      created_at: "2026-03-01 15:30:00+00",
      time_zone: "America/Mexico_City",
      phone_e164: "+525512345678",
      phone_raw: null,
      email: "Ana@Example.com",
      consent_call: true,
      consent_whatsapp: false,
      consent_sms: null,
      consent_email: true,
      consent_at: "2026-03-01 15:30:00+00",
      preferred_slot_start: "2026-03-02 16:00:00+00",
      preferred_slot_end: "2026-03-02 18:00:00+00",
      value_minor: 4990,
      value_currency: "EUR",
      value_unit: "per_month",
      converted: true,
      converted_at: "2026-03-10 12:00:00+00",
      conversion_value_minor: 12000,
      conversion_currency: "EUR",
      disposition_code: "Callback",
      is_test: false,
      holdout: true,
    });
  });

  it("reports a bad row with file, row, column and what was expected, and writes nothing", async () => {
    const error = await failLeads([
      "external_id,source,created_at",
      "L-1,Web,2026-03-01T09:30:00+01:00",
      "L-2,Web,yesterday",
    ]);
    const [run] = await queryRows<{ status: string; problems: unknown }>(
      connection.db,
      sql`select status::text, problems from imports`,
    );

    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe(
      "Leads.csv was not imported: 1 row is invalid, so nothing was written. " +
        "Correct them, or import again skipping invalid rows.\n" +
        `Leads.csv row 3, column "created_at": ${instantReason}, got "yesterday"`,
    );
    expect(error.summary.problems).toEqual([
      {
        row: 3,
        column: "created_at",
        message: `Leads.csv row 3, column "created_at": ${instantReason}, got "yesterday"`,
      },
    ]);
    expect(run).toEqual({ status: "failed", problems: error.summary.problems });
    expect(await countRows(connection.db, "leads")).toBe(0);
    expect(await countRows(connection.db, "sources")).toBe(0);
  });

  it("refuses an id, a name or a code over 500 characters by row and column, and writes nothing", async () => {
    const error = await failLeads([
      "external_id,source,campaign,disposition",
      `${"i".repeat(500)},${"s".repeat(500)},Spring,`,
      `${"i".repeat(3_000)},Web,,`,
      `L-3,${"S".repeat(3_000)},${"c".repeat(501)},`,
      `L-4,Web,,${"d".repeat(501)}`,
    ]);
    const at = (row: number, column: string) => ({
      row,
      column,
      message: `Leads.csv row ${row}, column "${column}": expected at most 500 characters`,
    });

    expect(error.summary.problems).toEqual([
      at(3, "external_id"),
      at(4, "source"),
      at(4, "campaign"),
      at(5, "disposition"),
    ]);
    expect(await countRows(connection.db, "leads")).toBe(0);
    expect(await countRows(connection.db, "sources")).toBe(0);
    expect(await countRows(connection.db, "campaigns")).toBe(0);
  });

  it("never quotes a phone number or an e-mail address that a shifted row puts under another column", async () => {
    const error = await failLeads([
      "external_id,source,created_at,time_zone,phone,email",
      "SH-1,Google,+34600111222,Europe/Madrid,someone@example.com,",
      "SH-2,Google,,someone@example.com,+34600111222,",
    ]);
    const [run] = await queryRows<{ problems: string }>(
      connection.db,
      sql`select problems::text as problems from imports`,
    );

    expect(error.summary.problems.map((problem) => problem.message)).toEqual([
      `Leads.csv row 2, column "created_at": ${instantReason}, got a value that looks like a phone number`,
      'Leads.csv row 3, column "time_zone": expected an IANA time zone such as Europe/Madrid, or an offset in whole hours such as +01:00, got a value that looks like an e-mail address',
    ]);
    expect(run?.problems).not.toMatch(/600111222|someone/);
    expect(await countRows(connection.db, "leads")).toBe(0);
  });

  it("names a date that does not exist, and a year past 2099 (an offset included), as such", async () => {
    const error = await failLeads([
      "external_id,source,created_at",
      "L-1,Web,31/04/2026 10:00",
      "L-2,Web,2026-02-29T09:00:00Z",
      "L-3,Web,9999-12-31T23:59:59Z",
      "L-4,Web,9999-12-31T23:59:59-14:00",
      "L-5,Web,2026-03-01T09:30:00+01:00",
    ]);
    const missing =
      "expected a date and time that exist (no such day in that month, or no such hour or minute)";

    // April has 30 days; 2026 is no leap year.
    expect(error.summary.problems.map((problem) => problem.message)).toEqual([
      `Leads.csv row 2, column "created_at": ${missing}, got "31/04/2026 10:00"`,
      `Leads.csv row 3, column "created_at": ${missing}, got "2026-02-29T09:00:00Z"`,
      'Leads.csv row 4, column "created_at": expected a year up to 2099, got "9999-12-31T23:59:59Z"',
      'Leads.csv row 5, column "created_at": expected a year up to 2099, got "9999-12-31T23:59:59-14:00"',
    ]);
    expect(await countRows(connection.db, "leads")).toBe(0);
  });

  it("lists the first 100 problems and counts the rest", async () => {
    const rows = Array.from(
      { length: 130 },
      (_, index) => `L-${index},Web,soon`,
    );

    const error = await failLeads(["external_id,source,created_at", ...rows]);

    expect(error.summary.problemCount).toBe(130);
    expect(error.summary.problems).toHaveLength(100);
    expect(error.summary.problems[99]?.row).toBe(101);
    expect(error.message.split("\n").at(-1)).toBe("… and 30 more problems.");
  });

  it("imports the valid rows with skipInvalid and groups the skipped ones by reason", async () => {
    const summary = await importLeads(
      [
        "external_id,source,created_at,consent_call",
        "L-1,Web,2026-03-01T09:30:00Z,yes",
        "L-2,Web,yesterday,yes",
        "L-3,Web,2026-03-01T09:30:00Z,maybe",
        "L-4,Web,tomorrow,no",
        "L-5,Web,,",
      ],
      { skipInvalid: true },
    );

    expect([summary.inserted, summary.skipped]).toEqual([2, 3]);
    expect(summary.skippedReasons).toEqual([
      {
        reason: `column "created_at": ${instantReason}`,
        rows: 2,
        firstRows: [3, 5],
      },
      {
        reason:
          'column "consent_call": expected yes or no (or true/false, 1/0)',
        rows: 1,
        firstRows: [4],
      },
    ]);
    expect(summary.lines).toContain(
      `2 rows skipped: column "created_at": ${instantReason} (row 3 and 5).`,
    );
    expect(await countRows(connection.db, "leads")).toBe(2);
  });

  it("names unknown and missing columns, so that a typo is caught", async () => {
    const error = await failLeads([
      "external_id,craeted_at,Notes",
      "L-1,2026-03-01T09:30:00Z,x",
    ]);

    expect(error.summary.problems.map((problem) => problem.message)).toEqual([
      'Leads.csv row 1: expected the required column "source"',
      'Leads.csv row 1: expected only the columns this preset knows; unknown: "craeted_at". ' +
        "Known columns: external_id, source, campaign, created_at, time_zone, phone, email, " +
        "consent_call, consent_whatsapp, consent_sms, consent_email, consent_at, " +
        "preferred_slot_start, preferred_slot_end, value, value_currency, value_unit, " +
        "converted, converted_at, conversion_value, disposition, is_test, holdout",
    ]);
  });

  it("names ten unknown columns at most, however many there are", async () => {
    const stray = Array.from({ length: 9_998 }, (_, n) => `extra_${n + 1}`);
    const error = await failLeads([
      ["external_id", "source", ...stray].join(","),
      ["L-1", "Web", ...stray.map(() => "")].join(","),
    ]);
    const [message] = error.summary.problems.map((problem) => problem.message);

    expect(message).toMatch(
      /^Leads\.csv row 1: expected only the columns this preset knows; unknown: "extra_1", "extra_2", .*"extra_10" and 9988 more\. Known columns: /,
    );
    expect(message?.length).toBeLessThan(600);
  });

  it("reads CRLF line ends, a byte order mark and a trailing empty column", async () => {
    const input = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      csvFile(["external_id,source,", "L-1,Web,", "L-2,Web,"], "\r\n"),
    ]);

    const summary = await importFile(connection.db, {
      preset: "leads",
      fileName: "Leads.csv",
      input,
    });

    expect([summary.rowsRead, summary.inserted]).toEqual([2, 2]);
  });

  it("reports a row with a missing field against the header", async () => {
    const error = await failLeads(["external_id,source,campaign", "L-1,Web"]);

    expect(error.summary.problems[0]?.message).toBe(
      "Leads.csv row 2: expected 3 fields, as in the header, but the row has 2",
    );
  });

  it("stores a lead repeated in one file once, as its last row says", async () => {
    const summary = await importLeads([
      "external_id,source,campaign",
      "L-1,Web,Spring",
      "L-2,Web,Spring",
      "L-1,Web,Summer",
    ]);
    const campaigns = await queryRows<{ id: string; campaign: string }>(
      connection.db,
      sql`select l.external_id as id, c.name as campaign from leads l
      join campaigns c on c.id = l.campaign_id order by l.external_id`,
    );

    expect([summary.rowsRead, summary.inserted]).toEqual([3, 2]);
    expect(summary.repeatedIds).toEqual([
      { externalId: "L-1", rows: [2, 4], keptRow: 4 },
    ]);
    expect(campaigns).toEqual([
      { id: "L-1", campaign: "Summer" },
      { id: "L-2", campaign: "Spring" },
    ]);
  });

  it("changes nothing on re-import, and counts and stamps only a real change", async () => {
    const file = ["external_id,source,value", "L-1,Web,10.00", "L-2,Web,20.00"];
    await importLeads(file);
    const stamps = () =>
      queryRows<{ id: string; stamp: string }>(
        connection.db,
        sql`select external_id as id, updated_at::text as stamp from leads order by external_id`,
      );
    const before = await stamps();

    const same = await importLeads(file);
    const afterSame = await stamps();
    const changed = await importLeads([
      "external_id,source,value",
      "L-1,Web,10.00",
      "L-2,Web,25.00",
    ]);
    const afterChange = await stamps();

    expect([same.inserted, same.updated, same.unchanged]).toEqual([0, 0, 2]);
    expect(afterSame).toEqual(before);
    expect([changed.inserted, changed.updated, changed.unchanged]).toEqual([
      0, 1, 1,
    ]);
    expect(afterChange[0]).toEqual(before[0]);
    expect(afterChange[1]?.stamp).not.toBe(before[1]?.stamp);
  });

  it("makes google and Google one source named as first written, and an empty source Unknown", async () => {
    const summary = await importLeads([
      "external_id,source",
      "L-1,google",
      "L-2, Google ",
      "L-3,",
      "L-4,GOOGLE",
    ]);
    const sources = await queryRows<{ name: string; leads: number }>(
      connection.db,
      sql`select s.name, count(l.id)::int as leads from sources s
      join leads l on l.source_id = s.id group by s.name order by s.name`,
    );

    expect(summary.sourcesCreated).toEqual(["google", "Unknown"]);
    expect(sources).toEqual([
      { name: "Unknown", leads: 1 },
      { name: "google", leads: 3 },
    ]);
  });

  it("keeps a damaged phone as written with a warning that does not repeat it", async () => {
    const summary = await importLeads([
      "external_id,source,phone,email",
      "L-1,Web,3.4612E+10,nobody",
    ]);
    const [lead] = await queryRows<Record<string, unknown>>(
      connection.db,
      sql`select phone_e164, phone_raw, email, person_id from leads`,
    );

    expect(summary.inserted).toBe(1);
    expect(summary.warnings.map((warning) => warning.message)).toEqual([
      'Leads.csv row 2, column "phone": kept as written, not used to group persons: ' +
        "the number is in scientific notation: a spreadsheet rounded it and its last digits are lost",
      'Leads.csv row 2, column "email": left out: expected an e-mail address such as ana@example.com',
    ]);
    expect(lead).toEqual({
      phone_e164: null,
      phone_raw: "3.4612E+10",
      email: null,
      person_id: null,
    });
  });

  it("groups the run's leads into persons and marks the duplicate", async () => {
    const summary = await importLeads([
      "external_id,source,created_at,phone",
      "L-1,Web,2026-03-01T09:00:00Z,612 34 56 78",
      "L-2,Ads,2026-03-05T09:00:00Z,+34612345678",
    ]);

    expect(summary.persons).toEqual({ persons: 1, duplicates: 1 });
  });

  it("stores amounts in the currency's minor units and refuses extra decimals", async () => {
    await importLeads([
      "external_id,source,value,value_currency",
      "L-1,Web,5000,JPY",
    ]);
    const error = await failLeads([
      "external_id,source,value",
      "L-2,Web,49.9999",
    ]);
    const [lead] = await queryRows<{
      value: number;
      currency: string;
      unit: string;
    }>(
      connection.db,
      sql`select value_minor::int as value, value_currency as currency, value_unit::text as unit from leads`,
    );

    expect(lead).toEqual({ value: 5000, currency: "JPY", unit: "total" });
    expect(error.summary.problems[0]?.message).toBe(
      'Leads.csv row 2, column "value": expected an amount in EUR such as 49.90, 49,90 or 1.234,56, got "49.9999"',
    );
  });

  it("keeps two origins' ids apart", async () => {
    await importLeads(["external_id,source", "L-1,Web"]);
    await importLeads(["external_id,source", "L-1,Web"], { origin: "HubSpot" });
    const origins = await queryRows<{ origin: string }>(
      connection.db,
      sql`select origin from leads order by origin`,
    );

    expect(origins.map((row) => row.origin)).toEqual(["csv", "hubspot"]);
  });

  it("lists disposition codes that no mapping knows", async () => {
    const summary = await importLeads([
      "external_id,source,disposition",
      "L-1,Web,Callback",
      "L-2,Web,left voicemail",
      "L-3,Web,left voicemail",
    ]);

    expect(summary.unmappedCodes).toEqual([
      { code: "left voicemail", rows: 2 },
    ]);
  });

  it("refuses an origin for a preset with its own, and a zone that does not exist", async () => {
    const origin = await importFile(connection.db, {
      preset: "x-education",
      fileName: "Leads.csv",
      input: csvFile(["a"]),
      origin: "csv",
    }).catch((caught: unknown) => caught);
    const zone = await importLeads(["external_id,source"], {
      timeZone: "Mars/Base",
    }).catch((caught: unknown) => caught);

    expect(origin).toEqual(
      new AppError(
        "invalid_input",
        "The x-education preset always uses origin x-education.",
      ),
    );
    expect(zone).toEqual(
      new AppError(
        "invalid_input",
        '"Mars/Base" is not an IANA time zone such as Europe/Madrid.',
      ),
    );
  });

  it("rejects an empty file and a quote that never closes", async () => {
    const empty = await importFile(connection.db, {
      preset: "leads",
      fileName: "Leads.csv",
      input: Buffer.from(""),
    }).catch((caught: unknown) => caught);
    const unclosed = await failLeads(["external_id,source", 'L-1,"Web']);

    expect((empty as ImportFailedError).summary.problems[0]?.message).toBe(
      "Leads.csv row 1: the file is empty",
    );
    expect(unclosed.summary.problems[0]?.message).toBe(
      "Leads.csv row 2: the CSV cannot be read: a quoted field is never closed (the file may be cut short)",
    );
  });
});
