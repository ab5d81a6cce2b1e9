import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { dispositions } from "@/lib/db/schema";
import { listPresetDefinitions } from "./presets";
import { standardDispositions } from "./standard-dispositions";

/**
 * Seeds the standard dispositions and each preset's code mapping. Existing
 * rows are left alone, so a mapping edited on the settings page survives
 * every later run.
 */
export async function ensureDefaultDispositions(db: Database): Promise<void> {
  await db
    .insert(dispositions)
    .values(
      Object.entries(standardDispositions).map(([name, flags]) => ({
        name,
        ...flags,
      })),
    )
    .onConflictDoNothing({ target: dispositions.name });

  for (const preset of listPresetDefinitions()) {
    const origin = preset.origin ?? "csv";
    await ensureDispositionCodes(db, origin, preset.dispositionCodes);
  }
}

/** Maps codes (trimmed, lower-cased) of `origin` to dispositions by name,
 * keeping any mapping that exists. */
export async function ensureDispositionCodes(
  db: Database,
  origin: string,
  codes: Record<string, string>,
): Promise<void> {
  const entries = Object.entries(codes);
  if (entries.length === 0) return;
  const json = JSON.stringify(
    entries.map(([code, name]) => ({ code: code.trim().toLowerCase(), name })),
  );

  await db.execute(sql`
    insert into disposition_codes (origin, code, disposition_id)
    select ${origin}, m.code, d.id
    from json_to_recordset(${json}::json) as m(code text, name text)
    join dispositions d on d.name = m.name
    on conflict (origin, code) do nothing`);
}
