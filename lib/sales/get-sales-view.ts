import type { Database } from "@/lib/db";
import {
  type ComplianceFigures,
  getComplianceFigures,
} from "@/lib/metrics/compliance";
import {
  type AttemptsToContact,
  type ContactByAttemptNumber,
  type ContactRates,
  getAttemptsToContact,
  getContactByAttemptNumber,
  getContactRates,
} from "@/lib/metrics/contact";
import { type MetricFilter, previousPeriod } from "@/lib/metrics/filter";
import {
  type DailyContactRate,
  getDailyContactRate,
} from "@/lib/metrics/overview";
import {
  type FollowUpCompliance,
  getFollowUpCompliance,
} from "@/lib/metrics/policy";
import { type SpeedToLead, getSpeedToLead } from "@/lib/metrics/speed";
import type { Settings } from "@/lib/settings";
import { type SalesGroupRow, getSalesGroupRows } from "./get-group-rows";

/** Everything the Sales page shows for one period. */
export type SalesView = {
  filter: MetricFilter;
  contact: ContactRates;
  daily: DailyContactRate;
  speed: SpeedToLead;
  followUp: FollowUpCompliance;
  compliance: ComplianceFigures;
  attemptsToContact: AttemptsToContact;
  byAttempt: ContactByAttemptNumber;
  /** Empty for roles without agent figures. */
  agents: SalesGroupRow[];
  teams: SalesGroupRow[];
};

export type SalesViewOptions = {
  /** Per-agent rows are computed only for roles that may see them. */
  showAgents: boolean;
};

export async function getSalesView(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
  options: SalesViewOptions,
): Promise<SalesView> {
  const [
    contact,
    daily,
    speed,
    followUp,
    compliance,
    attemptsToContact,
    byAttempt,
  ] = await Promise.all([
    getContactRates(db, filter, settings),
    getDailyContactRate(db, filter, settings),
    getSpeedToLead(db, filter, settings),
    getFollowUpCompliance(db, filter, settings),
    getComplianceFigures(db, filter, settings),
    getAttemptsToContact(db, filter, settings),
    getContactByAttemptNumber(db, filter, settings),
  ]);

  const [agents, teams] = await Promise.all([
    options.showAgents
      ? getSalesGroupRows(db, filter, settings, {
          by: "agent",
          followUp: followUp.byAgent,
          overall: contact,
        })
      : Promise.resolve([]),
    getSalesGroupRows(db, filter, settings, {
      by: "team",
      followUp: followUp.byTeam,
      overall: contact,
    }),
  ]);

  return {
    filter,
    contact,
    daily,
    speed,
    followUp: options.showAgents ? followUp : { ...followUp, byAgent: [] },
    compliance: options.showAgents
      ? compliance
      : { ...compliance, byAgent: [] },
    attemptsToContact,
    byAttempt,
    agents,
    teams,
  };
}

/** The period's view and, when compared, the previous period's. */
export async function getSalesViews(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
  options: SalesViewOptions & { compare: boolean },
): Promise<{ current: SalesView; previous: SalesView | null }> {
  const [current, previous] = await Promise.all([
    getSalesView(db, filter, settings, options),
    options.compare
      ? getSalesView(db, previousPeriod(filter), settings, options)
      : Promise.resolve(null),
  ]);

  return { current, previous };
}
