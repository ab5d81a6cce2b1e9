import {
  bigint,
  bigserial,
  boolean,
  char,
  index,
  pgTable,
  text,
  uniqueIndex,
} from "./columns";

export const sources = pgTable("sources", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  name: text("name").notNull().unique(),
  /** Known acquisition cost of one lead, in minor units of `costCurrency`. */
  costPerLeadMinor: bigint("cost_per_lead_minor", { mode: "number" }),
  costCurrency: char("cost_currency", { length: 3 }),
});

/** Spellings that name the same source (`google`, `Google`, `google ads`).
 * Aliases are stored lower-cased and trimmed. */
export const sourceAliases = pgTable("source_aliases", {
  alias: text("alias").primaryKey(),
  sourceId: bigint("source_id", { mode: "number" })
    .notNull()
    .references(() => sources.id, { onDelete: "cascade" }),
});

export const campaigns = pgTable(
  "campaigns",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sourceId: bigint("source_id", { mode: "number" }).references(
      () => sources.id,
    ),
    name: text("name").notNull(),
  },
  (table) => [
    uniqueIndex("campaigns_source_name").on(table.sourceId, table.name),
  ],
);

export const teams = pgTable("teams", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  name: text("name").notNull().unique(),
});

export const agents = pgTable(
  "agents",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The agent's id or login in the source system (dialer extension, CRM owner). */
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    teamId: bigint("team_id", { mode: "number" }).references(() => teams.id),
  },
  (table) => [
    uniqueIndex("agents_external_id").on(table.externalId),
    index("agents_team").on(table.teamId),
  ],
);

/** Recovery message templates with the four checks of a good message. */
export const templates = pgTable("templates", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  name: text("name").notNull().unique(),
  body: text("body"),
  namesCompanyAndPerson: boolean("names_company_and_person")
    .notNull()
    .default(false),
  statesReason: boolean("states_reason").notNull().default(false),
  professionalTone: boolean("professional_tone").notNull().default(false),
  oneNextStep: boolean("one_next_step").notNull().default(false),
});
