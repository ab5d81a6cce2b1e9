import { type SQL, sql } from "drizzle-orm";
import {
  readValueGroups,
  readValuesNotConverted,
} from "@/lib/aggregates/read-value";
import type { FigureOptions } from "@/lib/aggregates/state";
import { type Database, queryRows } from "@/lib/db";
import { type Settings, getSettings } from "@/lib/settings";
import { contactedWithinWindow } from "./contacted";
import type { MetricFilter } from "./filter";
import { isConvertedLead } from "./lead-flags";
import {
  type LeadValueStatus,
  leadLtvMinorSql,
  leadValueStatusSql,
} from "./lead-value";
import { type Channel, readsRecovery } from "./recovery";
import { recoveryCtes } from "./recovery-leads";
import { countUndatedLeads } from "./undated";
import { joinValueAtRisk, valueAtRiskCte } from "./value-at-risk";

/** Money over money: a share weighted by value, so it has no Wilson
 * interval. `value` is null when the denominator is zero. */
export type ValueShare = {
  numeratorMinor: number;
  denominatorMinor: number;
  value: number | null;
};

/** The value figures of one group of call-failed leads, in minor units of
 * the report currency. A lead whose value is missing or cannot be converted
 * counts in the lead counts and adds nothing to the sums. */
export type ValueFigures = {
  callFailedLeads: number;
  callFailedValueMinor: number;
  recoveredLeads: number;
  /** LTV of recovered leads: what recovery put back in play. */
  recoveredValueMinor: number;
  /** LTV of recovered leads that converted. */
  recoveredRevenueMinor: number;
  valueWeightedRecoveryRate: ValueShare;
  /** Call-failed leads still not contacted and not converted. */
  atRiskLeads: number;
  /** Σ LTV × the source's conversion rate of contacted leads, over the
   * leads at risk; rounded once per group, half away from zero. */
  valueAtRiskMinor: number;
  /** At-risk leads of a source with no contacted lead in the period: no
   * conversion rate, so they are left out of valueAtRiskMinor. */
  atRiskLeadsWithoutConversionRate: number;
};

export type RecoveredValue = {
  currency: string;
  total: ValueFigures;
  /** Month of the lead's creation in the reporting zone, `YYYY-MM`. */
  byMonth: ({ month: string } & ValueFigures)[];
  /** The channel credited with the recovery; for a lead not recovered, the
   * channel of its last recovery message; null when never messaged. Each
   * lead is in one row, so the rows add up to the total. */
  byChannel: ({ channel: Channel | null } & ValueFigures)[];
  bySource: ({ sourceId: number; source: string } & ValueFigures)[];
  /** Call-failed leads whose value could not be turned into an LTV. */
  valuesNotConverted: {
    status: Exclude<LeadValueStatus, "ok" | "none">;
    currency: string | null;
    leads: number;
  }[];
  leftOut: number;
};

export type ValueGroupRow = Omit<ValueFigures, "valueWeightedRecoveryRate"> & {
  grouping: "all" | "month" | "channel" | "source";
  month: string | null;
  channel: Channel | null;
  sourceId: number | null;
  source: string | null;
};

/**
 * Recovered value, recovered revenue, the value-weighted recovery rate and
 * the value at risk (METRICS.md "Value") over the call-failed leads created
 * in the period, in total and by month, channel and source. "Not (yet)
 * recovered" for the value at risk means not reached at all so far: a lead
 * reached by a later call, or after the recovery window, is not at risk,
 * nor is one that converted. The conversion rate is that of the source's
 * leads of the period contacted within `contact_window_days`.
 */
