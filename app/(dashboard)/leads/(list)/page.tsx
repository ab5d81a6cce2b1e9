import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { SearchParams } from "@/lib/filters/url";
import { loadPageContext } from "@/lib/filters/page-context";
import {
  leadListPath,
  readLeadListQuery,
  toLeadListQueryString,
} from "@/lib/leads/url";
import { LeadListPage } from "../_components/lead-list-page";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const context = await loadPageContext(searchParams, "viewLeads");
  const query = readLeadListQuery(context.params);
  // Links from the figures name the set in the query; its list lives at its
  // own path so that the filter bar keeps it. An unknown set, from a stale
  // link, shows all leads, as unknown filter values do.
  if (query.set !== null && query.set !== "all") {
    redirect(
      `${leadListPath(query.set)}?${toLeadListQueryString(context.page, query)}`,
    );
  }

  return (
    <LeadListPage
      context={context}
      set="all"
      query={{ ...query, set: "all" }}
    />
  );
}
