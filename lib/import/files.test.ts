import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { ImportFailedError, importFile, type ImportOptions } from "./index";
import { clearImports, countRows } from "./test-helpers";

const testdata = path.join(__dirname, "testdata");

function readTestFile(name: string): Buffer {
  return fs.readFileSync(path.join(testdata, name));
}

describe("the files people really have", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());
  beforeEach(() => clearImports(connection.db));

  function importLeads(
    name: string,
    options: Partial<ImportOptions> = {},
    input: ImportOptions["input"] = readTestFile(name),
  ) {
    return importFile(connection.db, {
      preset: "leads",
      fileName: name,
      input,
      ...options,
    });
  }

  async function readLeads() {
    return queryRows<Record<string, unknown>>(
      connection.db,
      sql`select l.external_id, s.name as source, c.name as campaign,
        l.value_minor::int as value, l.created_at::text as created_at,
        l.time_zone
      from leads l join sources s on s.id = l.source_id
      left join campaigns c on c.id = l.campaign_id
      order by l.external_id`,
    );
  }

  it("reads Windows-1252 with semicolons, decimal commas, placeholders and day-first dates", async () => {
    const summary = await importLeads("windows-1252-semicolons.csv", {
      timeZone: "Europe/Madrid",
    });

    expect(await readLeads()).toEqual([
      {
        external_id: "L-1",
        source: "Café & Bär",
        campaign: "Frühling €",
        value: 123456,
        created_at: "2026-03-25 13:30:00+00",
        time_zone: "Europe/Madrid",
      },
      {
        external_id: "L-2",
        source: "Señor",
        campaign: null,
        value: 4990,
        created_at: "2026-04-03 07:05:00+00",
        time_zone: "Europe/Madrid",
      },
      {
        external_id: "L-3",
        source: "Web",
        campaign: null,
        value: null,
        created_at: null,
        time_zone: "Europe/Madrid",
      },
    ]);
    expect(summary.rowsRead).toBe(3);
    expect(summary.lines.slice(1, 3)).toEqual([
      "Read as Windows-1252 (the file is not valid UTF-8) text, semicolon-separated.",
      'Dates such as 03/04/2026 read day-first, as row 2 settles ("25/03/2026 14:30").',
    ]);
  });

  it("reads Windows-1252 whose letters happen to form a UTF-8 character beside others that do not", async () => {
    // "Ã©" is C3 A9, a valid UTF-8 "é", on a row whose "é" (E9) is not.
    const summary = await importLeads(
      "latin.csv",
      {},
      Buffer.from("external_id,source\nW-1,Ã© Café\nW-2,Señor\n", "latin1"),
    );

    expect((await readLeads()).map((lead) => lead.source)).toEqual([
      "Ã© Café",
      "Señor",
    ]);
    expect(summary.layout).toEqual({
      encoding: "windows-1252",
      delimiter: ",",
    });
  });

  it("reads a byte order mark, tabs, CRLF, a quoted line break and lists every clock change", async () => {
    const summary = await importLeads("bom-tabs-crlf.csv");

    expect(await readLeads()).toEqual([
      {
        external_id: "L-1",
        source: "Web",
        campaign: "Two\r\nlines",
        value: null,
        created_at: "2026-03-29 01:30:00+00",
        time_zone: "Europe/Madrid",
      },
      {
        external_id: "L-2",
        source: "Web",
        campaign: null,
        value: null,
        created_at: "2026-10-25 01:30:00+00",
        time_zone: "Etc/GMT-1",
      },
      {
        external_id: "L-3",
        source: "Ads",
        campaign: null,
        value: null,
        created_at: "2026-10-25 00:30:00+00",
        time_zone: "Europe/Madrid",
      },
    ]);
    expect(summary.layout).toEqual({ encoding: "utf-8", delimiter: "\t" });
    expect(summary.clockChanges.map((entry) => entry.row)).toEqual([2, 4]);
    expect(summary.lines.slice(1, 4)).toEqual([
      "Read as UTF-8 text, tab-separated.",
      'Row 2, column "created_at": "2026-03-29 02:30": a clock change skips this time; moved forward by the gap to 2026-03-29T01:30:00.000Z.',
      'Row 4, column "created_at": "2026-10-25 02:30": a clock change repeats this time; read as its first occurrence, 2026-10-25T00:30:00.000Z.',
    ]);
  });

  it("reads a file month-first when a later date settles it, again from the start", async () => {
    const buffered = await importLeads("month-first.csv", { timeZone: "UTC" });
    const firstDates = (await readLeads()).map((lead) => lead.created_at);
    await clearImports(connection.db);
    const streamed = await importLeads(
      "month-first.csv",
      {
        timeZone: "UTC",
        reopen: () => Readable.from([readTestFile("month-first.csv")]),
      },
      Readable.from([readTestFile("month-first.csv")]),
    );
    const secondDates = (await readLeads()).map((lead) => lead.created_at);

    expect(firstDates).toEqual([
      "2026-03-04 09:00:00+00",
      "2026-12-25 16:30:00+00",
    ]);
    expect(secondDates).toEqual(firstDates);
    expect([buffered.rowsRead, streamed.rowsRead]).toEqual([2, 2]);
    expect(buffered.fileSha256).toBe(streamed.fileSha256);
    expect(buffered.dateOrder).toEqual({
      order: "mdy",
      by: "file",
      row: 3,
      column: "created_at",
      written: "12/25/2026 4:30 PM",
    });
  });

  it("names the row that contradicts the order an earlier row settled, after reading again month-first", async () => {
    const lines = Buffer.from(
      "external_id,source,created_at\n" +
        "D-1,Web,03/04/2026 10:00\n" +
        "D-2,Web,04/13/2026 10:00\n" +
        "D-3,Web,13/04/2026 10:00\n",
    );
    const expected = [
      {
        row: 4,
        column: "created_at",
        message:
          'both-orders.csv row 4, column "created_at": expected dates in one order: row 3 has month-first "04/13/2026 10:00", this one reads only day-first, got "13/04/2026 10:00"',
      },
    ];

    for (const input of [lines, Readable.from([lines])]) {
      const error = await importLeads(
        "both-orders.csv",
        { timeZone: "UTC", reopen: () => Readable.from([lines]) },
        input,
      ).catch((caught: unknown) => caught);

      expect((error as ImportFailedError).summary.problems).toEqual(expected);
      expect(await readLeads()).toEqual([]);
    }
  });

  it("asks for the date order when no day is above 12, and follows it when given", async () => {
    const error = await importLeads("ambiguous-dates.csv").catch(
      (caught: unknown) => caught,
    );
    const summary = await importLeads("ambiguous-dates.csv", {
      timeZone: "UTC",
      dateOrder: "mdy",
    });

    expect((error as ImportFailedError).summary.problems).toEqual([
      {
        row: 2,
        column: "created_at",
        message:
          'ambiguous-dates.csv row 2, column "created_at": expected dates whose order the file settles, but no date has a day above 12, so day-first and month-first read differently: import again with dateOrder "dmy" (day first) or "mdy" (month first), --date-order on the command line, got "03/04/2026 09:00"',
      },
    ]);
    expect((await readLeads()).map((lead) => lead.created_at)).toEqual([
      "2026-03-04 09:00:00+00",
      "2026-05-06 10:00:00+00",
    ]);
    expect(summary.lines[2]).toBe(
      "Dates such as 03/04/2026 read month-first, as the import was told.",
    );
  });

  it("refuses a stream whose dates turn month-first when it cannot be read again", async () => {
    const error = await importLeads(
      "month-first.csv",
      {},
      Readable.from([readTestFile("month-first.csv")]),
    ).catch((caught: unknown) => caught);

    expect((error as ImportFailedError).summary.problems[0]?.message).toBe(
      'month-first.csv row 3, column "created_at": this date is month-first, but earlier rows were read before the file settled the order: import again with dateOrder "mdy", got "12/25/2026 4:30 PM"',
    );
  });
});

