import { sql } from "drizzle-orm";
import { readLeadSums } from "@/lib/aggregates/read-recovery";
import type { FigureOptions } from "@/lib/aggregates/state";
import { type Database, queryRows } from "@/lib/db";
import { type Settings, getSettings } from "@/lib/settings";
import { type ShareDifference, compareShares } from "./difference";
import type { MetricFilter } from "./filter";
import { type Rate, toRate } from "./rate";
import { readsRecovery } from "./recovery";
import { recoveryCtes } from "./recovery-leads";
import { countUndatedLeads } from "./undated";

export type FunnelStep =
  "call_failed" | "messaged" | "delivered" | "read" | "responded" | "converted";

export type RecoveryFunnel = {
  /** Leads created in the period, the base of the first step. */
  leads: number;
  /** Each step's leads over the step before (the first over `leads`). */
  steps: { step: FunnelStep; label: string; rate: Rate }[];
  leftOut: number;
};

const funnelLabels: Record<FunnelStep, string> = {
  call_failed: "Call-failed",
  messaged: "Sent a recovery message",
  delivered: "Delivered",
  read: "Read",
  responded: "Replied or called back",
  converted: "Converted",
};

/**
 * The recovery funnel. Each step holds only leads of the step before.
 * "Replied or called back" is a recovery whose contact came from the lead
 * (an inbound reply or call), not from a later call of ours. A response
 * proves the message arrived and was read, so a lead that responded passes
 * the delivered and read steps even when the provider never reported them
 * (SMS has no read receipts).
 */
export async function getRecoveryFunnel(
  db: Database,
  filter: MetricFilter,
  options?: FigureOptions,
): Promise<RecoveryFunnel> {
  const settings = await getSettings(db);
  const row = (await readsRecovery(db, filter, settings, options))
    ? await readLeadSums(db, filter, {
        leads: "leads",
        call_failed: "call_failed",
        messaged: "messaged",
        delivered: "delivered_step",
        read: "read_step",
        responded: "responded",
        converted: "responded_converted",
      })
    : await queryFunnel(db, filter, settings);

  const leads = row?.leads ?? 0;
  const order = Object.keys(funnelLabels) as FunnelStep[];
  const steps = order.map((step, index) => {
    const previous = order[index - 1];
    const base = previous === undefined ? leads : (row?.[previous] ?? 0);

    return {
      step,
      label: funnelLabels[step],
      rate: toRate(row?.[step] ?? 0, base),
    };
  });

  return {
    leads,
    steps,
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

async function queryFunnel(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  const [row] = await queryRows<Record<FunnelStep, number> & { leads: number }>(
    db,
    sql`with ${recoveryCtes(filter, settings)},
    steps as (
      select o.messaged,
        o.messaged and (o.delivered or o.responded) as delivered,
        o.messaged and (o.read or o.responded) as read,
        o.responded, o.responded and o.converted as converted
      from recovery_outcomes o
    )
    select (select count(*) from recovery_contacts)::int as leads,
      count(*)::int as call_failed,
      count(*) filter (where messaged)::int as messaged,
      count(*) filter (where delivered)::int as delivered,
      count(*) filter (where read and delivered)::int as read,
      count(*) filter (where responded)::int as responded,
      count(*) filter (where converted)::int as converted
    from steps`,
  );

  return row;
}

export type IncrementalRecovery = {
  /** Call-failed leads outside the hold-out sent a recovery message:
   * recovered over messaged. */
  messaged: Rate;
  /** Call-failed hold-out leads never messaged: contacted within
   * `recovery_window_days` of their first failed call, the moment they
   * became call-failed (no message time exists to start from). */
  holdout: Rate;
  /** messaged − holdout, with the 95 % interval of the difference. */
  incremental: ShareDifference;
  /** Hold-out leads that were messaged anyway: in neither group. */
  holdoutMessaged: number;
  leftOut: number;
};

/** What recovery messages add over leaving call-failed leads alone. */
export async function getIncrementalRecovery(
  db: Database,
  filter: MetricFilter,
  options?: FigureOptions,
): Promise<IncrementalRecovery> {
  const settings = await getSettings(db);
  const row = (await readsRecovery(db, filter, settings, options))
    ? await readLeadSums(db, filter, {
        messaged: "messaged_outside_holdout",
        recovered: "recovered_outside_holdout",
        holdout: "holdout_not_messaged",
        holdoutContacted: "holdout_contacted",
        holdoutMessaged: "holdout_messaged",
      })
    : await queryIncrementalRecovery(db, filter, settings);

  const messaged = toRate(row?.recovered ?? 0, row?.messaged ?? 0);
  const holdout = toRate(row?.holdoutContacted ?? 0, row?.holdout ?? 0);

  return {
    messaged,
    holdout,
    incremental: compareShares(messaged, holdout),
    holdoutMessaged: row?.holdoutMessaged ?? 0,
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

async function queryIncrementalRecovery(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  const window = sql`make_interval(hours => ${settings.recoveryWindowDays}::int * 24)`;

  const [row] = await queryRows<{
    messaged: number;
    recovered: number;
    holdout: number;
    holdoutContacted: number;
    holdoutMessaged: number;
  }>(
    db,
    sql`with ${recoveryCtes(filter, settings)}
    select count(*) filter (where o.messaged and not o.holdout)::int
        as messaged,
      count(*) filter (where o.recovered and not o.holdout)::int as recovered,
      count(*) filter (where o.holdout and not o.messaged)::int as holdout,
      count(*) filter (where o.holdout and not o.messaged
        and o.contact_at <= o.failed_at + ${window})::int as "holdoutContacted",
      count(*) filter (where o.holdout and o.messaged)::int
        as "holdoutMessaged"
    from recovery_outcomes o`,
  );

  return row;
}
