import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import { type MetricFilter, leadNarrowing } from "./filter";

/**
 * Leads of the filter's narrowing (source, campaign, agent, team) that have
 * no creation instant. They belong to no period, so every time-based view
 * leaves them out and returns this count as its `leftOut`.
 */
export async function countUndatedLeads(
  db: Database,
  filter: MetricFilter,
): Promise<number> {
  const [row] = await queryRows<{ undated: number }>(
    db,
    sql`select count(*)::int as undated from leads l
    where l.created_at is null and ${leadNarrowing(filter)}`,
  );

  return row?.undated ?? 0;
}
