import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { MetricFilter } from "@/lib/metrics/filter";
import { narrowCells, narrowsBeyondSource, sumColumns } from "./narrowing";

type SpeedRow = {
  leads: number;
  attempted: number;
  withinTarget: number;
  median: number | null;
  p90: number | null;
};

/** getSpeedToLead's counts and percentiles, exactly as percentile_cont
 * over the attempted leads' minutes gives them. */
export async function readSpeedToLead(
  db: Database,
  filter: MetricFilter,
): Promise<SpeedRow> {
  const [counts] = await queryRows<Omit<SpeedRow, "median" | "p90">>(
    db,
    sql`select ${sumColumns("c", {
      leads: "leads",
      attempted: "attempted",
      withinTarget: "within_target",
    })}
    from agg_lead_cells c where ${narrowCells(filter)}`,
  );
  const attempted = counts?.attempted ?? 0;
  const [median, p90] = narrowsBeyondSource(filter)
    ? await readPercentilesFromFacts(db, filter)
    : await readPercentilesFromCells(db, filter, attempted);

  return {
    leads: counts?.leads ?? 0,
    attempted,
    withinTarget: counts?.withinTarget ?? 0,
    median: median ?? null,
    p90: p90 ?? null,
  };
}

async function readPercentilesFromFacts(db: Database, filter: MetricFilter) {
  const [row] = await queryRows<{ median: number | null; p90: number | null }>(
    db,
    sql`select
      (percentile_cont(0.5) within group (order by f.speed_minutes))::float8
        as median,
      (percentile_cont(0.9) within group (order by f.speed_minutes))::float8
        as p90
    from agg_lead_facts f
    where ${narrowCells(filter, "f")} and f.speed_minutes is not null`,
  );

  return [row?.median ?? null, row?.p90 ?? null];
}

type Bucket = { bucket: number; leads: number };

// The cells give how many leads each speed bucket holds, so each rank is
// read from the few facts of one bucket.
async function readPercentilesFromCells(
  db: Database,
  filter: MetricFilter,
  count: number,
) {
  const buckets = await queryRows<Bucket>(
    db,
    sql`select c.value::int as bucket, sum(c.leads)::int as leads
    from agg_lead_measure_cells c
    where c.measure = 'speed_bucket'
      and ${narrowCells(filter, "c", { campaign: null, agent: null })}
    group by c.value order by c.value`,
  );

  return Promise.all(
    [0.5, 0.9].map((p) => readPercentile(db, filter, buckets, p, count)),
  );
}

/** percentile_cont(p) over `count` values: the values at ranks
 * floor(p·(n−1)) and ceil(p·(n−1)) (0-based), interpolated as PostgreSQL
 * does, in the same floating-point steps. */
async function readPercentile(
  db: Database,
  filter: MetricFilter,
  buckets: Bucket[],
  p: number,
  count: number,
): Promise<number | null> {
  if (count === 0) return null;
  const position = p * (count - 1);
  const lowRank = Math.floor(position);
  const highRank = Math.ceil(position);

  const low = await readValueAtRank(db, filter, buckets, lowRank);
  if (low === null || highRank === lowRank) return low;
  const high = await readValueAtRank(db, filter, buckets, highRank);
  if (high === null) return null;

  return low + (high - low) * (position - lowRank);
}

async function readValueAtRank(
  db: Database,
  filter: MetricFilter,
  buckets: Bucket[],
  rank: number,
): Promise<number | null> {
  let before = 0;
  for (const { bucket, leads } of buckets) {
    if (rank < before + leads) {
      const [row] = await queryRows<{ minutes: number }>(
        db,
        sql`select f.speed_minutes::float8 as minutes from agg_lead_facts f
        where f.speed_bucket = ${bucket}
          and ${narrowCells(filter, "f", { campaign: null, agent: null })}
        order by f.speed_minutes offset ${rank - before} limit 1`,
      );

      return row?.minutes ?? null;
    }
    before += leads;
  }

  return null;
}
