import { sql } from "drizzle-orm";
import { lockAggregateWriters } from "@/lib/aggregates";
import { type Database, queryRows, quoteIdentifier } from "@/lib/db";
import {
  listIndexes,
  onServerSql,
  raiseDefault,
  tableSchema,
} from "@/lib/db/indexes";
import { sqlStateOf } from "@/lib/errors";
import { assignChanged } from "./merge-leads";
import { resolveSource } from "./sources";
import { attemptStage } from "./stage";
import type { AttemptRecord, RecordCounts } from "./types";

const stage = sql.raw(attemptStage.table);

/** The source of leads created for numbers a dialer called. */
export const dialerSourceName = "Dialer";

// How far a message got; `failed` is final unless delivered or read.
function rankOf(status: string): string {
  return `coalesce(case ${status} when 'queued' then 1 when 'sent' then 2 when 'failed' then 3 when 'delivered' then 4 when 'read' then 5 end, 0)`;
}

const statusOfRank = `case status_rank when 1 then 'queued' when 2 then 'sent' when 3 then 'failed' when 4 then 'delivered' when 5 then 'read' end`;

/** What the staged rows carry, so that statements with nothing to do are
 * not sent: each one reads the whole stage. */
export type AttemptNeeds = {
  /** Rows naming their lead by a dialled number. */
  dialled: boolean;
  teams: boolean;
  agents: boolean;
  /** Rows stating an agent's name or team. */
  agentDetails: boolean;
  templates: boolean;
};

/** The needs of records known in memory (an API batch). */
export function describeAttempts(
  records: Iterable<AttemptRecord>,
): AttemptNeeds {
  const needs: AttemptNeeds = {
    dialled: false,
    teams: false,
    agents: false,
    agentDetails: false,
    templates: false,
  };
  for (const record of records) {
    if (record.lead.kind === "dialled") needs.dialled = true;
    if (record.team !== null) needs.teams = true;
    if (record.agent !== null) {
      needs.agents = true;
      if (record.agentName !== null || record.team !== null)
        needs.agentDetails = true;
    }
    if (record.template !== null) needs.templates = true;
  }

  return needs;
}

/** The needs of the staged rows, in one pass over the stage. */
export async function readAttemptNeeds(db: Database): Promise<AttemptNeeds> {
  const [needs] = await queryRows<AttemptNeeds>(
    db,
    sql`select coalesce(bool_or(lead_kind = 'dialled'), false) as dialled,
      coalesce(bool_or(team is not null), false) as teams,
      coalesce(bool_or(agent is not null), false) as agents,
      coalesce(bool_or(agent is not null
        and (agent_name is not null or team is not null)), false) as "agentDetails",
      coalesce(bool_or(template is not null), false) as templates
    from ${stage}`,
  );
  if (!needs) throw new Error("the stage gave no needs");

  return needs;
}

/**
 * Finds each staged attempt's lead. A lead named by external id must exist
 * in the run's origin. A dialled number matches the leads with that phone
 * (any origin): the latest created at or before the call, else the earliest;
 * then a lead of the run's origin whose external id is the number as
 * dialled; else a lead is created for it. Returns how many were created.
 */
