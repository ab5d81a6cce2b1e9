import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { csvResponse, exportErrorResponse, toCsv } from "@/lib/export/csv";
import { readPageFilter, readSearchParams } from "@/lib/filters/url";
import { listLeads, maxListRows } from "@/lib/leads/list";
import { getLeadListColumns, maskLeadRows } from "@/lib/leads/present";
import { readLeadListQuery } from "@/lib/leads/url";
import { createLogger } from "@/lib/log";
import { canSeeContactData } from "@/lib/privacy/mask";
import { getSettings } from "@/lib/settings";

const log = createLogger("leads:export");

/**
 * The whole list of a lead set as CSV: the rows and columns of the list
 * page, over all its pages (up to maxListRows), in its order, with contact
 * data masked for the role exactly as on screen.
 */
export async function GET(request: Request) {
  const params = readSearchParams(request.url);

  try {
    const user = await requireUser("viewLeads");

    const db = await getDb();
    const settings = await getSettings(db);
    const { filter: read } = readPageFilter(params, settings.reportTimezone);
    // As on the pages: agent filters are dropped for roles without them.
    const filter = can(user.role, "viewAgentFigures")
      ? read
      : { ...read, agentIds: [] };
    const query = readLeadListQuery(params);
    const set = query.set ?? "all";
    const started = Date.now();
    const list = await listLeads(
      db,
      filter,
      {
        set,
        sort: query.sort,
        direction: query.direction,
        page: 1,
        pageSize: maxListRows,
        search: query.search,
        searchContactData: canSeeContactData(user.role),
      },
      settings,
    );
    const rows = maskLeadRows(list.rows, user.role);
    const body = toCsv(
      rows,
      getLeadListColumns(set, settings.contactWindowDays),
    );
    log.info("exported leads", {
      userId: user.id,
      set,
      rows: rows.length,
      total: list.total,
      ms: Date.now() - started,
    });

    return csvResponse(`leads-${set}-${filter.from}-${filter.to}.csv`, body);
  } catch (error) {
    return exportErrorResponse(error, log);
  }
}
