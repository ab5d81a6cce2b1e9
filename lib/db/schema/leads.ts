import {
  bigint,
  bigserial,
  boolean,
  char,
  index,
  pgTable,
  text,
  timestamptz,
  uniqueIndex,
} from "./columns";
import { valueUnit } from "./enums";
import { imports } from "./imports";
import { campaigns, sources } from "./organisation";

/** Leads grouped by normalised phone (E.164) or lower-cased e-mail. */
export const persons = pgTable("persons", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** `tel:+34600111222` or `mailto:ana@example.com`. */
  key: text("key").notNull().unique(),
});

export const leads = pgTable(
  "leads",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The system the record came from (`x-education`, `csv`, `api`, ...). */
    origin: text("origin").notNull(),
    /** The record's id in that system; unique per origin. */
    externalId: text("external_id").notNull(),
    sourceId: bigint("source_id", { mode: "number" })
      .notNull()
      .references(() => sources.id),
    campaignId: bigint("campaign_id", { mode: "number" }).references(
      () => campaigns.id,
    ),
    /** Missing when the source file has none: left out of time-based views. */
    createdAt: timestamptz("created_at"),
    /** IANA zone; the organisation's zone when the source gives none. */
    timeZone: text("time_zone").notNull(),
    phoneE164: text("phone_e164"),
    /** The phone as written, kept only when it could not be normalised. */
    phoneRaw: text("phone_raw"),
    email: text("email"),
    // Consent per channel: true given, false refused, null not stated.
    consentCall: boolean("consent_call"),
    consentWhatsapp: boolean("consent_whatsapp"),
    consentSms: boolean("consent_sms"),
    consentEmail: boolean("consent_email"),
    consentAt: timestamptz("consent_at"),
    preferredSlotStart: timestamptz("preferred_slot_start"),
    preferredSlotEnd: timestamptz("preferred_slot_end"),
    valueMinor: bigint("value_minor", { mode: "number" }),
    valueCurrency: char("value_currency", { length: 3 }),
    valueUnit: valueUnit("value_unit"),
    converted: boolean("converted").notNull().default(false),
    convertedAt: timestamptz("converted_at"),
    conversionValueMinor: bigint("conversion_value_minor", { mode: "number" }),
    conversionCurrency: char("conversion_currency", { length: 3 }),
    /** The last outcome code the source system gives for the lead itself. */
    dispositionCode: text("disposition_code"),
    isTest: boolean("is_test").notNull().default(false),
    /** Deliberately not sent recovery messages, to measure incremental recovery. */
    holdout: boolean("holdout").notNull().default(false),
    personId: bigint("person_id", { mode: "number" }).references(
      () => persons.id,
    ),
    /** Set by person grouping: a later lead of a person within the window. */
    isDuplicate: boolean("is_duplicate").notNull().default(false),
    importId: bigint("import_id", { mode: "number" }).references(
      () => imports.id,
      {
        onDelete: "set null",
      },
    ),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("leads_origin_external_id").on(table.origin, table.externalId),
    index("leads_created_at").on(table.createdAt),
    index("leads_source").on(table.sourceId),
    index("leads_person").on(table.personId),
    index("leads_phone").on(table.phoneE164),
  ],
);