export async function resolveAttemptLeads(
  db: Database,
  options: {
    origin: string;
    importId: number;
    timeZone: string;
    /** False when no staged row names a dialled number. */
    dialled?: boolean;
    /** A batch of at most a few thousand rows (the API's). */
    batch?: boolean;
  },
): Promise<number> {
  const dialled = options.dialled ?? true;
  const batch = options.batch ?? false;
  await matchLeads(db, options.origin, { dialled, batch });
  if (!dialled) return 0;
  const [pending] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from ${stage}
    where lead_id is null and lead_kind = 'dialled'`,
  );
  if (!pending || pending.count === 0) return 0;

  const source = await resolveSource(db, dialerSourceName);
  const created = await queryRows<{ id: number }>(
    db,
    sql`insert into leads (origin, external_id, source_id, time_zone, phone_e164, phone_raw, import_id)
    select ${options.origin}, first.lead_ref, ${source.id}::bigint, ${options.timeZone},
      first.lead_phone,
      case when first.lead_phone is null then first.lead_ref end,
      ${options.importId}::bigint
    from (
      select distinct on (coalesce(lead_phone, lead_ref)) lead_ref, lead_phone
      from ${stage}
      where lead_id is null and lead_kind = 'dialled'
      order by coalesce(lead_phone, lead_ref), row_no
    ) first
    on conflict (origin, external_id) do nothing
    returning id::int as id`,
  );
  await matchLeads(db, options.origin, { dialled, batch });

  return created.length;
}

async function matchLeads(
  db: Database,
  origin: string,
  { dialled, batch }: { dialled: boolean; batch: boolean },
) {
  if (dialled)
    await db.execute(sql`
    update ${stage} st set lead_id = (
      select l.id from leads l
      where l.phone_e164 = st.lead_phone
      order by (l.created_at <= st.started_at) is true desc,
        case when l.created_at <= st.started_at then l.created_at end desc nulls last,
        l.created_at asc nulls last, l.id
      limit 1)
    where st.lead_id is null and st.lead_kind = 'dialled'
      and st.lead_phone is not null`);

  // A batch looks each lead up by its index. Joined, the planner had no
  // statistics of the fresh stage and often stale ones of an origin's
  // leads, and scanned the stage once per lead of the origin: 190 ms for
  // 1,000 items beside 2,000 leads, where the lookups take 5.
  if (batch)
    await db.execute(sql`
    update ${stage} st set lead_id = (
      select l.id from leads l
      where l.origin = ${origin} and l.external_id = st.lead_ref)
    where st.lead_id is null`);
  else
    await db.execute(sql`
    update ${stage} st set lead_id = l.id
    from leads l
    where st.lead_id is null and l.origin = ${origin}
      and l.external_id = st.lead_ref`);
}

/** Staged rows whose lead was not found: the first 100 and how many. */
export async function findRowsWithoutLead(db: Database) {
  const rows = await queryRows<{ row: number; leadRef: string }>(
    db,
    sql`select row_no as row, lead_ref as "leadRef" from ${stage}
    where lead_id is null order by row_no limit 100`,
  );
  const [total] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from ${stage} where lead_id is null`,
  );

  return { rows, count: total?.count ?? 0 };
}

export async function deleteRowsWithoutLead(db: Database) {
  await db.execute(sql`delete from ${stage} where lead_id is null`);
}

/** Creates the teams, agents and templates the staged rows name. An agent's
 * name and team change only when a row states them. */
export async function resolveAttemptNames(db: Database, needs: AttemptNeeds) {
  if (needs.teams)
    await db.execute(sql`
    insert into teams (name)
    select distinct team from ${stage} where team is not null
    on conflict (name) do nothing`);

  // Without a name or team on any row, a new agent is named by its id and
  // the stage is only grouped: no sort of every row to find each agent's
  // last one.
  if (needs.agents && !needs.agentDetails)
    await db.execute(sql`
    insert into agents (external_id, name)
    select agent, agent from ${stage} where agent is not null
    group by agent order by agent
    on conflict (external_id) do nothing`);
  else if (needs.agents)
    await db.execute(sql`
    insert into agents (external_id, name, team_id)
    select distinct on (st.agent) st.agent, coalesce(st.agent_name, st.agent), t.id
    from ${stage} st left join teams t on t.name = st.team
    where st.agent is not null
    order by st.agent, st.row_no desc
    on conflict (external_id) do nothing`);

  if (needs.agentDetails)
    await db.execute(sql`
    update agents a set
      name = coalesce(latest.agent_name, a.name),
      team_id = coalesce(t.id, a.team_id)
    from (
      select distinct on (agent) agent, agent_name, team from ${stage}
      where agent is not null and (agent_name is not null or team is not null)
      order by agent, row_no desc
    ) latest
    left join teams t on t.name = latest.team
    where a.external_id = latest.agent
      and (a.name is distinct from coalesce(latest.agent_name, a.name)
        or a.team_id is distinct from coalesce(t.id, a.team_id))`);

  if (needs.templates)
    await db.execute(sql`
    insert into templates (name)
    select distinct template from ${stage} where template is not null
    on conflict (name) do nothing`);
}

