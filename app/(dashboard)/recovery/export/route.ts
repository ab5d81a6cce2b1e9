import { csvResponse } from "@/lib/export/csv";
import { AppError, describeError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import {
  getRecoveryByChannel,
  getRecoveryByDelay,
  getRecoveryByTemplate,
} from "@/lib/metrics/recovery";
import {
  getIncrementalRecovery,
  getRecoveryFunnel,
} from "@/lib/metrics/recovery-funnel";
import {
  loadExportContext,
  nameExport,
  readSearchParams,
} from "../_components/export-context";
import {
  toChannelCsv,
  toDelayCsv,
  toFunnelCsv,
  toIncrementalCsv,
  toTemplateCsv,
} from "./tables";

const log = createLogger("recovery-export");

const tables = {
  funnel: async (...args: Parameters<typeof getRecoveryFunnel>) =>
    toFunnelCsv(await getRecoveryFunnel(...args)),
  channels: async (...args: Parameters<typeof getRecoveryByChannel>) =>
    toChannelCsv(await getRecoveryByChannel(...args)),
  delays: async (...args: Parameters<typeof getRecoveryByDelay>) =>
    toDelayCsv(await getRecoveryByDelay(...args)),
  templates: async (...args: Parameters<typeof getRecoveryByTemplate>) =>
    toTemplateCsv(await getRecoveryByTemplate(...args)),
  incremental: async (...args: Parameters<typeof getIncrementalRecovery>) =>
    toIncrementalCsv(await getIncrementalRecovery(...args)),
};

function isTable(value: unknown): value is keyof typeof tables {
  return typeof value === "string" && Object.hasOwn(tables, value);
}

/** A table of the Recovery page as CSV, for the page's own filter. */
export async function GET(request: Request) {
  const params = readSearchParams(request);

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
    const body = await tables[table](db, page.filter);
    log.info("exported", { table, ms: Date.now() - started });

    return csvResponse(nameExport(`recovery-${table}`, page.filter), body);
  } catch (error) {
    const { code, status, message } = describeError(error);
    if (status >= 500) log.error("export failed", { error: String(error) });

    return Response.json({ error: code, message }, { status });
  }
}
