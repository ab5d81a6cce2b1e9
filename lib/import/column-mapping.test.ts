import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import {
  checkColumnMapping,
  parseColumnMapping,
  suggestColumnMapping,
} from "./column-mapping";
import { ImportFailedError, importFile } from "./index";
import { previewFile } from "./preview-file";
import { clearImports, csvFile } from "./test-helpers";

const header = [
  "Lead ID",
  "Where from",
  "Signed up",
  "Zone",
  "Mobile",
  "Comment",
];
const file = csvFile([
  header.join(","),
  "L-1,Web,2026-03-01 09:30,,612 345 678,hello",
  "L-2,Fair,2026-07-15 18:05,America/New_York,+34 612 345 679,",
  "L-3,Web,yesterday,,612345680,x",
]);
const mapping = [
  "external_id",
  "source",
  "created_at",
  "time_zone",
  "phone",
  null,
];
const context = {
  origin: "csv",
  timeZone: "Europe/Madrid",
  defaultCountry: "ES",
  reportCurrency: "EUR",
};

describe("suggesting a column mapping", () => {
  it("recognises field names in any case, with spaces or dashes, each once", () => {
    expect(
      suggestColumnMapping(
        ["External ID", "source", "Created-At", "created_at", "Mobile"],
        "leads",
      ),
    ).toEqual(["external_id", "source", "created_at", null, null]);
  });
});

describe("checking a column mapping", () => {
  it("accepts one known field per column, each once, with the required ones", () => {
    expect(checkColumnMapping(header, mapping, "leads")).toEqual([]);
  });

  it("names the column whose field the preset does not know", () => {
    const wrong = ["external_id", "source", "signup", null, null, null];

    expect(checkColumnMapping(header, wrong, "leads")).toEqual([
      {
        column: "Signed up",
        reason: expect.stringContaining(
          'or none, but the mapping names "signup"',
        ),
      },
    ]);
  });

  it("refuses a field mapped from two columns, naming both", () => {
    const twice = [
      "external_id",
      "source",
      "created_at",
      null,
      "created_at",
      null,
    ];

    expect(checkColumnMapping(header, twice, "leads")).toEqual([
      {
        column: null,
        reason:
          'expected each field mapped once; "created_at" is mapped from "Signed up" and "Mobile"',
      },
    ]);
  });

  it("asks for the required fields nobody mapped", () => {
    expect(
      checkColumnMapping(
        header,
        [null, null, "created_at", null, null, null],
        "leads",
      ),
    ).toEqual([
      {
        column: null,
        reason:
          'expected a column mapped to the required fields "external_id" and "source"',
      },
    ]);
    expect(
      checkColumnMapping(
        ["id", "lead", "when"],
        ["external_id", "lead_external_id", null],
        "attempts",
      ),
    ).toEqual([
      {
        column: null,
        reason: 'expected a column mapped to the required field "started_at"',
      },
    ]);
  });

  it("refuses a mapping that does not cover the file's columns one for one", () => {
    expect(
      checkColumnMapping(header, ["external_id", "source"], "leads"),
    ).toEqual([
      {
        column: null,
        reason:
          "expected a column mapping with one entry per column of the file (6), got 2",
      },
    ]);
  });

  it("reads a mapping sent as JSON, an empty name meaning no field", () => {
    expect(parseColumnMapping('["external_id", "", null, " source "]')).toEqual(
      ["external_id", null, null, "source"],
    );
    expect(parseColumnMapping('{"a": 1}')).toBe(
      "The column mapping is a JSON array with a field name or null for each column.",
    );
    expect(parseColumnMapping("[")).toBe(
      "The column mapping is not valid JSON.",
    );
  });
});

