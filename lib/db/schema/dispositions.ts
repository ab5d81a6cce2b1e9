import {
  bigint,
  bigserial,
  boolean,
  pgTable,
  primaryKey,
  text,
} from "./columns";

/** An outcome in Reachboard's terms, with the flags the metrics read. */
export const dispositions = pgTable("dispositions", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  name: text("name").notNull().unique(),
  contact: boolean("contact").notNull().default(false),
  invalidContact: boolean("invalid_contact").notNull().default(false),
  doNotContact: boolean("do_not_contact").notNull().default(false),
  notInterested: boolean("not_interested").notNull().default(false),
  converted: boolean("converted").notNull().default(false),
  callback: boolean("callback").notNull().default(false),
  /** A test or fake record (counts as lead data in the lost-lead split). */
  testRecord: boolean("test_record").notNull().default(false),
});

/** Each origin's own outcome codes, mapped to one disposition. Records keep
 * the raw code, so editing this mapping re-classifies them without a
 * re-import. Codes are matched trimmed and lower-cased. */
export const dispositionCodes = pgTable(
  "disposition_codes",
  {
    origin: text("origin").notNull(),
    code: text("code").notNull(),
    dispositionId: bigint("disposition_id", { mode: "number" })
      .notNull()
      .references(() => dispositions.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.origin, table.code] })],
);
