import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { type Connection, openPglite, openPostgres, queryRows } from "./client";
import { settings } from "./schema";
import { createTestConnection } from "./testing";

describe("database", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());

  it("creates the settings row with the documented defaults", async () => {
    await connection.db.insert(settings).values({}).onConflictDoNothing();
    const [row] = await connection.db.select().from(settings);
    expect(row?.duplicateWindowDays).toBe(30);
    expect(row?.contactWindowDays).toBe(7);
    expect(row?.policyCalls).toBe(4);
    expect(row?.slots.map((slot) => slot.name)).toEqual([
      "morning",
      "midday",
      "afternoon",
      "evening",
    ]);
  });

  it("converts an instant to a lead's zone in SQL", async () => {
    // 2026-03-29 01:30 UTC is 03:30 in Madrid: the clocks went forward at 02:00.
    const rows = await queryRows<{ local: string }>(
      connection.db,
      sql`select to_char(${"2026-03-29T01:30:00Z"}::timestamptz at time zone 'Europe/Madrid', 'HH24:MI') as local`,
    );
    expect(rows[0]?.local).toBe("03:30");
  });
});

describe.skipIf(!env.DATABASE_URL)("opening a PostgreSQL server", () => {
  const at = (database: string) => {
    const url = new URL(env.DATABASE_URL ?? "");
    url.pathname = `/${database}`;

    return url.toString();
  };

  it("says that a database is missing and how to create it", async () => {
    const name = `reachboard_missing_${process.pid}`;
    await expect(openPostgres(at(name))).rejects.toThrow(
      `The database "${name}" does not exist on ${new URL(at(name)).host}. Create it first (for example: createdb ${name}), then start again.`,
    );
  });

  it("says when nothing answers at the server's address", async () => {
    const url = new URL(at("postgres"));
    url.port = "1";
    await expect(openPostgres(url.toString())).rejects.toThrow(
      `Nothing answers at ${url.host}: is PostgreSQL running there?`,
    );
  });
});

// Only where the tests run as a user with a umask (always, on Linux).
describe("the embedded database's folder", () => {
  it("is readable by its owner only, also when it was created open", async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "reachboard-folder-"));
    const dataDir = path.join(parent, "pglite");
    fs.mkdirSync(dataDir, { mode: 0o777 });
    fs.chmodSync(dataDir, 0o777);
    try {
      const connection = await openPglite({ dataDir });
      await connection.close();
      const files = fs
        .readdirSync(dataDir, { recursive: true })
        .map((name) => path.join(dataDir, String(name)));

      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      // PGlite writes its files open to everyone: the folder is what
      // keeps them private.
      expect(files.length).toBeGreaterThan(100);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