const attemptColumns = [
  "lead_id",
  "channel",
  "direction",
  "automated",
  "purpose",
  "agent_id",
  "started_at",
  "outcome",
  "duration_seconds",
  "message_status",
  "queued_at",
  "sent_at",
  "delivered_at",
  "read_at",
  "failed_at",
  "template_id",
  "disposition_code",
];

const timeColumns = [
  "queued_at",
  "sent_at",
  "delivered_at",
  "read_at",
  "failed_at",
];

// A message status only moves forward and every status time already known
// is kept, whatever order the reports arrive in; everything else follows
// the latest report.
const mergedExpressions: Record<string, string> = {
  message_status: `case when ${rankOf("excluded.message_status")} >= ${rankOf("attempts.message_status")} then excluded.message_status else attempts.message_status end`,
  ...Object.fromEntries(
    timeColumns.map((name) => [
      name,
      `least(attempts.${name}, excluded.${name})`,
    ]),
  ),
};

// The upsert of the staged attempts by (origin, external id), as the
// `written` query of a WITH, returning each id written, whether it was
// inserted and its lead. Rows of one id are merged first: the last row's
// fields, the furthest status, the earliest time of each status. `unique`
// says no id is staged twice, which spares sorting and grouping the whole
// stage. `fresh` says none of the ids is stored, nor can be until the
// transaction ends: a plain insert then skips checking each row for a
// conflict, about a third of the insert's time, and returns nothing, as
// every staged id is inserted.
function upsertStaged(
  origin: string,
  importId: number,
  unique: boolean,
  fresh = false,
) {
  const names = attemptColumns.join(", ");
  const rows = unique
    ? sql`(select st.*, ${sql.raw(rankOf("st.message_status"))} as status_rank
      from ${stage} st) l`
    : sql`latest l join statuses s on s.external_id = l.external_id`;
  const times = timeColumns
    .map((name) => `${unique ? "l" : "s"}.${name}`)
    .join(", ");

  return sql`latest as (
      select distinct on (external_id) * from ${stage}
      order by external_id, row_no desc
    ),
    statuses as (
      select external_id,
        max(${sql.raw(rankOf("message_status"))}) as status_rank,
        ${sql.raw(timeColumns.map((name) => `min(${name}) as ${name}`).join(", "))}
      from ${stage} group by external_id
    ),
    incoming as (
      select l.external_id, l.lead_id, l.channel::channel as channel,
        l.direction::direction as direction, l.automated,
        l.purpose::purpose as purpose, ag.id as agent_id, l.started_at,
        l.outcome::call_outcome as outcome, l.duration_seconds,
        (${sql.raw(statusOfRank)})::message_status as message_status,
        ${sql.raw(times)},
        t.id as template_id, l.disposition_code
      from ${rows}
      left join agents ag on ag.external_id = l.agent
      left join templates t on t.name = l.template
    ),
    written as (
      insert into attempts (origin, external_id, ${sql.raw(names)}, import_id)
      select ${origin}, external_id, ${sql.raw(names)}, ${importId}::bigint
      from incoming
      ${
        fresh
          ? sql``
          : sql`on conflict (origin, external_id) do update set
        ${assignChanged(attemptColumns, "attempts", mergedExpressions)}
      returning external_id, lead_id, (xmax::text = '0') as inserted`
      }
    )`;
}

/** Upserts the staged attempts by (origin, external id) and counts the
 * records inserted, updated and left unchanged. `fresh`: see
 * hasNoAttemptsOf. */
export async function mergeAttempts(
  db: Database,
  origin: string,
  importId: number,
  options: { unique?: boolean; fresh?: boolean } = {},
): Promise<RecordCounts> {
  const unique = options.unique ?? false;
  // Records are counted on the stage, one per id: counting `incoming`
  // would keep a second copy of every row until the insert ends.
  const records = sql`(select ${sql.raw(unique ? "count(*)" : "count(distinct external_id)")}
      from ${stage})::int`;
  const [counts] = await queryRows<RecordCounts & { records: number }>(
    db,
    options.fresh
      ? sql`with ${upsertStaged(origin, importId, unique, true)}
    select ${records} as records, ${records} as inserted, 0 as updated`
      : sql`with ${upsertStaged(origin, importId, unique)}
    select ${records} as records,
      (count(*) filter (where inserted))::int as inserted,
      (count(*) filter (where not inserted))::int as updated
    from written`,
  );
  const inserted = counts?.inserted ?? 0;
  const updated = counts?.updated ?? 0;

  return {
    inserted,
    updated,
    unchanged: (counts?.records ?? 0) - inserted - updated,
  };
}

