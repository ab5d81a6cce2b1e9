import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { importFile } from "./index";
import {
  clearImports,
  hasDataFile,
  openDataFile,
  readDataFile,
} from "./test-helpers";

const full = "bank-marketing/bank-full.csv";
const sample = "bank-marketing/bank.csv";
const months = "jan feb mar apr may jun jul aug sep oct nov dec".split(" ");
const header =
  '"age";"job";"marital";"education";"default";"balance";"housing";"loan";"contact";"day";"month";"duration";"campaign";"pdays";"previous";"poutcome";"y"';

function client(day: number, month: string, y: "yes" | "no", age = 40) {
  return `${age};"admin.";"single";"secondary";"no";100;"yes";"no";"cellular";${day};"${month}";120;1;-1;0;"unknown";"${y}"`;
}

// The test's own reading of the file: a row dated before the row above it
// starts the next year.
function countByYearInFile(firstYear: number): Record<number, number> {
  const [, ...rows] = readDataFile(full).trim().split("\n");
  const counts: Record<number, number> = {};
  let year = firstYear;
  let previous = -1;
  for (const row of rows) {
    const fields = row.split(";");
    const day = Number(fields[9]);
    const month = months.indexOf((fields[10] ?? "").replaceAll('"', ""));
    const key = month * 100 + day;
    if (key < previous) year += 1;
    previous = key;
    counts[year] = (counts[year] ?? 0) + 1;
  }

  return counts;
}

async function readDays(connection: Connection) {
  return queryRows<{ created: string | null; converted: string | null }>(
    connection.db,
    sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as created,
      to_char(converted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as converted
    from leads order by created_at, external_id`,
  );
}

describe("the bank-marketing year on hand-made rows", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());
  beforeEach(() => clearImports(connection.db));

  function run(lines: string[], year?: number) {
    return importFile(connection.db, {
      preset: "bank-marketing",
      fileName: "bank.csv",
      input: Buffer.from([header, ...lines, ""].join("\n")),
      timeZone: "Europe/Lisbon",
      year,
    });
  }

  it("dates each lead at the start of its last call's day, the year turning after December", async () => {
    await run(
      [
        client(5, "may", "no"),
        client(27, "dec", "yes"),
        client(28, "jan", "no"),
      ],
      2008,
    );

    expect(await readDays(connection)).toEqual([
      // Midnight in Lisbon: summer time (UTC+1) in May, UTC in winter.
      { created: "2008-05-04T23:00", converted: null },
      // The subscriber converted on the day of that call.
      { created: "2008-12-27T00:00", converted: "2008-12-27T00:00" },
      { created: "2009-01-28T00:00", converted: null },
    ]);
  });

  it("keeps the dates out without a year, as before", async () => {
    await run([client(5, "may", "no")]);

    expect(await readDays(connection)).toEqual([
      { created: null, converted: null },
    ]);
  });

  it("refuses rows out of date order, a day the month lacks, and a bad year", async () => {
    const shuffled = await run(
      [client(19, "oct", "no"), client(11, "may", "no", 41)],
      2008,
    ).catch((error: Error) => error.message);
    const day = await run([client(30, "feb", "no")], 2009).catch(
      (error: Error) => error.message,
    );
    const year = await run([client(5, "may", "no")], 20008).catch(
      (error: Error) => error.message,
    );

    // 11 May of the next year would be 204 days after 19 Oct: no year turn.
    expect(shuffled).toContain(
      'bank.csv row 3, column "month": expected the rows in date order, as in bank-full.csv, to read the year from them; 11 may comes before the row above (19 oct 2008): import this file without a year, got "may"',
    );
    expect(day).toContain(
      'bank.csv row 2, column "day": expected a day of feb 2009, got "30"',
    );
    expect(year).toContain(
      "bank.csv row 1: expected the year of the first row, such as 2008, not 20008",
    );
    expect(await readDays(connection)).toEqual([]);
  });
});

describe.skipIf(!hasDataFile(full))(
  "the bank-marketing year on the real UCI files (skipped when ../shared/data is absent)",
  () => {
    let connection: Connection;
    beforeAll(async () => {
      connection = await createTestConnection();
    });
    afterAll(() => connection.close());

    it("dates bank-full.csv from May 2008 to November 2010, and a second import changes nothing", async () => {
      const options = {
        preset: "bank-marketing" as const,
        fileName: "bank-full.csv",
        timeZone: "Europe/Lisbon",
        year: 2008,
      };
      const first = await importFile(connection.db, {
        ...options,
        input: openDataFile(full),
      });
      const byYear = await queryRows<{ year: number; leads: number }>(
        connection.db,
        sql`select extract(year from created_at at time zone 'Europe/Lisbon')::int as year,
          count(*)::int as leads
        from leads group by 1 order by 1`,
      );
      const days = await readDays(connection);
      const again = await importFile(connection.db, {
        ...options,
        input: openDataFile(full),
      });
      const expected = countByYearInFile(2008);

      expect(first.inserted).toBe(45_211);
      // The file turns from December to January twice: at row 27,731
      // (27 Dec to 28 Jan) and at row 42,593 (31 Dec to 6 Jan).
      expect(Object.keys(expected)).toEqual(["2008", "2009", "2010"]);
      expect(byYear).toEqual(
        Object.entries(expected).map(([year, leads]) => ({
          year: Number(year),
          leads,
        })),
      );
      // Row 2 is 5 May, 00:00 in Lisbon (UTC+1); the last row 17 Nov 2010.
      expect(days[0]?.created).toBe("2008-05-04T23:00");
      expect(days.at(-1)?.created).toBe("2010-11-17T00:00");
      expect(days.filter((day) => day.converted !== null)).toHaveLength(5_289);
      expect([again.inserted, again.updated, again.unchanged]).toEqual([
        0, 0, 45_211,
      ]);
    }, 300_000);

    it.skipIf(!hasDataFile(sample))(
      "refuses a year for the shuffled bank.csv sample, naming its first step back",
      async () => {
        const error = await importFile(connection.db, {
          preset: "bank-marketing",
          fileName: "bank.csv",
          input: openDataFile(sample),
          year: 2008,
        }).catch((caught: Error) => caught.message);

        expect(error).toMatch(
          /^bank\.csv was not imported: [\d,]+ rows are invalid/,
        );
        expect(error).toContain(
          'bank.csv row 3, column "month": expected the rows in date order',
        );
      },
    );
  },
);
