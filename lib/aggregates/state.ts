import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { Settings } from "@/lib/settings";

/** How a figure is answered: from the maintained aggregates whenever they
 * hold (the default), or always from the raw rows (checks, the benchmark). */
export type FigureOptions = { via?: "aggregates" | "rows" };

/** The shape of the aggregates: raised whenever what they hold changes,
 * so that aggregates built by an earlier version are not read but rebuilt
 * (at the next start, settings change or large import). */
const aggregatesVersion = 6;

/**
 * The settings the aggregates depend on, as one string, with the version
 * of the aggregates. Anything else (names, minimum cell size, costs,
 * templates, agents' teams) is read when a figure runs, so changing it
 * needs no rebuild.
 */
export function getSettingsKey(settings: Settings): string {
  return JSON.stringify([
    aggregatesVersion,
    settings.reportTimezone,
    settings.contactWindowDays,
    settings.speedTargetMinutes,
    settings.policyCalls,
    settings.policySlots,
    settings.policyWindowHours,
    settings.slots,
    settings.callingHoursStart,
    settings.callingHoursEnd,
    settings.maxCallsPerDay,
    settings.recoveryWindowDays,
    settings.expectedLifetimeMonths,
    settings.reportCurrency,
    Object.entries(settings.currencyRates).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    ),
  ]);
}

/** The disposition mapping's flags that the facts read, as a digest: an
 * edited mapping re-classifies records, so it invalidates the aggregates. */
export const dispositionsKeySql = sql`(select coalesce(md5(string_agg(
    concat_ws('|', c.origin, c.code, d.contact, d.invalid_contact,
      d.do_not_contact, d.converted, d.test_record), ','
      order by c.origin, c.code)), '')
  from disposition_codes c join dispositions d on d.id = c.disposition_id)`;

/** The aggregates were built with these settings and the current
 * disposition mapping. False when they were never built. */
export async function areAggregatesCurrent(
  db: Database,
  settings: Settings,
): Promise<boolean> {
  const [row] = await queryRows<{ current: boolean }>(
    db,
    sql`select (s.settings_key = ${getSettingsKey(settings)}
        and s.dispositions_key = ${dispositionsKeySql}) as current
      from agg_state s where s.id = 1`,
  );

  return row?.current ?? false;
}

/**
 * Whether a figure may read the aggregates: the caller did not ask for raw
 * rows, the filter is one the aggregates answer, and they are current.
 * Stale aggregates are never read: the figure is then slow, not wrong.
 */
export async function shouldReadAggregates(
  db: Database,
  settings: Settings,
  options: FigureOptions | undefined,
  answerable = true,
): Promise<boolean> {
  if (options?.via === "rows" || !answerable) return false;

  return areAggregatesCurrent(db, settings);
}

export async function writeState(
  db: Database,
  settings: Settings,
  rebuilt: boolean,
): Promise<void> {
  const key = getSettingsKey(settings);
  if (rebuilt) {
    await db.execute(sql`insert into agg_state
        (id, settings_key, dispositions_key, built_at, refreshed_at)
      values (1, ${key}, ${dispositionsKeySql}, now(), now())
      on conflict (id) do update set settings_key = excluded.settings_key,
        dispositions_key = excluded.dispositions_key,
        built_at = excluded.built_at, refreshed_at = excluded.refreshed_at`);

    return;
  }
  await db.execute(sql`update agg_state set refreshed_at = now() where id = 1`);
}
