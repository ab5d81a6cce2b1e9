import { createHash } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";

export type CsvRow = {
  /** 1-based, as a spreadsheet numbers it: the header is row 1 and empty
   * lines count. */
  row: number;
  fields: string[];
};

/** A CSV the parser could not read past, with the row where it stopped. */
export class MalformedCsvError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

const explanations: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  CSV_INVALID_CLOSING_QUOTE:
    "a closing quote is followed by something other than a comma",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    "a closing quote is followed by something other than a comma",
  CSV_INVALID_OPENING_QUOTE: "a quote appears inside an unquoted field",
};

/**
 * Streams the rows of a CSV file while computing its SHA-256: memory holds
 * one chunk and one row at a time, however long the file. Accepts a UTF-8
 * byte order mark and CRLF or LF line ends; skips empty lines.
 */
export async function* readCsvRows(
  input: NodeJS.ReadableStream | Buffer,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<CsvRow> {
  const source = Buffer.isBuffer(input)
    ? Readable.from([input])
    : (input as NodeJS.ReadableStream);
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const done = pipeline(source, hashing, parser).catch(() => {
    // The parser's own iteration below reports the error.
  });

  try {
    for await (const item of parser as AsyncIterable<{
      record: string[];
      info: { records: number; empty_lines: number };
    }>) {
      yield {
        row: item.info.records + item.info.empty_lines,
        fields: item.record,
      };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const lines = (error as CsvError & { lines?: number }).lines ?? 0;
      const explanation = explanations[error.code] ?? error.code;
      throw new MalformedCsvError(
        lines,
        `the CSV cannot be read: ${explanation}`,
      );
    }
    throw error;
  } finally {
    parser.destroy();
    await done;
  }
}
