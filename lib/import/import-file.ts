import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { imports } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import { regroupPersons } from "@/lib/persons/regroup-persons";
import { getSettings } from "@/lib/settings";
import {
  ensureDefaultDispositions,
  ensureDispositionCodes,
} from "./dispositions";
import {
  deleteRowsWithoutLead,
  findRowsWithoutLead,
  mergeAttempts,
  resolveAttemptLeads,
  resolveAttemptNames,
} from "./merge-attempts";
import { mergeLeads } from "./merge-leads";
import { getPreset, isPresetName, type PresetName } from "./presets";
import { reasonOf, RunProblems } from "./problems";
import { MalformedCsvError, readCsvRows } from "./read-csv";
import {
  attemptStage,
  createStage,
  findRepeatedIds,
  findUnmappedCodes,
  insertStagedRows,
  leadStage,
  type Stage,
  type StagedRow,
} from "./stage";
import { describeFailure, describeSummary } from "./summary";
import type {
  CellProblem,
  ImportSummary,
  Preset,
  RowReader,
  RowResult,
  RunContext,
} from "./types";
import { isTimeZone } from "./values";

const log = createLogger("import");

const batchSize = 1_000;
const progressEvery = 1_000;

export type ImportOptions = {
  preset: PresetName;
  fileName: string;
  input: NodeJS.ReadableStream | Buffer;
  /** The system the records come from; only the generic presets take one. */
  origin?: string;
  /** IANA zone for local timestamps; default the organisation's zone. */
  timeZone?: string;
  /** Import the valid rows and report the others, instead of failing. */
  skipInvalid?: boolean;
  userId?: number;
  onProgress?: (rowsRead: number) => void;
};

/** A rejected import. Its message is the readable problem list; `summary`
 * carries the same problems with row and column, for a page to show. */
export class ImportFailedError extends AppError {
  constructor(readonly summary: ImportSummary) {
    super("invalid_input", describeFailure(summary));
    this.name = "ImportFailedError";
  }
}

// Thrown inside the transaction to roll it back when rows are invalid.
class RejectedRun extends Error {}

type Run = {
  importId: number;
  preset: Preset;
  options: ImportOptions;
  context: RunContext;
  problems: RunProblems;
  hash: ReturnType<typeof createHash>;
  rowsRead: number;
  hashComplete: boolean;
  started: number;
};

type Outcome = Pick<
  ImportSummary,
  | "inserted"
  | "updated"
  | "unchanged"
  | "repeatedIds"
  | "repeatedIdCount"
  | "leadsCreated"
  | "sourcesCreated"
  | "unmappedCodes"
  | "persons"
>;

/**
 * Imports one CSV file through one preset, as one transaction: either every
 * valid row is written or nothing is. By default a single invalid row
 * rejects the file; with `skipInvalid` the valid rows go in and the others
 * are reported. Importing the same file again changes nothing. Every run,
 * failed or not, is recorded in the imports table.
 */
export async function importFile(
  db: Database,
  options: ImportOptions,
): Promise<ImportSummary> {
  const preset = readPreset(options.preset);
  const settings = await getSettings(db);
  const context: RunContext = {
    origin: readOrigin(preset, options.origin),
    timeZone: readTimeZone(options.timeZone, settings.organisationTimezone),
    defaultCountry: settings.defaultCountry,
    reportCurrency: settings.reportCurrency,
  };

  const [record] = await db
    .insert(imports)
    .values({
      preset: preset.name,
      fileName: options.fileName,
      fileSha256: "",
      userId: options.userId,
    })
    .returning({ id: imports.id });
  if (!record) throw new Error("imports insert returned no row");
  const run: Run = {
    importId: record.id,
    preset,
    options,
    context,
    problems: new RunProblems(options.fileName),
    hash: createHash("sha256"),
    rowsRead: 0,
    hashComplete: false,
    started: Date.now(),
  };
  log.info("import started", { importId: run.importId, preset: preset.name });

  try {
    const outcome = await db.transaction(async (tx) => {
      const result = await writeRun(tx, run);
      await recordRun(tx, run, "succeeded", result);

      return result;
    });
    const summary = buildSummary(run, "succeeded", outcome);
    log.info("import finished", {
      importId: run.importId,
      rows: run.rowsRead,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      skipped: summary.skipped,
      ms: summary.durationMs,
    });

    return summary;
  } catch (error) {
    if (!(error instanceof RejectedRun)) {
      await recordRun(db, run, "failed", null).catch(() => {});
      log.error("import failed", { importId: run.importId });
      throw error;
    }
    await recordRun(db, run, "failed", null);
    log.info("import rejected", {
      importId: run.importId,
      problems: run.problems.problemCount,
    });
    throw new ImportFailedError(buildSummary(run, "failed", null));
  }
}

function readPreset(name: string): Preset {
  if (!isPresetName(name)) {
    throw new AppError("invalid_input", `There is no import preset "${name}".`);
  }

  return getPreset(name);
}

function readOrigin(preset: Preset, origin: string | undefined): string {
  const wanted = origin?.trim().toLowerCase();
  if (preset.origin !== null) {
    if (wanted && wanted !== preset.origin) {
      throw new AppError(
        "invalid_input",
        `The ${preset.name} preset always uses origin ${preset.origin}.`,
      );
    }

    return preset.origin;
  }
  const chosen = wanted || "csv";
  if (!/^[a-z0-9][a-z0-9._-]{0,59}$/.test(chosen)) {
    throw new AppError(
      "invalid_input",
      "An origin is a short name of letters, digits, dots, dashes and " +
        "underscores, such as hubspot or dialer-2.",
    );
  }

  return chosen;
}