describe("damaged files", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await importFile(connection.db, {
      preset: "leads",
      fileName: "good.csv",
      input: Buffer.from("external_id,source\nL-0,Web\n"),
    });
  });
  afterAll(() => connection.close());

  async function countState() {
    const [succeeded] = await queryRows<{ count: number }>(
      connection.db,
      sql`select count(*)::int as count from imports where status = 'succeeded'`,
    );

    return {
      leads: await countRows(connection.db, "leads"),
      attempts: await countRows(connection.db, "attempts"),
      succeeded: succeeded?.count ?? 0,
    };
  }

  async function readProblems(
    name: string,
    input: ImportOptions["input"] = readTestFile(name),
    preset: ImportOptions["preset"] = "leads",
  ) {
    const before = await countState();
    const error = await importFile(connection.db, {
      preset,
      fileName: name,
      input,
    }).catch((caught: unknown) => caught);
    if (!(error instanceof ImportFailedError))
      throw new Error(`expected ${name} to be refused`);

    expect(await countState()).toEqual(before);
    expect(before).toEqual({ leads: 1, attempts: 0, succeeded: 1 });

    return error.summary.problems.map((problem) => problem.message);
  }

  it.each([
    [
      "binary.csv",
      "binary.csv row 5: the file holds binary data (a NUL byte), not CSV text: export the data as CSV and import that file",
    ],
    [
      "truncated-quote.csv",
      "truncated-quote.csv row 3: the CSV cannot be read: a quoted field is never closed (the file may be cut short)",
    ],
    [
      "utf16.csv",
      "utf16.csv row 1: the file is UTF-16 text: save it as CSV UTF-8 and import it again",
    ],
    [
      "stray-bytes.csv",
      "stray-bytes.csv row 4: the file mixes UTF-8 with another encoding from this row on: save the whole file as CSV UTF-8 and import it again",
    ],
    [
      "header-only.csv",
      "header-only.csv row 1: the file has a header but no data rows",
    ],
    [
      "duplicated-header.csv",
      'duplicated-header.csv row 1: expected each column once; named more than once: "email"',
    ],
    ["empty.csv", "empty.csv row 1: the file is empty"],
  ])("refuses %s and writes nothing", async (name, message) => {
    expect(await readProblems(name)).toEqual([message]);
  });

  it("refuses a field over a million characters, naming its row", async () => {
    const input = Buffer.from(
      `external_id,source\nL-1,Web\nL-2,"${"x".repeat(1_100_000)}"\n`,
    );

    expect(await readProblems("enormous.csv", input)).toEqual([
      "enormous.csv row 3: the CSV cannot be read: a row is longer than 1,000,000 characters (an unclosed quote, or a field too large for a CSV cell)",
    ]);
  });

  it("says a file cut inside a character was cut short, not mixed", async () => {
    // "Café" then "Müller", the ü cut after its first byte (0xC3 of C3 BC),
    // and once after the first two of a three-byte "€" (E2 82 of E2 82 AC).
    const cut = (tail: number[]) =>
      Buffer.concat([
        Buffer.from("external_id,source\nL-1,Café\nL-2,M"),
        Buffer.from(tail),
      ]);

    for (const tail of [[0xc3], [0xe2, 0x82]]) {
      expect(await readProblems("cut.csv", cut(tail))).toEqual([
        "cut.csv row 3: the file ends in the middle of a character: it was cut short; export or copy the whole file again and import it again",
      ]);
    }
  });

  it("refuses a file whose Windows-1252 rows come before its UTF-8 ones, at the first UTF-8 row", async () => {
    const header = "external_id,source,created_at,time_zone,phone,email\n";
    const input = Buffer.concat([
      Buffer.from(header),
      Buffer.from(
        "W-1,Caf\xe9 Ads,2026-11-10 10:00,Europe/Madrid,,\n",
        "latin1",
      ),
      Buffer.from("W-2,Café Ads,2026-11-10 10:00,Europe/Madrid,,\n"),
    ]);

    expect(await readProblems("mixed.csv", input)).toEqual([
      "mixed.csv row 3: the file mixes UTF-8 with another encoding from this row on: save the whole file as CSV UTF-8 and import it again",
    ]);
  });

  it("refuses a UTF-8 row past the first megabyte of a streamed Windows-1252 file", async () => {
    // 2,600 rows of 400 characters after a Windows-1252 row 2: the first
    // megabyte decides the encoding, and row 2,603 is UTF-8.
    const filler = Array.from(
      { length: 2_600 },
      (_, i) => `F-${i},Web,${"x".repeat(400)}\n`,
    ).join("");
    const input = Buffer.concat([
      Buffer.from("external_id,source,campaign\n"),
      Buffer.from("W-1,Caf\xe9 Ads,\n", "latin1"),
      Buffer.from(filler),
      Buffer.from("W-2,Café Ads,\n"),
    ]);

    const chunks = Array.from(
      { length: Math.ceil(input.length / 65_536) },
      (_, i) => input.subarray(i * 65_536, (i + 1) * 65_536),
    );

    expect(await readProblems("mixed.csv", Readable.from(chunks))).toEqual([
      "mixed.csv row 2603: expected Windows-1252 text, as the start of the file is, but the row is UTF-8: save the whole file as CSV UTF-8 and import it again",
    ]);
  });

  it("refuses a column named twice in a preset with fixed columns", async () => {
    const header =
      "Lead Number,Lead Origin,Lead Source,Do Not Email,Do Not Call,Converted,Last Activity,Tags,Tags";

    expect(
      await readProblems(
        "Leads.csv",
        Buffer.from(`${header}\n1,API,Google,No,No,0,,,\n`),
        "x-education",
      ),
    ).toEqual([
      'Leads.csv row 1: expected each column once; named more than once: "Tags" (columns 8 and 9)',
    ]);
  });
});

