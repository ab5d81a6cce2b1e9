import type { Database } from "@/lib/db";
import { type ContactRates, getContactRates } from "@/lib/metrics/contact";
import type { MetricFilter } from "@/lib/metrics/filter";
import type { FollowUpGroup, PolicyGaps } from "@/lib/metrics/policy";
import { type Rate, toRate } from "@/lib/metrics/rate";
import type { Settings } from "@/lib/settings";

/** One agent or team: its leads' contact rates and follow-up compliance.
 * A lead belongs to the agent of its first outbound attempt by a person,
 * and to that agent's team. */
export type SalesGroupRow = {
  /** Null for the leads no person has tried yet (no agent, so no team). */
  id: number | null;
  name: string | null;
  leads: number;
  leadContactRate: Rate;
  workedContactRate: Rate;
  followUpCompliance: Rate;
  gaps: PolicyGaps;
};

type Counts = {
  leads: number;
  contacted: number;
  worked: number;
  workedContacted: number;
};

function countsOf(rates: ContactRates): Counts {
  return {
    leads: rates.leads,
    contacted: rates.leadContactRate.numerator,
    worked: rates.workedLeads,
    workedContacted: rates.workedContactRate.numerator,
  };
}

/**
 * Contact rates per agent or team come from the contact figures narrowed to
 * each group in turn (the filter's other agent and team choices still
 * apply). The group without an agent cannot be narrowed to, so its counts
 * are the whole minus the named groups: every lead is in exactly one group.
 */
export async function getSalesGroupRows(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
  options: {
    by: "agent" | "team";
    followUp: FollowUpGroup[];
    overall: ContactRates;
  },
): Promise<SalesGroupRow[]> {
  const named = options.followUp.filter((group) => group.id !== null);
  const rates = await Promise.all(
    named.map((group) =>
      getContactRates(
        db,
        options.by === "agent"
          ? { ...filter, agentIds: [group.id ?? 0] }
          : { ...filter, teamIds: [group.id ?? 0] },
        settings,
      ),
    ),
  );
  const countsById = new Map(
    named.map((group, index) => {
      const groupRates = rates[index];

      return [group.id, groupRates ? countsOf(groupRates) : null];
    }),
  );
  const total = countsOf(options.overall);
  const rest: Counts = { ...total };
  for (const counts of countsById.values()) {
    if (!counts) continue;
    rest.leads -= counts.leads;
    rest.contacted -= counts.contacted;
    rest.worked -= counts.worked;
    rest.workedContacted -= counts.workedContacted;
  }

  return options.followUp.map((group) => {
    const counts = (group.id === null ? rest : countsById.get(group.id)) ?? {
      leads: 0,
      contacted: 0,
      worked: 0,
      workedContacted: 0,
    };

    return {
      id: group.id,
      name: group.name,
      leads: group.compliance.denominator,
      leadContactRate: toRate(counts.contacted, counts.leads),
      workedContactRate: toRate(counts.workedContacted, counts.worked),
      followUpCompliance: group.compliance,
      gaps: group.gaps,
    };
  });
}
