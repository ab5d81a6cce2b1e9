import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { SearchParams } from "@/lib/filters/url";
import { loadPageContext } from "@/lib/filters/page-context";
import { isLeadSetId } from "@/lib/leads/sets";
import { readLeadListQuery } from "@/lib/leads/url";
import { LeadListPage } from "../../_components/lead-list-page";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadSetPage({
  params,
  searchParams,
}: {
  params: Promise<{ set: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const context = await loadPageContext(searchParams, "viewLeads");
  const { set } = await params;
  if (!isLeadSetId(set)) notFound();
  const query = readLeadListQuery(context.params);

  return <LeadListPage context={context} set={set} query={{ ...query, set }} />;
}
