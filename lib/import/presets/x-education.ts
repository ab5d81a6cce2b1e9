import { indexColumns, listChoices, RowCells } from "../cells";
import { emptyLead } from "../records";
import type { LeadRecord, LeadsPreset, RunContext } from "../types";

const required = [
  "Lead Number",
  "Lead Origin",
  "Lead Source",
  "Do Not Email",
  "Do Not Call",
  "Converted",
  "Last Activity",
  "Tags",
];

// Tags mix call outcomes with what the sales team heard from the lead.
const tagDispositions: Record<string, string> = {
  ringing: "Call failed",
  "switched off": "Call failed",
  busy: "Call failed",
  "opp hangup": "Call failed",
  "invalid number": "Invalid contact",
  "wrong number given": "Invalid contact",
  "number not provided": "Invalid contact",
  "will revert after reading the email": "Callback",
  // A sale closed by a partner, but the Converted column, not the tag,
  // says which leads converted (2 of the 358 leads tagged so did not): as
  // Converted, a disposition would convert those two too.
  "closed by horizzon": "Contact",
  "lost to eins": "Not interested",
  "lost to others": "Not interested",
  "interested in other courses": "Not interested",
  "not doing further education": "Not interested",
  "already a student": "Not interested",
  // The rest record something the lead told the team: a conversation.
  "interested  in full time mba": "Contact",
  "graduation in progress": "Contact",
  "diploma holder (not eligible)": "Contact",
  "in touch with eins": "Contact",
  "still thinking": "Contact",
  "want to take admission but has financial problems": "Contact",
  "in confusion whether part time or dlp": "Contact",
  "interested in next batch": "Contact",
  "lateral student": "Contact",
  "shall take in the next coming month": "Contact",
  "university not recognized": "Contact",
  "recognition issue (dec approval)": "Contact",
};

// Last Activity is a channel event; only a few say whether anyone talked.
const activityDispositions: Record<string, string> = {
  "had a phone conversation": "Contact",
  "olark chat conversation": "Contact",
  "email bounced": "Invalid contact",
  unsubscribed: "Do not contact",
  unreachable: "Call failed",
  "email opened": "No outcome",
  "sms sent": "No outcome",
  "page visited on website": "No outcome",
  "converted to lead": "No outcome",
  "email link clicked": "No outcome",
  "form submitted on website": "No outcome",
  "approached upfront": "No outcome",
  "view in browser link clicked": "No outcome",
  "email received": "No outcome",
  "email marked spam": "No outcome",
  "visited booth in tradeshow": "No outcome",
  "resubscribed to emails": "No outcome",
};

const activityPrefix = "last activity: ";

/** The X Education lead export (Leads.csv): no timestamps, opt-outs per
 * channel, the sales team's tag as the lead's last outcome. */
export const xEducationPreset: LeadsPreset = {
  name: "x-education",
  label: "X Education leads",
  description:
    "The X Education lead export (Leads.csv): Lead Number, Lead Source, " +
    "Lead Origin, opt-outs, Converted, Tags and Last Activity. It has no " +
    "dates, so its leads stay out of time-based views.",
  origin: "x-education",
  hasHeader: true,
  records: "leads",
  dispositionCodes: {
    ...tagDispositions,
    ...Object.fromEntries(
      Object.entries(activityDispositions).map(([code, name]) => [
        `${activityPrefix}${code}`,
        name,
      ]),
    ),
  },
  open(header, context) {
    const columns = indexColumns(header, (name) => name.trim());
    const missing = required.filter((name) => !columns.has(name));
    if (missing.length > 0) {
      return {
        problems: [
          {
            column: null,
            reason: `expected the X Education export's columns; missing ${listChoices(
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
          placeholders: ["Select"],
        });
        const record = readLead(cells, context);
        if (cells.problems.length > 0) return { problems: cells.problems };

        return { record };
      },
    };
  },
};

function readLead(cells: RowCells, context: RunContext): LeadRecord {
  const externalId = cells.required("Lead Number", "a lead number");
  if (externalId !== null && !/^\d+$/.test(externalId))
    cells.fail("Lead Number", "expected a lead number (digits)", externalId);
  const tags = cells.text("Tags");
  const activity = cells.text("Last Activity");

  return {
    ...emptyLead,
    externalId: externalId ?? "",
    source: cells.text("Lead Source") ?? "Unknown",
    campaign: cells.text("Lead Origin"),
    timeZone: context.timeZone,
    consentCall: readConsent(cells, "Do Not Call"),
    consentEmail: readConsent(cells, "Do Not Email"),
    converted: readConverted(cells),
    dispositionCode: tags ?? (activity ? `${activityPrefix}${activity}` : null),
  };
}

// "Do Not Call: Yes" is a refusal; "No" means the lead did not refuse.
function readConsent(cells: RowCells, column: string): boolean | null {
  const value = cells.text(column);
  if (value === null) return null;
  if (value === "Yes") return false;
  if (value === "No") return true;
  cells.fail(column, "expected Yes or No", value);

  return null;
}

function readConverted(cells: RowCells): boolean {
  const value = cells.required("Converted", "0 or 1");
  if (value === null || value === "0") return false;
  if (value === "1") return true;
  cells.fail("Converted", "expected 0 or 1", value);

  return false;
}
