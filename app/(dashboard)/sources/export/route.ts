import { csvResponse } from "@/lib/export/csv";
import { AppError, describeError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import { getLostLeadSplit } from "@/lib/metrics/lost-leads";
import { getSourceComparison } from "@/lib/metrics/sources";
import {
  loadExportContext,
  nameExport,
  readSearchParams,
} from "../../recovery/_components/export-context";
import { toComparisonCsv, toSplitCsv } from "./tables";

const log = createLogger("sources-export");

const tables = {
  comparison: async (...args: Parameters<typeof getSourceComparison>) =>
    toComparisonCsv(await getSourceComparison(...args)),
  split: async (...args: Parameters<typeof getLostLeadSplit>) =>
    toSplitCsv(await getLostLeadSplit(...args)),
};

function isTable(value: unknown): value is keyof typeof tables {
  return typeof value === "string" && Object.hasOwn(tables, value);
}

/** A table of the Sources page as CSV, for the page's own filter. */
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

    return csvResponse(nameExport(`sources-${table}`, page.filter), body);
  } catch (error) {
    const { code, status, message } = describeError(error);
    if (status >= 500) log.error("export failed", { error: String(error) });

    return Response.json({ error: code, message }, { status });
  }
}
