import type { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { imports } from "@/lib/db/schema";
import type { PresetName } from "./presets";
import type { RunProblems } from "./problems";
import { createLogger } from "@/lib/log";
import type { CsvLayout } from "./read-csv";
import type { ReadingState } from "./reading";
import { describeSummary } from "./summary";
import type { CellProblem, ImportSummary, Preset, RunContext } from "./types";
import type { DateOrder } from "./values";

const log = createLogger("import");

export type ImportOptions = {
  preset: PresetName;
  fileName: string;
  input: NodeJS.ReadableStream | Buffer;
  /** The system the records come from; only the generic presets take one. */
  origin?: string;
  /** IANA zone for local timestamps; default the organisation's zone. */
  timeZone?: string;
  /** Which number comes first in dates such as 03/04/2026; needed only
   * when no date in the file has a day above 12. */
  dateOrder?: DateOrder;
  /** Opens the file again from its start. A stream is read twice only when
   * its dates turn out month-first after rows were read day-first; without
   * this the run then asks for `dateOrder`. */
  reopen?: () => NodeJS.ReadableStream;
  /** Read, check and merge everything, report what would change, then
   * roll back: nothing is written and the run is not recorded. */
  dryRun?: boolean;
  /** The preset field of each column, by position; null leaves a column
   * out. Only the generic presets take one. */
  columnMapping?: (string | null)[];
  /** The year of a file that gives only a day and a month. */
  year?: number;
  /** Import the valid rows and report the others, instead of failing. */
  skipInvalid?: boolean;
  userId?: number;
  onProgress?: (rowsRead: number) => void;
  /** Told each phase of the run as it ends, with its milliseconds. */
  onPhase?: (phase: string, ms: number) => void;
};

/** Thrown inside the transaction to roll it back when rows are invalid. */
export class RejectedRun extends Error {}

/** One import while it runs. */
export type Run = {
  importId: number;
  preset: Preset;
  options: ImportOptions;
  context: RunContext & { reading: ReadingState };
  problems: RunProblems;
  layout: CsvLayout | null;
  hash: ReturnType<typeof createHash>;
  rowsRead: number;
  hashComplete: boolean;
  started: number;
  /** When the phase being timed began. */
  phaseStarted: number;
  /** The run changed too many leads to refresh the aggregates: they are
   * rebuilt once it has committed. */
  rebuildAfterCommit: boolean;
};

/** What writing the file produced, for the summary. */
export type Outcome = Pick<
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

/** Ends the phase being timed: logged at debug level and told to
 * `onPhase`. `ms` overrides the time since the last mark. */
export function endPhase(run: Run, phase: string, ms?: number) {
  const now = Date.now();
  const spent = ms ?? now - run.phaseStarted;
  run.phaseStarted = now;
  log.debug("import phase", { importId: run.importId, phase, ms: spent });
  run.options.onPhase?.(phase, spent);
}

export function rejectWhenInvalid(run: Run) {
  if (run.problems.problemCount > 0 && !run.options.skipInvalid)
    throw new RejectedRun();
}

// A problem with the file as a whole rejects it, with or without skipInvalid.
export function rejectFile(
  run: Run,
  row: number,
  problems: CellProblem[],
): never {
  run.problems.addProblems(row, problems);
  run.problems.invalidRows = 0;
  throw new RejectedRun();
}

/** The summary of a run so far, with its readable lines. */
export function buildSummary(
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
    dryRun: run.options.dryRun ?? false,
    preview: [],
    notes: run.preset.notes ?? [],
    layout: run.layout,
    dateOrder: run.context.reading.dateOrderFound,
    clockChanges: run.context.reading.clockChanges,
    durationMs: Date.now() - run.started,
  };

  return { ...summary, lines: describeSummary(summary) };
}

function readSha256(run: Run): string {
  if (!run.hashComplete) return "";

  return run.hash.copy().digest("hex");
}

/**
 * Locks the run's row in the imports table until the run's transaction
 * ends. The row itself is written before that transaction, so that a
 * failure can be recorded; should the process die instead, the row stays
 * `running` and unlocked, which is how markStoppedRuns finds it.
 */
export async function holdRun(db: Database, importId: number) {
  await db.execute(
    sql`select 1 from imports where id = ${importId} for update`,
  );
}

/**
 * Marks failed every run still `running` whose transaction is gone: its
 * row is not locked (see holdRun) and it started over a minute ago (a run
 * locks its row within milliseconds of writing it). Such a run wrote
 * nothing: its transaction never committed.
 */
export async function markStoppedRuns(db: Database) {
  await db.execute(sql`update imports set status = 'failed',
      finished_at = now()
    where id in (select id from imports
      where status = 'running' and started_at < now() - interval '1 minute'
      for update skip locked)`);
}

/** Writes the run's status and counts to its row in the imports table. */
export async function recordRun(
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
