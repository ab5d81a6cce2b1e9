import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { type CsvLayout, MalformedCsvError, readCsvRows } from "./read-csv";

async function readAll(input: Buffer | NodeJS.ReadableStream) {
  const rows: { row: number; fields: string[] }[] = [];
  for await (const row of readCsvRows(input, createHash("sha256")))
    rows.push(row);

  return rows;
}

describe("readCsvRows", () => {
  it("numbers rows as a spreadsheet does: empty lines count, a quoted line break does not", async () => {
    // Row 1 header, row 2 empty, row 3 "a", rows 4-5 empty, row 6 a field
    // with a line break inside quotes (one row), row 7 "c".
    const text = 'id,note\n\n1,a\n\n\n2,"two\nlines"\n3,c\n';
    const rows = await readAll(Buffer.from(text));

    expect(rows).toEqual([
      { row: 1, fields: ["id", "note"] },
      { row: 3, fields: ["1", "a"] },
      { row: 6, fields: ["2", "two\nlines"] },
      { row: 7, fields: ["3", "c"] },
    ]);
  });

  it("numbers a CRLF file the same way", async () => {
    // Header row 1, empty row 2, row 3, empty row 4, rows 5 and 6.
    const text = 'id,note\r\n\r\n1,a\r\n\r\n2,"x\r\ny"\r\n3,c\r\n';
    const rows = await readAll(Buffer.from(text));

    expect(rows.map((row) => row.row)).toEqual([1, 3, 5, 6]);
    expect(rows[2]?.fields).toEqual(["2", "x\r\ny"]);
  });

  it("numbers a streamed file the same way across chunk boundaries", async () => {
    const text =
      "id\n\n" + Array.from({ length: 5000 }, (_, i) => i).join("\n");
    const chunks = text.match(/[\s\S]{1,777}/g) ?? [];
    const rows = await readAll(
      Readable.from(chunks.map((c) => Buffer.from(c))),
    );

    // 5,000 values after the header (row 1) and one empty line (row 2):
    // value 0 is row 3, value 4,999 is row 5,002.
    expect(rows).toHaveLength(5001);
    expect(rows[1]).toEqual({ row: 3, fields: ["0"] });
    expect(rows.at(-1)).toEqual({ row: 5002, fields: ["4999"] });
  });

  it("reads quoted fields: delimiters, doubled quotes, empty and last in the file", async () => {
    const text = 'id,note\n1,"a,b"\n2,"say ""hi"""\n3,""\n4,"x"';
    const rows = await readAll(Buffer.from(text));

    expect(rows.map((row) => row.fields)).toEqual([
      ["id", "note"],
      ["1", "a,b"],
      ["2", 'say "hi"'],
      ["3", ""],
      ["4", "x"],
    ]);
  });

  it("ends rows as the first line ends: CR alone, or LF with a CR kept in the field", async () => {
    expect(
      (await readAll(Buffer.from("id\rA\rB\r"))).map((row) => row.fields),
    ).toEqual([["id"], ["A"], ["B"]]);
    // The first line ends with LF: a later CRLF leaves its CR in the last
    // field, and in a CRLF file a lone LF is part of a field.
    expect(
      (await readAll(Buffer.from("id,n\nA,1\r\nB,2\n"))).map(
        (row) => row.fields,
      ),
    ).toEqual([
      ["id", "n"],
      ["A", "1\r"],
      ["B", "2"],
    ]);
    expect(
      (await readAll(Buffer.from("id,n\r\nA,1\nB,2\r\n"))).map(
        (row) => row.fields,
      ),
    ).toEqual([
      ["id", "n"],
      ["A", "1\nB", "2"],
    ]);
  });

  it("reads a file the same in chunks of any size as whole", async () => {
    const text =
      'id,note\r\n\r\n1,"a\r\nb"\r\n2,"say ""hi"""\r\n3,plain\r\n4,""\r\n';
    const whole = await readAll(Buffer.from(text));
    // Header row 1, an empty row 2, then one row each: the quoted line
    // break does not start a row.
    expect(whole.map((row) => row.row)).toEqual([1, 3, 4, 5, 6]);
    for (const size of [1, 2, 3, 5, 8]) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g")) ?? [];
      const streamed = await readAll(
        Readable.from(chunks.map((chunk) => Buffer.from(chunk))),
      );
      expect(streamed).toEqual(whole);
    }
  });

  it.each([
    {
      text: 'id,note\n1,a"b\n2,c\n',
      row: 2,
      reason: "a quote appears inside an unquoted field",
    },
    {
      text: 'id,note\n1,"a"b\n2,c\n',
      row: 2,
      reason:
        "a closing quote is followed by something other than the delimiter",
    },
    {
      text: 'id,note\n1,"a" \n2,c\n',
      row: 2,
      reason:
        "a closing quote is followed by something other than the delimiter",
    },
    {
      text: `id\n1\n"${"x".repeat(1_000_001)}"\n`,
      row: 3,
      reason:
        "a row is longer than 1,000,000 characters (an unclosed quote, or a field too large for a CSV cell)",
    },
  ])("refuses at row $row: $reason", async ({ text, row, reason }) => {
    const error = await readAll(Buffer.from(text)).catch((caught) => caught);

    expect(error).toBeInstanceOf(MalformedCsvError);
    expect((error as MalformedCsvError).row).toBe(row);
    expect((error as MalformedCsvError).message).toBe(
      `the CSV cannot be read: ${reason}`,
    );
  });

  it("refuses a file that mixes encodings at the first row of the second, whichever comes first", async () => {
    const header = Buffer.from("id,source\n");
    const latin = Buffer.from("W-1,Caf\xe9 Ads\n", "latin1");
    const utf8 = Buffer.from("W-2,Café Ads\n");
    const ascii = Buffer.from("W-0,Web\n");
    const files = [
      { bytes: Buffer.concat([header, latin, ascii, utf8]), row: 4 },
      { bytes: Buffer.concat([header, utf8, ascii, latin]), row: 4 },
      { bytes: Buffer.concat([header, ascii, latin, utf8, latin]), row: 4 },
    ];

    for (const { bytes, row } of files) {
      // Whole, as an upload, and streamed in chunks of five bytes.
      const chunks = Array.from(
        { length: Math.ceil(bytes.length / 5) },
        (_, i) => bytes.subarray(i * 5, i * 5 + 5),
      );
      for (const input of [bytes, Readable.from(chunks)]) {
        const error = await readAll(input).catch((caught) => caught);

        expect(error).toBeInstanceOf(MalformedCsvError);
        expect((error as MalformedCsvError).row).toBe(row);
        expect((error as MalformedCsvError).message).toBe(
          "the file mixes UTF-8 with another encoding from this row on: save the whole file as CSV UTF-8 and import it again",
        );
      }
    }
  });

  it("reads Windows-1252 whose letters happen to form a UTF-8 character beside others that do not", async () => {
    // "Ã©" is C3 A9, a valid UTF-8 "é"; the "é" after it (E9) is not UTF-8.
    const bytes = Buffer.from("id,source\nW-1,Ã© Café\nW-2,Señor\n", "latin1");
    let layout: CsvLayout | null = null;
    const rows: string[][] = [];
    for await (const row of readCsvRows(bytes, createHash("sha256"), (l) => {
      layout = l;
    }))
      rows.push(row.fields);

    expect(layout).toEqual({ encoding: "windows-1252", delimiter: "," });
    expect(rows).toEqual([
      ["id", "source"],
      ["W-1", "Ã© Café"],
      ["W-2", "Señor"],
    ]);
  });

  it("reports an unclosed quote at the row where it opened, empty lines counted", async () => {
    // Header row 1, empty row 2, good row 3, the quote opens on row 4.
    const text = 'id,note\n\n1,a\n2,"never closed\n3,c\n';
    const error = await readAll(Buffer.from(text)).catch((caught) => caught);

    expect(error).toBeInstanceOf(MalformedCsvError);
    expect((error as MalformedCsvError).row).toBe(4);
  });
});
