import { createHash } from "node:crypto";
import type { Database } from "@/lib/db";
import { reasonOf } from "./problems";
import { isUtf8Row, MalformedCsvError, readCsvBatches } from "./read-csv";
import { describeOrder } from "./reading";
import { endPhase, rejectFile, type Run } from "./run";
import {
  analyzeStage,
  createStage,
  insertStagedRows,
  type Stage,
  type StagedRow,
} from "./stage";
import type { CellProblem, RowReader, RowResult, RunContext } from "./types";

// Rows per COPY (or JSON statement on PGlite): a few megabytes of text.
const batchSize = 5_000;
const progressEvery = 1_000;

type Open<R> = (
  first: string[],
  context: RunContext,
) => RowReader<R> | { problems: CellProblem[] };

/**
 * Writes batches to the stage while the next one is read: at most one
 * write is in flight, so PostgreSQL stores a batch while Node parses the
 * next, and memory holds two batches at most. `settle` waits for the last
 * write and reports its failure.
 */
function createStageWriter<R>(db: Database, stage: Stage<R>) {
  let pending: Promise<void> = Promise.resolve();

  return {
    async write(rows: StagedRow<R>[]) {
      await pending;
      pending = insertStagedRows(db, stage, rows);
      // A failure is reported by the next write or by settle, not as an
      // unhandled rejection while the file is still being read.
      pending.catch(() => {});
    },
    settle: () => pending,
  };
}

/** Thrown when the file's dates turned out month-first after rows were read
 * day-first: the caller reads the file again in the settled order. */
export class SecondReadingNeeded extends Error {}

/** Reads the file into the stage table, row by row, in batches. */
export async function stageFile<R>(
  db: Database,
  run: Run,
  open: Open<R>,
  stage: Stage<R>,
  input: NodeJS.ReadableStream | Buffer = run.options.input,
) {
  await createStage(db, stage);
  if (Buffer.isBuffer(input)) run.hash.update(input);
  const hashTarget = Buffer.isBuffer(input) ? createHash("sha256") : run.hash;

  let file: { reader: RowReader<R>; header: string[] } | null = null;
  let batch: StagedRow<R>[] = [];
  const writer = createStageWriter(db, stage);
  try {
    const batches = readCsvBatches(input, hashTarget, (layout) => {
      run.layout = layout;
    });
    for await (const rows of batches) {
      for (const { row, fields } of rows) {
        if (fields.every((field) => field.trim() === "")) continue;
        if (file === null) {
          file = { reader: openFile(run, open, row, fields), header: fields };
          if (run.preset.hasHeader) continue;
        }
        run.rowsRead += 1;
        run.context.reading.row = row;
        const staged = readRow(run, file, row, fields);
        if (staged) batch.push({ row, record: staged });
        if (batch.length >= batchSize) {
          await writer.write(batch);
          batch = [];
        }
        if (run.rowsRead % progressEvery === 0) await reportProgress(run);
      }
    }
  } catch (error) {
    await writer.settle();
    if (!(error instanceof MalformedCsvError)) throw error;
    rejectFile(run, error.row, [{ column: null, reason: error.message }]);
  }
  await writer.settle();
  run.hashComplete = true;
  if (file === null)
    rejectFile(run, 1, [{ column: null, reason: "the file is empty" }]);
  if (run.rowsRead === 0) {
    rejectFile(run, 1, [
      { column: null, reason: "the file has a header but no data rows" },
    ]);
  }
  checkDateOrder(run);
  await writer.write(batch);
  await writer.settle();
  if (run.rowsRead % progressEvery !== 0)
    run.options.onProgress?.(run.rowsRead);
  await analyzeStage(db, stage);
  endPhase(run, "read, convert and write to staging");
}

// A batch of rows is read without waiting for anything: the count is
// handed on, and the event loop turned once, so that it can reach the
// page while the file is still being read rather than with the summary.
async function reportProgress(run: Run) {
  const report = run.options.onProgress;
  if (!report) return;
  report(run.rowsRead);
  await new Promise((resolve) => setImmediate(resolve));
}

