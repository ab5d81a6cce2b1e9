import { createHash } from "node:crypto";
import type { Database } from "@/lib/db";
import { createLogger } from "@/lib/log";
import { reasonOf } from "./problems";
import { MalformedCsvError, readCsvRows } from "./read-csv";
import { rejectFile, type Run } from "./run";
import {
  createStage,
  insertStagedRows,
  type Stage,
  type StagedRow,
} from "./stage";
import type { CellProblem, RowReader, RowResult, RunContext } from "./types";

const log = createLogger("import");

const batchSize = 1_000;
const progressEvery = 1_000;

/** Reads the file into the stage table, row by row, in batches. */
export async function stageFile<R>(
  db: Database,
  run: Run,
  open: (
    first: string[],
    context: RunContext,
  ) => RowReader<R> | { problems: CellProblem[] },
  stage: Stage<R>,
) {
  await createStage(db, stage);
  const input = run.options.input;
  if (Buffer.isBuffer(input)) run.hash.update(input);
  const hashTarget = Buffer.isBuffer(input) ? createHash("sha256") : run.hash;

  let reader: RowReader<R> | null = null;
  let batch: StagedRow<R>[] = [];
  try {
    for await (const { row, fields } of readCsvRows(input, hashTarget)) {
      if (fields.every((field) => field.trim() === "")) continue;
      if (reader === null) {
        reader = openFile(run, open, row, fields);
        if (run.preset.hasHeader) continue;
      }
      run.rowsRead += 1;
      const staged = readRow(run, reader, row, fields);
      if (staged) batch.push({ row, record: staged });
      if (batch.length >= batchSize) {
        await insertStagedRows(db, stage, batch);
        batch = [];
      }
      if (run.rowsRead % progressEvery === 0)
        run.options.onProgress?.(run.rowsRead);
    }
  } catch (error) {
    if (!(error instanceof MalformedCsvError)) throw error;
    rejectFile(run, error.row, [{ column: null, reason: error.message }]);
  }
  run.hashComplete = true;
  if (reader === null)
    rejectFile(run, 1, [{ column: null, reason: "the file is empty" }]);
  await insertStagedRows(db, stage, batch);
  if (run.rowsRead % progressEvery !== 0)
    run.options.onProgress?.(run.rowsRead);
  log.debug("rows staged", {
    rows: run.rowsRead,
    ms: Date.now() - run.started,
  });
}

function openFile<R>(
  run: Run,
  open: (
    first: string[],
    context: RunContext,
  ) => RowReader<R> | { problems: CellProblem[] },
  row: number,
  fields: string[],
): RowReader<R> {
  const opened = open(fields, run.context);
  if ("problems" in opened) rejectFile(run, row, opened.problems);

  return opened as RowReader<R>;
}

function readRow<R>(
  run: Run,
  reader: RowReader<R>,
  row: number,
  fields: string[],
): R | null {
  const result = checkRow(run, reader, fields) ?? reader.readRow(fields);
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
            "expected UTF-8 text: save the file as CSV UTF-8 and import it again",
        },
      ],
    };
  }

  return null;
}
