import { type SQL, sql } from "drizzle-orm";
import { readFollowUpGroups } from "@/lib/aggregates/read-policy";
import {
  type FigureOptions,
  shouldReadAggregates,
} from "@/lib/aggregates/state";
import { type Database, queryRows } from "@/lib/db";
import type { SlotDefinition } from "@/lib/db/schema";
import { type Settings, getSettings } from "@/lib/settings";
import { contactedLeadsCte } from "./contacted";
import { type MetricFilter, leadsOfPeriod } from "./filter";
import { type Rate, toRate } from "./rate";
import { countUndatedLeads } from "./undated";

export type PolicySettings = Pick<
  Settings,
  "policyCalls" | "policySlots" | "policyWindowHours" | "slots"
>;

export type PolicyOptions = {
  /** The CTE's name; `policy_status` by default. */
  name?: string;
  /** A condition on the leads alias `l`: only these leads get a row. */
  scope?: SQL;
};

/**
 * The contact policy of METRICS.md, one row per lead (of `scope`). It
 * defines two CTEs, `<name>_contacted` and `<name>`, for a `with` clause.
 * Columns of `<name>`:
 *
 * - `lead_id`; `contacted` (at any time, every channel: see
 *   contactedLeadsCte); `has_attempt_log`; `policy_known`: the lead has a
 *   creation instant, so its policy window exists
 * - `calls_in_window`: outbound calls (a person's or a dialer's) started in
 *   [creation, creation + policy_window_hours)
 * - `slots_in_window`: distinct slots among them, by the hour of the lead's
 *   local clock; a call outside every slot adds none
 * - `recovery_allowed`: consent is true on whatsapp or sms, at least one
 *   outbound call failed (any outcome but answered), and the lead is not
 *   in the recovery hold-out (kept from messages on purpose)
 * - `recovery_sent`: an outbound whatsapp or sms on a channel with consent
 *   true, started (at any time) after the last failed call of the policy
 *   window, or after the last failed call when none failed in the window:
 *   calls beyond the policy, on later days, do not undo a message that
 *   followed the policy's calls
 * - the failed parts: `late_first_attempt` (no call in the window at all),
 *   `too_few_calls`, `too_few_slots`, `no_recovery_message` (allowed, not
 *   sent); all false when the policy is not known
 * - `policy_done`: known and no part failed; `fully_worked`: contacted or
 *   policy done
 *
 * A lead without an attempt log has every part failed: callers that must
 * not guess its effort read `has_attempt_log`.
 */
export function policyStatusCte(
  settings: PolicySettings,
  options: PolicyOptions = {},
): SQL {
  const name = options.name ?? "policy_status";
  const status = sql.raw(name);
  const contacted = sql.raw(`${name}_contacted`);
  const windowEnd = sql`l.created_at
    + make_interval(hours => ${settings.policyWindowHours}::int)`;
  const slot = slotOfHour(
    settings.slots,
    sql`extract(hour from a.started_at at time zone l.time_zone)::int`,
  );

  return sql`${contactedLeadsCte({ name: `${name}_contacted`, scope: options.scope })},
  ${status} as (
    select s.*,
      (s.policy_known and s.calls_in_window = 0) as late_first_attempt,
      (s.policy_known and s.calls_in_window < ${settings.policyCalls}::int)
        as too_few_calls,
      (s.policy_known and s.slots_in_window < ${settings.policySlots}::int)
        as too_few_slots,
      (s.recovery_allowed and not s.recovery_sent) as no_recovery_message,
      (s.policy_known
        and s.calls_in_window >= ${settings.policyCalls}::int
        and s.slots_in_window >= ${settings.policySlots}::int
        and not (s.recovery_allowed and not s.recovery_sent)) as policy_done,
      (s.contacted or (s.policy_known
        and s.calls_in_window >= ${settings.policyCalls}::int
        and s.slots_in_window >= ${settings.policySlots}::int
        and not (s.recovery_allowed and not s.recovery_sent))) as fully_worked
    from (
      select l.id as lead_id, c.contacted, c.has_attempt_log,
        (l.created_at is not null) as policy_known,
        coalesce(calls.in_window, 0)::int as calls_in_window,
        coalesce(calls.slots, 0)::int as slots_in_window,
        (calls.last_failed_at is not null and not l.holdout
          and (l.consent_whatsapp is true or l.consent_sms is true))
          as recovery_allowed,
        exists (select 1 from attempts m
          where m.lead_id = l.id and m.direction = 'outbound'
            and ((m.channel = 'whatsapp' and l.consent_whatsapp is true)
              or (m.channel = 'sms' and l.consent_sms is true))
            and m.started_at > coalesce(calls.last_failed_in_window,
              calls.last_failed_at)) as recovery_sent
      from ${contacted} c
      join leads l on l.id = c.lead_id
      left join lateral (
        select count(*) filter (where w.in_window) as in_window,
          count(distinct w.slot) filter (where w.in_window) as slots,
          max(w.started_at) filter (where w.failed) as last_failed_at,
          max(w.started_at) filter (where w.failed and w.in_window)
            as last_failed_in_window
        from (
          select a.started_at,
            (a.started_at >= l.created_at and a.started_at < ${windowEnd})
              as in_window,
            (a.outcome is distinct from 'answered') as failed,
            ${slot} as slot
          from attempts a
          where a.lead_id = l.id and a.channel = 'call'
            and a.direction = 'outbound'
        ) w
      ) calls on true
    ) s
  )`;
}

