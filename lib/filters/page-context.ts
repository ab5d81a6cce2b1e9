import { requirePageUser } from "@/lib/auth/session";
import type { Capability } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { getFilterOptions } from "./options";
import { readPageFilter, type SearchParams } from "./url";

/** Roles that may see figures per agent. Marketers see teams and sources
 * only, so agent filters are dropped for them on the server, not hidden. */
export function canSeeAgents(role: string): boolean {
  return role !== "marketer";
}

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
  const showAgents = canSeeAgents(user.role);
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
