import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import {
  type Scope,
  binOf,
  createTempTable,
  inScope,
  isWholeScope,
} from "./sql";

/**
 * `agg_tmp_bins`: every 15-minute bin an attempt or a creation instant of
 * the scope falls in, per lead zone, with the local day, weekday and hour
 * there and the day, weekday and hour in the reporting zone. The report
 * day follows instantInPeriod exactly: the day whose local midnights
 * bracket the instant. A rebuild takes every bin between the first and the
 * last instant (a few hundred thousand at most) rather than scanning the
 * log for the bins in use.
 */
export async function createBins(
  db: Database,
  scope: Scope,
  reportTimezone: string,
): Promise<void> {
  const zone = sql`${reportTimezone}::text`;
  const bins =
    isWholeScope(scope) && (await spansFewYears(db))
      ? sql`select b.bin, z.zone
        from (select distinct l.time_zone as zone from leads l) z
        cross join (
          select generate_series(${binOf(sql`min(t.at)`)}, ${binOf(sql`max(t.at)`)},
            interval '15 minutes') as bin
          from (select min(started_at) as at from attempts
            union all select max(started_at) from attempts
            union all select min(created_at) from leads
            union all select max(created_at) from leads) t
        ) b`
      : sql`select ${binOf(sql`a.started_at`)} as bin, l.time_zone as zone
        from attempts a join leads l on l.id = a.lead_id
        where ${inScope(scope, sql`a.lead_id`)} and ${inScope(scope, sql`l.id`)}
        union
        select ${binOf(sql`l.created_at`)}, l.time_zone from leads l
        where l.created_at is not null and ${inScope(scope, sql`l.id`)}`;

  // Each instant is converted once per zone, and once to the reporting
  // zone per bin rather than per bin and zone: a conversion costs more
  // than the rest of a row.
  await createTempTable(
    db,
    "agg_tmp_bins",
    sql`with z as materialized (
      select b.bin, b.zone, b.bin at time zone b.zone as local from (${bins}) b
    ), r as materialized (
      select u.bin, u.bin at time zone ${zone} as local
      from (select distinct z.bin from z) u
    )
    select z.bin, z.zone, z.local::date as local_date,
      date_part('isodow', z.local)::int2 as local_weekday,
      date_part('hour', z.local)::int2 as local_hour,
      (case when r.bin < (r.local::date::timestamp at time zone ${zone})
          then r.local::date - 1
        when r.bin >= ((r.local::date + 1)::timestamp at time zone ${zone})
          then r.local::date + 1
        else r.local::date end) as report_day,
      date_part('isodow', r.local)::int2 as report_weekday,
      date_part('hour', r.local)::int2 as report_hour
    from z join r on r.bin = z.bin`,
    { scope, keys: ["bin", "zone"] },
  );
}

// Every bin of three years in eight zones is about a million rows; beyond
// that, listing the bins in use is cheaper.
async function spansFewYears(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ days: number | null }>(
    db,
    sql`select (extract(epoch from max(t.at) - min(t.at)) / 86400)::float8 as days
    from (select min(started_at) as at from attempts
      union all select max(started_at) from attempts
      union all select min(created_at) from leads
      union all select max(created_at) from leads) t`,
  );

  return row?.days !== null && row?.days !== undefined && row.days <= 1_100;
}

/** Joins the bin of `instant` in the zone of leads alias `l`. */
export function joinBin(alias: string, instant: SQL): SQL {
  const bin = sql.raw(alias);

  return sql`left join agg_tmp_bins ${bin} on ${bin}.bin = ${binOf(instant)}
    and ${bin}.zone = l.time_zone`;
}