/** The name of the slot whose [start, end) hours hold `hour`, or null. The
 * first listed slot wins should two overlap. */
export function slotOfHour(slots: SlotDefinition[], hour: SQL): SQL {
  if (slots.length === 0) return sql`null::text`;
  const branches = slots.map(
    (slot) =>
      sql`when ${hour} >= ${slot.startHour}::int and ${hour} < ${slot.endHour}::int then ${slot.name}::text`,
  );

  return sql`(case ${sql.join(branches, sql` `)} end)`;
}

/** Not-contacted leads of a group by the part of the policy they missed; a
 * lead that missed several parts counts in each. */
export type PolicyGaps = {
  lateFirstAttempt: number;
  tooFewCalls: number;
  tooFewSlots: number;
  noRecoveryMessage: number;
};

export type FollowUpGroup = {
  /** Null for leads no person has tried yet (no agent, so no team). */
  id: number | null;
  name: string | null;
  /** Fully worked leads over leads. */
  compliance: Rate;
  gaps: PolicyGaps;
};

export type FollowUpCompliance = {
  overall: FollowUpGroup;
  byAgent: FollowUpGroup[];
  byTeam: FollowUpGroup[];
  bySource: FollowUpGroup[];
  leftOut: number;
};

type GroupRow = {
  grouping: "all" | "agent" | "team" | "source";
  id: number | null;
  name: string | null;
  leads: number;
  fullyWorked: number;
} & PolicyGaps;

/**
 * Follow-up compliance of leads created in the period: overall, per agent
 * and team (the agent of the lead's first outbound attempt by a person, as
 * in leadAgentScope) and per source. Groups are ordered by name, the group
 * without an agent last.
 */
export async function getFollowUpCompliance(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
  options?: FigureOptions,
): Promise<FollowUpCompliance> {
  const resolved = settings ?? (await getSettings(db));
  const rows = (await shouldReadAggregates(db, resolved, options))
    ? await readFollowUpGroups(db, filter)
    : await queryFollowUpGroups(db, filter, resolved);

  const toGroup = (row: GroupRow): FollowUpGroup => ({
    id: row.id,
    name: row.name,
    compliance: toRate(row.fullyWorked, row.leads),
    gaps: {
      lateFirstAttempt: row.lateFirstAttempt,
      tooFewCalls: row.tooFewCalls,
      tooFewSlots: row.tooFewSlots,
      noRecoveryMessage: row.noRecoveryMessage,
    },
  });
  const of = (grouping: GroupRow["grouping"]) =>
    rows.filter((row) => row.grouping === grouping).map(toGroup);
  const emptyGroup = toGroup({
    grouping: "all",
    id: null,
    name: null,
    leads: 0,
    fullyWorked: 0,
    lateFirstAttempt: 0,
    tooFewCalls: 0,
    tooFewSlots: 0,
    noRecoveryMessage: 0,
  });

  return {
    overall: of("all")[0] ?? emptyGroup,
    byAgent: of("agent"),
    byTeam: of("team"),
    bySource: of("source"),
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

async function queryFollowUpGroups(
  db: Database,
  filter: MetricFilter,
  resolved: Settings,
): Promise<GroupRow[]> {
  const missed = (part: string) =>
    sql`count(*) filter (where not p.contacted and p.${sql.raw(part)})::int`;

  return queryRows<GroupRow>(
    db,
    sql`with ${policyStatusCte(resolved, {
      scope: leadsOfPeriod(filter, resolved.reportTimezone),
    })},
    owned as (
      select p.*, l.source_id, fa.agent_id, ag.team_id
      from policy_status p
      join leads l on l.id = p.lead_id
      left join lateral (
        select a.agent_id from attempts a
        where a.lead_id = l.id and a.direction = 'outbound'
          and not a.automated
        order by a.started_at, a.id limit 1
      ) fa on true
      left join agents ag on ag.id = fa.agent_id
    ),
    grouped as (
      select case when grouping(p.agent_id) = 0 then 'agent'
          when grouping(p.team_id) = 0 then 'team'
          when grouping(p.source_id) = 0 then 'source' else 'all' end
          as grouping,
        coalesce(p.agent_id, p.team_id, p.source_id) as id,
        count(*)::int as leads,
        count(*) filter (where p.fully_worked)::int as "fullyWorked",
        ${missed("late_first_attempt")} as "lateFirstAttempt",
        ${missed("too_few_calls")} as "tooFewCalls",
        ${missed("too_few_slots")} as "tooFewSlots",
        ${missed("no_recovery_message")} as "noRecoveryMessage"
      from owned p
      group by grouping sets ((), (p.agent_id), (p.team_id), (p.source_id))
    )
    select g.grouping, g.id::int as id,
      (case g.grouping when 'agent' then ag.name when 'team' then t.name
        when 'source' then s.name end)::text as name,
      g.leads, g."fullyWorked", g."lateFirstAttempt", g."tooFewCalls",
      g."tooFewSlots", g."noRecoveryMessage"
    from grouped g
    left join agents ag on g.grouping = 'agent' and ag.id = g.id
    left join teams t on g.grouping = 'team' and t.id = g.id
    left join sources s on g.grouping = 'source' and s.id = g.id
    order by g.grouping, name nulls last`,
  );
}
