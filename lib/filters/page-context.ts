import { requirePageUser } from "@/lib/auth/session";
import { type Capability, can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { getFilterOptions } from "./options";
import { readPageFilter, type SearchParams } from "./url";

/** What every dashboard page starts from: the checked user, the database,
 * the settings, the filter of its URL and the choices of the filter bar. */
export async function loadPageContext(
  searchParams: Promise<SearchParams>,
  capability: Capability,
) {
  const user = await requirePageUser(capability);
  const db = await getDb();
  const [settings, options, params] = await Promise.all([
    getSettings(db),
    getFilterOptions(db),
    searchParams,
  ]);
  const page = readPageFilter(params, settings.reportTimezone);
  // Agent filters are dropped on the server for roles without agent
  // figures, not merely hidden from them.
  const showAgents = can(user.role, "viewAgentFigures");
  if (!showAgents) page.filter = { ...page.filter, agentIds: [] };

  return {
    user,
    db,
    settings,
    page,
    params,
    options: showAgents ? options : { ...options, agents: [] },
    showAgents,
  };
}