describe("previewing a file with a mapping", () => {
  it("shows the first rows as the import reads them: zones, phones, the failing cell", async () => {
    const preview = await previewFile(file, "leads", context, mapping);

    expect(preview.problems).toEqual([]);
    expect(preview.rows).toEqual([
      {
        row: 2,
        note: null,
        cells: [
          { value: "L-1", problem: null },
          { value: "Web", problem: null },
          // No zone in the row: the lead is in the run's zone, Madrid.
          { value: "2026-03-01 09:30 Europe/Madrid", problem: null },
          { value: "Europe/Madrid", problem: null },
          // A Spanish number written nationally, in E.164.
          { value: "+34612345678", problem: null },
          { value: null, problem: null },
        ],
      },
      {
        row: 3,
        note: null,
        cells: [
          { value: "L-2", problem: null },
          { value: "Fair", problem: null },
          { value: "2026-07-15 18:05 America/New_York", problem: null },
          { value: "America/New_York", problem: null },
          { value: "+34612345679", problem: null },
          { value: null, problem: null },
        ],
      },
      {
        row: 4,
        note: null,
        cells: [
          { value: "L-3", problem: null },
          { value: "Web", problem: null },
          {
            value: "yesterday",
            problem: expect.stringMatching(/^expected /),
          },
          { value: null, problem: null },
          { value: "612345680", problem: null },
          { value: "x", problem: null },
        ],
      },
    ]);
  });

  it("pre-fills what it recognises and says what the mapping lacks", async () => {
    const preview = await previewFile(file, "leads", context);

    // "Lead ID" reads as lead_id and "Where from" as where_from: no lead
    // field has those names, so nothing is recognised.
    expect(preview.mapping).toEqual([null, null, null, null, null, null]);
    expect(preview.problems).toEqual([
      'expected a column mapped to the required fields "external_id" and "source"',
    ]);
    expect(preview.rows).toEqual([]);
  });
});

describe("importing with a column mapping", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());
  beforeEach(() => clearImports(connection.db));

  const good = csvFile([
    header.join(","),
    "L-1,Web,2026-03-01 09:30,,612 345 678,hello",
    "L-2,Fair,2026-07-15 18:05,America/New_York,+34 612 345 679,",
  ]);

  async function readLeads() {
    return queryRows(
      connection.db,
      sql`select l.external_id as id, s.name as source, l.time_zone as zone,
        to_char(l.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as created,
        l.phone_e164 as phone
      from leads l join sources s on s.id = l.source_id order by l.external_id`,
    );
  }

  it("stores the mapped columns and leaves the unmapped one out", async () => {
    const summary = await importFile(connection.db, {
      preset: "leads",
      fileName: "signups.csv",
      input: good,
      timeZone: "Europe/Madrid",
      columnMapping: mapping,
    });

    expect(summary).toMatchObject({ status: "succeeded", inserted: 2 });
    expect(await readLeads()).toEqual([
      // 09:30 in Madrid in March (UTC+1) is 08:30 UTC.
      {
        id: "L-1",
        source: "Web",
        zone: "Europe/Madrid",
        created: "2026-03-01T08:30",
        phone: "+34612345678",
      },
      // 18:05 in New York in July (UTC-4) is 22:05 UTC.
      {
        id: "L-2",
        source: "Fair",
        zone: "America/New_York",
        created: "2026-07-15T22:05",
        phone: "+34612345679",
      },
    ]);

    const again = await importFile(connection.db, {
      preset: "leads",
      fileName: "signups.csv",
      input: good,
      timeZone: "Europe/Madrid",
      columnMapping: mapping,
    });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it("rejects a bad mapping with the file's name and writes nothing", async () => {
    const error = await importFile(connection.db, {
      preset: "leads",
      fileName: "signups.csv",
      input: good,
      columnMapping: [
        "external_id",
        "source",
        "created_at",
        "created_at",
        null,
        null,
      ],
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ImportFailedError);
    expect((error as Error).message).toBe(
      "signups.csv was not imported; nothing was written.\n" +
        'signups.csv row 1: expected each field mapped once; "created_at" is mapped from "Signed up" and "Zone"',
    );
    expect(await readLeads()).toEqual([]);
  });

  it("rejects the same file without a mapping, naming its unknown columns", async () => {
    const error = await importFile(connection.db, {
      preset: "leads",
      fileName: "signups.csv",
      input: good,
    }).catch((caught: unknown) => caught);

    expect((error as Error).message).toContain(
      'unknown: "lead id", "where from", "signed up", "zone", "mobile" and "comment"',
    );
  });
});
