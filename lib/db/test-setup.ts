import fs from "node:fs";
import path from "node:path";
import { openPglite } from "./client";
import { pgliteTemplatePath } from "./testing";

// Vitest global setup: PGlite's initdb takes seconds, so it runs once and
// every test file starts from a dump of the migrated, empty database.
export default async function setup() {
  if (process.env.DATABASE_URL) return;
  const connection = await openPglite({});
  if (!connection.lite) throw new Error("expected PGlite");
  const dump = await connection.lite.dumpDataDir("gzip");
  await connection.close();
  fs.mkdirSync(path.dirname(pgliteTemplatePath), { recursive: true });
  fs.writeFileSync(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
}
