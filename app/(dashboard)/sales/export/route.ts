import type { NextRequest } from "next/server";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { csvResponse, exportErrorResponse } from "@/lib/export/csv";
import { readPageFilter, readSearchParams } from "@/lib/filters/url";
import { createLogger } from "@/lib/log";
import {
  agentTables,
  isSalesTable,
  toSalesCsv,
  workQueueCsv,
} from "@/lib/sales/sales-csv";
import { getSalesViews } from "@/lib/sales/get-sales-view";
import { getSettings } from "@/lib/settings";
import { getWorkQueue } from "@/lib/work-queue/get-work-queue";

const log = createLogger("sales-export");

/** GET /sales/export?table=…&<the page's filter>: one table of the Sales
 * page as CSV, computed by the same functions as the page. */
export async function GET(request: NextRequest) {
  try {
    const params = readSearchParams(request.url);
    const user = await requireUser("viewDashboards");
    const table = params.table;
    if (!isSalesTable(table)) {
      throw new AppError("invalid_input", "Unknown table to export.");
    }
    const showAgents = can(user.role, "viewAgentFigures");
    if (agentTables.includes(table) && !showAgents) {
      throw new AppError(
        "forbidden",
        "Your role does not give access to per-agent figures.",
      );
    }
    if (table === "work-queue" && !can(user.role, "viewWorkQueue")) {
      throw new AppError(
        "forbidden",
        "Your role does not give access to the work queue.",
      );
    }

    const db = await getDb();
    const settings = await getSettings(db);
    const page = readPageFilter(params, settings.reportTimezone);
    const filter = showAgents ? page.filter : { ...page.filter, agentIds: [] };
    const body =
      table === "work-queue"
        ? workQueueCsv(await getWorkQueue(db, filter, {}, settings), user.role)
        : await getSalesViews(db, filter, settings, {
            showAgents,
            compare: page.compare,
          }).then(({ current, previous }) =>
            toSalesCsv(table, current, previous),
          );
    log.info("exported", { table, userId: user.id });

    return csvResponse(`sales-${table}-${filter.from}-${filter.to}.csv`, body);
  } catch (error) {
    return exportErrorResponse(error, log);
  }
}
