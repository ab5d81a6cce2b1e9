import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { MetricFilter } from "@/lib/metrics/filter";
import type { SourceSummaryRow } from "@/lib/metrics/overview";
import { narrowCells, sumColumns } from "./narrowing";

/** Leads of the period, contacted within the window, and of those the
 * converted ones (overview.ts). */
export async function readOverviewCounts(
  db: Database,
  filter: MetricFilter,
): Promise<{ leads: number; contacted: number; converted: number }> {
  const [row] = await queryRows<{
    leads: number;
    contacted: number;
    converted: number;
  }>(
    db,
    sql`select ${sumColumns("c", {
      leads: "leads",
      contacted: "contacted_within",
      converted: "contacted_converted",
    })}
    from agg_lead_cells c where ${narrowCells(filter)}`,
  );

  return row ?? { leads: 0, contacted: 0, converted: 0 };
}

/** Per day of the period, in order, its leads and those contacted within
 * the window. */
export async function readDailyCounts(
  db: Database,
  filter: MetricFilter,
): Promise<{ day: string; leads: number; contacted: number }[]> {
  return queryRows(
    db,
    sql`with per_day as (
      select c.day, sum(c.leads) as leads,
        sum(c.contacted_within) as contacted
      from agg_lead_cells c where ${narrowCells(filter)}
      group by c.day
    ),
    days as (
      select ${filter.from}::date + n as day
      from generate_series(0, ${filter.to}::date - ${filter.from}::date) n
    )
    select to_char(days.day, 'YYYY-MM-DD') as day,
      coalesce(per_day.leads, 0)::int as leads,
      coalesce(per_day.contacted, 0)::int as contacted
    from days left join per_day on per_day.day = days.day
    order by days.day`,
  );
}

/** getSourceSummary's rows: dated leads of the period plus undated ones. */
export async function readSourceSummary(
  db: Database,
  filter: MetricFilter,
): Promise<SourceSummaryRow[]> {
  return queryRows<SourceSummaryRow>(
    db,
    sql`with dated as (
      select c.source_id, sum(c.leads) as leads,
        sum(c.contacted_within) as contacted,
        sum(c.invalid_contact) as invalid_contact,
        sum(c.converted) as converted
      from agg_lead_cells c where ${narrowCells(filter)}
      group by c.source_id
    ),
    undated as (
      select c.source_id, sum(c.leads) as leads, sum(c.contacted) as contacted,
        sum(c.invalid_contact) as invalid_contact,
        sum(c.converted) as converted
      from agg_undated_cells c where ${narrowCells(filter, "c", { day: null })}
      group by c.source_id
    ),
    together as (
      select coalesce(d.source_id, u.source_id) as source_id,
        coalesce(d.leads, 0) + coalesce(u.leads, 0) as leads,
        coalesce(u.leads, 0) as undated,
        coalesce(d.contacted, 0) + coalesce(u.contacted, 0) as contacted,
        coalesce(d.invalid_contact, 0) + coalesce(u.invalid_contact, 0)
          as invalid_contact,
        coalesce(d.converted, 0) + coalesce(u.converted, 0) as converted
      from dated d full join undated u on u.source_id = d.source_id
    )
    select s.id::int as "sourceId", s.name::text as source,
      t.leads::int as leads, t.undated::int as "undatedLeads",
      t.contacted::int as contacted, t.invalid_contact::int as "invalidContact",
      t.converted::int as converted
    from together t join sources s on s.id = t.source_id
    order by leads desc, s.name`,
  );
}

/** Undated leads of the filter's narrowing. The undated cells depend on no
 * setting, so they answer as soon as the aggregates were ever built; until
 * then the count comes from the leads themselves. */
export function undatedLeadsSql(filter: MetricFilter, fromRows: SQL): SQL {
  return sql`select (case when exists (select 1 from agg_state)
      then (select coalesce(sum(c.leads), 0) from agg_undated_cells c
        where ${narrowCells(filter, "c", { day: null })})
      else (${fromRows}) end)::int as undated`;
}
