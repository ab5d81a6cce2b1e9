import { csvResponse, exportErrorResponse } from "@/lib/export/csv";
import { readSearchParams } from "@/lib/filters/url";
import { AppError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import type { Database } from "@/lib/db";
import { type MetricFilter, previousPeriod } from "@/lib/metrics/filter";
import { getLostLeadSplit } from "@/lib/metrics/lost-leads";
import { getSourceComparison } from "@/lib/metrics/sources";
import {
  loadExportContext,
  nameExport,
} from "../../recovery/_components/export-context";
import { toComparisonCsv, toSplitCsv } from "./tables";

const log = createLogger("sources-export");

// Each table for the filter, and with the previous period beside it when
// the page compares.
const tables = {
  comparison: async (db: Database, filter: MetricFilter, compare: boolean) => {
    const [current, previous] = await Promise.all([
      getSourceComparison(db, filter),
      compare ? getSourceComparison(db, previousPeriod(filter)) : undefined,
    ]);

    return toComparisonCsv(current, previous);
  },
  split: async (db: Database, filter: MetricFilter, compare: boolean) => {
    const [current, previous] = await Promise.all([
      getLostLeadSplit(db, filter),
      compare ? getLostLeadSplit(db, previousPeriod(filter)) : undefined,
    ]);

    return toSplitCsv(current, previous);
  },
};

function isTable(value: unknown): value is keyof typeof tables {
  return typeof value === "string" && Object.hasOwn(tables, value);
}

/** A table of the Sources page as CSV, for the page's own filter. */
export async function GET(request: Request) {
  const params = readSearchParams(request.url);

  try {
    const { db, page } = await loadExportContext(params, "viewDashboards");
    const table = params.table;
    if (!isTable(table)) {
      throw new AppError(
        "invalid_input",
        `Unknown table; expected one of ${Object.keys(tables).join(", ")}.`,
      );
    }

    const started = Date.now();
    const body = await tables[table](db, page.filter, page.compare);
    log.info("exported", {
      table,
      compare: page.compare,
      ms: Date.now() - started,
    });

    return csvResponse(nameExport(`sources-${table}`, page.filter), body);
  } catch (error) {
    return exportErrorResponse(error, log);
  }
}
