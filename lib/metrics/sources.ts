import { type SQL, sql } from "drizzle-orm";
import { sourceGroupedCtes } from "@/lib/aggregates/read-sources";
import {
  type FigureOptions,
  shouldReadAggregates,
} from "@/lib/aggregates/state";
import { type Database, queryRows } from "@/lib/db";
import { type Settings, getSettings } from "@/lib/settings";
import { contactedLeadsCte, contactedWithinWindow } from "./contacted";
import {
  type MetricFilter,
  attemptChannelScope,
  leadsOfPeriod,
} from "./filter";
import { hasInvalidContactData, isConvertedLead } from "./lead-flags";
import {
  leadLtvMinorSql,
  leadValueStatusSql,
  toReportMinorSql,
} from "./lead-value";
import { policyStatusCte } from "./policy";
import { type Rate, toRate } from "./rate";
import { countUndatedLeads } from "./undated";

/** Why a source has no cost figures: none recorded, recorded without a
 * currency, or in a currency the organisation gave no rate for. */
export type SourceCostStatus = "ok" | "unknown" | "no_currency" | "no_rate";

export type SourceFigures = {
  leads: number;
  /** Distinct persons among the leads; leads without a phone or e-mail
   * belong to no person and are counted apart. */
  persons: number;
  leadsWithoutPerson: number;
  duplicateRate: Rate;
  invalidContactRate: Rate;
  leadContactRate: Rate;
  workedContactRate: Rate;
  /** Fully worked leads over leads. */
  followUpCompliance: Rate;
  /** Contacted within the window over fully worked leads: tells a bad lead
   * from a bad follow-up. */
  effortAdjustedContactRate: Rate;
  contactedConversionRate: Rate;
  /** Mean LTV over the leads with one, in report-currency minor units,
   * rounded half away from zero; null when no lead has one. */
  ltvPerLeadMinor: number | null;
  valuedLeads: number;
  /** Leads whose value could not be converted (see lead-value.ts). */
  valuesNotConverted: number;
};

export type SourceRow = SourceFigures & {
  sourceId: number;
  source: string;
  cost: {
    status: SourceCostStatus;
    /** In report-currency minor units, each rounded once. */
    perLeadMinor: number | null;
    perContactedLeadMinor: number | null;
  };
};

export type SourceComparison = {
  currency: string;
  /** Sources with at least one lead in the period, by name. */
  sources: SourceRow[];
  /** All sources together; costs are per source only. */
  total: SourceFigures;
  leftOut: number;
};

type CountRow = {
  sourceId: number | null;
  source: string | null;
  leads: number;
  persons: number;
  leadsWithoutPerson: number;
  duplicates: number;
  invalidContact: number;
  contacted: number;
  worked: number;
  workedContacted: number;
  fullyWorked: number;
  fullyWorkedContacted: number;
  contactedConverted: number;
  valuedLeads: number;
  ltvPerLeadMinor: number | null;
  valuesNotConverted: number;
  costStatus: SourceCostStatus | null;
  costPerLeadMinor: number | null;
  costPerContactedLeadMinor: number | null;
};

/**
 * Every source side by side over leads created in the period (METRICS.md
 * "Lead sources"). Contact follows the channel filter as the contact rates
 * do; follow-up compliance and fully worked use every channel, as the
 * policy does. Cost per contacted lead is the cost of all the source's
 * leads over its contacted leads. The aggregates hold contact on every
 * channel, so a channel filter reads the raw rows.
 */
