import { type SQL, sql } from "drizzle-orm";

/**
 * `value_at_risk`, after a `valued` CTE with month, value_channel,
 * source_id and the source's conversion rate: the value at risk of each
 * group of getRecoveredValue. Each source's at-risk LTV is multiplied by
 * its rate and rounded once; the total, a month and a channel add up the
 * values of their sources, so the total is the sum of the source rows.
 * `atRiskLtv` is a row's LTV at risk (null or 0 when none).
 */
export function valueAtRiskCte(atRiskLtv: SQL): SQL {
  return sql`risk_by_source as (
      select case when grouping(v.month) = 0 then 'month'
          when grouping(v.value_channel) = 0 then 'channel' else 'source' end
          as grouping,
        v.month, v.value_channel, v.source_id,
        round(sum(${atRiskLtv} * v.conversion)) as value
      from valued v
      group by grouping sets ((v.source_id), (v.month, v.source_id),
        (v.value_channel, v.source_id))
    ),
    value_at_risk as (
      select grouping, month, value_channel, source_id, value
      from risk_by_source where grouping = 'source'
      union all
      select 'all', null, null, null, sum(value)
      from risk_by_source where grouping = 'source'
      union all
      select grouping, month, value_channel, null, sum(value)
      from risk_by_source where grouping <> 'source'
      group by grouping, month, value_channel
    )`;
}

/** The value at risk of a row of the `grouped` CTE, from value_at_risk. */
export const joinValueAtRisk = sql`left join value_at_risk r
    on r.grouping = g.grouping and r.month is not distinct from g.month
    and r.value_channel is not distinct from g.value_channel
    and r.source_id is not distinct from g.source_id`;
