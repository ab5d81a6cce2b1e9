import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { rebuildAfterCommit, refreshOrMarkBehind } from "@/lib/aggregates";
import { type Database, queryRows } from "@/lib/db";
import { imports } from "@/lib/db/schema";
import { AppError, sqlStateOf } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import { regroupPersons } from "@/lib/persons/regroup-persons";
import { getSettings } from "@/lib/settings";
import { ensureDefaultDispositions } from "./dispositions";
import {
  deleteRowsWithoutLead,
  findRowsWithoutLead,
  hasNoAttemptsOf,
  mergeAttempts,
  readAttemptNeeds,
  readStagedLeads,
  resolveAttemptLeads,
  resolveAttemptNames,
  withIndexesBuiltAfter,
  withSetBasedForeignKeys,
} from "./merge-attempts";
import { mergeLeads } from "./merge-leads";
import { getPreset, isPresetName } from "./presets";
import { RunProblems } from "./problems";
import { ReadingState } from "./reading";
import {
  buildSummary,
  endPhase,
  holdRun,
  type ImportOptions,
  type Outcome,
  recordRun,
  RejectedRun,
  rejectWhenInvalid,
  type Run,
} from "./run";
import {
  attemptStage,
  findRepeatedIds,
  findUnmappedCodes,
  leadStage,
  type Stage,
} from "./stage";
import { SecondReadingNeeded, stageFile } from "./stage-file";
import { describeFailure } from "./summary";
import { importWhatsappFile } from "./whatsapp-file";
import type {
  CellProblem,
  ImportSummary,
  Preset,
  RowReader,
  RunContext,
} from "./types";
import { readTimeZone as readZoneName } from "./values";

export type { ImportOptions };

const log = createLogger("import");

/** A rejected import. Its message is the readable problem list; `summary`
 * carries the same problems with row and column, for a page to show. */
