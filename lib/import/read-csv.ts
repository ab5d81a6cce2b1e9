import type { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import iconv from "iconv-lite";

export type CsvRow = {
  /** 1-based, as a spreadsheet numbers it: the header is row 1 and empty
   * lines count. */
  row: number;
  fields: string[];
};

export type TextEncoding = "utf-8" | "windows-1252";
export type Delimiter = "," | ";" | "\t";

/** How the file was read, for the summary. */
export type CsvLayout = { encoding: TextEncoding; delimiter: Delimiter };

/** A CSV the parser could not read past, with the row where it stopped. */
export class MalformedCsvError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/** The longest row the reader accepts, in characters. A longer one is
 * nearly always an unclosed quote swallowing the rest of the file. */
export const maxRowCharacters = 1_000_000;

// The encoding and the delimiter are decided on the file's first bytes; a
// stream is not read twice. A Buffer is checked whole for UTF-8.
const sniffBytes = 1 << 20;

const explanations: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED:
    "a quoted field is never closed (the file may be cut short)",
  CSV_INVALID_CLOSING_QUOTE:
    "a closing quote is followed by something other than the delimiter",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    "a closing quote is followed by something other than the delimiter",
  CSV_INVALID_OPENING_QUOTE: "a quote appears inside an unquoted field",
  CSV_MAX_RECORD_SIZE: `a row is longer than ${maxRowCharacters.toLocaleString("en-US")} characters (an unclosed quote, or a field too large for a CSV cell)`,
};

export const delimiterNames: Record<Delimiter, string> = {
  ",": "comma",
  ";": "semicolon",
  "\t": "tab",
};

/**
 * Streams the rows of a CSV file while computing its SHA-256: memory holds
 * one chunk and one row at a time, however long the file. Reads UTF-8 (with
 * or without a byte order mark) or, when the bytes are not valid UTF-8,
 * Windows-1252; the delimiter (comma, semicolon or tab) is the one the
 * header line uses most. CRLF or LF line ends; skips empty lines.
 */
export async function* readCsvRows(
  input: NodeJS.ReadableStream | Buffer,
  hash: ReturnType<typeof createHash>,
  onLayout?: (layout: CsvLayout) => void,
): AsyncGenerator<CsvRow> {
  for await (const rows of readCsvBatches(input, hash, onLayout)) yield* rows;
}

/**
 * The rows of readCsvRows, in batches: every row the parser has read from
 * the chunks that came in so far. For a reader of millions of rows, whose
 * loop over a batch needs no promise per row.
 */
export async function* readCsvBatches(
  input: NodeJS.ReadableStream | Buffer,
  hash: ReturnType<typeof createHash>,
  onLayout?: (layout: CsvLayout) => void,
): AsyncGenerator<CsvRow[]> {
  const chunks = hashChunks(input, hash);
  const head: Buffer[] = [];
  let headSize = 0;
  let ended = false;
  while (headSize < sniffBytes) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headSize += next.value.length;
  }
  const sniff = Buffer.concat(head);
  const layout = detectLayout(
    sniff,
    Buffer.isBuffer(input) ? input : null,
    ended,
  );
  onLayout?.(layout);

  // Rows are counted here rather than with the parser's `info`, which
  // builds an object per record and made parsing three times slower. An
  // empty line comes through as one empty field: counted, not yielded.
  const parser = parse({
    bom: true,
    delimiter: layout.delimiter,
    max_record_size: maxRowCharacters,
    relax_column_count: true,
  });
  const bytes = Readable.from(joinChunks(sniff, ended ? null : chunks));
  const done = pipeline(
    bytes,
    iconv.decodeStream(layout.encoding === "utf-8" ? "utf8" : "win1252"),
    parser,
  ).catch(() => {
    // The parser's own reading below reports the error.
  });

  try {
    let row = 0;
    for await (const records of drain(parser)) {
      const rows: CsvRow[] = [];
      for (const fields of records as string[][]) {
        row += 1;
        if (fields.length === 1 && fields[0] === "") continue;
        rows.push({ row, fields });
      }
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const explanation = explanations[error.code] ?? error.code;
      throw new MalformedCsvError(
        readErrorRow(error),
        `the CSV cannot be read: ${explanation}`,
      );
    }
    throw error;
  } finally {
    parser.destroy();
    await done;
  }
}

