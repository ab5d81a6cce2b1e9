import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { MetricFilter } from "@/lib/metrics/filter";
import type { RecoveredValue, ValueGroupRow } from "@/lib/metrics/value";
import { joinValueAtRisk, valueAtRiskCte } from "@/lib/metrics/value-at-risk";
import { valueCells } from "./cubes";
import { dayCells, narrowCells } from "./narrowing";

// The cells keep each call-failed lead's value under the channel credited
// for it and, for a value that could not be converted, its status and
// currency ('<null>' standing for none, '' when not needed).
const cells = (filter: MetricFilter) => sql`source_conversion as materialized (
    select c.source_id, sum(c.contacted_within) as contacted,
      sum(c.contacted_converted) as converted
    from agg_lead_cells c where ${narrowCells(filter)}
    group by c.source_id
  ),
  valued as (
    select c.*, to_char(c.day, 'YYYY-MM') as month,
      nullif(c.channel, '')::channel as value_channel,
      sc.converted::numeric / nullif(sc.contacted, 0) as conversion
    from (select c.* from ${dayCells(valueCells, filter)}) c
    left join source_conversion sc on sc.source_id = c.source_id
  )`;

/**
 * getRecoveredValue's groups. The value at risk is Σ LTV × the source's
 * conversion rate, summed per cell before multiplying: numeric products
 * and sums are exact, so each source's value equals the per-lead sum to
 * the last digit before it is rounded.
 */
export async function readValueGroups(
  db: Database,
  filter: MetricFilter,
): Promise<ValueGroupRow[]> {
  return queryRows<ValueGroupRow>(
    db,
    sql`with ${cells(filter)},
    grouped as (
      select case when grouping(v.month) = 0 then 'month'
          when grouping(v.value_channel) = 0 then 'channel'
          when grouping(v.source_id) = 0 then 'source' else 'all' end
          as grouping,
        v.month, v.value_channel, v.source_id,
        coalesce(sum(v.call_failed), 0)::int as "callFailedLeads",
        coalesce(sum(v.call_failed_value_minor), 0)::float8
          as "callFailedValueMinor",
        coalesce(sum(v.recovered), 0)::int as "recoveredLeads",
        coalesce(sum(v.recovered_value_minor), 0)::float8
          as "recoveredValueMinor",
        coalesce(sum(v.recovered_revenue_minor), 0)::float8
          as "recoveredRevenueMinor",
        coalesce(sum(v.at_risk), 0)::int as "atRiskLeads",
        coalesce(sum(v.at_risk) filter (where v.conversion is null), 0)::int
          as "atRiskLeadsWithoutConversionRate"
      from valued v
      group by grouping sets ((), (v.month), (v.value_channel), (v.source_id))
    ),
    ${valueAtRiskCte(sql`v.at_risk_value_minor::numeric`)}
    select g.grouping::text as grouping, g.month::text as month,
      g.value_channel::text as channel, g.source_id::int as "sourceId",
      s.name::text as source, g."callFailedLeads", g."callFailedValueMinor",
      g."recoveredLeads", g."recoveredValueMinor", g."recoveredRevenueMinor",
      g."atRiskLeads", coalesce(r.value, 0)::float8 as "valueAtRiskMinor",
      g."atRiskLeadsWithoutConversionRate"
    from grouped g left join sources s on s.id = g.source_id
    ${joinValueAtRisk}
    where g.grouping = 'all' or g."callFailedLeads" > 0
    order by g.grouping, g.month, g.value_channel nulls last, s.name`,
  );
}

export async function readValuesNotConverted(
  db: Database,
  filter: MetricFilter,
): Promise<RecoveredValue["valuesNotConverted"]> {
  return queryRows(
    db,
    sql`select c.value_status::text as status,
      nullif(c.currency, '<null>')::text as currency,
      sum(c.call_failed)::int as leads
    from ${dayCells(valueCells, filter)}
      and c.value_status not in ('ok', 'none')
    group by 1, 2 order by 1, 2`,
  );
}