/** One attempt the merge wrote, with its lead before and after. */
export type WrittenAttempt = {
  externalId: string;
  inserted: boolean;
  leadId: number;
  /** The lead it had before, null when inserted. */
  previousLeadId: number | null;
};

/** Upserts the staged attempts like mergeAttempts and returns each one
 * written, for a batch small enough to hold: ids staged but not listed
 * were left unchanged. One statement, where reading the row versions
 * before and after and the leads took three more. */
export async function mergeAttemptChanges(
  db: Database,
  origin: string,
  importId: number,
  options: { unique?: boolean } = {},
): Promise<WrittenAttempt[]> {
  // The lateral lookup reads the table as it was before the statement:
  // every part of a statement sees the same snapshot, whatever `written`
  // changes. It looks each written id up in the unique index; a join on
  // the origin had the planner, misled by statistics older than the
  // batch, read every attempt of the origin for each batch.
  return queryRows<WrittenAttempt>(
    db,
    sql`with ${upsertStaged(origin, importId, options.unique ?? false)}
    select w.external_id as "externalId", w.inserted,
      w.lead_id::int as "leadId", s.lead_id::int as "previousLeadId"
    from written w left join lateral (
      select a.lead_id from attempts a
      where a.origin = ${origin} and a.external_id = w.external_id
    ) s on true`,
  );
}

// Below this many staged rows the checks row by row cost under a second,
// and a run does not lock whole tables for so little.
const setBasedChecksFrom = 50_000;

/**
 * Runs `merge` with attempts' foreign keys checked once over the whole
 * table instead of row by row, when the stage is large against the table:
 * the keys are dropped inside the run's transaction and added back after
 * the merge, which checks every stored attempt in one join per key and
 * fails the run (rolling everything back) if any row lacks its lead,
 * agent, template or import. Row by row, PostgreSQL looks each key up and
 * locks the row it names: a million rows took longer to check than to
 * write. The price is the locks: from the merge to the end of the run,
 * attempts, leads, agents, templates and imports cannot be read or
 * written by others. Adding a key back reads every stored attempt, so
 * this pays only when the stage is at least a quarter of the table.
 * `merge` is told whether attempts is locked against other writers (it
 * is once a key is dropped) and about how many attempts are stored
 * (null when the stage was too small to ask). When another transaction holds one of these
 * tables, or a refresh or rebuild of the aggregates is running, the run
 * does not wait for it (see tryLocked) and checks row by row instead.
 */
export async function withSetBasedForeignKeys<T>(
  db: Database,
  stagedRows: number,
  merge: (exclusive: boolean, storedRows: number | null) => Promise<T>,
  options: { from?: number } = {},
): Promise<T> {
  if (stagedRows < (options.from ?? setBasedChecksFrom))
    return merge(false, null);
  const storedRows = await estimateStoredAttempts(db);
  if (stagedRows * 4 < storedRows) return merge(false, storedRows);

  const keys = await queryRows<{ name: string; definition: string }>(
    db,
    sql`select conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint
    where conrelid = 'attempts'::regclass and contype = 'f'
    order by conname`,
  );
  if (keys.length === 0) return merge(false, storedRows);
  // The aggregates' writer lock first: a rebuild holding it reads leads,
  // which dropping the keys locks, and this run takes it to mark the
  // aggregates behind after the merge. Taken the other way round, the
  // two would deadlock.
  const dropped = await tryLocked(db, async (savepoint) => {
    await lockAggregateWriters(savepoint);
    await savepoint.execute(
      sql.raw(
        `alter table attempts ${keys.map((key) => `drop constraint ${quoteIdentifier(key.name)}`).join(", ")}`,
      ),
    );
  });
  if (!dropped) return merge(false, storedRows);
  const result = await merge(true, storedRows);
  await db.execute(
    sql.raw(
      `alter table attempts ${keys.map((key) => `add constraint ${quoteIdentifier(key.name)} ${key.definition}`).join(", ")}`,
    ),
  );

  return result;
}

