import type { Role } from "@/lib/auth/roles";
import {
  type CsvColumn,
  type CsvComparison,
  countChange,
  csvShare,
  shareChange,
  toCsv,
} from "@/lib/export/csv";
import type { ComplianceGroup } from "@/lib/metrics/compliance";
import type { Rate } from "@/lib/metrics/rate";
import { showExternalId, showPhone } from "@/lib/privacy/mask";
import type { WorkQueue, WorkQueueItem } from "@/lib/work-queue/get-work-queue";
import type { SalesGroupRow } from "./get-group-rows";
import type { SalesView } from "./get-sales-view";

/** The tables of the Sales page that can be downloaded. */
export const salesTables = [
  "daily",
  "teams",
  "agents",
  "compliance-sources",
  "compliance-agents",
  "contact-curve",
  "attempts-to-contact",
  "work-queue",
] as const;

export type SalesTable = (typeof salesTables)[number];

export function isSalesTable(value: unknown): value is SalesTable {
  return salesTables.some((table) => table === value);
}

/** Tables with per-agent figures, refused to roles without them. */
export const agentTables: readonly SalesTable[] = [
  "agents",
  "compliance-agents",
];

/** The name of a group row; the unattributed group gets words. */
export function nameGroup(name: string | null, by: "agent" | "team"): string {
  if (name !== null) return name;

  return by === "agent"
    ? "No agent yet (not tried by a person)"
    : "No team (not tried, or agent without team)";
}

/** The name of a compliance row: attempts without an agent are automation's. */
export function nameComplianceGroup(
  name: string | null,
  by: "agent" | "source",
): string {
  if (name !== null) return name;

  return by === "agent" ? "No agent (automation)" : "Unknown source";
}

// Compared with the previous period, a rate's numerator, denominator and
// share are each followed by `previous_…` and `change_…` (counts as current
// minus previous, the share in percentage points); intervals are not.
const rateColumns = <Row>(
  prefix: string,
  rate: (row: Row) => Rate,
): CsvColumn<Row>[] => [
  {
    header: `${prefix}_numerator`,
    value: (row) => rate(row).numerator,
    change: countChange((row) => rate(row).numerator),
  },
  {
    header: `${prefix}_denominator`,
    value: (row) => rate(row).denominator,
    change: countChange((row) => rate(row).denominator),
  },
  {
    header: prefix,
    value: (row) => csvShare(rate(row).value),
    change: shareChange((row) => rate(row).value),
  },
  { header: `${prefix}_low`, value: (row) => csvShare(rate(row).low) },
  { header: `${prefix}_high`, value: (row) => csvShare(rate(row).high) },
];

const countColumn = <Row>(
  header: string,
  count: (row: Row) => number,
): CsvColumn<Row> => ({ header, value: count, change: countChange(count) });

/** Each row meets the previous period's row with the same key. */
function matchByKey<Row>(
  before: Row[] | null | undefined,
  keyOf: (row: Row) => unknown,
): CsvComparison<Row> | undefined {
  if (!before) return undefined;

  return {
    previousOf: (row) => before.find((entry) => keyOf(entry) === keyOf(row)),
  };
}

function groupCsv(
  rows: SalesGroupRow[],
  previous: SalesGroupRow[] | null,
  by: "agent" | "team",
): string {
  const columns: CsvColumn<SalesGroupRow>[] = [
    { header: by, value: (row) => nameGroup(row.name, by) },
    countColumn("leads", (row) => row.leads),
    ...rateColumns<SalesGroupRow>(
      "lead_contact_rate",
      (r) => r.leadContactRate,
    ),
    ...rateColumns<SalesGroupRow>(
      "worked_contact_rate",
      (r) => r.workedContactRate,
    ),
    ...rateColumns<SalesGroupRow>(
      "follow_up_compliance",
      (r) => r.followUpCompliance,
    ),
    countColumn("late_first_attempt", (row) => row.gaps.lateFirstAttempt),
    countColumn("too_few_calls", (row) => row.gaps.tooFewCalls),
    countColumn("too_few_slots", (row) => row.gaps.tooFewSlots),
    countColumn("no_recovery_message", (row) => row.gaps.noRecoveryMessage),
  ];

  return toCsv(
    rows,
    columns,
    matchByKey(previous, (row) => row.id),
  );
}

