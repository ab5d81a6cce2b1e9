import fs from "node:fs";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import type { Connection } from "@/lib/db";

// Pieces of the import benchmark: generated files written to disk line by
// line (so the generator holds no file in memory), and PostgreSQL's own
// COPY on either database as the yardstick.

/** One lead per this many attempts. */
export const attemptsPerLead = 5;

const outcomes = ["answered", "no_answer", "busy", "voicemail"];

/** Writes `count` lines from `line` under `header` to `file`. */
export async function writeLines(
  file: string,
  header: string,
  count: number,
  line: (index: number) => string,
) {
  const out = fs.createWriteStream(file);
  let chunk = `${header}\n`;
  for (let index = 0; index < count; index += 1) {
    chunk += `${line(index)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

export function leadLine(origin: string) {
  return (index: number) =>
    `${origin}-L-${index},Source ${index % 7},2026-03-01T09:00:00Z,Europe/Madrid`;
}

export const leadHeader = "external_id,source,created_at,time_zone";

export const attemptHeader =
  "external_id,lead_external_id,started_at,outcome,agent,duration_seconds";

export function attemptLine(index: number): string {
  const minute = String(index % 60).padStart(2, "0");
  const lead = Math.floor(index / attemptsPerLead);

  return `A-${index},csv-L-${lead},2026-03-02T10:${minute}:00Z,${outcomes[index % 4]},agent-${index % 40},${index % 300}`;
}

/** The API's item for the same attempt, of leads written with origin api. */
export function attemptItem(index: number) {
  const minute = String(index % 60).padStart(2, "0");

  return {
    externalId: `A-${index}`,
    leadExternalId: `api-L-${Math.floor(index / attemptsPerLead)}`,
    startedAt: `2026-03-02T10:${minute}:00Z`,
    outcome: outcomes[index % 4],
    agent: `agent-${index % 40}`,
    durationSeconds: index % 300,
  };
}

type CopyClient = {
  unsafe: (query: string) => {
    writable: () => Promise<NodeJS.WritableStream>;
    readable: () => Promise<NodeJS.ReadableStream>;
  };
};

/** Runs `setup` (untimed), then COPYs `file` into `table` with `options`
 * in the same transaction: streamed from disk on PostgreSQL, as a blob on
 * PGlite. Returns the milliseconds of the COPY and its commit. */
export async function copyFileInto(
  connection: Connection,
  table: string,
  file: string,
  options: string,
  setup: string,
): Promise<number> {
  let started = 0;
  if (connection.pg) {
    await connection.pg.begin(async (tx) => {
      await tx.unsafe(setup);
      started = Date.now();
      const client = tx as unknown as CopyClient;
      const writable = await client
        .unsafe(`copy ${table} from stdin ${options}`)
        .writable();
      await pipeline(fs.createReadStream(file), writable);
    });
  } else if (connection.lite) {
    const lite = connection.lite;
    const blob = new Blob([fs.readFileSync(file)]);
    await lite.transaction(async (tx) => {
      await tx.exec(setup);
      started = Date.now();
      await tx.query(`copy ${table} from '/dev/blob' ${options}`, [], {
        blob,
      });
    });
  }

  return Date.now() - started;
}

/** COPY the result of `query` out to `file`, in COPY's text format. */
export async function copyQueryToFile(
  connection: Connection,
  query: string,
  file: string,
) {
  if (connection.pg) {
    const client = connection.pg as unknown as CopyClient;
    const readable = await client
      .unsafe(`copy (${query}) to stdout`)
      .readable();
    await pipeline(readable, fs.createWriteStream(file));
  } else if (connection.lite) {
    const result = await connection.lite.query(
      `copy (${query}) to '/dev/blob'`,
    );
    const blob = result.blob ?? new Blob([]);
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  }
}

/** Runs `text` (one or more statements) in a transaction of its own. */
async function runInTransaction(connection: Connection, text: string) {
  if (connection.pg) await connection.pg.begin((tx) => tx.unsafe(text));
  else if (connection.lite)
    await connection.lite.transaction((tx) => tx.exec(text).then(() => {}));
}

async function readColumns(connection: Connection, table: string) {
  const query = `select column_name as name from information_schema.columns
    where table_name = '${table}' order by ordinal_position`;
  const rows = connection.pg
    ? await connection.pg.unsafe<{ name: string }[]>(query)
    : ((await connection.lite?.query<{ name: string }>(query))?.rows ?? []);

  return rows.map((row) => row.name);
}

/**
 * Yardstick (d): upserts the first `rows` rows of `source` (a filled copy
 * of attempts) into a new copy of attempts with its indexes and its four
 * foreign keys, `batch` rows per `insert … on conflict (origin,
 * external_id) do update`, each statement in a transaction of its own, as
 * an API batch writes them. The rows are read from a numbered copy of
 * `source` by an index, so the time is the upsert's and the commit's.
 * Returns the milliseconds of the statements and commits.
 */
export async function upsertInBatches(
  connection: Connection,
  source: string,
  rows: number,
  batch: number,
): Promise<number> {
  if (rows === 0) return 0;
  await runInTransaction(
    connection,
    `create table bench_upserted (like attempts including all);
    alter table bench_upserted
      add foreign key (lead_id) references leads (id),
      add foreign key (agent_id) references agents (id),
      add foreign key (template_id) references templates (id),
      add foreign key (import_id) references imports (id);
    create table bench_numbered as
      select row_number() over (order by id) as n, * from ${source};
    create index on bench_numbered (n);
    analyze bench_numbered`,
  );
  const columns = (await readColumns(connection, source)).join(", ");
  const assignments = (await readColumns(connection, source))
    .filter((name) => !["id", "origin", "external_id"].includes(name))
    .map((name) => `${name} = excluded.${name}`)
    .join(", ");
  const started = Date.now();
  for (let from = 0; from < rows; from += batch) {
    const to = Math.min(rows, from + batch);
    await runInTransaction(
      connection,
      `insert into bench_upserted (${columns})
      select ${columns} from bench_numbered where n > ${from} and n <= ${to}
      on conflict (origin, external_id) do update set ${assignments}`,
    );
  }

  return Date.now() - started;
}

/** Samples the resident memory; `take` returns the peak since the last
 * take, in MB. */
export function sampleMemory() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);

  return {
    take: () => {
      const result = Math.round(
        Math.max(peak, process.memoryUsage().rss) / 1e6,
      );
      peak = process.memoryUsage().rss;

      return result;
    },
    stop: () => clearInterval(timer),
  };
}
