import type { Writable } from "node:stream";
import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { AttemptRecord, LeadRecord } from "./types";

// A run's valid rows wait in a temporary table until the file has been read;
// the merge into leads and attempts is then a few set-based statements. The
// table is dropped at the end of the transaction, whatever happens.

type StageColumn<R> = {
  name: string;
  type: string;
  value: (record: R) => unknown;
};

export type Stage<R> = {
  table: string;
  columns: StageColumn<R>[];
  /** Columns the merge fills in, not read from the file. */
  extra?: string;
};

export type StagedRow<R> = { row: number; record: R };

function column<R>(
  name: string,
  type: string,
  value: (record: R) => unknown,
): StageColumn<R> {
  return { name, type, value };
}

export const leadStage: Stage<LeadRecord> = {
  table: "import_lead_rows",
  columns: [
    column("external_id", "text", (r) => r.externalId),
    column("source_alias", "text", (r) => r.source.trim().toLowerCase()),
    column("source_name", "text", (r) => r.source.trim()),
    column("campaign", "text", (r) => r.campaign),
    column("created_at", "timestamptz", (r) => r.createdAt),
    column("time_zone", "text", (r) => r.timeZone),
    column("phone_e164", "text", (r) => r.phoneE164),
    column("phone_raw", "text", (r) => r.phoneRaw),
    column("email", "text", (r) => r.email),
    column("consent_call", "boolean", (r) => r.consentCall),
    column("consent_whatsapp", "boolean", (r) => r.consentWhatsapp),
    column("consent_sms", "boolean", (r) => r.consentSms),
    column("consent_email", "boolean", (r) => r.consentEmail),
    column("consent_at", "timestamptz", (r) => r.consentAt),
    column("preferred_slot_start", "timestamptz", (r) => r.preferredSlotStart),
    column("preferred_slot_end", "timestamptz", (r) => r.preferredSlotEnd),
    column("value_minor", "bigint", (r) => r.valueMinor),
    column("value_currency", "text", (r) => r.valueCurrency),
    column("value_unit", "text", (r) => r.valueUnit),
    column("converted", "boolean", (r) => r.converted),
    column("converted_at", "timestamptz", (r) => r.convertedAt),
    column("conversion_value_minor", "bigint", (r) => r.conversionValueMinor),
    column("conversion_currency", "text", (r) => r.conversionCurrency),
    column("disposition_code", "text", (r) => r.dispositionCode),
    column("is_test", "boolean", (r) => r.isTest),
    column("holdout", "boolean", (r) => r.holdout),
  ],
};

export const attemptStage: Stage<AttemptRecord> = {
  table: "import_attempt_rows",
  columns: [
    column("external_id", "text", (r) => r.externalId),
    column("lead_kind", "text", (r) => r.lead.kind),
    column("lead_ref", "text", (r) =>
      r.lead.kind === "external" ? r.lead.externalId : r.lead.number,
    ),
    column("lead_phone", "text", (r) =>
      r.lead.kind === "dialled" ? r.lead.phoneE164 : null,
    ),
    column("channel", "text", (r) => r.channel),
    column("direction", "text", (r) => r.direction),
    column("automated", "boolean", (r) => r.automated),
    column("purpose", "text", (r) => r.purpose),
    column("agent", "text", (r) => r.agent),
    column("agent_name", "text", (r) => r.agentName),
    column("team", "text", (r) => r.team),
    column("started_at", "timestamptz", (r) => r.startedAt),
    column("outcome", "text", (r) => r.outcome),
    column("duration_seconds", "integer", (r) => r.durationSeconds),
    column("message_status", "text", (r) => r.messageStatus),
    column("queued_at", "timestamptz", (r) => r.queuedAt),
    column("sent_at", "timestamptz", (r) => r.sentAt),
    column("delivered_at", "timestamptz", (r) => r.deliveredAt),
    column("read_at", "timestamptz", (r) => r.readAt),
    column("failed_at", "timestamptz", (r) => r.failedAt),
    column("template", "text", (r) => r.template),
    column("disposition_code", "text", (r) => r.dispositionCode),
  ],
  extra: "lead_id bigint",
};

function definitions<R>(stage: Stage<R>): SQL {
  const parts = [
    "row_no integer",
    ...stage.columns.map((c) => `${c.name} ${c.type}`),
  ];

  return sql.raw(parts.join(", "));
}

export async function createStage<R>(db: Database, stage: Stage<R>) {
  const extra = stage.extra ? `, ${stage.extra}` : "";
  await db.execute(
    sql`create temporary table ${sql.raw(stage.table)} (${definitions(stage)}${sql.raw(extra)}) on commit drop`,
  );
}

// Autovacuum never visits temporary tables: without this the planner
// guesses the stage's size, and the merge's joins over a large file pick
// nested loops.
export async function analyzeStage<R>(db: Database, stage: Stage<R>) {
  await db.execute(sql`analyze ${sql.raw(stage.table)}`);
}

/** Writes a batch of rows: through COPY on PostgreSQL and on PGlite, else
 * as one statement whose batch travels as one JSON parameter, which keeps
 * far below the driver's parameter limit. */