export class ImportFailedError extends AppError {
  constructor(readonly summary: ImportSummary) {
    super("invalid_input", describeFailure(summary));
    this.name = "ImportFailedError";
  }
}

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
  // Webhook bodies are JSON, not CSV rows: the webhook's own code records them.
  if (options.preset === "whatsapp-cloud")
    return importWhatsappFile(db, options);
  const preset = readPreset(options.preset);
  const settings = await getSettings(db);
  const context: Run["context"] = {
    origin: readOrigin(preset, options.origin),
    timeZone: readTimeZone(options.timeZone, settings.organisationTimezone),
    defaultCountry: settings.defaultCountry,
    reportCurrency: settings.reportCurrency,
    reading: new ReadingState(readDateOrder(options.dateOrder)),
    columnMapping: options.columnMapping,
    year: options.year,
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
    layout: null,
    hash: createHash("sha256"),
    rowsRead: 0,
    hashComplete: false,
    started: Date.now(),
    phaseStarted: Date.now(),
    rebuildAfterCommit: false,
  };
  log.info("import started", { importId: run.importId, preset: preset.name });

  try {
    const outcome = await db.transaction(async (tx) => {
      await holdRun(tx, run.importId);
      const result = await writeRun(tx, run);
      if (options.dryRun)
        throw new DryRunDone(result, await readPreview(tx, run));
      await recordRun(tx, run, "succeeded", result);
      endPhase(run, "record run");

      return result;
    });
    endPhase(run, "commit");
    if (run.rebuildAfterCommit) {
      await rebuildAfterCommit(db);
      endPhase(run, "aggregates");
    }
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
    if (options.dryRun) return finishDryRun(db, run, error);
    if (!(error instanceof RejectedRun)) {
      await recordRun(db, run, "failed", null).catch(() => {});
      // A lead, agent or template the rows were matched to was deleted by
      // another transaction (an undo, say) before this one wrote: nothing
      // was written, and the same file imports once that change is done.
      if (sqlStateOf(error) === "23503") {
        log.warn("import lost a record it refers to", {
          importId: run.importId,
        });
        throw new AppError(
          "conflict",
          `${options.fileName} was not imported: a lead (or an agent or template) its rows belong to was removed by another change while it ran, so nothing was written. Import the file again.`,
        );
      }
      log.error("import failed", { importId: run.importId, error });
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

// Refreshed in the run's transaction, or past a quarter of all leads
// rebuilt once it has committed (refreshOrMarkBehind).
async function updateAggregates(db: Database, run: Run, leadIds: number[]) {
  run.rebuildAfterCommit = await refreshOrMarkBehind(db, leadIds);
  endPhase(
    run,
    run.rebuildAfterCommit ? "aggregates marked behind" : "aggregates",
  );
}

// Statistics from before a large import make the planner misjudge the
// next queries over these tables; PGlite has no autovacuum to catch up.
const analyzeAfterRows = 10_000;

async function analyzeWhenLarge(
  db: Database,
  merged: { inserted: number; updated: number },
  tables: string[],
) {
  if (merged.inserted + merged.updated < analyzeAfterRows) return;
  await db.execute(sql.raw(`analyze ${tables.join(", ")}`));
}

/** The leads the staged records are, or belong to, as stored now. */
async function readStagedLeadIds(
  db: Database,
  run: Run,
  records: "leads" | "attempts",
): Promise<number[]> {
  const table = records === "leads" ? leadStage.table : attemptStage.table;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select distinct ${sql.raw(records === "leads" ? "id" : "lead_id")}::int as id
    from ${sql.raw(records)}
    where origin = ${run.context.origin}
      and external_id in (select external_id from ${sql.raw(table)})`,
  );

  return rows.map((row) => row.id);
}

/** Rolls a dry run's transaction back with what it would have written. */
class DryRunDone extends Error {
  constructor(
    readonly outcome: Outcome,
    readonly preview: Record<string, unknown>[],
  ) {
    super("dry run");
  }
}

const previewRows = 10;

// The first staged records, as the preset read them: what the page shows
// before anything is written. The order names the table's column, because a
// bare row_no would be the text alias and put row 10 before row 2.
async function readPreview(db: Database, run: Run) {
  const table = run.preset.records === "leads" ? leadStage : attemptStage;
  const names = ["row_no", ...table.columns.map((column) => column.name)];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${sql.raw(names.map((name) => `${name}::text as ${name}`).join(", "))}
    from ${sql.raw(table.table)} order by ${sql.raw(table.table)}.row_no
    limit ${previewRows}`,
  );

  return rows;
}

// A dry run leaves no trace: its imports row goes, and nothing else was
// committed.
async function finishDryRun(
  db: Database,
  run: Run,
  error: unknown,
): Promise<ImportSummary> {
  await db.delete(imports).where(eq(imports.id, run.importId));
  if (error instanceof DryRunDone) {
    log.info("dry run finished", { rows: run.rowsRead });

    return {
      ...buildSummary(run, "succeeded", error.outcome),
      dryRun: true,
      preview: error.preview,
    };
  }
  if (error instanceof RejectedRun)
    throw new ImportFailedError({
      ...buildSummary(run, "failed", null),
      dryRun: true,
    });
  throw error;
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
  const written = wanted?.trim() || fallback;
  const zone = readZoneName(written);
  if (zone === undefined) {
    throw new AppError(
      "invalid_input",
      `"${written}" is not an IANA time zone such as Europe/Madrid.`,
    );
  }

  return zone;
}

function readDateOrder(order: string | undefined): "dmy" | "mdy" | null {
  if (order === undefined || order === "") return null;
  if (order === "dmy" || order === "mdy") return order;
  throw new AppError(
    "invalid_input",
    `The date order is "dmy" (day first) or "mdy" (month first), not "${order}".`,
  );
}

async function writeRun(db: Database, run: Run): Promise<Outcome> {
  // The merge sorts and hashes the whole stage: with the default 4 MB a
  // large file spills to disk at every step.
  await db.execute(sql`set local work_mem = '64MB'`);
  await ensureDefaultDispositions(
    db,
    run.preset.origin === null
      ? { origin: run.context.origin, codes: run.preset.dispositionCodes }
      : undefined,
  );
  endPhase(run, "start");

  if (run.preset.records === "leads") {
    await stageInDateOrder(db, run, run.preset.open, leadStage);

    return finishLeads(db, run);
  }
  await stageInDateOrder(db, run, run.preset.open, attemptStage);

  return finishAttempts(db, run);
}

// Dates such as 03/04/2026 are read day-first until a date settles the
// order; when the file turns out month-first, it is read once more.
async function stageInDateOrder<R>(
  db: Database,
  run: Run,
  open: (
    first: string[],
    context: RunContext,
  ) => RowReader<R> | { problems: CellProblem[] },
  stage: Stage<R>,
) {
  try {
    await stageFile(db, run, open, stage);
  } catch (error) {
    if (!(error instanceof SecondReadingNeeded)) throw error;
    const { input, reopen } = run.options;
    const again = Buffer.isBuffer(input) ? input : reopen?.();
    if (!again) throw error;
    await db.execute(sql`drop table ${sql.raw(stage.table)}`);
    run.context.reading = new ReadingState(run.context.reading.dateOrderFound);
    run.problems = new RunProblems(run.options.fileName);
    run.hash = createHash("sha256");
    run.rowsRead = 0;
    run.hashComplete = false;
    log.info("reading again month-first", { importId: run.importId });
    await stageFile(db, run, open, stage, again);
  }
}

async function finishLeads(db: Database, run: Run): Promise<Outcome> {
  rejectWhenInvalid(run);
  const repeats = await findRepeatedIds(db, leadStage);
  endPhase(run, "checks");
  const merged = await mergeLeads(db, run.context.origin, run.importId, {
    unique: repeats.repeatedIdCount === 0,
  });
  await analyzeWhenLarge(db, merged, ["leads", "persons"]);
  endPhase(run, "merge");
  const persons = await regroupPersons(db);
  endPhase(run, "persons");
  if (!run.options.dryRun) {
    await updateAggregates(db, run, await readStagedLeadIds(db, run, "leads"));
  }
  const unmappedCodes = await findUnmappedCodes(
    db,
    leadStage,
    run.context.origin,
  );
  endPhase(run, "unmapped codes");

  return {
    ...merged,
    ...repeats,
    leadsCreated: 0,
    persons,
    unmappedCodes,
  };
}

async function finishAttempts(db: Database, run: Run): Promise<Outcome> {
  const { origin, timeZone } = run.context;
  const needs = await readAttemptNeeds(db);
  const leadsCreated = await resolveAttemptLeads(db, {
    origin,
    importId: run.importId,
    timeZone,
    dialled: needs.dialled,
  });
  endPhase(run, "lead lookup");
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

  endPhase(run, "checks");
  await resolveAttemptNames(db, needs);
  endPhase(run, "agents and templates");
  const repeats = await findRepeatedIds(db, attemptStage);
  endPhase(run, "repeated ids");
  // An attempt that moves to another lead touches the lead it leaves too.
  const leftLeads = await readStagedLeadIds(db, run, "attempts");
  endPhase(run, "leads touched");
  const unique = repeats.repeatedIdCount === 0;
  let fresh = false;
  const merged = await withSetBasedForeignKeys(
    db,
    run.rowsRead,
    async (exclusive, storedRows) => {
      // The first file of an origin, while no other run can write.
      fresh = exclusive && (await hasNoAttemptsOf(db, origin));
      const merge = () =>
        mergeAttempts(db, origin, run.importId, { unique, fresh });

      return fresh && unique
        ? withIndexesBuiltAfter(
            db,
            { inserted: run.rowsRead, stored: storedRows },
            merge,
          )
        : merge();
    },
  );
  await analyzeWhenLarge(
    db,
    merged,
    leadsCreated > 0 ? ["attempts", "leads"] : ["attempts"],
  );
  endPhase(run, "merge");
  const persons = leadsCreated > 0 ? await regroupPersons(db) : null;
  endPhase(run, "persons");
  if (!run.options.dryRun) {
    const touched =
      fresh && unique
        ? await readStagedLeads(db)
        : await readStagedLeadIds(db, run, "attempts");
    await updateAggregates(db, run, [...new Set([...leftLeads, ...touched])]);
  }
  const unmappedCodes = await findUnmappedCodes(db, attemptStage, origin);
  endPhase(run, "unmapped codes");

  return {
    ...merged,
    ...repeats,
    leadsCreated,
    sourcesCreated: [],
    persons,
    unmappedCodes,
  };
}