function checkDateOrder(run: Run) {
  const { reading } = run.context;
  const first = reading.firstAmbiguous;
  if (reading.isOrderUnsettled() && first) {
    rejectFile(run, first.row, [
      {
        column: first.column,
        reason:
          "expected dates whose order the file settles, but no date has a " +
          "day above 12, so day-first and month-first read differently: " +
          'import again with dateOrder "dmy" (day first) or "mdy" (month ' +
          "first), --date-order on the command line",
        got: first.written,
      },
    ]);
  }
  if (!reading.needsSecondReading()) return;
  const found = reading.dateOrderFound;
  if (Buffer.isBuffer(run.options.input) || run.options.reopen)
    throw new SecondReadingNeeded();
  rejectFile(run, found?.row ?? 1, [
    {
      column: found?.column ?? null,
      reason:
        `this date is ${describeOrder(found?.order ?? "mdy")}, but earlier ` +
        "rows were read before the file settled the order: import again " +
        `with dateOrder "${found?.order ?? "mdy"}"`,
      got: found?.written ?? undefined,
    },
  ]);
}

function openFile<R>(
  run: Run,
  open: Open<R>,
  row: number,
  fields: string[],
): RowReader<R> {
  const opened = open(fields, run.context);
  if ("problems" in opened) rejectFile(run, row, opened.problems);
  if (run.preset.hasHeader) {
    const repeated = findRepeatedNames(fields);
    if (repeated.length > 0) {
      rejectFile(run, row, [
        {
          column: null,
          reason: `expected each column once; named more than once: ${repeated.join(", ")}`,
        },
      ]);
    }
  }

  return opened as RowReader<R>;
}

// `"Email" (columns 3 and 7)`, compared trimmed and lower-cased.
function findRepeatedNames(header: string[]): string[] {
  const positions = new Map<string, number[]>();
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase();
    if (key !== "") positions.set(key, [...(positions.get(key) ?? []), index]);
  });

  return [...positions.values()]
    .filter((indexes) => indexes.length > 1)
    .map(
      (indexes) =>
        `"${header[indexes[0] ?? 0]?.trim()}" (columns ${indexes.map((index) => index + 1).join(" and ")})`,
    );
}

function readRow<R>(
  run: Run,
  file: { reader: RowReader<R>; header: string[] },
  row: number,
  fields: string[],
): R | null {
  const cells = fitTrailingFields(file, fields);
  const result =
    checkRow(run, file.reader, cells) ?? file.reader.readRow(cells);
  if ("skip" in result) {
    run.problems.addSkip(row, result.skip);

    return null;
  }
  if ("problems" in result) {
    run.problems.addProblems(row, result.problems);
    const first = result.problems[0];
    if (run.options.skipInvalid && first)
      run.problems.addSkip(row, reasonOf(first));

    return null;
  }
  if (result.warnings) run.problems.addWarnings(row, result.warnings);

  return result.record;
}

// Spreadsheets write trailing separators unevenly: empty fields past the
// header's last column are dropped, and a row that stops short of columns
// the header leaves unnamed is filled with empty fields.
function fitTrailingFields<R>(
  file: { reader: RowReader<R>; header: string[] },
  fields: string[],
): string[] {
  const count = file.reader.fieldCount;
  if (count === null || fields.length === count) return fields;
  if (fields.length > count) {
    const extra = fields.slice(count);

    return extra.every((field) => field.trim() === "")
      ? fields.slice(0, count)
      : fields;
  }
  const unnamed = file.header
    .slice(fields.length, count)
    .every((name) => name.trim() === "");

  return unnamed
    ? [...fields, ...Array<string>(count - fields.length).fill("")]
    : fields;
}

function checkRow<R>(
  run: Run,
  reader: RowReader<R>,
  fields: string[],
): RowResult<R> | null {
  if (reader.fieldCount !== null && fields.length !== reader.fieldCount) {
    const model = run.preset.hasHeader ? "the header" : "the first row";

    return {
      problems: [
        {
          column: null,
          reason: `expected ${reader.fieldCount} fields, as in ${model}, but the row has ${fields.length}`,
        },
      ],
    };
  }
  if (fields.some((field) => field.includes("\uFFFD"))) {
    return {
      problems: [
        {
          column: null,
          reason:
            "expected UTF-8 text, as the start of the file is: save the file as CSV UTF-8 and import it again",
        },
      ],
    };
  }
  // The encoding of a stream is decided on its start: a row past it that
  // is UTF-8 in a Windows-1252 file is a mix, as one inside it would be.
  if (run.layout?.encoding === "windows-1252" && isUtf8Row(fields)) {
    return {
      problems: [
        {
          column: null,
          reason:
            "expected Windows-1252 text, as the start of the file is, but the row is UTF-8: save the whole file as CSV UTF-8 and import it again",
        },
      ],
    };
  }
  if (fields.some((field) => field.includes("\u0000"))) {
    return {
      problems: [
        {
          column: null,
          reason: "expected text, but the row holds binary data (a NUL byte)",
        },
      ],
    };
  }

  return null;
}
