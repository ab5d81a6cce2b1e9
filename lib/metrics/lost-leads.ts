import { type SQL, sql } from "drizzle-orm";
import {
  readLostLeadPage,
  readLostLeadRows,
} from "@/lib/aggregates/read-lost-leads";
import {
  type FigureOptions,
  shouldReadAggregates,
} from "@/lib/aggregates/state";
import { type Database, isoInstantSql, queryRows } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type Settings, getSettings } from "@/lib/settings";
import { type ShareDifference, compareShares } from "./difference";
import type { MetricFilter } from "./filter";
import {
  type LostLeadClass,
  type LostLeadEvidence,
  describeLostLeadRule,
  lostLeadClasses,
  lostLeadClassesCte,
} from "./lost-lead-rules";
import { type Rate, toRate } from "./rate";
import { countUndatedLeads } from "./undated";

export { type LostLeadClass, lostLeadClasses };

/** One class of one group: its leads, their share of all the group's
 * leads (converted included), and for a source, the flag. */
export type LostLeadShare = {
  leads: number;
  share: Rate;
};

export type SourceLostLeadShare = LostLeadShare & {
  /** This source's share minus that of all other sources together, with
   * the 95 % interval of the difference (Newcombe). */
  versusOthers: ShareDifference;
  /** The interval leaves out zero. */
  flagged: boolean;
};

export type LostLeadSplit = {
  /** The classes in the order they are checked. */
  classes: readonly LostLeadClass[];
  total: {
    leads: number;
    converted: number;
    classes: Record<LostLeadClass, LostLeadShare>;
  };
  /** Per source, by name. converted plus every class is the source's
   * leads. */
  sources: {
    sourceId: number;
    source: string;
    leads: number;
    converted: number;
    classes: Record<LostLeadClass, SourceLostLeadShare>;
  }[];
  leftOut: number;
};

/**
 * The lost-lead split of leads created in the period (METRICS.md "Lead
 * sources"; the rules are in lost-lead-rules.ts). A source is flagged for
 * a class when its share differs from all other sources together beyond
 * the 95 % interval of the difference (Newcombe's interval from the two
 * Wilson intervals; see difference.ts).
 */
