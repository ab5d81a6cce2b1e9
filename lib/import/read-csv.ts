import type { createHash } from "node:crypto";
import iconv from "iconv-lite";
import { type CsvRecord, type CsvSyntax, CsvParser } from "./csv-parser";

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

const explanations: Record<CsvSyntax, string> = {
  "quote not closed":
    "a quoted field is never closed (the file may be cut short)",
  "text after closing quote":
    "a closing quote is followed by something other than the delimiter",
  "quote in unquoted field": "a quote appears inside an unquoted field",
  "record too long": `a row is longer than ${maxRowCharacters.toLocaleString("en-US")} characters (an unclosed quote, or a field too large for a CSV cell)`,
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
 * header line uses most. CRLF, LF or CR line ends, as the first line
 * ends; skips empty lines.
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

  // Decoded chunk by chunk (a character split between two chunks waits
  // for the second), and parsed as it comes.
  const decoder = iconv.getDecoder(
    layout.encoding === "utf-8" ? "utf8" : "win1252",
  );
  const parser = new CsvParser(layout.delimiter, maxRowCharacters);
  const read = (records: CsvRecord[]): CsvRow[] =>
    // An empty line comes through as one empty field: counted, not kept.
    records.filter(
      (record) => !(record.fields.length === 1 && record.fields[0] === ""),
    );

  const fail = () => {
    const failure = parser.failure;
    if (!failure) return;
    throw new MalformedCsvError(
      failure.row,
      `the CSV cannot be read: ${explanations[failure.syntax]}`,
    );
  };

  try {
    const first = read(parser.push(decoder.write(sniff)));
    if (first.length > 0) yield first;
    fail();
    if (!ended) {
      for await (const chunk of chunks) {
        const rows = read(parser.push(decoder.write(chunk)));
        if (rows.length > 0) yield rows;
        fail();
      }
    }
    const last = read(parser.push(decoder.end() ?? "", true));
    if (last.length > 0) yield last;
    fail();
  } finally {
    // A reader that stops early closes the file it was reading.
    await chunks.return(undefined);
  }
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
  if (check.cutAt !== null && check.multiByte > 0) {
    throw new MalformedCsvError(
      countLines(bytes, check.cutAt),
      "the file ends in the middle of a character: it was cut short; " +
        "export or copy the whole file again and import it again",
    );
  }
  if (check.mixedAt !== null) {
    throw new MalformedCsvError(
      countLines(bytes, check.mixedAt),
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

/** What a scan for UTF-8 found: `invalidAt`, the first byte that is not
 * UTF-8; `cutAt`, a character cut by the end of the whole file (the only
 * such byte); `mixedAt`, where a file of UTF-8 lines and lines that are
 * not UTF-8 turns from one to the other. */
type Utf8Scan = {
  invalidAt: number | null;
  multiByte: number;
  cutAt: number | null;
  mixedAt: number | null;
};

// Where a line's first multi-byte UTF-8 character and first other byte are.
type LineKinds = { utf8At: number | null; otherAt: number | null };

/**
 * Where the bytes stop being UTF-8, and whether the file mixes encodings,
 * judged line by line: a line is UTF-8 when it holds multi-byte UTF-8
 * characters and no byte that is not UTF-8, and Windows-1252 when it holds
 * a byte that is not UTF-8. A file with lines of both kinds is a mix, at the
 * first line of the kind that comes second. Windows-1252 text may form a
 * valid UTF-8 pair by chance (`Ã©`), nearly always beside other accented
 * letters that are not UTF-8: such a line counts as Windows-1252. A sequence
 * cut by the end of an incomplete sniff is not counted as invalid, nor is
 * the line it ends; one cut by the end of the whole file is (`cutAt`).
 */
function scanUtf8(bytes: Buffer, complete: boolean): Utf8Scan {
  const found: Utf8Scan = {
    invalidAt: null,
    multiByte: 0,
    cutAt: null,
    mixedAt: null,
  };
  let firstUtf8Line: number | null = null;
  let firstOtherLine: number | null = null;
  let line: LineKinds = { utf8At: null, otherAt: null };
  const endLine = () => {
    if (line.otherAt !== null) firstOtherLine ??= line.otherAt;
    else if (line.utf8At !== null) firstUtf8Line ??= line.utf8At;
    line = { utf8At: null, otherAt: null };
  };
  const markInvalid = (at: number) => {
    found.invalidAt ??= at;
    line.otherAt ??= at;
  };

  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      if (lead === 0x0a || lead === 0x0d) endLine();
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
    if (length > 0 && index + length > bytes.length) {
      if (!complete) return settle(found, firstUtf8Line, firstOtherLine);
      const rest = bytes.subarray(index);
      if (
        found.invalidAt === null &&
        (rest.length === 1 || isValidSequence(rest))
      )
        found.cutAt = index;
      markInvalid(index);
      break;
    }
    if (length > 0 && isValidSequence(bytes.subarray(index, index + length))) {
      found.multiByte += 1;
      line.utf8At ??= index;
      index += length;
    } else {
      markInvalid(index);
      index += 1;
    }
  }
  // The last line of an incomplete sniff may go on past it.
  if (complete) endLine();

  return settle(found, firstUtf8Line, firstOtherLine);
}

function settle(
  found: Utf8Scan,
  firstUtf8Line: number | null,
  firstOtherLine: number | null,
): Utf8Scan {
  const mixed = firstUtf8Line !== null && firstOtherLine !== null;

  return {
    ...found,
    mixedAt: mixed ? Math.max(firstUtf8Line, firstOtherLine) : null,
  };
}

/** Whether a row read as Windows-1252 was UTF-8 text: its bytes hold
 * multi-byte UTF-8 characters and none that is not UTF-8. The rule the
 * start of a streamed file is judged by, for the rows past it. */
export function isUtf8Row(fields: string[]): boolean {
  if (fields.every((field) => asciiOnly.test(field))) return false;
  const check = scanUtf8(iconv.encode(fields.join(","), "win1252"), true);

  return check.invalidAt === null && check.multiByte > 0;
}

const asciiOnly = /^[\x00-\x7f]*$/;

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
