import { csvResponse, exportErrorResponse } from "@/lib/export/csv";
import { readSearchParams } from "@/lib/filters/url";
import { AppError } from "@/lib/errors";
import type { Database } from "@/lib/db";
import { createLogger } from "@/lib/log";
import { type MetricFilter, previousPeriod } from "@/lib/metrics/filter";
import {
  getRecoveryByChannel,
  getRecoveryByDelay,
  getRecoveryByTemplate,
} from "@/lib/metrics/recovery";
import {
  getIncrementalRecovery,
  getRecoveryFunnel,
} from "@/lib/metrics/recovery-funnel";
import { loadExportContext, nameExport } from "../_components/export-context";
import {
  toChannelCsv,
  toDelayCsv,
  toFunnelCsv,
  toIncrementalCsv,
  toTemplateCsv,
} from "./tables";

const log = createLogger("recovery-export");

/** A table's CSV from its figure: for the filter, and with the previous
 * period beside it when the page compares. */
function compared<T>(
  figure: (db: Database, filter: MetricFilter) => Promise<T>,
  toTableCsv: (current: T, previous?: T) => string,
) {
  return async (db: Database, filter: MetricFilter, compare: boolean) => {
    const [current, previous] = await Promise.all([
      figure(db, filter),
      compare ? figure(db, previousPeriod(filter)) : undefined,
    ]);

    return toTableCsv(current, previous);
  };
}

const tables = {
  funnel: compared(getRecoveryFunnel, toFunnelCsv),
  channels: compared(getRecoveryByChannel, toChannelCsv),
  delays: compared(getRecoveryByDelay, toDelayCsv),
  templates: compared(getRecoveryByTemplate, toTemplateCsv),
  incremental: compared(getIncrementalRecovery, toIncrementalCsv),
};

function isTable(value: unknown): value is keyof typeof tables {
  return typeof value === "string" && Object.hasOwn(tables, value);
}

/** A table of the Recovery page as CSV, for the page's own filter. */
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

    return csvResponse(nameExport(`recovery-${table}`, page.filter), body);
  } catch (error) {
    return exportErrorResponse(error, log);
  }
}
