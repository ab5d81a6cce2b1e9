import type { NextRequest } from "next/server";
import { can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { csvResponse, exportErrorResponse } from "@/lib/export/csv";
import { readPageFilter, readSearchParams } from "@/lib/filters/url";
import { createLogger } from "@/lib/log";
import { previousPeriod } from "@/lib/metrics/filter";
import { getTimeSlotGrid } from "@/lib/metrics/time-slots";
import { getSettings } from "@/lib/settings";
import { toSlotCsv } from "@/lib/time-slots/slot-csv";
import { readSlotZone } from "@/lib/time-slots/slot-words";

const log = createLogger("time-slots-export");

/** GET /time-slots/export?<the page's filter>[&zone=report]: the grid as
 * CSV, computed by the same function as the page. */
export async function GET(request: NextRequest) {
  try {
    const params = readSearchParams(request.url);
    const zone = readSlotZone(params);

    const user = await requireUser("viewDashboards");

    const db = await getDb();
    const settings = await getSettings(db);
    const page = readPageFilter(params, settings.reportTimezone);
    const filter = can(user.role, "viewAgentFigures")
      ? page.filter
      : { ...page.filter, agentIds: [] };
    const [grid, previous] = await Promise.all([
      getTimeSlotGrid(db, filter, { zone }, settings),
      page.compare
        ? getTimeSlotGrid(db, previousPeriod(filter), { zone }, settings)
        : Promise.resolve(null),
    ]);
    log.info("exported", { zone, userId: user.id });

    return csvResponse(
      `time-slots-${zone}-${filter.from}-${filter.to}.csv`,
      toSlotCsv(grid, previous),
    );
  } catch (error) {
    return exportErrorResponse(error, log);
  }
}
