import fs from "node:fs";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { env } from "@/lib/env";
import { type Connection, openPglite, openPostgres } from "./client";

/** Where the test setup leaves a migrated, empty PGlite data folder dump. */
export const pgliteTemplatePath = ".test-data/pglite-template.tar.gz";

/**
 * A fresh, migrated, empty database for one test file: on the PostgreSQL
 * server of DATABASE_URL when it is set (a database of its own, dropped on
 * close), otherwise an in-memory PGlite started from the template dump.
 */
export async function createTestConnection(): Promise<Connection> {
  if (env.DATABASE_URL) return createPostgresTestDatabase(env.DATABASE_URL);

  const template = fs.existsSync(pgliteTemplatePath)
    ? new Blob([fs.readFileSync(pgliteTemplatePath)])
    : undefined;

  return openPglite({ loadDataDir: template });
}

async function createPostgresTestDatabase(url: string): Promise<Connection> {
  const name = `reachboard_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const connection = await openPostgres(target.toString());

  return {
    ...connection,
    close: async () => {
      await connection.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
