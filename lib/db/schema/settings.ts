import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  check,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamptz,
} from "./columns";

/** A named part of the lead's local day, in whole hours [start, end). */
export type SlotDefinition = {
  name: string;
  startHour: number;
  endHour: number;
};

/** How many units of the report currency one unit of the keyed currency is
 * worth: the organisation's own fixed rates. */
export type CurrencyRates = Record<string, number>;

export const defaultSlots: SlotDefinition[] = [
  { name: "morning", startHour: 8, endHour: 12 },
  { name: "midday", startHour: 12, endHour: 15 },
  { name: "afternoon", startHour: 15, endHour: 18 },
  { name: "evening", startHour: 18, endHour: 21 },
];

// One row: the organisation. Every parameter of the metric definitions lives
// here with its documented default.
export const settings = pgTable(
  "settings",
  {
    id: smallint("id").primaryKey().default(1),
    organisationName: text("organisation_name").notNull().default("Reachboard"),
    organisationTimezone: text("organisation_timezone")
      .notNull()
      .default("Europe/Madrid"),
    reportTimezone: text("report_timezone").notNull().default("Europe/Madrid"),
    defaultCountry: char("default_country", { length: 2 })
      .notNull()
      .default("ES"),
    duplicateWindowDays: integer("duplicate_window_days").notNull().default(30),
    contactWindowDays: integer("contact_window_days").notNull().default(7),
    speedTargetMinutes: integer("speed_target_minutes").notNull().default(5),
    minCellAttempts: integer("min_cell_attempts").notNull().default(20),
    policyCalls: integer("policy_calls").notNull().default(4),
    policySlots: integer("policy_slots").notNull().default(3),
    policyWindowHours: integer("policy_window_hours").notNull().default(24),
    slots: jsonb("slots")
      .$type<SlotDefinition[]>()
      .notNull()
      .default(defaultSlots),
    callingHoursStart: smallint("calling_hours_start").notNull().default(8),
    callingHoursEnd: smallint("calling_hours_end").notNull().default(21),
    maxCallsPerDay: integer("max_calls_per_day").notNull().default(6),
    recoveryWindowDays: integer("recovery_window_days").notNull().default(7),
    expectedLifetimeMonths: integer("expected_lifetime_months")
      .notNull()
      .default(24),
    reportCurrency: char("report_currency", { length: 3 })
      .notNull()
      .default("EUR"),
    currencyRates: jsonb("currency_rates")
      .$type<CurrencyRates>()
      .notNull()
      .default({ EUR: 1 }),
    contactRateTarget: integer("contact_rate_target_percent")
      .notNull()
      .default(40),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    isDemo: boolean("is_demo").notNull().default(false),
  },
  (table) => [check("settings_single_row", sql`${table.id} = 1`)],
);
