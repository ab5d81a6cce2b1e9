import type { ApiKeyCaller } from "@/lib/api-keys";
import { can } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { readPageFilter, type SearchParams } from "@/lib/filters/url";
import { listLeads } from "@/lib/leads/list";
import { maskLeadRows } from "@/lib/leads/present";
import { leadSetIds } from "@/lib/leads/sets";
import { readLeadListQuery } from "@/lib/leads/url";
import { canSeeContactData } from "@/lib/privacy/mask";
import { getSettings } from "@/lib/settings";
import { hasControlCharacters } from "@/lib/text";
import { ApiError, type ApiResult } from "./http";

/** The most leads one page of the API returns. */
export const maxLeadPageSize = 1_000;

function readPageSize(params: SearchParams): number {
  const raw = Array.isArray(params.pageSize)
    ? params.pageSize[0]
    : params.pageSize;
  const size = Number(raw);

  return Number.isSafeInteger(size) && size > 0
    ? Math.min(size, maxLeadPageSize)
    : 50;
}

// The page drops them silently; a caller of the API is told, since a NUL in
// `q` is a bug on its side rather than something typed.
function refuseControlCharacters(params: SearchParams) {
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value ?? ""];
    if (values.some(hasControlCharacters)) {
      throw new ApiError(
        400,
        "invalid_query",
        `Parameter ${name}: expected text without control characters (such as NUL).`,
      );
    }
  }
}

/**
 * GET /api/v1/leads: one page of a lead set, as the leads page lists it,
 * for the same filter and query (set, sort, dir, page, q). Contact data is
 * masked for roles that may not see it, through the same function as the
 * page, and a search never matches hidden phone digits or addresses.
 */
export async function readLeadList(
  db: Database,
  caller: ApiKeyCaller,
  params: SearchParams,
): Promise<ApiResult> {
  refuseControlCharacters(params);
  const settings = await getSettings(db);
  const { filter: read } = readPageFilter(params, settings.reportTimezone);
  const filter = can(caller.role, "viewAgentFigures")
    ? read
    : { ...read, agentIds: [] };
  const query = readLeadListQuery(params);
  if (query.set === null) {
    throw new ApiError(
      404,
      "not_found",
      `There is no lead set of that name. Known sets: ${leadSetIds.join(", ")}.`,
    );
  }
  const pageSize = readPageSize(params);

  const list = await listLeads(
    db,
    filter,
    {
      set: query.set,
      sort: query.sort,
      direction: query.direction,
      page: query.page,
      pageSize,
      search: query.search,
      searchContactData: canSeeContactData(caller.role),
    },
    settings,
  );

  return {
    status: 200,
    body: {
      set: query.set,
      filter,
      page: query.page,
      pageSize,
      total: list.total,
      leads: maskLeadRows(list.rows, caller.role),
    },
  };
}
