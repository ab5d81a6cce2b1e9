import { indexColumns, RowCells } from "../cells";
import { emptyLead } from "../records";
import { standardCodes } from "../standard-dispositions";
import type { LeadRecord, LeadsPreset, RunContext } from "../types";
import { isCurrency } from "../values";
import { readMappedHeader } from "../column-mapping";
import { checkHeader, normaliseHeaderName } from "./header";

export const leadColumns = [
  "external_id",
  "source",
  "campaign",
  "created_at",
  "time_zone",
  "phone",
  "email",
  "consent_call",
  "consent_whatsapp",
  "consent_sms",
  "consent_email",
  "consent_at",
  "preferred_slot_start",
  "preferred_slot_end",
  "value",
  "value_currency",
  "value_unit",
  "converted",
  "converted_at",
  "conversion_value",
  "disposition",
  "is_test",
  "holdout",
] as const;

export const requiredLeadColumns = ["external_id", "source"] as const;

/** Columns a CRM export often carries that Reachboard does not store. */
export const ignoredLeadColumns = [
  "name",
  "first_name",
  "last_name",
  "full_name",
  "notes",
];

/** A generic lead file with a header; the columns are in docs/import.md. */
export const leadsPreset: LeadsPreset = {
  name: "leads",
  label: "Leads (generic CSV)",
  description:
    "One lead per row with a header: external_id and source required; " +
    "campaign, created_at, time_zone, phone, email, consent per channel, " +
    "preferred slot, value, conversion, disposition, is_test, holdout.",
  origin: null,
  hasHeader: true,
  records: "leads",
  dispositionCodes: standardCodes,
  open(first, context) {
    const mapped = readMappedHeader(first, context, "leads");
    if ("problems" in mapped) return mapped;
    const { header } = mapped;
    const problems = checkHeader(
      header,
      leadColumns,
      requiredLeadColumns,
      ignoredLeadColumns,
    );
    if (problems.length > 0) return { problems };
    const columns = indexColumns(header, normaliseHeaderName);

    return {
      fieldCount: header.length,
      readRow: (fields) => {
        const cells = new RowCells(fields, columns, {
          reading: context.reading,
        });
        const record = readLead(cells, context);
        if (cells.problems.length > 0) return { problems: cells.problems };

        return { record, warnings: cells.warnings };
      },
    };
  },
};

function readLead(cells: RowCells, context: RunContext): LeadRecord {
  const timeZone = cells.timeZone("time_zone", context.timeZone);
  const currency = readCurrency(cells, context.reportCurrency);
  const value = cells.amount("value", currency);
  const conversionValue = cells.amount("conversion_value", currency);

  return {
    ...emptyLead,
    externalId: cells.required("external_id", "the lead's id") ?? "",
    source: cells.text("source") ?? "Unknown",
    campaign: cells.text("campaign"),
    createdAt: cells.instant("created_at", timeZone),
    timeZone,
    ...cells.phone("phone", context.defaultCountry),
    email: cells.email("email"),
    consentCall: cells.boolean("consent_call"),
    consentWhatsapp: cells.boolean("consent_whatsapp"),
    consentSms: cells.boolean("consent_sms"),
    consentEmail: cells.boolean("consent_email"),
    consentAt: cells.instant("consent_at", timeZone),
    ...readPreferredSlot(cells, timeZone),
    valueMinor: value,
    valueCurrency: value === null ? null : currency,
    valueUnit:
      cells.oneOf("value_unit", ["total", "per_month"]) ??
      (value === null ? null : "total"),
    ...readConversion(cells, timeZone),
    conversionValueMinor: conversionValue,
    conversionCurrency: conversionValue === null ? null : currency,
    dispositionCode: cells.text("disposition"),
    isTest: cells.boolean("is_test") ?? false,
    holdout: cells.boolean("holdout") ?? false,
  };
}

function readCurrency(cells: RowCells, fallback: string): string {
  const code = cells.text("value_currency")?.toUpperCase() ?? fallback;
  if (isCurrency(code)) return code;
  cells.fail(
    "value_currency",
    "expected an ISO 4217 currency code such as EUR",
    code,
  );

  return fallback;
}

function readPreferredSlot(cells: RowCells, timeZone: string) {
  const start = cells.instant("preferred_slot_start", timeZone);
  const end = cells.instant("preferred_slot_end", timeZone);
  if ((start === null) !== (end === null)) {
    cells.fail(
      start === null ? "preferred_slot_start" : "preferred_slot_end",
      "expected both ends of the preferred slot, or neither",
      "",
    );
  } else if (start !== null && end !== null && end <= start) {
    cells.fail(
      "preferred_slot_end",
      "expected a time after preferred_slot_start",
      cells.text("preferred_slot_end") ?? "",
    );
  }

  return { preferredSlotStart: start, preferredSlotEnd: end };
}

// A conversion time on its own means the lead converted.
function readConversion(cells: RowCells, timeZone: string) {
  const converted = cells.boolean("converted");
  const convertedAt = cells.instant("converted_at", timeZone);
  if (converted === false && convertedAt !== null) {
    cells.fail(
      "converted",
      "expected yes when converted_at is given",
      cells.text("converted") ?? "",
    );
  }

  return { converted: converted ?? convertedAt !== null, convertedAt };
}
