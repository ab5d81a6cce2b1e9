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
  return narrowsBeyondSource(filter)
    ? readFromFacts(db, filter)
    : readFromMeasureCells(db, filter);
}

// A campaign, agent or team filter: the counts from the lead cells, the
// percentiles from the few facts the filter leaves. The two reads go out
// together.
async function readFromFacts(
  db: Database,
  filter: MetricFilter,
): Promise<SpeedRow> {
  const [[counts], [percentiles]] = await Promise.all([
    queryRows<Omit<SpeedRow, "median" | "p90">>(
      db,
      sql`select ${sumColumns("c", {
        leads: "leads",
        attempted: "attempted",
        withinTarget: "within_target",
      })}
      from agg_lead_cells c where ${narrowCells(filter)}`,
    ),
    queryRows<{ median: number | null; p90: number | null }>(
      db,
      sql`select
        (percentile_cont(0.5) within group (order by f.speed_minutes))::float8
          as median,
        (percentile_cont(0.9) within group (order by f.speed_minutes))::float8
          as p90
      from agg_lead_facts f
      where ${narrowCells(filter, "f")} and f.speed_minutes is not null`,
    ),
  ]);

  return {
    leads: counts?.leads ?? 0,
    attempted: counts?.attempted ?? 0,
    withinTarget: counts?.withinTarget ?? 0,
    median: percentiles?.median ?? null,
    p90: percentiles?.p90 ?? null,
  };
}

type Bucket = { bucket: number; leads: number };

// Days and sources only: one read of the measure cells gives the speed
// buckets (their sum is the attempted leads) and the leads within the
// target or not (their sum is every dated lead), from the index alone;
// then each rank is read from the few facts of its bucket.
async function readFromMeasureCells(
  db: Database,
  filter: MetricFilter,
): Promise<SpeedRow> {
  const cells = await queryRows<{
    measure: string;
    value: number;
    leads: number;
  }>(
    db,
    sql`select c.measure, c.value, sum(c.leads)::int as leads
    from agg_lead_measure_cells c
    where c.measure in ('speed_bucket', 'speed_target')
      and ${narrowCells(filter, "c", { campaign: null, agent: null })}
    group by c.measure, c.value order by c.measure, c.value`,
  );
  const buckets: Bucket[] = [];
  let leads = 0;
  let withinTarget = 0;
  for (const cell of cells) {
    if (cell.measure === "speed_bucket") {
      buckets.push({ bucket: Number(cell.value), leads: cell.leads });
    } else {
      leads += cell.leads;
      if (Number(cell.value) === 1) withinTarget += cell.leads;
    }
  }
  const attempted = buckets.reduce((sum, bucket) => sum + bucket.leads, 0);
  const [median, p90] = await Promise.all(
    [0.5, 0.9].map((p) => readPercentile(db, filter, buckets, p, attempted)),
  );

  return {
    leads,
    attempted,
    withinTarget,
    median: median ?? null,
    p90: p90 ?? null,
  };
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

  const low = findRank(buckets, lowRank);
  const high = findRank(buckets, highRank);
  if (!low || !high) return null;
  // Both ranks in one bucket (nearly always): one read gives both values.
  const sameBucket = low.bucket === high.bucket;
  const [lowValues, highValues] = await Promise.all([
    readValues(db, filter, low, sameBucket ? highRank - lowRank + 1 : 1),
    sameBucket ? null : readValues(db, filter, high, 1),
  ]);
  const lowValue = lowValues[0];
  const highValue = sameBucket ? lowValues.at(-1) : highValues?.[0];
  if (lowValue === undefined || highValue === undefined) return null;
  if (highRank === lowRank) return lowValue;

  return lowValue + (highValue - lowValue) * (position - lowRank);
}

type RankPlace = { bucket: number; offset: number };

/** The bucket that holds the value at `rank`, and its place in it. */
function findRank(buckets: Bucket[], rank: number): RankPlace | null {
  let before = 0;
  for (const { bucket, leads } of buckets) {
    if (rank < before + leads) return { bucket, offset: rank - before };
    before += leads;
  }

  return null;
}

async function readValues(
  db: Database,
  filter: MetricFilter,
  place: RankPlace,
  count: number,
): Promise<number[]> {
  const rows = await queryRows<{ minutes: number }>(
    db,
    sql`select f.speed_minutes::float8 as minutes from agg_lead_facts f
    where f.speed_bucket = ${place.bucket}
      and ${narrowCells(filter, "f", { campaign: null, agent: null })}
    order by f.speed_minutes offset ${place.offset} limit ${count}`,
  );

  return rows.map((row) => Number(row.minutes));
}
