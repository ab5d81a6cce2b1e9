import { csvResponse, exportErrorResponse } from "@/lib/export/csv";
import { readSearchParams } from "@/lib/filters/url";
import { AppError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import { previousPeriod } from "@/lib/metrics/filter";
import { getRecoveredValue } from "@/lib/metrics/value";
import {
  loadExportContext,
  nameExport,
} from "../../recovery/_components/export-context";
import { toValueCsv, type ValueTableName, valueTables } from "./tables";

const log = createLogger("revenue-export");

function isTable(value: unknown): value is ValueTableName {
  return (valueTables as readonly unknown[]).includes(value);
}

/** The Revenue page's figures by month, channel or source as CSV. */
export async function GET(request: Request) {
  const params = readSearchParams(request.url);

  try {
    const { db, page } = await loadExportContext(params, "viewDashboards");
    const table = params.table;
    if (!isTable(table)) {
      throw new AppError(
        "invalid_input",
        `Unknown table; expected one of ${valueTables.join(", ")}.`,
      );
    }

    const started = Date.now();
    const [value, previous] = await Promise.all([
      getRecoveredValue(db, page.filter),
      page.compare
        ? getRecoveredValue(db, previousPeriod(page.filter))
        : undefined,
    ]);
    log.info("exported", {
      table,
      compare: page.compare,
      ms: Date.now() - started,
    });

    return csvResponse(
      nameExport(`revenue-by-${table}`, page.filter),
      toValueCsv(
        value,
        table,
        previous ? { previous, filter: page.filter } : undefined,
      ),
    );
  } catch (error) {
    return exportErrorResponse(error, log);
  }
}
