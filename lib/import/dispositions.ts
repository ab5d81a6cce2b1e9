import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { dispositions } from "@/lib/db/schema";
import { listPresetDefinitions } from "./presets";
import { standardDispositions } from "./standard-dispositions";

/**
 * Seeds the standard dispositions and each preset's code mapping, then the
 * codes of `also` (an origin of the caller's own). Existing rows are left
 * alone, so a mapping edited on the settings page survives every later run.
 * Two statements whatever the number of presets: every API batch and file
 * runs this first.
 */
export async function ensureDefaultDispositions(
  db: Database,
  also?: { origin: string; codes: Record<string, string> },
): Promise<void> {
  await db
    .insert(dispositions)
    .values(
      Object.entries(standardDispositions).map(([name, flags]) => ({
        name,
        ...flags,
      })),
    )
    .onConflictDoNothing({ target: dispositions.name });

  const mappings = listPresetDefinitions().map((preset) => ({
    origin: preset.origin ?? "csv",
    codes: preset.dispositionCodes,
  }));
  if (also) mappings.push(also);
  await insertDispositionCodes(db, mappings);
}

// Maps codes (trimmed, lower-cased) to dispositions by name, in one
// statement for all the mappings, as if each were inserted in turn:
// where two name the same code of an origin, the first whose disposition
// exists wins, and a mapping already stored stays.
async function insertDispositionCodes(
  db: Database,
  mappings: { origin: string; codes: Record<string, string> }[],
): Promise<void> {
  const entries = mappings.flatMap(({ origin, codes }) =>
    Object.entries(codes).map(([code, name]) => ({
      origin,
      code: code.trim().toLowerCase(),
      name,
    })),
  );
  if (entries.length === 0) return;

  await db.execute(sql`
    insert into disposition_codes (origin, code, disposition_id)
    select distinct on (m.origin, m.code) m.origin, m.code, d.id
    from rows from (json_to_recordset(${JSON.stringify(entries)}::json)
      as (origin text, code text, name text))
      with ordinality as m(origin, code, name, position)
    join dispositions d on d.name = m.name
    order by m.origin, m.code, m.position
    on conflict (origin, code) do nothing`);
}
