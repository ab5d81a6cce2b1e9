import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";

/** The lead id of a lead page's path, or null when it cannot be one:
 * digits only, and a safe integer. */
export function parseLeadId(text: string): number | null {
  const id = Number(text);

  return /^\d{1,15}$/.test(text) && Number.isSafeInteger(id) ? id : null;
}

/** Whether a lead of this id is stored: one index lookup, cheap enough to
 * run before the page's own queries. */
export async function leadExists(db: Database, id: number): Promise<boolean> {
  const rows = await queryRows<{ found: number }>(
    db,
    sql`select 1 as found from leads where id = ${id}`,
  );

  return rows.length > 0;
}
