import { eq, sql } from "drizzle-orm";
import { rebuildAggregates } from "@/lib/aggregates";
import { getSettingsKey } from "@/lib/aggregates/state";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { settings } from "@/lib/db/schema";
import { createLogger } from "@/lib/log";
import { regroupPersons } from "@/lib/persons/regroup-persons";
import type { Settings } from "./index";
import {
  type FieldErrors,
  type SettingsInput,
  validateSettings,
} from "./validate";

const log = createLogger("settings");

/** A changed setting, by its column name, with its old and new value. */
export type SettingChanges = Record<string, { from: unknown; to: unknown }>;

export type SettingsUpdate =
  | { ok: false; fields: FieldErrors }
  | { ok: true; changes: SettingChanges; rebuilt: boolean };

const columnNames: Record<keyof SettingsInput, string> = {
  organisationName: "organisation_name",
  reportTimezone: "report_timezone",
  organisationTimezone: "organisation_timezone",
  defaultCountry: "default_country",
  reportCurrency: "report_currency",
  currencyRates: "currency_rates",
  expectedLifetimeMonths: "expected_lifetime_months",
  contactWindowDays: "contact_window_days",
  speedTargetMinutes: "speed_target_minutes",
  duplicateWindowDays: "duplicate_window_days",
  policyCalls: "policy_calls",
  policySlots: "policy_slots",
  policyWindowHours: "policy_window_hours",
  callingHoursStart: "calling_hours_start",
  callingHoursEnd: "calling_hours_end",
  maxCallsPerDay: "max_calls_per_day",
  recoveryWindowDays: "recovery_window_days",
  minCellAttempts: "min_cell_attempts",
  contactRateTarget: "contact_rate_target_percent",
};

/**
 * Saves the organisation's settings from the form, or writes nothing and
 * says what each wrong field expected. One transaction: the row is locked
 * before the old values are read, so that of two admins saving at once
 * the second waits and records its changes from the first's values. The
 * aggregates are rebuilt only when a setting they hold changed (the key of
 * `getSettingsKey`); a new duplicate window regroups the persons first,
 * as their duplicates are stored on the leads.
 */
export async function updateSettings(
  db: Database,
  actorId: number,
  form: unknown,
): Promise<SettingsUpdate> {
  const started = Date.now();
  const result = await db.transaction(async (tx) => {
    await tx.insert(settings).values({ id: 1 }).onConflictDoNothing();
    const [old] = await tx
      .select()
      .from(settings)
      .where(eq(settings.id, 1))
      .for("update");
    if (!old) throw new Error("settings row missing after insert");
    const validation = validateSettings(form, old.slots.length);
    if (!validation.ok) return validation;

    const changes = diffSettings(old, validation.value);
    if (Object.keys(changes).length === 0)
      return { ok: true as const, changes, rebuilt: false };

    const [saved] = await tx
      .update(settings)
      .set({ ...validation.value, updatedAt: sql`now()` })
      .where(eq(settings.id, 1))
      .returning();
    if (!saved) throw new Error("settings row missing after update");
    await recordAudit(tx, {
      userId: actorId,
      action: "settings_changed",
      details: { setting: "organisation", changes },
    });

    const regroup = old.duplicateWindowDays !== saved.duplicateWindowDays;
    if (regroup) await regroupPersons(tx);
    const rebuild = regroup || getSettingsKey(old) !== getSettingsKey(saved);
    if (rebuild) await rebuildAggregates(tx);

    return { ok: true as const, changes, rebuilt: rebuild };
  });
  if (result.ok) {
    log.info("settings saved", {
      changed: Object.keys(result.changes),
      rebuilt: result.rebuilt,
      ms: Date.now() - started,
    });
  }

  return result;
}

function diffSettings(old: Settings, next: SettingsInput): SettingChanges {
  const changes: SettingChanges = {};
  for (const key of Object.keys(columnNames) as (keyof SettingsInput)[]) {
    const from = key === "currencyRates" ? sortRates(old[key]) : old[key];
    const to = key === "currencyRates" ? sortRates(next[key]) : next[key];
    if (JSON.stringify(from) !== JSON.stringify(to))
      changes[columnNames[key]] = { from, to };
  }

  return changes;
}

// Rates compared and recorded in currency order, so that a form listing
// them in another order changes nothing.
function sortRates(rates: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(rates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
