import { type SQL, sql } from "drizzle-orm";
import { type Database, isoInstantSql, queryRows } from "@/lib/db";
import type { MetricFilter } from "@/lib/metrics/filter";
import type { LostLead, LostLeadClass } from "@/lib/metrics/lost-leads";
import type { LostLeadEvidence } from "@/lib/metrics/lost-lead-rules";
import { narrowCells } from "./narrowing";

const classColumns: [LostLeadClass | "converted", string][] = [
  ["converted", "lost_converted"],
  ["do_not_contact", "lost_do_not_contact"],
  ["lead_data", "lost_lead_data"],
  ["not_contacted_unknown_effort", "lost_unknown_effort"],
  ["follow_up", "lost_follow_up"],
  ["unreachable", "lost_unreachable"],
  ["not_converted", "lost_not_converted"],
];

/** getLostLeadSplit's rows: leads per source and class, by source name.
 * The cells are summed per source first and the seven sums turned into
 * rows after, so the unpivot runs on a row per source, not per cell. */
export async function readLostLeadRows(db: Database, filter: MetricFilter) {
  const sums = sql.raw(
    classColumns
      .map(([, column]) => `sum(c.${column})::int as ${column}`)
      .join(", "),
  );
  const values = sql.raw(
    classColumns
      .map(([leadClass, column]) => `('${leadClass}', t.${column})`)
      .join(", "),
  );

  return queryRows<{
    sourceId: number;
    source: string;
    leadClass: LostLeadClass | "converted";
    leads: number;
  }>(
    db,
    sql`select s.id::int as "sourceId", s.name::text as source,
      x.lead_class::text as "leadClass", x.leads::int as leads
    from (
      select c.source_id, ${sums}
      from agg_lead_cells c where ${narrowCells(filter)}
      group by c.source_id
    ) t
    cross join lateral (values ${values}) x (lead_class, leads)
    join sources s on s.id = t.source_id
    where x.leads > 0
    order by s.name, s.id`,
  );
}

type ListedRow = Omit<LostLead, "rule" | "leadClass"> &
  LostLeadEvidence & { total: number };

/** One page of listLostLeads, from the lead facts. */
export async function readLostLeadPage(
  db: Database,
  filter: MetricFilter,
  where: { leadClass: LostLeadClass; sourceId?: number },
  page: { limit: number; offset: number },
): Promise<{ rows: ListedRow[]; total: () => Promise<number> }> {
  const condition: SQL = sql`${narrowCells(filter, "f")}
    and split_part(f.rule_code, '.', 1) = ${where.leadClass}
    and ${where.sourceId === undefined ? sql`true` : sql`f.source_id = ${where.sourceId}`}`;

  const rows = await queryRows<ListedRow>(
    db,
    sql`select f.lead_id::int as "leadId", l.external_id::text as "externalId",
      f.source_id::int as "sourceId", s.name::text as source,
      ${isoInstantSql(sql`f.created_at`)}
        as "createdAt",
      f.rule_code::text as "ruleCode",
      f.calls_in_window::int as "callsInWindow",
      f.slots_in_window::int as "slotsInWindow",
      f.too_few_calls as "tooFewCalls", f.too_few_slots as "tooFewSlots",
      f.no_recovery_message as "noRecoveryMessage",
      (count(*) over ())::int as total
    from agg_lead_facts f
    join leads l on l.id = f.lead_id
    join sources s on s.id = f.source_id
    where ${condition}
    order by f.created_at, f.lead_id
    limit ${page.limit} offset ${page.offset}`,
  );
  const total = async () => {
    const [row] = await queryRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from agg_lead_facts f
      where ${condition}`,
    );

    return row?.total ?? 0;
  };

  return { rows, total };
}
