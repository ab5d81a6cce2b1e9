import { sql } from "drizzle-orm";
import { rebuildAfterCommit, refreshOrMarkBehind } from "@/lib/aggregates";
import { recordAudit } from "@/lib/audit";
import { type Database, isoInstantSql, queryRows } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import { regroupPersons } from "@/lib/persons/regroup-persons";
import { holdRun, markStoppedRuns } from "./run";

const log = createLogger("import");

export type ImportRun = {
  id: number;
  /** ISO 8601 in UTC. */
  startedAt: string;
  fileName: string;
  preset: string;
  status: string;
  userName: string | null;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: number;
  /** When the run was undone (from the audit log), else null. */
  undoneAt: string | null;
};

/** The newest runs with who ran them and whether they were undone. */
export async function listImportRuns(
  db: Database,
  limit = 50,
): Promise<ImportRun[]> {
  await markStoppedRuns(db);

  return queryRows<ImportRun>(
    db,
    sql`select i.id::int as id,
      ${isoInstantSql(sql`i.started_at`)}
        as "startedAt",
      i.file_name as "fileName", i.preset, i.status::text as status,
      u.name as "userName", i.rows_read as "rowsRead", i.inserted,
      i.updated, i.unchanged, i.skipped,
      jsonb_array_length(i.problems)::int as problems,
      (select max(a.at)::text from audit_log a
        where a.action = 'import_undone'
          and a.details->>'importId' = i.id::text) as "undoneAt"
    from imports i left join users u on u.id = i.user_id
    order by i.id desc limit ${limit}`,
  );
}

/**
 * Removes what one run inserted. Only a run that inserted every record it
 * wrote can be undone: the values a run overwrote are not kept, so an
 * update could not be restored. Refused too when a later run or the API
 * changed the run's records or attached attempts to its leads, since
 * deleting them would lose that later work. Recorded in the audit log as
 * import_undone, which is what marks the run undone.
 */
export async function undoImport(
  db: Database,
  actorId: number,
  importId: number,
): Promise<{ leads: number; attempts: number }> {
  const result = await db.transaction(async (tx) => {
    const run = await readUndoableRun(tx, importId);
    await lockRunRecords(tx, importId);
    await checkNothingDependsOn(tx, importId, run.finishedAt);

    const leadIds = await queryRows<{ id: number }>(
      tx,
      sql`select distinct lead_id::int as id from attempts where import_id = ${importId}
      union select id::int from leads where import_id = ${importId}`,
    );
    const attempts = await queryRows<{ id: number }>(
      tx,
      sql`delete from attempts where import_id = ${importId} returning id::int as id`,
    );
    const leads = await queryRows<{ id: number }>(
      tx,
      sql`delete from leads where import_id = ${importId} returning id::int as id`,
    );
    if (leads.length > 0) await regroupPersons(tx);
    const behind = await refreshOrMarkBehind(
      tx,
      leadIds.map((row) => row.id),
    );
    await recordAudit(tx, {
      userId: actorId,
      action: "import_undone",
      details: {
        importId: String(importId),
        leads: leads.length,
        attempts: attempts.length,
      },
    });

    return { leads: leads.length, attempts: attempts.length, behind };
  });
  const { behind, ...removed } = result;
  if (behind) await rebuildAfterCommit(db);
  log.info("import undone", { importId, ...removed });

  return removed;
}

// The run's row is locked first, so that a second undo of the same run
// waits for the first and then reads, in a statement of its own, that it
// was undone: reading and locking in one statement would decide on what
// was true before the wait.
async function readUndoableRun(db: Database, importId: number) {
  await holdRun(db, importId);
  const [run] = await queryRows<{
    status: string;
    updated: number;
    finishedAt: string | null;
    undone: boolean;
  }>(
    db,
    sql`select status::text as status, updated,
      finished_at::text as "finishedAt",
      exists (select 1 from audit_log a where a.action = 'import_undone'
        and a.details->>'importId' = ${String(importId)}) as undone
    from imports where id = ${importId}`,
  );
  if (!run) throw new AppError("not_found", "There is no such import.");
  if (run.undone)
    throw new AppError("conflict", "This import was undone already.");
  if (run.status !== "succeeded" || run.finishedAt === null)
    throw new AppError("conflict", "Only a finished import can be undone.");
  if (run.updated > 0) {
    throw new AppError(
      "conflict",
      "This import updated records that existed before it, and their " +
        "earlier values are not kept, so it cannot be undone.",
    );
  }

  return { ...run, finishedAt: run.finishedAt };
}

/**
 * Locks the run's leads and attempts until the undo commits, before it
 * checks that nothing depends on them. A writer that attaches an attempt
 * to one of the leads (its key check locks the lead) or changes one of
 * the attempts then waits: if it committed first, the check sees its
 * work and the undo is refused; if not, it fails once the lead is gone
 * and writes nothing. Without the locks, an attempt written between the
 * check and the delete went with its lead, after the writer was told it
 * was stored.
 */
async function lockRunRecords(db: Database, importId: number) {
  await db.execute(sql`select count(*) from (
      select 1 from leads where import_id = ${importId} for update) l`);
  await db.execute(sql`select count(*) from (
      select 1 from attempts where import_id = ${importId} for update) a`);
}

async function checkNothingDependsOn(
  db: Database,
  importId: number,
  finishedAt: string,
) {
  const [later] = await queryRows<{ changed: number; attached: number }>(
    db,
    sql`select
      (select count(*)::int from leads where import_id = ${importId}
        and updated_at > ${finishedAt}::timestamptz)
      + (select count(*)::int from attempts where import_id = ${importId}
        and updated_at > ${finishedAt}::timestamptz) as changed,
      (select count(*)::int from attempts a join leads l on l.id = a.lead_id
        where l.import_id = ${importId}
          and a.import_id is distinct from ${importId}) as attached`,
  );
  if ((later?.changed ?? 0) > 0 || (later?.attached ?? 0) > 0) {
    throw new AppError(
      "conflict",
      "Later imports changed this import's records or added attempts to " +
        "its leads, so undoing it would lose their work.",
    );
  }
}
