import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";

/**
 * Which leads a build step covers: every lead (a rebuild), or the leads
 * listed in the temporary table `agg_scope (lead_id)` (a refresh).
 */
export type Scope = "all" | "scoped";

/** `leadId` is one of the scope's leads. */
export function inScope(scope: Scope, leadId: SQL): SQL {
  if (scope === "all") return sql`true`;

  return sql`${leadId} in (select lead_id from agg_scope)`;
}

/**
 * The 15-minute bin an instant falls in, in UTC. Every zone in use today is
 * offset from UTC by a multiple of 15 minutes and changes its clock on such
 * a boundary, so an instant and the start of its bin share the local day,
 * weekday and hour in every zone: converting the bins instead of the
 * instants gives the same answer at a fraction of the cost.
 */
export function binOf(instant: SQL): SQL {
  return sql`date_bin('15 minutes', ${instant}, timestamptz '2000-01-01 00:00:00+00')`;
}

/** Microseconds since the epoch, exact, for ordering by (instant, id) in
 * array comparisons. */
export function microsOf(instant: SQL): SQL {
  return sql`(extract(epoch from ${instant}) * 1000000)::int8`;
}

/** A channel as a small number (1 call, 2 whatsapp, 3 sms, 4 email), to
 * carry it inside an int8 array, and back. */
export function channelCode(value: SQL): SQL {
  return sql`array_position(enum_range(null::channel), ${value})::int8`;
}

export function channelOfCode(code: SQL): SQL {
  return sql`(enum_range(null::channel))[${code}]`;
}

/** Replaces a temporary table, dropped at the end of the transaction, and
 * analyses it so that the next statements get good plans. */
export async function createTempTable(
  db: Database,
  name: string,
  select: SQL,
): Promise<void> {
  await db.execute(sql.raw(`drop table if exists ${name}`));
  await db.execute(
    sql`create temp table ${sql.raw(name)} on commit drop as ${select}`,
  );
  await db.execute(sql.raw(`analyze ${name}`));
}

/** A list of ids as an SQL list; callers check it is not empty. */
export function idList(ids: readonly number[]): SQL {
  return sql.raw(`(${ids.map(Number).join(",")})`);
}