export async function getRecoveredValue(
  db: Database,
  filter: MetricFilter,
  options?: FigureOptions,
): Promise<RecoveredValue> {
  const settings = await getSettings(db);
  const fromAggregates = await readsRecovery(db, filter, settings, options);
  const rows = fromAggregates
    ? await readValueGroups(db, filter)
    : await queryValueGroups(db, valueCtes(filter, settings));
  const notConverted = fromAggregates
    ? await readValuesNotConverted(db, filter)
    : await queryValuesNotConverted(db, valueCtes(filter, settings));

  const of = (grouping: ValueGroupRow["grouping"]) =>
    rows.filter((row) => row.grouping === grouping);

  return {
    currency: settings.reportCurrency,
    total: toFigures(of("all")[0]),
    byMonth: of("month").map((row) => ({
      month: row.month ?? "",
      ...toFigures(row),
    })),
    byChannel: of("channel").map((row) => ({
      channel: row.channel,
      ...toFigures(row),
    })),
    bySource: of("source").map((row) => ({
      sourceId: row.sourceId ?? 0,
      source: row.source ?? "",
      ...toFigures(row),
    })),
    valuesNotConverted: notConverted,
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

function valueCtes(filter: MetricFilter, settings: Settings): SQL {
  return sql`${recoveryCtes(filter, settings)},
    source_conversion as (
      select l.source_id,
        count(*) filter (where ${contactedWithinWindow(settings.contactWindowDays)})
          as contacted,
        count(*) filter (where ${contactedWithinWindow(settings.contactWindowDays)}
          and ${isConvertedLead()}) as converted
      from recovery_contacts c join leads l on l.id = c.lead_id
      group by l.source_id
    ),
    valued as (
      select o.*, ${leadLtvMinorSql(settings)} as ltv,
        ${leadValueStatusSql(settings)} as value_status,
        upper(trim(l.value_currency)) as currency,
        to_char(o.created_at at time zone ${settings.reportTimezone}, 'YYYY-MM')
          as month,
        coalesce(o.credit_channel, o.last_channel) as value_channel,
        (o.contact_at is null and not o.converted) as at_risk,
        sc.converted::numeric / nullif(sc.contacted, 0) as conversion
      from recovery_outcomes o
      join leads l on l.id = o.lead_id
      left join source_conversion sc on sc.source_id = o.source_id
    )`;
}

async function queryValueGroups(db: Database, ctes: SQL) {
  return queryRows<ValueGroupRow>(
    db,
    sql`with ${ctes},
    grouped as (
      select case when grouping(v.month) = 0 then 'month'
          when grouping(v.value_channel) = 0 then 'channel'
          when grouping(v.source_id) = 0 then 'source' else 'all' end
          as grouping,
        v.month, v.value_channel, v.source_id,
        count(*)::int as "callFailedLeads",
        coalesce(sum(v.ltv), 0)::float8 as "callFailedValueMinor",
        count(*) filter (where v.recovered)::int as "recoveredLeads",
        coalesce(sum(v.ltv) filter (where v.recovered), 0)::float8
          as "recoveredValueMinor",
        coalesce(sum(v.ltv) filter (where v.recovered and v.converted), 0)::float8
          as "recoveredRevenueMinor",
        count(*) filter (where v.at_risk)::int as "atRiskLeads",
        count(*) filter (where v.at_risk and v.conversion is null)::int
          as "atRiskLeadsWithoutConversionRate"
      from valued v
      group by grouping sets ((), (v.month), (v.value_channel), (v.source_id))
    ),
    ${valueAtRiskCte(sql`(case when v.at_risk then v.ltv end)`)}
    select g.grouping::text as grouping, g.month::text as month,
      g.value_channel::text as channel, g.source_id::int as "sourceId",
      s.name::text as source, g."callFailedLeads", g."callFailedValueMinor",
      g."recoveredLeads", g."recoveredValueMinor", g."recoveredRevenueMinor",
      g."atRiskLeads", coalesce(r.value, 0)::float8 as "valueAtRiskMinor",
      g."atRiskLeadsWithoutConversionRate"
    from grouped g left join sources s on s.id = g.source_id
    ${joinValueAtRisk}
    order by g.grouping, g.month, g.value_channel nulls last, s.name`,
  );
}

async function queryValuesNotConverted(db: Database, ctes: SQL) {
  return queryRows<RecoveredValue["valuesNotConverted"][number]>(
    db,
    sql`with ${ctes}
    select v.value_status::text as status, v.currency::text as currency,
      count(*)::int as leads
    from valued v where v.value_status not in ('ok', 'none')
    group by v.value_status, v.currency order by 1, 2`,
  );
}

function toFigures(row: ValueGroupRow | undefined): ValueFigures {
  const figures = {
    callFailedLeads: row?.callFailedLeads ?? 0,
    callFailedValueMinor: row?.callFailedValueMinor ?? 0,
    recoveredLeads: row?.recoveredLeads ?? 0,
    recoveredValueMinor: row?.recoveredValueMinor ?? 0,
    recoveredRevenueMinor: row?.recoveredRevenueMinor ?? 0,
    atRiskLeads: row?.atRiskLeads ?? 0,
    valueAtRiskMinor: row?.valueAtRiskMinor ?? 0,
    atRiskLeadsWithoutConversionRate:
      row?.atRiskLeadsWithoutConversionRate ?? 0,
  };
  const denominator = figures.callFailedValueMinor;

  return {
    ...figures,
    valueWeightedRecoveryRate: {
      numeratorMinor: figures.recoveredValueMinor,
      denominatorMinor: denominator,
      value:
        denominator === 0 ? null : figures.recoveredValueMinor / denominator,
    },
  };
}
