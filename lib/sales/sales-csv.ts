import type { Role } from "@/lib/auth/roles";
import { type CsvColumn, csvShare, toCsv } from "@/lib/export/csv";
import type { ComplianceGroup } from "@/lib/metrics/compliance";
import type { Rate } from "@/lib/metrics/rate";
import { showPhone } from "@/lib/privacy/mask";
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

const rateColumns = <Row>(
  prefix: string,
  rate: (row: Row) => Rate,
): CsvColumn<Row>[] => [
  { header: `${prefix}_numerator`, value: (row) => rate(row).numerator },
  { header: `${prefix}_denominator`, value: (row) => rate(row).denominator },
  { header: prefix, value: (row) => csvShare(rate(row).value) },
  { header: `${prefix}_low`, value: (row) => csvShare(rate(row).low) },
  { header: `${prefix}_high`, value: (row) => csvShare(rate(row).high) },
];

function groupCsv(
  rows: SalesGroupRow[],
  previous: SalesGroupRow[] | null,
  by: "agent" | "team",
): string {
  const before = new Map(previous?.map((row) => [row.id, row]) ?? []);
  const columns: CsvColumn<SalesGroupRow>[] = [
    { header: by, value: (row) => nameGroup(row.name, by) },
    { header: "leads", value: (row) => row.leads },
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
    { header: "late_first_attempt", value: (row) => row.gaps.lateFirstAttempt },
    { header: "too_few_calls", value: (row) => row.gaps.tooFewCalls },
    { header: "too_few_slots", value: (row) => row.gaps.tooFewSlots },
    {
      header: "no_recovery_message",
      value: (row) => row.gaps.noRecoveryMessage,
    },
  ];
  if (previous) {
    columns.push(
      {
        header: "previous_lead_contact_rate",
        value: (row) =>
          csvShare(before.get(row.id)?.leadContactRate.value ?? null),
      },
      {
        header: "previous_follow_up_compliance",
        value: (row) =>
          csvShare(before.get(row.id)?.followUpCompliance.value ?? null),
      },
    );
  }

  return toCsv(rows, columns);
}

function complianceCsv(
  rows: ComplianceGroup[],
  by: "agent" | "source",
): string {
  return toCsv(rows, [
    { header: by, value: (row) => nameComplianceGroup(row.name, by) },
    { header: "calls", value: (row) => row.calls },
    { header: "messages", value: (row) => row.messages },
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
  ]);
}

/** The work queue, with phone numbers masked for roles without contact
 * data. */
export function workQueueCsv(queue: WorkQueue, role: Role): string {
  return toCsv<WorkQueueItem>(queue.items, [
    { header: "lead", value: (row) => row.externalId },
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

/** The CSV of one table, with the same rows and figures as the screen. */
export function toSalesCsv(
  table: Exclude<SalesTable, "work-queue">,
  view: SalesView,
  previous: SalesView | null,
): string {
  switch (table) {
    case "daily":
      return toCsv(view.daily.days, [
        { header: "day", value: (row) => row.day },
        ...rateColumns<(typeof view.daily.days)[number]>(
          "lead_contact_rate",
          (row) => row.rate,
        ),
      ]);
    case "teams":
      return groupCsv(view.teams, previous?.teams ?? null, "team");
    case "agents":
      return groupCsv(view.agents, previous?.agents ?? null, "agent");
    case "compliance-sources":
      return complianceCsv(view.compliance.bySource, "source");
    case "compliance-agents":
      return complianceCsv(view.compliance.byAgent, "agent");
    case "contact-curve":
      return toCsv(view.byAttempt.points, [
        { header: "call_number", value: (row) => row.attempt },
        ...rateColumns<(typeof view.byAttempt.points)[number]>(
          "cumulative_contact_rate",
          (row) => row.rate,
        ),
      ]);
    case "attempts-to-contact":
      return toCsv(view.attemptsToContact.distribution, [
        { header: "calls_to_first_contact", value: (row) => row.calls },
        { header: "contacted_leads", value: (row) => row.leads },
        {
          header: "share_of_contacted_leads",
          value: (row) =>
            csvShare(
              view.attemptsToContact.contactedLeads === 0
                ? null
                : row.leads / view.attemptsToContact.contactedLeads,
            ),
        },
      ]);
  }
}