export async function getLostLeadSplit(
  db: Database,
  filter: MetricFilter,
  options?: FigureOptions,
): Promise<LostLeadSplit> {
  const settings = await getSettings(db);
  const rows = (await shouldReadAggregates(db, settings, options))
    ? await readLostLeadRows(db, filter)
    : await queryLostLeadRows(db, filter, settings);

  const count = (leadClass: LostLeadClass | "converted", sourceId?: number) =>
    rows
      .filter((row) => row.leadClass === leadClass)
      .filter((row) => sourceId === undefined || row.sourceId === sourceId)
      .reduce((sum, row) => sum + row.leads, 0);
  const allLeads = rows.reduce((sum, row) => sum + row.leads, 0);
  const sourceIds = [...new Set(rows.map((row) => row.sourceId))];

  const sources = sourceIds.map((sourceId) => {
    const leads = rows
      .filter((row) => row.sourceId === sourceId)
      .reduce((sum, row) => sum + row.leads, 0);
    const classes = Object.fromEntries(
      lostLeadClasses.map((leadClass) => {
        const own = count(leadClass, sourceId);
        const versusOthers = compareShares(
          { numerator: own, denominator: leads },
          {
            numerator: count(leadClass) - own,
            denominator: allLeads - leads,
          },
        );

        return [
          leadClass,
          {
            leads: own,
            share: toRate(own, leads),
            versusOthers,
            flagged: versusOthers.significant,
          },
        ];
      }),
    ) as Record<LostLeadClass, SourceLostLeadShare>;

    return {
      sourceId,
      source: rows.find((row) => row.sourceId === sourceId)?.source ?? "",
      leads,
      converted: count("converted", sourceId),
      classes,
    };
  });

  return {
    classes: lostLeadClasses,
    total: {
      leads: allLeads,
      converted: count("converted"),
      classes: Object.fromEntries(
        lostLeadClasses.map((leadClass) => [
          leadClass,
          {
            leads: count(leadClass),
            share: toRate(count(leadClass), allLeads),
          },
        ]),
      ) as Record<LostLeadClass, LostLeadShare>,
    },
    sources,
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

async function queryLostLeadRows(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  return queryRows<{
    sourceId: number;
    source: string;
    leadClass: LostLeadClass | "converted";
    leads: number;
  }>(
    db,
    sql`with ${lostLeadClassesCte(filter, settings)}
    select s.id::int as "sourceId", s.name::text as source,
      c.lead_class::text as "leadClass", count(*)::int as leads
    from lost_lead_classes c join sources s on s.id = c.source_id
    group by s.id, s.name, c.lead_class
    order by s.name, s.id`,
  );
}

export type LostLead = {
  leadId: number;
  /** The lead's id in its source system, to look it up there. */
  externalId: string;
  sourceId: number;
  source: string;
  createdAt: string;
  leadClass: LostLeadClass;
  rule: { code: LostLeadEvidence["ruleCode"]; sentence: string };
};

export type LostLeadPage = {
  /** Leads in the class (and source) over all pages. */
  total: number;
  leads: LostLead[];
};

/** The leads of one class, oldest first, each with the rule that put it
 * there, so both teams can check the split one lead at a time. */
export async function listLostLeads(
  db: Database,
  filter: MetricFilter,
  options: {
    sourceId?: number;
    leadClass: LostLeadClass;
    limit: number;
    offset: number;
  } & FigureOptions,
): Promise<LostLeadPage> {
  if (!lostLeadClasses.includes(options.leadClass)) {
    throw new AppError(
      "invalid_input",
      `Unknown lost-lead class "${options.leadClass}"; expected one of ${lostLeadClasses.join(", ")}.`,
    );
  }
  const settings = await getSettings(db);
  const limit = Math.max(0, Math.min(500, Math.trunc(options.limit)));
  const offset = Math.max(0, Math.trunc(options.offset));
  if (await shouldReadAggregates(db, settings, options)) {
    const page = await readLostLeadPage(db, filter, options, { limit, offset });
    const total = page.rows[0]?.total ?? (offset > 0 ? await page.total() : 0);

    return toLostLeadPage(total, page.rows, options.leadClass, settings);
  }
  const where = sql`c.lead_class = ${options.leadClass} and ${
    options.sourceId === undefined
      ? sql`true`
      : sql`c.source_id = ${options.sourceId}`
  }`;

  const rows = await queryRows<
    Omit<LostLead, "rule" | "leadClass"> & LostLeadEvidence & { total: number }
  >(
    db,
    sql`with ${lostLeadClassesCte(filter, settings)}
    select c.lead_id::int as "leadId", c.external_id::text as "externalId",
      c.source_id::int as "sourceId", s.name::text as source,
      ${isoInstantSql(sql`c.created_at`)}
        as "createdAt",
      c.rule_code::text as "ruleCode",
      c.calls_in_window::int as "callsInWindow",
      c.slots_in_window::int as "slotsInWindow",
      c.too_few_calls as "tooFewCalls", c.too_few_slots as "tooFewSlots",
      c.no_recovery_message as "noRecoveryMessage",
      (count(*) over ())::int as total
    from lost_lead_classes c join sources s on s.id = c.source_id
    where ${where}
    order by c.created_at, c.lead_id
    limit ${limit} offset ${offset}`,
  );

  const total =
    rows[0]?.total ??
    (offset > 0 ? await countLostLeads(db, filter, settings, where) : 0);

  return toLostLeadPage(total, rows, options.leadClass, settings);
}

function toLostLeadPage(
  total: number,
  rows: (Omit<LostLead, "rule" | "leadClass"> & LostLeadEvidence)[],
  leadClass: LostLeadClass,
  settings: Settings,
): LostLeadPage {
  return {
    total,
    leads: rows.map((row) => ({
      leadId: row.leadId,
      externalId: row.externalId,
      sourceId: row.sourceId,
      source: row.source,
      createdAt: row.createdAt,
      leadClass,
      rule: {
        code: row.ruleCode,
        sentence: describeLostLeadRule(row, settings),
      },
    })),
  };
}

// A page past the end has no row to carry the window count.
async function countLostLeads(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
  where: SQL,
): Promise<number> {
  const [row] = await queryRows<{ total: number }>(
    db,
    sql`with ${lostLeadClassesCte(filter, settings)}
    select count(*)::int as total from lost_lead_classes c where ${where}`,
  );

  return row?.total ?? 0;
}
