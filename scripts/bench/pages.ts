import type { FigureOptions } from "@/lib/aggregates";
import type { Database } from "@/lib/db";
import {
  getContactByAttemptNumber,
  getContactRates,
} from "@/lib/metrics/contact";
import type { MetricFilter } from "@/lib/metrics/filter";
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
import { getRecoveryFunnel } from "@/lib/metrics/recovery-funnel";
import { getSourceComparison } from "@/lib/metrics/sources";
import { getSpeedToLead } from "@/lib/metrics/speed";
import { getTimeSlotGrid } from "@/lib/metrics/time-slots";
import { getRecoveredValue } from "@/lib/metrics/value";
import type { Settings } from "@/lib/settings";

export type Widget = {
  name: string;
  run: (
    db: Database,
    filter: MetricFilter,
    settings: Settings,
    options: FigureOptions,
  ) => Promise<unknown>;
};

export type Page = { name: string; widgets: Widget[] };

/** The figure functions each page calls, as the pages call them. */
export const pages: Page[] = [
  {
    name: "overview",
    widgets: [
      {
        name: "getOverviewFigures",
        run: (db, f, s, o) => getOverviewFigures(db, f, s, o),
      },
      {
        name: "getDailyContactRate",
        run: (db, f, s, o) => getDailyContactRate(db, f, s, o),
      },
      {
        name: "getSourceSummary",
        run: (db, f, s, o) => getSourceSummary(db, f, s, o),
      },
    ],
  },
  {
    name: "sales",
    widgets: [
      {
        name: "getContactRates",
        run: (db, f, s, o) => getContactRates(db, f, s, o),
      },
      {
        name: "getSpeedToLead",
        run: (db, f, s, o) => getSpeedToLead(db, f, s, o),
      },
      {
        name: "getFollowUpCompliance",
        run: (db, f, s, o) => getFollowUpCompliance(db, f, s, o),
      },
      {
        name: "getContactByAttemptNumber",
        run: (db, f, s, o) => getContactByAttemptNumber(db, f, s, o),
      },
    ],
  },
  {
    name: "time slots",
    widgets: [
      {
        name: "getTimeSlotGrid",
        run: (db, f, s, o) => getTimeSlotGrid(db, f, { ...o, zone: "lead" }, s),
      },
    ],
  },
  {
    name: "recovery",
    widgets: [
      {
        name: "getRecoveryByChannel",
        run: (db, f, _s, o) => getRecoveryByChannel(db, f, o),
      },
      {
        name: "getRecoveryByDelay",
        run: (db, f, _s, o) => getRecoveryByDelay(db, f, o),
      },
      {
        name: "getRecoveryByTemplate",
        run: (db, f, _s, o) => getRecoveryByTemplate(db, f, o),
      },
      {
        name: "getRecoveryFunnel",
        run: (db, f, _s, o) => getRecoveryFunnel(db, f, o),
      },
    ],
  },
  {
    name: "sources",
    widgets: [
      {
        name: "getSourceComparison",
        run: (db, f, _s, o) => getSourceComparison(db, f, o),
      },
      {
        name: "getLostLeadSplit",
        run: (db, f, _s, o) => getLostLeadSplit(db, f, o),
      },
    ],
  },
  {
    name: "revenue",
    widgets: [
      {
        name: "getRecoveredValue",
        run: (db, f, _s, o) => getRecoveredValue(db, f, o),
      },
    ],
  },
];

export type Timing = {
  median: number;
  p95: number;
  runs: number;
  /** A run hit the statement timeout: the times are lower bounds. */
  timedOut?: boolean;
};

/** Median and 95th percentile (nearest rank) of the runs, in ms. */
export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;

  return { median, p95: at(0.95), runs: sorted.length };
}

/** Times `runs` runs of `task`, after one warm-up run (plans, caches)
 * unless `warmUp` is false. */
export async function timeRuns(
  runs: number,
  task: () => Promise<unknown>,
  warmUp = true,
): Promise<Timing> {
  if (warmUp) await task();
  const samples: number[] = [];
  for (let n = 0; n < runs; n += 1) {
    const started = performance.now();
    try {
      await task();
    } catch (error) {
      if (!isTimeout(error)) throw error;
      samples.push(performance.now() - started);

      return { ...summarise(samples), timedOut: true };
    }
    samples.push(performance.now() - started);
  }

  return summarise(samples);
}

// PostgreSQL's "canceling statement due to statement timeout".
function isTimeout(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } }) ?? {};

  return code.code === "57014" || code.cause?.code === "57014";
}
