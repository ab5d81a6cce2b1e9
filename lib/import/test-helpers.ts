import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";

/** The shared real data files, when this checkout has them beside it. */
export const dataFolder = path.resolve(process.cwd(), "..", "shared", "data");

export function hasDataFile(relative: string): boolean {
  return fs.existsSync(path.join(dataFolder, relative));
}

export function openDataFile(relative: string): fs.ReadStream {
  return fs.createReadStream(path.join(dataFolder, relative));
}

export function readDataFile(relative: string): string {
  return fs.readFileSync(path.join(dataFolder, relative), "utf8");
}

/** A CSV file from lines, joined with `ending`. */
export function csvFile(lines: string[], ending = "\n"): Buffer {
  return Buffer.from(lines.join(ending) + ending);
}

/** A deliberately plain CSV reader (quotes, doubled quotes, CRLF), so that
 * tests check the importer against something that does not share its
 * parser. */
export function splitCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);

  return rows;
}

export async function countRows(db: Database, table: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from ${sql.raw(table)}`,
  );

  return row?.count ?? 0;
}

/** Empties every table an import writes, between tests of one file. The
 * aggregates' state goes too, so the next import rebuilds them. */
export async function clearImports(db: Database) {
  await db.execute(sql`truncate attempts, leads, persons, imports,
    disposition_codes, dispositions, campaigns, source_aliases, sources,
    agents, teams, templates, agg_state restart identity cascade`);
}
