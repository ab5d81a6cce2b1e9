import { sql } from "drizzle-orm";
import { refreshAggregates } from "@/lib/aggregates";
import { type Database, queryRows } from "@/lib/db";
import { imports } from "@/lib/db/schema";
import { ensureDefaultDispositions } from "@/lib/import/dispositions";
import {
  type AttemptNeeds,
  mergeAttemptChanges,
  readAttemptNeeds,
  resolveAttemptNames,
} from "@/lib/import/merge-attempts";
import { mergeLeads } from "@/lib/import/merge-leads";
import {
  attemptStage,
  createStage,
  insertStagedRows,
  leadStage,
  type StagedRow,
} from "@/lib/import/stage";
import { standardCodes } from "@/lib/import/standard-dispositions";
import type {
  AttemptRecord,
  LeadRecord,
  RecordCounts,
} from "@/lib/import/types";
import { regroupPersons } from "@/lib/persons/regroup-persons";

export type ItemStatus = "inserted" | "updated" | "unchanged";

/** What a write did to each external id, and the leads it touched. */
export type WriteOutcome = {
  statuses: Map<string, ItemStatus>;
  counts: RecordCounts;
  leadIds: number[];
};

/** A batch from the API or a webhook is recorded in the imports table like
 * a file, so that every lead and attempt remembers the run that wrote it. */
export async function startApiRun(
  db: Database,
  input: { preset: string; label: string; origin: string },
): Promise<number> {
  await ensureDefaultDispositions(db, {
    origin: input.origin,
    codes: standardCodes,
  });
  const [row] = await db
    .insert(imports)
    .values({ preset: input.preset, fileName: input.label, fileSha256: "" })
    .returning({ id: imports.id });
  if (!row) throw new Error("imports insert returned no row");

  return row.id;
}

/**
 * A provider's webhook deliveries of one UTC day share one run: a message
 * is reported several times, and one row per delivery would bury the
 * files in the imports table. The counts add up over the day.
 */
export async function startDailyWebhookRun(
  db: Database,
  input: { preset: string; label: string; origin: string },
): Promise<number> {
  const [known] = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from imports
    where preset = ${input.preset}
      and started_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'
    order by id limit 1`,
  );
  if (known) return known.id;

  return startApiRun(db, input);
}

/** Adds a webhook delivery's counts to its day's run. */
export async function addToWebhookRun(
  db: Database,
  importId: number,
  items: number,
  counts: RecordCounts,
) {
  await db.execute(sql`
    update imports set status = 'succeeded', finished_at = now(),
      rows_read = rows_read + ${items}, inserted = inserted + ${counts.inserted},
      updated = updated + ${counts.updated},
      unchanged = unchanged + ${counts.unchanged}
    where id = ${importId}`);
}

export async function finishApiRun(
  db: Database,
  importId: number,
  items: number,
  counts: RecordCounts,
) {
  await db.execute(sql`
    update imports set status = 'succeeded', finished_at = now(),
      rows_read = ${items}, inserted = ${counts.inserted},
      updated = ${counts.updated}, unchanged = ${counts.unchanged}
    where id = ${importId}`);
}

async function readStagedLeadIds(
  db: Database,
  origin: string,
): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from leads
    where origin = ${origin}
      and external_id in (select external_id from ${sql.raw(leadStage.table)})`,
  );

  return rows.map((row) => row.id);
}

// A batch that names each id once merges without sorting its rows.
function hasUniqueIds(rows: StagedRow<{ externalId: string }>[]): boolean {
  return new Set(rows.map((row) => row.record.externalId)).size === rows.length;
}

/** Upserts leads by (origin, external id) through the import's own merge,
 * then regroups persons and refreshes the aggregates of the touched leads. */
export async function writeLeads(
  db: Database,
  input: { origin: string; importId: number; rows: StagedRow<LeadRecord>[] },
): Promise<WriteOutcome> {
  await createStage(db, leadStage);
  await insertStagedRows(db, leadStage, input.rows);

  const merged = await mergeLeads(db, input.origin, input.importId, {
    unique: hasUniqueIds(input.rows),
    ids: true,
  });
  await regroupPersons(db);
  const leadIds = await readStagedLeadIds(db, input.origin);
  await refreshAggregates(db, { leadIds });

  const statuses = new Map<string, ItemStatus>();
  for (const { record } of input.rows)
    statuses.set(record.externalId, "unchanged");
  for (const id of merged.ids.inserted) statuses.set(id, "inserted");
  for (const id of merged.ids.updated) statuses.set(id, "updated");
  const counts = {
    inserted: merged.inserted,
    updated: merged.updated,
    unchanged: merged.unchanged,
  };

  return { statuses, counts, leadIds };
}

/**
 * Upserts attempts by (origin, external id) through the import's merge: a
 * message status only moves forward and each status time is kept. The
 * staged rows get their lead from `resolveLeads`, which must fill the
 * stage's lead_id; rows left without one are not written. The aggregates
 * are refreshed for the leads of the attempts written and the leads they
 * left. `needs` says what the rows carry, when the caller knows.
 */
export async function writeAttempts(
  db: Database,
  input: {
    origin: string;
    importId: number;
    rows: StagedRow<AttemptRecord>[];
    resolveLeads: (db: Database) => Promise<void>;
    needs?: AttemptNeeds;
  },
): Promise<WriteOutcome> {
  await createStage(db, attemptStage);
  await insertStagedRows(db, attemptStage, input.rows);
  await input.resolveLeads(db);
  const dropped = await queryRows<{ row: number }>(
    db,
    sql`delete from ${sql.raw(attemptStage.table)} where lead_id is null
    returning row_no::int as row`,
  );
  await resolveAttemptNames(db, input.needs ?? (await readAttemptNeeds(db)));
  const written = await mergeAttemptChanges(db, input.origin, input.importId, {
    unique: hasUniqueIds(input.rows),
  });

  const droppedRows = new Set(dropped.map((item) => item.row));
  const statuses = new Map<string, ItemStatus>();
  for (const { row, record } of input.rows)
    if (!droppedRows.has(row)) statuses.set(record.externalId, "unchanged");
  const leadIds = new Set<number>();
  for (const attempt of written) {
    statuses.set(attempt.externalId, attempt.inserted ? "inserted" : "updated");
    leadIds.add(attempt.leadId);
    if (attempt.previousLeadId !== null) leadIds.add(attempt.previousLeadId);
  }
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const status of statuses.values()) counts[status] += 1;
  await refreshAggregates(db, { leadIds: [...leadIds] });

  return { statuses, counts, leadIds: [...leadIds] };
}

/** Staged attempt rows whose lead was not found, by row number. */
export async function findStagedRowsWithoutLead(
  db: Database,
): Promise<number[]> {
  const rows = await queryRows<{ row: number }>(
    db,
    sql`select row_no::int as row from ${sql.raw(attemptStage.table)}
    where lead_id is null order by row_no`,
  );

  return rows.map((item) => item.row);
}