function readTimeZone(wanted: string | undefined, fallback: string): string {
  const zone = wanted?.trim() || fallback;
  if (!isTimeZone(zone)) {
    throw new AppError(
      "invalid_input",
      `"${zone}" is not an IANA time zone such as Europe/Madrid.`,
    );
  }

  return zone;
}

async function writeRun(db: Database, run: Run): Promise<Outcome> {
  await ensureDefaultDispositions(db);
  if (run.preset.origin === null) {
    await ensureDispositionCodes(
      db,
      run.context.origin,
      run.preset.dispositionCodes,
    );
  }

  if (run.preset.records === "leads") {
    await stageFile(db, run, run.preset.open, leadStage);

    return finishLeads(db, run);
  }
  await stageFile(db, run, run.preset.open, attemptStage);

  return finishAttempts(db, run);
}

async function finishLeads(db: Database, run: Run): Promise<Outcome> {
  rejectWhenInvalid(run);
  const repeats = await findRepeatedIds(db, leadStage);
  const merged = await mergeLeads(db, run.context.origin, run.importId);
  log.debug("leads merged", { ms: Date.now() - run.started });
  const persons = await regroupPersons(db);

  return {
    ...merged,
    ...repeats,
    leadsCreated: 0,
    persons,
    unmappedCodes: await findUnmappedCodes(db, leadStage, run.context.origin),
  };
}

async function finishAttempts(db: Database, run: Run): Promise<Outcome> {
  const { origin, timeZone } = run.context;
  const leadsCreated = await resolveAttemptLeads(db, {
    origin,
    importId: run.importId,
    timeZone,
  });
  const missing = await findRowsWithoutLead(db);
  if (missing.count > 0) {
    const reason = `expected the external id of a lead of origin ${origin} already imported`;
    run.problems.addFoundProblems(
      missing.rows.map(({ row, leadRef }) => ({
        row,
        problem: { column: "lead_external_id", reason, got: leadRef },
      })),
      missing.count,
    );
    if (run.options.skipInvalid) {
      run.problems.addSkips(
        `column "lead_external_id": ${reason}`,
        missing.count,
        missing.rows.map(({ row }) => row),
      );
      await deleteRowsWithoutLead(db);
    }
  }
  rejectWhenInvalid(run);

  await resolveAttemptNames(db);
  const repeats = await findRepeatedIds(db, attemptStage);
  const merged = await mergeAttempts(db, origin, run.importId);
  log.debug("attempts merged", { ms: Date.now() - run.started });
  const persons = leadsCreated > 0 ? await regroupPersons(db) : null;

  return {
    ...merged,
    ...repeats,
    leadsCreated,
    sourcesCreated: [],
    persons,
    unmappedCodes: await findUnmappedCodes(db, attemptStage, origin),
  };
}

function rejectWhenInvalid(run: Run) {
  if (run.problems.problemCount > 0 && !run.options.skipInvalid)
    throw new RejectedRun();
}

/** Reads the file into the stage table, row by row, in batches. */
async function stageFile<R>(
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

// A problem with the file as a whole rejects it, with or without skipInvalid.
function rejectFile(run: Run, row: number, problems: CellProblem[]): never {
  run.problems.addProblems(row, problems);
  run.problems.invalidRows = 0;
  throw new RejectedRun();
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

function buildSummary(
  run: Run,
  status: "succeeded" | "failed",
  outcome: Outcome | null,
): ImportSummary {
  const { problems } = run;
  const summary: Omit<ImportSummary, "lines"> = {
    importId: run.importId,
    preset: run.preset.name,
    fileName: run.options.fileName,
    fileSha256: readSha256(run),
    origin: run.context.origin,
    status,
    records: run.preset.records,
    rowsRead: run.rowsRead,
    inserted: outcome?.inserted ?? 0,
    updated: outcome?.updated ?? 0,
    unchanged: outcome?.unchanged ?? 0,
    skipped: status === "failed" ? 0 : problems.skipped,
    skippedReasons: status === "failed" ? [] : problems.skippedReasons(),
    problems: problems.problems,
    problemCount: problems.problemCount,
    invalidRows: problems.invalidRows,
    warnings: problems.warnings,
    warningCount: problems.warningCount,
    repeatedIds: outcome?.repeatedIds ?? [],
    repeatedIdCount: outcome?.repeatedIdCount ?? 0,
    leadsCreated: outcome?.leadsCreated ?? 0,
    sourcesCreated: outcome?.sourcesCreated ?? [],
    unmappedCodes: outcome?.unmappedCodes ?? [],
    persons: outcome?.persons ?? null,
    durationMs: Date.now() - run.started,
  };

  return { ...summary, lines: describeSummary(summary) };
}

function readSha256(run: Run): string {
  if (!run.hashComplete) return "";

  return run.hash.copy().digest("hex");
}

async function recordRun(
  db: Database,
  run: Run,
  status: "succeeded" | "failed",
  outcome: Outcome | null,
) {
  const summary = buildSummary(run, status, outcome);
  await db
    .update(imports)
    .set({
      status,
      fileSha256: summary.fileSha256,
      finishedAt: new Date(),
      rowsRead: summary.rowsRead,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      skipped: summary.skipped,
      problems: summary.problems,
    })
    .where(eq(imports.id, run.importId));
}