export async function getSourceComparison(
  db: Database,
  filter: MetricFilter,
  options?: FigureOptions,
): Promise<SourceComparison> {
  const settings = await getSettings(db);
  const answerable = filter.channels.length === 0;
  const grouped = (await shouldReadAggregates(
    db,
    settings,
    options,
    answerable,
  ))
    ? sourceGroupedCtes(filter)
    : groupedFromRows(filter, settings);
  const costCurrency = sql`upper(trim(s.cost_currency))`;
  const cost = (amount: SQL) =>
    toReportMinorSql(amount, costCurrency, settings);

  const rows = await queryRows<CountRow>(
    db,
    sql`${grouped}
    select g.source_id::int as "sourceId", s.name::text as source,
      g.leads::int, g.persons::int, g.without_person::int as "leadsWithoutPerson",
      g.duplicates::int, g.invalid_contact::int as "invalidContact",
      g.contacted::int, g.worked::int,
      g.worked_contacted::int as "workedContacted",
      g.fully_worked::int as "fullyWorked",
      g.fully_worked_contacted::int as "fullyWorkedContacted",
      g.contacted_converted::int as "contactedConverted",
      g.valued::int as "valuedLeads", g.ltv_per_lead::float8 as "ltvPerLeadMinor",
      g.values_not_converted::int as "valuesNotConverted",
      (case when s.id is null then null
        when s.cost_per_lead_minor is null then 'unknown'
        when ${costCurrency} is null or ${costCurrency} = '' then 'no_currency'
        when ${cost(sql`1`)} is null then 'no_rate' else 'ok' end)::text
        as "costStatus",
      round(${cost(sql`s.cost_per_lead_minor`)})::float8 as "costPerLeadMinor",
      round(${cost(sql`s.cost_per_lead_minor * g.leads`)}
        / nullif(g.contacted, 0))::float8 as "costPerContactedLeadMinor"
    from grouped g left join sources s on s.id = g.source_id
    order by s.name nulls first`,
  );

  const [total, ...perSource] = rows;

  return {
    currency: settings.reportCurrency,
    sources: perSource.map((row) => ({
      sourceId: row.sourceId ?? 0,
      source: row.source ?? "",
      ...toFigures(row),
      cost: {
        status: row.costStatus ?? "unknown",
        perLeadMinor: row.costPerLeadMinor,
        perContactedLeadMinor: row.costPerContactedLeadMinor,
      },
    })),
    total: toFigures(total),
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

function toFigures(row: CountRow | undefined): SourceFigures {
  const leads = row?.leads ?? 0;
  const contacted = row?.contacted ?? 0;

  return {
    leads,
    persons: row?.persons ?? 0,
    leadsWithoutPerson: row?.leadsWithoutPerson ?? 0,
    duplicateRate: toRate(row?.duplicates ?? 0, leads),
    invalidContactRate: toRate(row?.invalidContact ?? 0, leads),
    leadContactRate: toRate(contacted, leads),
    workedContactRate: toRate(row?.workedContacted ?? 0, row?.worked ?? 0),
    followUpCompliance: toRate(row?.fullyWorked ?? 0, leads),
    effortAdjustedContactRate: toRate(
      row?.fullyWorkedContacted ?? 0,
      row?.fullyWorked ?? 0,
    ),
    contactedConversionRate: toRate(row?.contactedConverted ?? 0, contacted),
    ltvPerLeadMinor: row?.ltvPerLeadMinor ?? null,
    valuedLeads: row?.valuedLeads ?? 0,
    valuesNotConverted: row?.valuesNotConverted ?? 0,
  };
}

function groupedFromRows(filter: MetricFilter, settings: Settings): SQL {
  const scope = leadsOfPeriod(filter, settings.reportTimezone);

  return sql`with ${contactedLeadsCte({ scope, channels: filter.channels })},
    ${policyStatusCte(settings, { scope })},
    per_lead as (
      select l.source_id, l.person_id, l.is_duplicate,
        ${hasInvalidContactData()} as invalid_contact,
        ${contactedWithinWindow(settings.contactWindowDays)} as contacted,
        exists (select 1 from attempts a
          where a.lead_id = l.id and a.direction = 'outbound'
            and ${attemptChannelScope(filter)}) as worked,
        p.fully_worked, ${isConvertedLead()} as converted,
        ${leadLtvMinorSql(settings)} as ltv,
        ${leadValueStatusSql(settings)} not in ('ok', 'none')
          as value_not_converted
      from contacted_leads c
      join leads l on l.id = c.lead_id
      join policy_status p on p.lead_id = l.id
    ),
    grouped as (
      select x.source_id, count(*) as leads,
        count(distinct x.person_id) as persons,
        count(*) filter (where x.person_id is null) as without_person,
        count(*) filter (where x.is_duplicate) as duplicates,
        count(*) filter (where x.invalid_contact) as invalid_contact,
        count(*) filter (where x.contacted) as contacted,
        count(*) filter (where x.worked) as worked,
        count(*) filter (where x.worked and x.contacted) as worked_contacted,
        count(*) filter (where x.fully_worked) as fully_worked,
        count(*) filter (where x.fully_worked and x.contacted)
          as fully_worked_contacted,
        count(*) filter (where x.contacted and x.converted)
          as contacted_converted,
        count(x.ltv) as valued, round(avg(x.ltv)) as ltv_per_lead,
        count(*) filter (where x.value_not_converted) as values_not_converted
      from per_lead x
      group by grouping sets ((), (x.source_id))
    )`;
}