describe("a dry run", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());

  it("reports what an import would do and its first records, and writes nothing", async () => {
    const summary = await importFile(connection.db, {
      preset: "leads",
      fileName: "Leads.csv",
      input: Buffer.from(
        "external_id;source;value\nL-1;Web;1.234,56\nL-2;Ads;N/A\n",
      ),
      dryRun: true,
    });
    const failed = await importFile(connection.db, {
      preset: "leads",
      fileName: "Leads.csv",
      input: Buffer.from("external_id,source,created_at\nL-1,Web,soon\n"),
      dryRun: true,
    }).catch((caught: unknown) => caught);

    expect([summary.dryRun, summary.inserted, summary.rowsRead]).toEqual([
      true,
      2,
      2,
    ]);
    expect(summary.lines).toContain(
      "Checked only: nothing was written. Importing would give:",
    );
    expect(
      summary.preview.map((row) => [
        row.row_no,
        row.external_id,
        row.value_minor,
      ]),
    ).toEqual([
      ["2", "L-1", "123456"],
      ["3", "L-2", null],
    ]);
    expect((failed as ImportFailedError).summary.problemCount).toBe(1);
    expect([
      await countRows(connection.db, "leads"),
      await countRows(connection.db, "imports"),
      await countRows(connection.db, "sources"),
    ]).toEqual([0, 0, 0]);
  });
});
