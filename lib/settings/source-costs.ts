import { asc, eq, inArray } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { sources } from "@/lib/db/schema";
import { createLogger } from "@/lib/log";
import { getMinorUnitDigits, getUsableRates } from "@/lib/metrics/lead-value";
import { getSettings, type Settings } from "@/lib/settings";
import type { FieldErrors } from "@/lib/settings/validate";

const log = createLogger("settings");

export type SourceCost = {
  id: number;
  name: string;
  /** In minor units of `costCurrency`; null when unknown. */
  costPerLeadMinor: number | null;
  costCurrency: string | null;
};

/** One row of the form as typed: the amount in major units, e.g. "35.50". */
export type SourceCostForm = { id: number; amount: string; currency: string };

type SourceCostValue = Omit<SourceCost, "name">;

export type SourceCostChange = {
  from: number | string | null;
  to: number | string | null;
};

export type SourceCostResult =
  | { ok: true; changes: Record<string, Record<string, SourceCostChange>> }
  | { ok: false; fields: FieldErrors };

const currencyOf = (code: string | null) => code?.trim().toUpperCase() || null;

export async function listSourceCosts(db: Database): Promise<SourceCost[]> {
  const rows = await db
    .select({
      id: sources.id,
      name: sources.name,
      costPerLeadMinor: sources.costPerLeadMinor,
      costCurrency: sources.costCurrency,
    })
    .from(sources)
    .orderBy(asc(sources.name));

  return rows.map((row) => ({
    ...row,
    costCurrency: currencyOf(row.costCurrency),
  }));
}

/**
 * Reads each row's cost, or says for each field what was expected. An
 * empty amount is an unknown cost, stored without a currency. A currency
 * left empty is the report currency; any other needs a rate, or the cost
 * could not be converted. Amounts are in major units, with no more
 * decimals than the currency's minor unit has. Errors are keyed
 * `<source id>.amount` and `<source id>.currency`.
 */
export function validateSourceCosts(
  rows: SourceCostForm[],
  settings: Settings,
): { ok: true; value: SourceCostValue[] } | { ok: false; fields: FieldErrors } {
  const reportCurrency = settings.reportCurrency.trim().toUpperCase();
  const rates = getUsableRates(settings);
  const fields: FieldErrors = {};
  const value: SourceCostValue[] = [];

  for (const row of rows) {
    const amount = row.amount.trim();
    if (amount === "") {
      value.push({ id: row.id, costPerLeadMinor: null, costCurrency: null });
      continue;
    }
    const currency = row.currency.trim().toUpperCase() || reportCurrency;
    const known = /^[A-Z]{3}$/.test(currency);
    if (!known) {
      fields[`${row.id}.currency`] =
        "Enter a three-letter currency code, such as EUR.";
    } else if (currency !== reportCurrency && !(currency in rates)) {
      fields[`${row.id}.currency`] =
        `${currency} has no rate in the currency rates, so the cost cannot be converted to ${reportCurrency}: add a rate or use ${reportCurrency}.`;
    }
    const minor = toMinor(amount, known ? currency : reportCurrency);
    if (typeof minor === "string") {
      fields[`${row.id}.amount`] = minor;
      continue;
    }
    value.push({ id: row.id, costPerLeadMinor: minor, costCurrency: currency });
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };

  return { ok: true, value };
}

// An amount in major units as integer minor units, or what was expected.
function toMinor(amount: string, currency: string): number | string {
  const digits = getMinorUnitDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) {
    return amount.startsWith("-")
      ? "A cost cannot be negative."
      : `Enter an amount in ${currency}, such as 35 or 35.50, or leave it empty when unknown.`;
  }
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > digits) {
    return digits === 0
      ? `${currency} has no decimals.`
      : `At most ${digits} decimals in ${currency}.`;
  }
  const minor = Number(`${whole}${fraction.padEnd(digits, "0")}`);
  if (!Number.isSafeInteger(minor)) return "The amount is too large.";

  return minor;
}

/**
 * Sets the cost per lead of the given sources when every row is valid,
 * nothing otherwise. The sources are locked first so that two admins
 * saving at once each record their changes from the other's values. The
 * source figures read the costs when they run: no rebuild. Returns the
 * changes, by source name and column, which the audit entry holds too.
 */
export async function updateSourceCosts(
  db: Database,
  actorId: number,
  rows: SourceCostForm[],
): Promise<SourceCostResult> {
  const result = await db.transaction(async (tx) => {
    const checked = validateSourceCosts(rows, await getSettings(tx));
    if (!checked.ok) return checked;
    const ids = checked.value.map((row) => row.id);
    if (ids.length === 0) return { ok: true as const, changes: {} };

    const current = await tx
      .select()
      .from(sources)
      .where(inArray(sources.id, ids))
      .orderBy(asc(sources.id))
      .for("update");
    const found: Record<string, Record<string, SourceCostChange>> = {};
    for (const row of current) {
      const next = checked.value.find((item) => item.id === row.id);
      if (!next) continue;
      const changed: Record<string, SourceCostChange> = {};
      if (row.costPerLeadMinor !== next.costPerLeadMinor) {
        changed.cost_per_lead_minor = {
          from: row.costPerLeadMinor,
          to: next.costPerLeadMinor,
        };
      }
      if (currencyOf(row.costCurrency) !== next.costCurrency) {
        changed.cost_currency = {
          from: currencyOf(row.costCurrency),
          to: next.costCurrency,
        };
      }
      if (Object.keys(changed).length === 0) continue;
      found[row.name] = changed;
      await tx
        .update(sources)
        .set({
          costPerLeadMinor: next.costPerLeadMinor,
          costCurrency: next.costCurrency,
        })
        .where(eq(sources.id, row.id));
    }
    if (Object.keys(found).length > 0) {
      await recordAudit(tx, {
        userId: actorId,
        action: "settings_changed",
        details: { setting: "source_costs", changes: found },
      });
    }

    return { ok: true as const, changes: found };
  });
  if (result.ok) {
    log.info("source costs saved", {
      sources: Object.keys(result.changes).length,
    });
  }

  return result;
}