// Everything an object-mode stream holds each time it has something: an
// async iterator over the stream would take a promise per record.
async function* drain(stream: Readable): AsyncGenerator<unknown[]> {
  let ended = false;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  const onEnd = () => {
    ended = true;
    signal();
  };
  const onError = (error: unknown) => {
    failure = { error };
    signal();
  };
  stream.on("readable", signal);
  stream.on("end", onEnd);
  stream.on("error", onError);
  try {
    for (;;) {
      const items: unknown[] = [];
      for (let item = stream.read(); item !== null; item = stream.read())
        items.push(item);
      if (items.length > 0) {
        yield items;
        continue;
      }
      // Set while suspended above or by the last read; checked again
      // after every wait, so no event is missed.
      const failed = failure as { error: unknown } | null;
      if (failed) throw failed.error;
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stream.off("readable", signal);
    stream.off("end", onEnd);
    stream.off("error", onError);
  }
}

// The row the parser was reading: where an unclosed quote opened, not the
// end of the file it ran into.
function readErrorRow(error: CsvError): number {
  const context = error as CsvError & {
    records?: number;
    empty_lines?: number;
    lines?: number;
  };
  if (context.records === undefined) return context.lines ?? 0;

  return context.records + (context.empty_lines ?? 0) + 1;
}

async function* hashChunks(
  input: NodeJS.ReadableStream | Buffer,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(input)) {
    hash.update(input);
    for (let start = 0; start < input.length; start += 1 << 16)
      yield input.subarray(start, start + (1 << 16));

    return;
  }
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    hash.update(buffer);
    yield buffer;
  }
}

async function* joinChunks(
  head: Buffer,
  rest: AsyncGenerator<Buffer> | null,
): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  if (rest) yield* rest;
}

/** The encoding and delimiter of a file from its first bytes, or the reason
 * it is no CSV text at all. */
export function detectLayout(
  sniff: Buffer,
  whole: Buffer | null,
  complete: boolean,
): CsvLayout {
  if (
    (sniff[0] === 0xff && sniff[1] === 0xfe) ||
    (sniff[0] === 0xfe && sniff[1] === 0xff)
  ) {
    throw new MalformedCsvError(
      1,
      "the file is UTF-16 text: save it as CSV UTF-8 and import it again",
    );
  }
  const nul = sniff.indexOf(0);
  if (nul >= 0) {
    throw new MalformedCsvError(
      countLines(sniff, nul),
      "the file holds binary data (a NUL byte), not CSV text: " +
        "export the data as CSV and import that file",
    );
  }

  const bytes = whole ?? sniff;
  const check = scanUtf8(bytes, whole !== null || complete);
  if (check.invalidAt !== null && check.multiByte > 0) {
    throw new MalformedCsvError(
      countLines(bytes, check.invalidAt),
      "the file mixes UTF-8 with another encoding from this row on: save " +
        "the whole file as CSV UTF-8 and import it again",
    );
  }
  const encoding = check.invalidAt === null ? "utf-8" : "windows-1252";
  const text = iconv.decode(
    sniff.subarray(0, 1 << 16),
    encoding === "utf-8" ? "utf8" : "win1252",
  );

  return { encoding, delimiter: detectDelimiter(text) };
}

function countLines(bytes: Buffer, end: number): number {
  let lines = 1;
  for (let index = 0; index < end; index += 1)
    if (bytes[index] === 0x0a) lines += 1;

  return lines;
}

/**
 * Where the bytes stop being UTF-8, and how many multi-byte characters came
 * before. Windows-1252 text almost never forms a valid multi-byte UTF-8
 * sequence, so a file with both is a mix, not Windows-1252. A sequence cut
 * by the end of an incomplete sniff is not counted as invalid.
 */
function scanUtf8(
  bytes: Buffer,
  complete: boolean,
): { invalidAt: number | null; multiByte: number } {
  let multiByte = 0;
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (length === 0) return { invalidAt: index, multiByte };
    if (index + length > bytes.length) {
      return { invalidAt: complete ? index : null, multiByte };
    }
    const sequence = bytes.subarray(index, index + length);
    if (!isValidSequence(sequence)) return { invalidAt: index, multiByte };
    multiByte += 1;
    index += length;
  }

  return { invalidAt: null, multiByte };
}

// Continuation bytes, with the narrower second byte that rules out
// overlong forms, surrogates and code points past U+10FFFF.
function isValidSequence(sequence: Buffer): boolean {
  const [lead = 0, second = 0] = sequence;
  const [low, high] =
    lead === 0xe0
      ? [0xa0, 0xbf]
      : lead === 0xed
        ? [0x80, 0x9f]
        : lead === 0xf0
          ? [0x90, 0xbf]
          : lead === 0xf4
            ? [0x80, 0x8f]
            : [0x80, 0xbf];
  if (second < low || second > high) return false;

  return sequence.subarray(2).every((byte) => byte >= 0x80 && byte <= 0xbf);
}

/** The delimiter the header line uses most, outside quotes; a comma when it
 * uses none (a file of one column). */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && (char === "," || char === ";" || char === "\t"))
      counts[char] += 1;
  }
  const best = ["," as const, ";" as const, "\t" as const].reduce(
    (winner, candidate) =>
      counts[candidate] > counts[winner] ? candidate : winner,
  );

  return best;
}
