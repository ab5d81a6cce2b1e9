import type { ApiKeyCaller } from "@/lib/api-keys";
import { can } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { readPageFilter, type SearchParams } from "@/lib/filters/url";
import { getComplianceFigures } from "@/lib/metrics/compliance";
import {
  getAttemptsToContact,
  getCallRates,
  getContactByAttemptNumber,
  getContactRates,
} from "@/lib/metrics/contact";
import {
  type MetricFilter,
  isValidPeriod,
  maxPeriodDays,
  previousPeriod,
} from "@/lib/metrics/filter";
import { getLostLeadSplit } from "@/lib/metrics/lost-leads";
import {
  getDailyContactRate,
  getOverviewFigures,
  getSourceSummary,
} from "@/lib/metrics/overview";
import { getFollowUpCompliance } from "@/lib/metrics/policy";
import {
  getRecoveryByChannel,
  getRecoveryByDelay,
  getRecoveryByTemplate,
} from "@/lib/metrics/recovery";
import {
  getIncrementalRecovery,
  getRecoveryFunnel,
} from "@/lib/metrics/recovery-funnel";
import { getSourceComparison } from "@/lib/metrics/sources";
import { getSpeedToLead } from "@/lib/metrics/speed";
import { getTimeSlotGrid } from "@/lib/metrics/time-slots";
import { countUndatedLeads } from "@/lib/metrics/undated";
import { getRecoveredValue } from "@/lib/metrics/value";
import { getSettings } from "@/lib/settings";
import { ApiError, type ApiResult } from "./http";

type Reader = (
  db: Database,
  filter: MetricFilter,
  params: SearchParams,
) => Promise<unknown>;

/** Every figure the pages show, by the name the URL uses. Each reads the
 * same function the page does, with the same filter. */
const readers = {
  overview: (db, filter) => getOverviewFigures(db, filter),
  "daily-contact-rate": (db, filter) => getDailyContactRate(db, filter),
  "source-summary": (db, filter) => getSourceSummary(db, filter),
  "contact-rates": (db, filter) => getContactRates(db, filter),
  "call-rates": (db, filter) => getCallRates(db, filter),
  "attempts-to-contact": (db, filter) => getAttemptsToContact(db, filter),
  "contact-by-attempt-number": (db, filter) =>
    getContactByAttemptNumber(db, filter),
  "speed-to-lead": (db, filter) => getSpeedToLead(db, filter),
  "time-slots": (db, filter, params) =>
    getTimeSlotGrid(db, filter, {
      zone: params.zone === "report" ? "report" : "lead",
    }),
  "follow-up-compliance": (db, filter) => getFollowUpCompliance(db, filter),
  compliance: (db, filter) => getComplianceFigures(db, filter),
  "recovery-by-channel": (db, filter) => getRecoveryByChannel(db, filter),
  "recovery-by-delay": (db, filter) => getRecoveryByDelay(db, filter),
  "recovery-by-template": (db, filter) => getRecoveryByTemplate(db, filter),
  "recovery-funnel": (db, filter) => getRecoveryFunnel(db, filter),
  "incremental-recovery": (db, filter) => getIncrementalRecovery(db, filter),
  "recovered-value": (db, filter) => getRecoveredValue(db, filter),
  sources: (db, filter) => getSourceComparison(db, filter),
  "lost-leads": (db, filter) => getLostLeadSplit(db, filter),
  "undated-leads": (db, filter) => countUndatedLeads(db, filter),
} satisfies Record<string, Reader>;

export type FigureName = keyof typeof readers;

export const figureNames = Object.keys(readers) as FigureName[];

function isFigureName(name: string): name is FigureName {
  return Object.hasOwn(readers, name);
}

// Groups the pages hide from roles without agent figures.
const agentGroupKeys = new Set(["byAgent"]);

/**
 * A figure's answer as JSON: every rate as value, numerator, denominator
 * and its 95 % Wilson interval, in one shape wherever it sits; per-agent
 * groups removed for roles that may not see agent figures.
 */
export function toFigureJson(value: unknown, showAgents: boolean): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => toFigureJson(item, showAgents));
  }
  if (typeof value !== "object" || value === null || value instanceof Date) {
    return value;
  }
  const entries = Object.entries(value);
  const keys = entries
    .map(([key]) => key)
    .sort()
    .join(",");
  if (keys === "denominator,high,low,numerator,value") {
    const rate = value as Record<string, number | null>;

    return {
      value: rate.value,
      numerator: rate.numerator,
      denominator: rate.denominator,
      interval:
        rate.low === null || rate.high === null
          ? null
          : { low: rate.low, high: rate.high },
    };
  }

  return Object.fromEntries(
    entries
      .filter(([key]) => showAgents || !agentGroupKeys.has(key))
      .map(([key, item]) => [key, toFigureJson(item, showAgents)]),
  );
}

/** GET /api/v1/metrics/<figure>: the figure for the page filter of the
 * query string, and the previous period with compare=1. */
export async function readFigure(
  db: Database,
  caller: ApiKeyCaller,
  figure: string,
  params: SearchParams,
): Promise<ApiResult> {
  if (!isFigureName(figure)) {
    throw new ApiError(
      404,
      "not_found",
      `There is no figure "${figure}". Known figures: ${figureNames.join(", ")}.`,
    );
  }
  if (
    (params.from !== undefined || params.to !== undefined) &&
    !isValidPeriod(params.from, params.to)
  ) {
    throw new ApiError(
      400,
      "invalid_query",
      `from and to must be days (YYYY-MM-DD) from 2000-01-01 to 2099-12-31, from not after to, at most ${maxPeriodDays} days apart.`,
    );
  }
  const settings = await getSettings(db);
  const page = readPageFilter(params, settings.reportTimezone);
  // As on the pages: agent filters are dropped, not merely hidden.
  const showAgents = can(caller.role, "viewAgentFigures");
  const filter = showAgents ? page.filter : { ...page.filter, agentIds: [] };
  const read: Reader = readers[figure];

  const data = await read(db, filter, params);
  const previous = page.compare
    ? await read(db, previousPeriod(filter), params)
    : undefined;

  return {
    status: 200,
    body: {
      figure,
      filter: { ...filter, range: page.range, compare: page.compare },
      data: toFigureJson(data, showAgents),
      ...(previous === undefined
        ? {}
        : {
            previous: {
              filter: previousPeriod(filter),
              data: toFigureJson(previous, showAgents),
            },
          }),
    },
  };
}
