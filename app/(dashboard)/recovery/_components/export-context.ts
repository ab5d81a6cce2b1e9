import { type Capability, can } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { readPageFilter, type SearchParams } from "@/lib/filters/url";
import { getSettings } from "@/lib/settings";

/**
 * What an export route needs to answer with the figures of the page it
 * belongs to: the checked user first, then the database, the settings and
 * the page's filter, with agent filters dropped for roles without agent
 * figures exactly as on the page.
 */
export async function loadExportContext(
  params: SearchParams,
  capability: Capability,
) {
  const user = await requireUser(capability);
  const db = await getDb();
  const settings = await getSettings(db);
  const page = readPageFilter(params, settings.reportTimezone);
  if (!can(user.role, "viewAgentFigures"))
    page.filter = { ...page.filter, agentIds: [] };

  return { user, db, settings, page };
}

/** `recovery-funnel-2026-07-01-to-2026-07-31.csv`. */
export function nameExport(
  prefix: string,
  filter: { from: string; to: string },
): string {
  return `${prefix}-${filter.from}-to-${filter.to}.csv`;
}
