import { type SQL, sql } from "drizzle-orm";
import type { MetricFilter } from "@/lib/metrics/filter";
import { narrowCells, narrowsBeyondSource } from "./narrowing";

/**
 * A `with` clause ending in `grouped`: getSourceComparison's counts per
 * source and in total (null source), everything but costs, which
 * sources.ts adds from the `sources` table.
 */
export function sourceGroupedCtes(filter: MetricFilter): SQL {
  return sql`with counted as (
      select c.source_id, sum(c.leads) as leads,
        sum(c.without_person) as without_person,
        sum(c.duplicates) as duplicates,
        sum(c.invalid_contact) as invalid_contact,
        sum(c.contacted_within) as contacted, sum(c.worked) as worked,
        sum(c.worked_contacted) as worked_contacted,
        sum(c.fully_worked) as fully_worked,
        sum(c.fully_worked_contacted) as fully_worked_contacted,
        sum(c.contacted_converted) as contacted_converted,
        sum(c.valued) as valued, sum(c.ltv_minor) as ltv_minor,
        sum(c.values_not_converted) as values_not_converted
      from agg_lead_cells c where ${narrowCells(filter)}
      group by grouping sets ((), (c.source_id))
    ),
    people as (${personsSql(filter)}),
    grouped as (
    select g.source_id, g.leads, coalesce(p.persons, 0) as persons,
      g.without_person, g.duplicates, g.invalid_contact, g.contacted,
      g.worked, g.worked_contacted, g.fully_worked, g.fully_worked_contacted,
      g.contacted_converted, g.valued,
      round(g.ltv_minor::numeric / nullif(g.valued, 0)) as ltv_per_lead,
      g.values_not_converted
    from counted g
    left join people p on p.source_id is not distinct from g.source_id
    where g.leads is not null
    )`;
}

/**
 * Distinct persons of the period per source and in total (null source).
 * A person counts once, at its first lead of the period: the lead whose
 * person's previous lead (in the same source, or in any for the total)
 * was created before the period. The person cells hold exactly that for
 * every source and for all sources together; a campaign, agent or team
 * filter, or several sources, need the facts.
 */
function personsSql(filter: MetricFilter): SQL {
  if (narrowsBeyondSource(filter) || filter.sourceIds.length > 1) {
    return sql`select f.source_id, count(distinct f.person_id) as persons
      from agg_lead_facts f where ${narrowCells(filter, "f")}
      group by grouping sets ((), (f.source_id))`;
  }
  const first = sql`c.previous_day < ${filter.from}::date`;
  const [only] = filter.sourceIds;
  const total =
    only === undefined
      ? sql`c.source_id = 0`
      : sql`c.source_id = ${Number(only)}::int8`;

  return sql`select nullif(c.source_id, 0) as source_id,
      sum(c.leads) filter (where ${first}) as persons
    from agg_person_cells c
    where c.day between ${filter.from}::date and ${filter.to}::date
      and c.source_id <> 0 and ${narrowCells(filter, "c", { day: null })}
    group by c.source_id
    union all
    select null, sum(c.leads) filter (where ${first})
    from agg_person_cells c
    where c.day between ${filter.from}::date and ${filter.to}::date
      and ${total}`;
}