function complianceCsv(
  rows: ComplianceGroup[],
  previous: ComplianceGroup[] | undefined,
  by: "agent" | "source",
): string {
  const columns: CsvColumn<ComplianceGroup>[] = [
    { header: by, value: (row) => nameComplianceGroup(row.name, by) },
    countColumn("calls", (row) => row.calls),
    countColumn("messages", (row) => row.messages),
    ...rateColumns<ComplianceGroup>(
      "outside_calling_hours",
      (r) => r.outsideCallingHours,
    ),
    ...rateColumns<ComplianceGroup>(
      "beyond_daily_max",
      (r) => r.beyondDailyMax,
    ),
    ...rateColumns<ComplianceGroup>(
      "messages_without_consent",
      (r) => r.withoutConsent,
    ),
  ];

  return toCsv(
    rows,
    columns,
    matchByKey(previous, (row) => row.id),
  );
}

/** The work queue, with phone numbers (and lead ids that are phone
 * numbers) masked for roles without contact data. */
export function workQueueCsv(queue: WorkQueue, role: Role): string {
  return toCsv<WorkQueueItem>(queue.items, [
    { header: "lead", value: (row) => showExternalId(role, row.externalId) },
    { header: "source", value: (row) => row.source },
    { header: "created_at", value: (row) => row.createdAt },
    { header: "time_zone", value: (row) => row.timeZone },
    { header: "phone", value: (row) => showPhone(role, row.phoneE164) },
    { header: "waiting_for", value: (row) => row.waits.join(" ") },
    { header: "policy_calls", value: (row) => row.callsInWindow },
    { header: "policy_slots", value: (row) => row.slotsInWindow },
    { header: "next_slot", value: (row) => row.nextSlot?.name },
    { header: "next_slot_at", value: (row) => row.nextSlot?.at.toISOString() },
    { header: "reason", value: (row) => row.reason },
  ]);
}

/** The CSV of one table, with the same rows and figures as the screen;
 * with the previous period's figures and their change beside them when
 * compared. A day meets the day at the same place in the previous period
 * (both list every day), named in `previous_day`. */
export function toSalesCsv(
  table: Exclude<SalesTable, "work-queue">,
  view: SalesView,
  previous: SalesView | null,
): string {
  switch (table) {
    case "daily": {
      const days = view.daily.days.map((row, index) => ({ ...row, index }));
      const before = previous?.daily.days.map((row, index) => ({
        ...row,
        index,
      }));
      const comparison = matchByKey(before, (row) => row.index);
      type DayRow = (typeof days)[number];
      const dayColumn: CsvColumn<DayRow> = {
        header: "previous_day",
        value: (row) => comparison?.previousOf(row)?.day ?? "",
      };

      return toCsv(
        days,
        [
          { header: "day", value: (row) => row.day },
          ...(comparison ? [dayColumn] : []),
          ...rateColumns<DayRow>("lead_contact_rate", (row) => row.rate),
        ],
        comparison,
      );
    }
    case "teams":
      return groupCsv(view.teams, previous?.teams ?? null, "team");
    case "agents":
      return groupCsv(view.agents, previous?.agents ?? null, "agent");
    case "compliance-sources":
      return complianceCsv(
        view.compliance.bySource,
        previous?.compliance.bySource,
        "source",
      );
    case "compliance-agents":
      return complianceCsv(
        view.compliance.byAgent,
        previous?.compliance.byAgent,
        "agent",
      );
    case "contact-curve":
      return toCsv(
        view.byAttempt.points,
        [
          { header: "call_number", value: (row) => row.attempt },
          ...rateColumns<(typeof view.byAttempt.points)[number]>(
            "cumulative_contact_rate",
            (row) => row.rate,
          ),
        ],
        matchByKey(previous?.byAttempt.points, (row) => row.attempt),
      );
    case "attempts-to-contact": {
      const rows = toDistributionRows(view);
      type DistributionRow = (typeof rows)[number];

      return toCsv(
        rows,
        [
          { header: "calls_to_first_contact", value: (row) => row.calls },
          countColumn<DistributionRow>("contacted_leads", (row) => row.leads),
          {
            header: "share_of_contacted_leads",
            value: (row) => csvShare(row.share),
            change: shareChange((row) => row.share),
          },
        ],
        matchByKey(
          previous && toDistributionRows(previous),
          (row) => row.calls,
        ),
      );
    }
  }
}

// Each row's share of its own period's contacted leads.
function toDistributionRows(view: SalesView) {
  const { contactedLeads, distribution } = view.attemptsToContact;

  return distribution.map((row) => ({
    ...row,
    share: contactedLeads === 0 ? null : row.leads / contactedLeads,
  }));
}
