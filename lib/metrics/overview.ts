import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import { type Settings, getSettings } from "@/lib/settings";
import { contactedLeadsCte, contactedWithinWindow } from "./contacted";
import { getCallRates } from "./contact";
import { type MetricFilter, instantInPeriod, leadNarrowing } from "./filter";
import { hasInvalidContactData, isConvertedLead } from "./lead-flags";
import { type Rate, toRate } from "./rate";
import { countUndatedLeads } from "./undated";

export { countUndatedLeads };

export type OverviewFigures = {
  /** Leads created in the period. */
  leads: number;
  leadContactRate: Rate;
  callAnswerRate: Rate;
  /** Contacted leads of the period (within the contact window) that converted. */
  contactedConversionRate: Rate;
  /** Leads in scope without a creation instant: in no period. */
  leftOut: number;
};

/** The headline figures of the period. Lead-level figures follow the
 * source, campaign, agent and team filters (see leadAgentScope); the call
 * answer rate counts the calls the filtered agents made themselves. */
export async function getOverviewFigures(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
): Promise<OverviewFigures> {
  const resolved = settings ?? (await getSettings(db));
  const { reportTimezone, contactWindowDays } = resolved;
  const inPeriod = instantInPeriod(sql`l.created_at`, filter, reportTimezone);
  const contacted = contactedWithinWindow(contactWindowDays);

  const [leadRow] = await queryRows<{
    leads: number;
    contacted: number;
    converted: number;
  }>(
    db,
    sql`with ${contactedLeadsCte({
      scope: sql`${leadNarrowing(filter)} and ${inPeriod}`,
      channels: filter.channels,
    })}
    select count(*)::int as leads,
      count(*) filter (where ${contacted})::int as contacted,
      count(*) filter (where ${contacted} and ${isConvertedLead()})::int
        as converted
    from contacted_leads c join leads l on l.id = c.lead_id`,
  );

  const callRates = await getCallRates(db, filter, resolved);
  const leads = leadRow?.leads ?? 0;
  const contactedLeads = leadRow?.contacted ?? 0;

  return {
    leads,
    leadContactRate: toRate(contactedLeads, leads),
    callAnswerRate: callRates.callAnswerRate,
    contactedConversionRate: toRate(leadRow?.converted ?? 0, contactedLeads),
    leftOut: callRates.leftOut,
  };
}

export type DailyContactRate = {
  /** Every day of the period, in order; days without leads have no data. */
  days: { day: string; rate: Rate }[];
  leftOut: number;
};

/** The lead contact rate per creation day in the reporting zone. */
export async function getDailyContactRate(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
): Promise<DailyContactRate> {
  const { reportTimezone, contactWindowDays } =
    settings ?? (await getSettings(db));
  const inPeriod = instantInPeriod(sql`l.created_at`, filter, reportTimezone);

  const rows = await queryRows<{
    day: string;
    leads: number;
    contacted: number;
  }>(
    db,
    sql`with ${contactedLeadsCte({
      scope: sql`${leadNarrowing(filter)} and ${inPeriod}`,
      channels: filter.channels,
    })},
    per_day as (
      select (l.created_at at time zone ${reportTimezone})::date as day,
        count(*) as leads,
        count(*) filter (where ${contactedWithinWindow(contactWindowDays)})
          as contacted
      from contacted_leads c join leads l on l.id = c.lead_id
      group by 1
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

  return {
    days: rows.map((row) => ({
      day: row.day,
      rate: toRate(row.contacted, row.leads),
    })),
    leftOut: await countUndatedLeads(db, filter),
  };
}

export type SourceSummaryRow = {
  sourceId: number;
  source: string;
  /** Leads created in the period plus leads without a creation instant. */
  leads: number;
  undatedLeads: number;
  /** Within the contact window for dated leads, at any time for undated. */
  contacted: number;
  invalidContact: number;
  converted: number;
};

/**
 * Per source, the leads of the period and also the leads that have no
 * creation instant: they belong to no period, yet a source's volume and
 * data quality must show them (`undatedLeads` says how many). Only sources
 * with at least one such lead appear, most leads first, then by name.
 */
export async function getSourceSummary(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
): Promise<SourceSummaryRow[]> {
  const { reportTimezone, contactWindowDays } =
    settings ?? (await getSettings(db));
  const inPeriod = instantInPeriod(sql`l.created_at`, filter, reportTimezone);
  const contacted = sql`(case when l.created_at is null then c.contacted
    else ${contactedWithinWindow(contactWindowDays)} end)`;

  const rows = await queryRows<SourceSummaryRow>(
    db,
    sql`with ${contactedLeadsCte({
      scope: sql`${leadNarrowing(filter)}
        and (l.created_at is null or ${inPeriod})`,
      channels: filter.channels,
    })}
    select s.id::int as "sourceId", s.name::text as source,
      count(*)::int as leads,
      count(*) filter (where l.created_at is null)::int as "undatedLeads",
      count(*) filter (where ${contacted})::int as contacted,
      count(*) filter (where ${hasInvalidContactData()})::int
        as "invalidContact",
      count(*) filter (where ${isConvertedLead()})::int as converted
    from contacted_leads c
    join leads l on l.id = c.lead_id
    join sources s on s.id = l.source_id
    group by s.id, s.name
    order by leads desc, s.name`,
  );

  return rows;
}
