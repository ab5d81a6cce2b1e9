import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { importFile } from "./index";
import {
  clearImports,
  countRows,
  hasDataFile,
  openDataFile,
} from "./test-helpers";

const full = "bank-marketing/bank-full.csv";
const sample = "bank-marketing/bank.csv";

describe.skipIf(!hasDataFile(full))(
  "the bank-marketing preset on the real UCI files (skipped when ../shared/data is absent)",
  () => {
    let connection: Connection;
    beforeAll(async () => {
      connection = await createTestConnection();
    });
    afterAll(() => connection.close());

    it("imports every client of bank-full.csv as a lead, 5,289 of them converted, and no attempts", async () => {
      const summary = await importFile(connection.db, {
        preset: "bank-marketing",
        fileName: "bank-full.csv",
        input: openDataFile(full),
      });
      const codes = await queryRows<{
        code: string;
        disposition: string;
        leads: number;
      }>(
        connection.db,
        sql`select l.disposition_code as code, d.name as disposition,
          count(*)::int as leads
        from leads l
        join disposition_codes dc on dc.origin = l.origin and dc.code = l.disposition_code
        join dispositions d on d.id = dc.disposition_id
        group by 1, 2 order by 3 desc`,
      );
      const [totals] = await queryRows<{
        leads: number;
        converted: number;
        dated: number;
        sources: string;
      }>(
        connection.db,
        sql`select count(*)::int as leads,
          count(*) filter (where l.converted)::int as converted,
          count(l.created_at)::int as dated,
          string_agg(distinct s.name, ',') as sources
        from leads l join sources s on s.id = l.source_id`,
      );

      expect([summary.rowsRead, summary.inserted]).toEqual([45_211, 45_211]);
      expect(totals).toEqual({
        leads: 45_211,
        converted: 5_289,
        dated: 0,
        sources: "Bank telemarketing",
      });
      expect(codes).toEqual([
        {
          code: "declined on the call",
          disposition: "Not interested",
          leads: 39_919,
        },
        { code: "subscribed", disposition: "Converted", leads: 5_289 },
        { code: "no conversation", disposition: "Call failed", leads: 3 },
      ]);
      expect(await countRows(connection.db, "attempts")).toBe(0);
      expect(summary.lines).toContain(
        "The file gives a day and a month without a year and no time: without a year leads have no creation time; with one, each lead is created at the start of its last call's day. No attempts were stored.",
      );
      expect(summary.lines[1]).toBe("Read as UTF-8 text, semicolon-separated.");
    }, 240_000);

    it.skipIf(!hasDataFile(sample))(
      "changes nothing when the same file is imported again",
      async () => {
        await clearImports(connection.db);
        const first = await importFile(connection.db, {
          preset: "bank-marketing",
          fileName: "bank.csv",
          input: openDataFile(sample),
        });
        const again = await importFile(connection.db, {
          preset: "bank-marketing",
          fileName: "bank.csv",
          input: openDataFile(sample),
        });

        expect([
          first.inserted,
          again.inserted,
          again.updated,
          again.unchanged,
        ]).toEqual([4_521, 0, 0, 4_521]);
      },
    );
  },
);

describe("the bank-marketing preset on hand-made rows", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());

  it("keeps identical rows apart by their ordinal and names a missing column", async () => {
    const header =
      '"age";"job";"marital";"education";"default";"balance";"housing";"loan";"contact";"day";"month";"duration";"campaign";"pdays";"previous";"poutcome";"y"';
    const row =
      '58;"management";"married";"tertiary";"no";2143;"yes";"no";"unknown";5;"may";261;1;-1;0;"unknown";"no"';
    const summary = await importFile(connection.db, {
      preset: "bank-marketing",
      fileName: "bank.csv",
      input: Buffer.from(`${header}\n${row}\n${row}\n`),
    });
    const ids = await queryRows<{ id: string }>(
      connection.db,
      sql`select external_id as id from leads order by external_id`,
    );
    const missing = await importFile(connection.db, {
      preset: "bank-marketing",
      fileName: "bank.csv",
      input: Buffer.from(`${header.replace(';"y"', "")}\n`),
    }).catch((error: { message: string }) => error.message);

    expect(summary.inserted).toBe(2);
    expect(ids.map((item) => item.id.slice(-2))).toEqual(["-1", "-2"]);
    expect(ids[0]?.id.slice(0, 20)).toBe(ids[1]?.id.slice(0, 20));
    expect(missing).toBe(
      'bank.csv was not imported; nothing was written.\nbank.csv row 1: expected the bank marketing file\'s columns; missing "y"',
    );
  });
});