export async function insertStagedRows<R>(
  db: Database,
  stage: Stage<R>,
  rows: StagedRow<R>[],
) {
  if (rows.length === 0) return;
  const copier = findCopyClient(db);
  if (copier) return copyStagedRows(copier, stage, rows);
  const blobClient = findBlobClient(db);
  if (blobClient) return copyStagedBlob(blobClient, stage, rows);
  const json = JSON.stringify(
    rows.map(({ row, record }) => {
      const values: Record<string, unknown> = { row_no: row };
      for (const c of stage.columns) values[c.name] = c.value(record);

      return values;
    }),
  );
  const names = sql.raw(
    ["row_no", ...stage.columns.map((c) => c.name)].join(", "),
  );

  await db.execute(sql`
    insert into ${sql.raw(stage.table)} (${names})
    select ${names} from json_to_recordset(${json}::json) as x(${definitions(stage)})`);
}

type CopyClient = {
  unsafe: (query: string) => { writable: () => Promise<Writable> };
};

// postgres.js, under Drizzle's transaction, keeps its connection in the
// session; PGlite's client has no COPY FROM STDIN and keeps the JSON path.
function findCopyClient(db: Database): CopyClient | null {
  const client = (db as unknown as { session?: { client?: unknown } }).session
    ?.client as Record<string, unknown> | undefined;
  if (
    typeof client?.unsafe === "function" &&
    typeof client.savepoint === "function"
  )
    return client as unknown as CopyClient;

  return null;
}

type BlobClient = {
  query: (
    query: string,
    params: unknown[],
    options: { blob: Blob },
  ) => Promise<unknown>;
};

// PGlite (and its transaction) reads COPY FROM '/dev/blob' from a Blob
// handed to the query: the same text as COPY FROM STDIN, in about a third
// less time than expanding the batch from JSON.
function findBlobClient(db: Database): BlobClient | null {
  const client = (db as unknown as { session?: { client?: unknown } }).session
    ?.client as Record<string, unknown> | undefined;
  if (
    typeof client?.query === "function" &&
    typeof client.exec === "function" &&
    typeof client.unsafe !== "function"
  )
    return client as unknown as BlobClient;

  return null;
}

function toCopyLines<R>(stage: Stage<R>, rows: StagedRow<R>[]): string {
  let text = "";
  for (const { row, record } of rows) {
    text += String(row);
    for (const column of stage.columns)
      text += `\t${toCopyText(column.value(record))}`;
    text += "\n";
  }

  return text;
}

function copyTarget<R>(stage: Stage<R>): string {
  const names = ["row_no", ...stage.columns.map((c) => c.name)].join(", ");

  return `${stage.table} (${names})`;
}

async function copyStagedRows<R>(
  client: CopyClient,
  stage: Stage<R>,
  rows: StagedRow<R>[],
) {
  const writable = await client
    .unsafe(`copy ${copyTarget(stage)} from stdin`)
    .writable();
  const text = toCopyLines(stage, rows);

  await new Promise<void>((resolve, reject) => {
    writable.on("error", reject);
    writable.on("finish", resolve);
    writable.end(text);
  });
}

async function copyStagedBlob<R>(
  client: BlobClient,
  stage: Stage<R>,
  rows: StagedRow<R>[],
) {
  const blob = new Blob([toCopyLines(stage, rows)]);
  await client.query(`copy ${copyTarget(stage)} from '/dev/blob'`, [], {
    blob,
  });
}

const specialCharacters = /[\\\t\n\r]/;

// COPY's text format: \N is null, and backslash, tab and line ends are
// escaped so a field never splits a row.
function toCopyText(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  const text = String(value);
  if (!specialCharacters.test(text)) return text;

  return text.replace(/[\\\t\n\r]/g, (char) =>
    char === "\\"
      ? "\\\\"
      : char === "\t"
        ? "\\t"
        : char === "\n"
          ? "\\n"
          : "\\r",
  );
}

/** Ids reported by more than one row, the first 100 and how many. The
 * stage is grouped once; only the ids listed are read again. */
export async function findRepeatedIds<R>(db: Database, stage: Stage<R>) {
  const table = sql.raw(stage.table);
  const first = await queryRows<{ externalId: string; total: number }>(
    db,
    sql`select external_id as "externalId", count(*) over ()::int as total
    from (select external_id, min(row_no) as first_row from ${table}
      group by external_id having count(*) > 1) repeated
    order by first_row limit 100`,
  );
  if (first.length === 0) return { repeatedIds: [], repeatedIdCount: 0 };

  const ids = first.map((item) => item.externalId);
  const rows = await queryRows<{ externalId: string; rows: string }>(
    db,
    sql`select external_id as "externalId",
      string_agg(row_no::text, ',' order by row_no) as rows
    from ${table}
    where external_id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})
    group by external_id`,
  );
  const rowsById = new Map(rows.map((item) => [item.externalId, item.rows]));

  return {
    repeatedIds: ids.map((externalId) => {
      const numbers = (rowsById.get(externalId) ?? "").split(",").map(Number);

      return { externalId, rows: numbers, keptRow: numbers.at(-1) ?? 0 };
    }),
    repeatedIdCount: first[0]?.total ?? 0,
  };
}

/** Codes in the staged rows that `origin` does not map to a disposition. */
export async function findUnmappedCodes<R>(
  db: Database,
  stage: Stage<R>,
  origin: string,
) {
  return queryRows<{ code: string; rows: number }>(
    db,
    sql`select trim(s.disposition_code) as code, count(*)::int as rows
    from ${sql.raw(stage.table)} s
    where s.disposition_code is not null
      and not exists (
        select 1 from disposition_codes dc
        where dc.origin = ${origin}
          and dc.code = lower(trim(s.disposition_code)))
    group by trim(s.disposition_code)
    order by rows desc, code
    limit 100`,
  );
}
