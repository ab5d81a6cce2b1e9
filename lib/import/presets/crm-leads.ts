import { listChoices, RowCells } from "../cells";
import { emptyLead } from "../records";
import type { LeadRecord, LeadsPreset, RunContext } from "../types";

// CRM exports carry dozens of custom properties: the presets read the
// columns they know, by their export labels (trimmed, any case), and leave
// the rest alone. Names and notes are not stored.

type CrmColumns = {
  id: string;
  email: string;
  phone: string;
  created: string;
  source: string;
  status: string;
};

function normalise(name: string): string {
  return name.trim().toLowerCase();
}

/** Positions of the known labels, found in any case; the map is keyed by
 * the label as written here, so problems name the column as CRMs do. */
export function indexLabels(
  header: string[],
  labels: readonly string[],
): Map<string, number> {
  const positions = new Map<string, number>();
  for (const label of labels) {
    const index = header.findIndex(
      (name) => normalise(name) === normalise(label),
    );
    if (index >= 0) positions.set(label, index);
  }

  return positions;
}

function openCrmExport(
  label: string,
  names: CrmColumns,
  extra: string[],
  readConverted: (cells: RowCells) => boolean,
): LeadsPreset["open"] {
  return (header, context) => {
    const columns = indexLabels(header, [...Object.values(names), ...extra]);
    const missing = [names.id, names.source].filter(
      (name) => !columns.has(name),
    );
    if (missing.length > 0) {
      return {
        problems: [
          {
            column: null,
            reason: `expected ${label}'s columns; missing ${listChoices(
              missing.map((name) => `"${name}"`),
              "and",
            )}`,
          },
        ],
      };
    }

    return {
      fieldCount: header.length,
      readRow: (fields) => {
        const cells = new RowCells(fields, columns, {
          reading: context.reading,
        });
        const record = readCrmLead(cells, names, context, readConverted);
        if (cells.problems.length > 0) return { problems: cells.problems };

        return { record, warnings: cells.warnings };
      },
    };
  };
}

function readCrmLead(
  cells: RowCells,
  names: CrmColumns,
  context: RunContext,
  readConverted: (cells: RowCells) => boolean,
): LeadRecord {
  return {
    ...emptyLead,
    externalId: cells.required(names.id, "the record's id") ?? "",
    source: cells.text(names.source) ?? "Unknown",
    createdAt: cells.instant(names.created, context.timeZone),
    timeZone: context.timeZone,
    ...cells.phone(names.phone, context.defaultCountry),
    email: cells.email(names.email),
    converted: readConverted(cells),
    dispositionCode: cells.text(names.status),
  };
}

/** HubSpot's contacts export: Lead Status as the disposition, a lifecycle
 * stage of Customer as the conversion. */
export const hubspotContactsPreset: LeadsPreset = {
  name: "hubspot-contacts",
  label: "HubSpot contacts export",
  description:
    "HubSpot's contacts export: Record ID and Original Source required; " +
    "Email, Phone Number, Create Date, Lifecycle Stage (Customer converts) " +
    "and Lead Status (the disposition). Other columns are ignored.",
  origin: "hubspot",
  hasHeader: true,
  records: "leads",
  // HubSpot's default Lead Status values.
  dispositionCodes: {
    new: "No outcome",
    open: "No outcome",
    "in progress": "Contact",
    "open deal": "Contact",
    connected: "Contact",
    "attempted to contact": "Call failed",
    "bad timing": "Callback",
    unqualified: "Not interested",
  },
  open: openCrmExport(
    "HubSpot's contacts export",
    {
      id: "Record ID",
      email: "Email",
      phone: "Phone Number",
      created: "Create Date",
      source: "Original Source",
      status: "Lead Status",
    },
    ["Lifecycle Stage"],
    (cells) => cells.text("Lifecycle Stage")?.toLowerCase() === "customer",
  ),
};

/** Salesforce's leads report export: Lead Status as the disposition and the
 * Converted flag. */
export const salesforceLeadsPreset: LeadsPreset = {
  name: "salesforce-leads",
  label: "Salesforce leads export",
  description:
    "A Salesforce leads export: Lead ID and Lead Source required; Email, " +
    "Phone, Created Date, Lead Status (the disposition) and Converted. " +
    "Other columns are ignored.",
  origin: "salesforce",
  hasHeader: true,
  records: "leads",
  // Salesforce's default Lead Status picklist.
  dispositionCodes: {
    "open - not contacted": "No outcome",
    "working - contacted": "Contact",
    "closed - converted": "Converted",
    "closed - not converted": "Not interested",
  },
  open: openCrmExport(
    "a Salesforce leads export",
    {
      id: "Lead ID",
      email: "Email",
      phone: "Phone",
      created: "Created Date",
      source: "Lead Source",
      status: "Lead Status",
    },
    ["Converted"],
    (cells) =>
      cells.boolean("Converted") ??
      cells.text("Lead Status")?.toLowerCase() === "closed - converted",
  ),
};
