import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { importFile } from "./index";
import {
  countRows,
  hasDataFile,
  openDataFile,
  readDataFile,
  splitCsv,
} from "./test-helpers";
import type { ImportSummary } from "./types";

const file = "x-education-leads/Leads.csv";

type SourceCount = { source: string; leads: number; converted: number };

// Expected figures straight from the file, with a parser of the test's own.
function countBySourceInFile(): SourceCount[] {
  const [header, ...rows] = splitCsv(readDataFile(file));
  const source = header?.indexOf("Lead Source") ?? -1;
  const converted = header?.indexOf("Converted") ?? -1;
  const counts = new Map<string, SourceCount>();
  for (const row of rows) {
    const name = (row[source] ?? "").trim().toLowerCase() || "unknown";
    const entry = counts.get(name) ?? { source: name, leads: 0, converted: 0 };
    entry.leads += 1;
    if (row[converted] === "1") entry.converted += 1;
    counts.set(name, entry);
  }

  return [...counts.values()].sort((a, b) => a.source.localeCompare(b.source));
}

describe.skipIf(!hasDataFile(file))(
  "the x-education preset on the real Leads.csv (skipped when ../shared/data is absent)",
  () => {
    let connection: Connection;
    let first: ImportSummary;
    beforeAll(async () => {
      connection = await createTestConnection();
      first = await importFile(connection.db, {
        preset: "x-education",
        fileName: "Leads.csv",
        input: openDataFile(file),
      });
    });
    afterAll(() => connection.close());

    it("reads all 9,240 leads through CRLF line ends and the trailing empty column", async () => {
      expect(first.status).toBe("succeeded");
      expect(first.rowsRead).toBe(9240);
      expect(first.inserted).toBe(9240);
      expect(first.skipped).toBe(0);
      expect(first.problemCount).toBe(0);
      expect(await countRows(connection.db, "leads")).toBe(9240);
    });

    it("matches the file's leads and conversions per source, Google and google as one", async () => {
      const stored = await queryRows<SourceCount>(
        connection.db,
        sql`select lower(s.name) as source, count(*)::int as leads,
          (count(*) filter (where l.converted))::int as converted
        from leads l join sources s on s.id = l.source_id
        group by lower(s.name)`,
      );
      const expected = countBySourceInFile();

      expect(stored.sort((a, b) => a.source.localeCompare(b.source))).toEqual(
        expected,
      );
      expect(expected.find((entry) => entry.source === "google")?.leads).toBe(
        2873,
      );
      expect(expected.find((entry) => entry.source === "unknown")?.leads).toBe(
        36,
      );
    });

    it("names a source by its first spelling and files empty ones under Unknown", async () => {
      const names = await queryRows<{ name: string }>(
        connection.db,
        sql`select name from sources where lower(name) in ('google', 'unknown') order by name`,
      );

      expect(names.map((row) => row.name)).toEqual(["Google", "Unknown"]);
    });

    it("keeps opt-outs as refused consent and leaves the other channels unknown", async () => {
      const [consent] = await queryRows<Record<string, number>>(
        connection.db,
        sql`select
          (count(*) filter (where consent_email = false))::int as "emailRefused",
          (count(*) filter (where consent_email = true))::int as "emailGiven",
          (count(*) filter (where consent_call = false))::int as "callRefused",
          (count(*) filter (where consent_sms is null and consent_whatsapp is null))::int as "messagingUnknown",
          (count(*) filter (where created_at is null))::int as "withoutCreation",
          (count(*) filter (where time_zone = 'Europe/Madrid'))::int as "inOrganisationZone"
        from leads`,
      );

      expect(consent).toEqual({
        emailRefused: 734,
        emailGiven: 8506,
        callRefused: 2,
        messagingUnknown: 9240,
        withoutCreation: 9240,
        inOrganisationZone: 9240,
      });
    });

    it("keeps the tag as the raw disposition code, else the last activity, and maps every code", async () => {
      const codes = await queryRows<{ code: string | null; leads: number }>(
        connection.db,
        sql`select disposition_code as code, count(*)::int as leads from leads
        where disposition_code in ('Ringing', 'Interested  in full time MBA',
          'last activity: Email Opened', 'last activity: Unreachable')
          or disposition_code is null
        group by disposition_code order by disposition_code nulls first`,
      );
      const [header, ...rows] = splitCsv(readDataFile(file));
      const tags = header?.indexOf("Tags") ?? -1;
      const activity = header?.indexOf("Last Activity") ?? -1;
      const neither = rows.filter((row) => !row[tags] && !row[activity]).length;

      expect(first.unmappedCodes).toEqual([]);
      expect(codes).toEqual([
        { code: null, leads: neither },
        { code: "Interested  in full time MBA", leads: 117 },
        { code: "Ringing", leads: 1203 },
        {
          code: "last activity: Email Opened",
          leads: rows.filter(
            (row) => !row[tags] && row[activity] === "Email Opened",
          ).length,
        },
        {
          code: "last activity: Unreachable",
          leads: rows.filter(
            (row) => !row[tags] && row[activity] === "Unreachable",
          ).length,
        },
      ]);
    });

    it("classifies tags through the mapping: Will revert is a contact with a callback", async () => {
      const flags = await queryRows<{
        code: string;
        contact: boolean;
        callback: boolean;
        converted: boolean;
        invalid: boolean;
      }>(
        connection.db,
        sql`select l.disposition_code as code, d.contact, d.callback,
          d.converted, d.invalid_contact as invalid
        from (select distinct disposition_code from leads) l
        join disposition_codes dc on dc.origin = 'x-education'
          and dc.code = lower(trim(l.disposition_code))
        join dispositions d on d.id = dc.disposition_id
        where l.disposition_code in ('Will revert after reading the email',
          'Closed by Horizzon', 'invalid number', 'last activity: Email Bounced')
        order by l.disposition_code`,
      );

      expect(flags).toEqual([
        {
          code: "Closed by Horizzon",
          contact: true,
          callback: false,
          converted: false,
          invalid: false,
        },
        {
          code: "Will revert after reading the email",
          contact: true,
          callback: true,
          converted: false,
          invalid: false,
        },
        {
          code: "invalid number",
          contact: false,
          callback: false,
          converted: false,
          invalid: true,
        },
        {
          code: "last activity: Email Bounced",
          contact: false,
          callback: false,
          converted: false,
          invalid: true,
        },
      ]);
    });

    it("changes nothing when the same file is imported again", async () => {
      const before = await queryRows<{ latest: string }>(
        connection.db,
        sql`select max(updated_at)::text as latest from leads`,
      );

      const second = await importFile(connection.db, {
        preset: "x-education",
        fileName: "Leads.csv",
        input: openDataFile(file),
      });

      expect([second.inserted, second.updated, second.unchanged]).toEqual([
        0, 0, 9240,
      ]);
      expect(second.sourcesCreated).toEqual([]);
      expect(second.fileSha256).toBe(
        "4031a25430787dc4ec47bac0a3acb3a9140772b101ca1979e2f7aae806475ee8",
      );
      expect(await countRows(connection.db, "leads")).toBe(9240);
      expect(await countRows(connection.db, "sources")).toBe(21);
      expect(
        await queryRows<{ latest: string }>(
          connection.db,
          sql`select max(updated_at)::text as latest from leads`,
        ),
      ).toEqual(before);
    });

    it("records each run with its counts and the import that inserted each lead", async () => {
      const runs = await queryRows<Record<string, unknown>>(
        connection.db,
        sql`select i.id::int as id, i.status::text as status, i.rows_read as "rowsRead",
          i.inserted, i.unchanged,
          (select count(*)::int from leads l where l.import_id = i.id) as leads
        from imports i order by i.id`,
      );

      expect(runs).toEqual([
        {
          id: first.importId,
          status: "succeeded",
          rowsRead: 9240,
          inserted: 9240,
          unchanged: 0,
          leads: 9240,
        },
        {
          id: first.importId + 1,
          status: "succeeded",
          rowsRead: 9240,
          inserted: 0,
          unchanged: 9240,
          leads: 0,
        },
      ]);
    });
  },
);
