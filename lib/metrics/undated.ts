import { sql } from "drizzle-orm";
import { undatedLeadsSql } from "@/lib/aggregates/read-overview";
import type { FigureOptions } from "@/lib/aggregates/state";
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
  options?: FigureOptions,
): Promise<number> {
  const fromRows = sql`select count(*) from leads l
    where l.created_at is null and ${leadNarrowing(filter)}`;
  const query =
    options?.via === "rows"
      ? sql`select (${fromRows})::int as undated`
      : undatedLeadsSql(filter, fromRows);

  const [row] = await queryRows<{ undated: number }>(db, query);

  return row?.undated ?? 0;
}
