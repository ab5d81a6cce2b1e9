import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Panel } from "@/components/ui/panel";
import type { SearchParams } from "@/lib/filters/url";
import { loadPageContext } from "@/lib/filters/page-context";
import { parseLeadId } from "@/lib/leads/lead-id";
import { maskTimelineEntries, maskTimelineLead } from "@/lib/leads/present";
import { getLeadTimeline } from "@/lib/leads/timeline";
import {
  leadListPath,
  readLeadListQuery,
  toLeadListQueryString,
} from "@/lib/leads/url";
import { LeadFactsList } from "./_components/lead-facts";
import { LeadDetails } from "./_components/lead-details";
import { TimelineTable } from "./_components/timeline-table";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const {
    db,
    settings,
    page,
    params: query,
    user,
  } = await loadPageContext(searchParams, "viewLeads");
  const leadId = parseLeadId((await params).id);
  if (leadId === null) notFound();

  const timeline = await getLeadTimeline(db, leadId, settings);
  if (!timeline) notFound();
  const lead = maskTimelineLead(timeline.lead, user.role);
  const list = readLeadListQuery(query);
  const backHref = `${leadListPath(list.set ?? "all")}?${toLeadListQueryString(page, {})}`;

  return (
    <div className="space-y-6">
      <div>
        <Link
          href={backHref}
          className="text-sm text-sky-700 underline dark:text-sky-400"
        >
          Back to the list
        </Link>
        <h1 className="mt-2 break-words text-2xl font-semibold">
          Lead {lead.externalId}
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {lead.source}
          {lead.campaign ? ` · ${lead.campaign}` : ""} · from {lead.origin} ·
          times on the lead&apos;s clock ({lead.timeZone}) and in the reporting
          zone ({timeline.reportTimezone})
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="The lead">
          <LeadDetails lead={lead} />
        </Panel>
        <Panel
          title="What the figures conclude"
          description="Each fact as the figure that counts it decides it."
        >
          <LeadFactsList
            facts={timeline.facts}
            contactWindowDays={timeline.contactWindowDays}
            policyCalls={settings.policyCalls}
            policySlots={settings.policySlots}
            policyWindowHours={settings.policyWindowHours}
          />
        </Panel>
      </div>

      <Panel
        title="Attempts and messages, in order"
        description={`${timeline.entries.length === 0 ? "No attempt is recorded for this lead." : `${timeline.entries.length} in all, earliest first.`}`}
      >
        {timeline.entries.length > 0 ? (
          <TimelineTable
            entries={maskTimelineEntries(timeline.entries, user.role)}
            leadTimeZone={lead.timeZone}
            reportTimeZone={timeline.reportTimezone}
          />
        ) : (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            The source gave no attempt log for this lead
            {lead.dispositionCode
              ? `, only its last outcome code “${lead.dispositionCode}”`
              : ""}
            .
          </p>
        )}
      </Panel>
    </div>
  );
}
