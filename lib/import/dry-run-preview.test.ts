import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { importFile } from "./index";
import { csvFile } from "./test-helpers";

describe("the preview of a dry run", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());

  it("shows the first ten records of a 200-row file in file order", async () => {
    const lines = ["external_id,source"];
    for (let index = 1; index <= 200; index += 1) lines.push(`L-${index},Web`);

    const summary = await importFile(connection.db, {
      preset: "leads",
      fileName: "Leads.csv",
      input: csvFile(lines),
      dryRun: true,
    });

    // The header is row 1, so the first ten records are rows 2 to 11,
    // holding L-1 to L-10; sorted as text it would be 10, 100, 101 ...
    expect(summary.rowsRead).toBe(200);
    expect(summary.preview.map((row) => row.row_no)).toEqual([
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
      "11",
    ]);
    expect(summary.preview.map((row) => row.external_id)).toEqual([
      "L-1",
      "L-2",
      "L-3",
      "L-4",
      "L-5",
      "L-6",
      "L-7",
      "L-8",
      "L-9",
      "L-10",
    ]);
  });
});
