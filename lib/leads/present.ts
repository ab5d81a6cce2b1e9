import { can, type Role } from "@/lib/auth/roles";
import type { CsvColumn } from "@/lib/export/csv";
import { showEmail, showExternalId, showPhone } from "@/lib/privacy/mask";
import type { LeadListRow } from "./list";
import { type LeadSetId, lostClassOfSet } from "./sets";
import type { TimelineEntry, TimelineLead } from "./timeline";

/** The rows with contact data, and ids that are phone numbers, as the role
 * may see them: the one place both
 * the list page and its CSV export pass through. */
export function maskLeadRows(rows: LeadListRow[], role: Role): LeadListRow[] {
  return rows.map((row) => ({
    ...row,
    externalId: showExternalId(role, row.externalId),
    phone: showPhone(role, row.phone),
    email: showEmail(role, row.email),
  }));
}

export function maskTimelineLead(lead: TimelineLead, role: Role): TimelineLead {
  return {
    ...lead,
    externalId: showExternalId(role, lead.externalId),
    phone: showPhone(role, lead.phone),
    email: showEmail(role, lead.email),
  };
}

/** What a lead's timeline names as the person who made each attempt:
 * the agent and team for roles that see per-agent figures, "an agent"
 * otherwise, since a marketer could count any agent's calls lead by lead. */
export function maskTimelineEntries(
  entries: TimelineEntry[],
  role: Role,
): TimelineEntry[] {
  if (can(role, "viewAgentFigures")) return entries;

  return entries.map((entry) =>
    entry.agent === null ? entry : { ...entry, agent: "an agent", team: null },
  );
}

/** How the lists and the lead page say that a lead has no creation
 * instant. */
export const noCreationInstant = "No creation instant";

/** A column of the lead list, on screen and in the CSV alike. A null value
 * is an empty CSV cell and, on screen, the column's `missing` text or a
 * dash. */
export type LeadListColumn = CsvColumn<LeadListRow> & {
  key: string;
  value: (row: LeadListRow) => string | number | null;
  missing?: string;
  numeric?: boolean;
};

/** The text of one cell of the list on screen. */
export function formatLeadCell(
  column: LeadListColumn,
  row: LeadListRow,
): string {
  const value = column.value(row);

  return value === null ? (column.missing ?? "—") : String(value);
}

const yesNo = (value: boolean) => (value ? "Yes" : "No");

/** The columns of a set's list, in screen order; the lost-* sets add the
 * rule that placed each lead in its class, second. */
export function getLeadListColumns(
  set: LeadSetId,
  contactWindowDays: number,
): LeadListColumn[] {
  const columns: LeadListColumn[] = [
    { key: "lead", header: "Lead", value: (row) => row.externalId },
    { key: "source", header: "Source", value: (row) => row.source },
    { key: "campaign", header: "Campaign", value: (row) => row.campaign },
    {
      key: "created",
      header: "Created (lead's clock)",
      value: (row) => row.createdLocal,
      missing: noCreationInstant,
    },
    { key: "timeZone", header: "Time zone", value: (row) => row.timeZone },
    { key: "phone", header: "Phone", value: (row) => row.phone },
    { key: "email", header: "E-mail", value: (row) => row.email },
    {
      key: "calls",
      header: "Calls",
      value: (row) => row.calls,
      numeric: true,
    },
    {
      key: "messages",
      header: "Messages",
      value: (row) => row.messages,
      numeric: true,
    },
    {
      key: "contacted",
      header: `Contacted in ${contactWindowDays} days`,
      value: (row) => yesNo(row.contacted),
    },
    {
      key: "converted",
      header: "Converted",
      value: (row) => yesNo(row.converted),
    },
  ];
  // The rule is what a lost-lead list is read for: it comes right after
  // the lead, before the columns that push the table wide.
  if (lostClassOfSet(set)) {
    columns.splice(1, 0, {
      key: "rule",
      header: "Rule that placed the lead",
      value: (row) => row.rule,
    });
  }

  return columns;
}
