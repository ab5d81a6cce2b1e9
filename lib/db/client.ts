import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { makePrivateFolder } from "@/lib/secrets";
import { createLogger } from "@/lib/log";
import * as schema from "./schema";

const log = createLogger("db");

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database: the Drizzle client and a way to release it. */
export type Connection = {
  db: Database;
  kind: "pglite" | "postgres";
  /** The underlying postgres.js client, for COPY; null on PGlite. */
  pg: postgres.Sql | null;
  /** The underlying PGlite instance; null on PostgreSQL. */
  lite: PGlite | null;
  close: () => Promise<void>;
};

const migrationsFolder = path.resolve(process.cwd(), "drizzle");

/** Opens PostgreSQL at `url` and applies pending migrations. */
export async function openPostgres(url: string): Promise<Connection> {
  const started = Date.now();
  const pg = postgres(url, {
    max: 10,
    onnotice: () => {},
    // JIT costs up to 0.3 s per analytic query for nothing at these sizes.
    connection: { jit: "off", TimeZone: "UTC" },
  });
  const db = drizzlePostgres(pg, { schema }) as unknown as Database;
  try {
    await migratePostgres(drizzlePostgres(pg), { migrationsFolder });
  } catch (error) {
    await pg.end({ timeout: 1 }).catch(() => {});
    throw explainOpenFailure(error, url);
  }
  log.info("opened postgres", { ms: Date.now() - started });

  return { db, kind: "postgres", pg, lite: null, close: () => pg.end() };
}

// The first statement on a server fails for reasons of the setup, not of
// Reachboard: say which, in words, naming the database and the server but
// never the user's password. Anything else is passed on as it is.
function explainOpenFailure(error: unknown, url: string): unknown {
  let where;
  try {
    const parsed = new URL(url);
    where = {
      database: decodeURIComponent(parsed.pathname.slice(1)) || "postgres",
      server: parsed.host || "the local socket",
    };
  } catch {
    return error;
  }
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  const code = (cause as { code?: unknown } | null)?.code;
  const messages: Record<string, string> = {
    "3D000": `The database "${where.database}" does not exist on ${where.server}. Create it first (for example: createdb ${where.database}), then start again.`,
    "28P01": `${where.server} refused the user name or password in DATABASE_URL.`,
    "28000": `${where.server} does not let this user connect to "${where.database}".`,
    "42501": `The user in DATABASE_URL may not create tables in "${where.database}": the migrations need the CREATE right on the database (or run them once as its owner).`,
    ECONNREFUSED: `Nothing answers at ${where.server}: is PostgreSQL running there?`,
    ENOTFOUND: `The server name in DATABASE_URL (${where.server}) is not known.`,
  };
  const message = typeof code === "string" ? messages[code] : undefined;

  return message ? new AppError("invalid_input", message) : error;
}

/** Opens an embedded PGlite database, from `dataDir` or in memory. */
export async function openPglite(options: {
  dataDir?: string;
  loadDataDir?: Blob;
}): Promise<Connection> {
  const started = Date.now();
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const lite = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
    });
    // The default 4 MB makes analytic hashes spill to disk and crawl.
    await lite.exec("set work_mem = '64MB'; set time zone 'UTC';");
    const db = drizzlePglite(lite, { schema }) as unknown as Database;
    await migratePglite(drizzlePglite(lite), { migrationsFolder });
    log.info("opened pglite", { ms: Date.now() - started });

    return {
      db,
      kind: "pglite",
      pg: null,
      lite,
      close: async () => {
        await lite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Opens the database this process is configured for. */
export function openConfiguredDatabase(): Promise<Connection> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  makePrivateFolder(env.dataDir);

  return openPglite({ dataDir: path.join(env.dataDir, "pglite") });
}

// PGlite has no cross-process lock: a pid file keeps a second process from
// opening the same folder and corrupting it.
function lockDataDir(dataDir: string): () => void {
  makePrivateFolder(dataDir);
  const lockFile = path.join(dataDir, "..", `${path.basename(dataDir)}.pid`);
  const holder = readLockHolder(lockFile);
  if (holder !== null && holder !== process.pid && isAlive(holder)) {
    throw new AppError(
      "conflict",
      `The data folder ${dataDir} is in use by process ${holder} ` +
        "(the dashboard, most likely). The embedded database allows one " +
        "process at a time: stop that process first, or give this one a " +
        "data folder of its own with REACHBOARD_DATA_DIR. To import while " +
        "the dashboard runs, upload the file on its Import page.",
    );
  }
  fs.writeFileSync(lockFile, String(process.pid));

  return () => {
    if (readLockHolder(lockFile) === process.pid)
      fs.rmSync(lockFile, { force: true });
  };
}

function readLockHolder(lockFile: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);

    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A name quoted as an SQL identifier, for DDL written as text. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** An instant as ISO 8601 text in UTC to the second (`2026-03-01T09:30:00Z`),
 * as the pages and the API show instants. */
export function isoInstantSql(instant: SQL): SQL {
  return sql`to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}

/** Runs raw SQL and returns its rows on either driver. Cast every column in
 * SQL (`::int`, `::float8`, `::text`): the drivers parse types differently. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];

  return (result as { rows: T[] }).rows;
}