/** About how many attempts are stored: the planner's estimate, or a count
 * when the table was never analysed. */
async function estimateStoredAttempts(db: Database): Promise<number> {
  const [stored] = await queryRows<{ rows: number }>(
    db,
    sql`select reltuples::float8 as rows from pg_class
    where oid = 'attempts'::regclass`,
  );
  // Never analysed: -1.
  if (stored && stored.rows >= 0) return stored.rows;
  const [counted] = await queryRows<{ rows: number }>(
    db,
    sql`select count(*)::float8 as rows from attempts`,
  );

  return counted?.rows ?? 0;
}

/**
 * Runs `insert` with attempts' indexes other than its primary key built
 * after it, when it adds at least as many rows as are stored (the
 * estimate withSetBasedForeignKeys read): they are
 * dropped, and built again on the filled table with sorts given 512 MB
 * (on a server left at 64 or 128 MB). Kept up to date row by row, they
 * took most of a million-row insert's time; built in one sort each, a
 * fraction of it. Only for an insert that cannot conflict with a stored
 * row (a fresh merge of unique ids): the upsert needs the unique index of
 * (origin, external id). Only while attempts is locked against other
 * writers and readers (withSetBasedForeignKeys): nobody else can miss the
 * indexes meanwhile, and a failure rolls back the drop with the rest.
 */
export async function withIndexesBuiltAfter<T>(
  db: Database,
  rows: { inserted: number; stored: number | null },
  insert: () => Promise<T>,
): Promise<T> {
  if (rows.stored === null || rows.inserted < rows.stored) return insert();
  const indexes = (
    await listIndexes(db, ["attempts"], {
      schema: await tableSchema(db, "attempts"),
    })
  ).filter((index) => index.attach === null);
  for (const index of indexes) await db.execute(sql.raw(index.drop));
  const result = await insert();
  await db.execute(
    sql`select ${raiseDefault("maintenance_work_mem", ["64MB", "128MB"], "512MB")}
    where ${onServerSql}`,
  );
  for (const index of indexes) await db.execute(sql.raw(index.create));

  return result;
}

/** The leads of the staged rows: after a fresh merge of unique ids, the
 * leads of exactly the attempts it inserted, without joining attempts. */
export async function readStagedLeads(db: Database): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select distinct lead_id::int as id from ${stage}`,
  );

  return rows.map((row) => row.id);
}

// How long dropping the keys may wait for the aggregates' writer lock and
// the five tables' locks.
// Waiting holds the tables already locked, and an API batch or another
// import can be waiting for one of those while holding one still to take:
// PostgreSQL would end one of the two as a deadlock after a second, and
// a file of a million rows should not be that one. Under the deadlock
// timeout, the run gives up first and lets the others go on.
const keyLockTimeout = "200ms";

/** Runs `work` in a savepoint with a short lock timeout: false, with
 * nothing changed and every lock it took released (advisory locks too),
 * when a lock was not granted in time. */
async function tryLocked(
  db: Database,
  work: (savepoint: Database) => Promise<void>,
): Promise<boolean> {
  try {
    await db.transaction(async (savepoint) => {
      const [before] = await queryRows<{ timeout: string }>(
        savepoint,
        sql`select current_setting('lock_timeout') as timeout`,
      );
      await savepoint.execute(
        sql`select set_config('lock_timeout', ${keyLockTimeout}, true)`,
      );
      await work(savepoint);
      await savepoint.execute(
        sql`select set_config('lock_timeout', ${before?.timeout ?? "0"}, true)`,
      );
    });

    return true;
  } catch (error) {
    // 55P03: lock_not_available.
    if (sqlStateOf(error) === "55P03") return false;
    throw error;
  }
}

/** Whether no attempt of `origin` is stored. Only while attempts is locked
 * against other writers (see withSetBasedForeignKeys) does the answer
 * still hold when the merge runs: then the merge may insert without
 * looking for conflicts. */
export async function hasNoAttemptsOf(
  db: Database,
  origin: string,
): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from attempts where origin = ${origin}) as found`,
  );

  return row?.found === false;
}
