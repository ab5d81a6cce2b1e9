import type { Metadata } from "next";
import { ContactRateChart } from "@/components/charts/contact-rate-chart";
import { FilterBar } from "@/components/filters/filter-bar";
import { Panel } from "@/components/ui/panel";
import { CountCard, RateCard } from "@/components/ui/rate-card";
import { can } from "@/lib/auth/roles";
import { type PageFilter, toQueryString } from "@/lib/filters/url";
import { loadPageContext } from "@/lib/filters/page-context";
import { formatCount, pluralise } from "@/lib/format";
import { showExternalId, showPhone } from "@/lib/privacy/mask";
import { getSalesViews } from "@/lib/sales/get-sales-view";
import { getWorkQueue } from "@/lib/work-queue/get-work-queue";
import { readLocalClock } from "@/lib/work-queue/local-clock";
import { AttemptsPanel } from "./_components/attempts-panel";
import { ComplianceTable } from "./_components/compliance-table";
import { DailyTable } from "./_components/daily-table";
import { GroupTable } from "./_components/group-table";
import { MinutesCard } from "./_components/minutes-card";
import { CsvLink } from "./_components/table-parts";
import { WorkQueueTable } from "./_components/work-queue-table";

export const metadata: Metadata = { title: "Sales" };

const grid = "grid gap-4 sm:grid-cols-2 lg:grid-cols-4";

export default async function SalesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, db, settings, page, params, options, showAgents } =
    await loadPageContext(searchParams, "viewDashboards");
  const { filter } = page;
  const showQueue = can(user.role, "viewWorkQueue");
  const showLeads = can(user.role, "viewLeads");

  const [{ current, previous }, queue] = await Promise.all([
    getSalesViews(db, filter, settings, {
      showAgents,
      compare: page.compare,
    }),
    showQueue ? getWorkQueue(db, filter, {}, settings) : Promise.resolve(null),
  ]);
  const { contact, speed, followUp, compliance } = current;

  const leadsHref = (set: string, narrowed: PageFilter = page) =>
    showLeads ? `/leads?${toQueryString(narrowed, { set })}` : undefined;
  const csv = (table: string) =>
    `/sales/export?${toQueryString(page, { table })}`;
  const points = current.daily.days.map(({ day, rate }) => ({
    day,
    percent: rate.value === null ? null : rate.value * 100,
    contacted: rate.numerator,
    leads: rate.denominator,
  }));
  const leftOut =
    contact.leftOut > 0
      ? `${pluralise(contact.leftOut, "lead")} without a creation instant ${contact.leftOut === 1 ? "is" : "are"} left out of every figure here.`
      : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Sales</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Leads created from {filter.from} to {filter.to} (
            {settings.reportTimezone}){leftOut ? `. ${leftOut}` : ""}
          </p>
        </div>
        <FilterBar
          page={page}
          options={options}
          showAgents={showAgents}
          params={params}
        />
      </div>

      <div className={grid}>
        <RateCard
          label="Lead contact rate"
          figure="leadContactRate"
          rate={contact.leadContactRate}
          numeratorLabel={`contacted within ${settings.contactWindowDays} days`}
          denominatorLabel="leads"
          previous={previous?.contact.leadContactRate}
          href={leadsHref("contacted")}
        />
        <RateCard
          label="Worked contact rate"
          figure="workedContactRate"
          rate={contact.workedContactRate}
          numeratorLabel="contacted"
          denominatorLabel="leads with an outbound attempt"
          previous={previous?.contact.workedContactRate}
          href={leadsHref("worked")}
        />
        <RateCard
          label="Same-day contact rate"
          figure="sameDayContactRate"
          rate={contact.sameDayContactRate}
          numeratorLabel="contacted on their creation day"
          denominatorLabel="leads"
          previous={previous?.contact.sameDayContactRate}
        />
        <RateCard
          label="Follow-up compliance"
          figure="followUpCompliance"
          rate={followUp.overall.compliance}
          numeratorLabel="fully worked"
          denominatorLabel="leads"
          previous={previous?.followUp.overall.compliance}
          href={leadsHref("fully-worked")}
        />
      </div>

      <Panel
        title="Lead contact rate per day"
        figure="leadContactRate"
        description={`Leads contacted within ${settings.contactWindowDays} days of creation, by creation day, against the target of ${settings.contactRateTarget} %.`}
        actions={<CsvLink href={csv("daily")} table="the daily contact rate" />}
      >
        {contact.leads === 0 ? (
          <p className="text-sm">No leads were created in this period.</p>
        ) : (
          <>
            <ContactRateChart
              points={points}
              targetPercent={settings.contactRateTarget}
            />
            <DailyTable days={current.daily.days} />
          </>
        )}
      </Panel>

      {queue ? (
        <Panel
          title="Work queue: today's leads that still wait"
          description={`Created today (${queue.day}) and not contacted: waiting for a first call, a further call under the policy (${queue.policyCalls} calls in ${queue.policySlots} slots within ${settings.policyWindowHours} hours) or a recovery message. Source and campaign filters apply. Test records, duplicates, opted-out leads and leads with invalid contact data are not listed.`}
          actions={<CsvLink href={csv("work-queue")} table="the work queue" />}
        >
          <p className="mb-3 text-sm" data-testid="queue-summary">
            {queue.leadsToday === 0
              ? "No lead has been created today yet."
              : `${pluralise(queue.items.length, "lead")} of today's ${formatCount(queue.leadsToday)} ${queue.items.length === 1 ? "waits" : "wait"}; ${formatCount(queue.contactedToday)} contacted already.`}
          </p>
          {queue.items.length > 0 ? (
            <WorkQueueTable
              rows={queue.items.map((item) => ({
                leadId: item.leadId,
                externalId: showExternalId(user.role, item.externalId),
                source: item.source,
                created: readLocalClock(
                  new Date(item.createdAt),
                  settings.reportTimezone,
                ).time,
                createdLocal:
                  item.timeZone === settings.reportTimezone
                    ? null
                    : readLocalClock(new Date(item.createdAt), item.timeZone)
                        .time,
                timeZone: item.timeZone,
                phone: showPhone(user.role, item.phoneE164),
                waits: item.waits,
                reason: item.reason,
                href: showLeads ? `/leads/${item.leadId}` : undefined,
              }))}
            />
          ) : null}
        </Panel>
      ) : null}

      <Panel
        title="Speed to lead"
        figure="speedToLead"
        description={`Minutes from creation (or the start of the preferred slot, when later) to the first outbound attempt by a person, over the ${formatCount(speed.attempted)} leads attempted so far. Leads not yet attempted are counted apart, never as zero.`}
      >
        <div className={grid}>
          <MinutesCard
            label="Median speed to lead"
            minutes={speed.medianMinutes}
            note={`half of ${pluralise(speed.attempted, "attempted lead")} waited longer`}
            previous={previous ? previous.speed.medianMinutes : undefined}
          />
          <MinutesCard
            label="90th percentile"
            minutes={speed.p90Minutes}
            note="one attempted lead in ten waited longer"
            previous={previous ? previous.speed.p90Minutes : undefined}
          />
          <RateCard
            label={`Attempted within ${speed.targetMinutes} minutes`}
            figure="withinSpeedTarget"
            rate={speed.withinTarget}
            numeratorLabel="attempted in time"
            denominatorLabel="leads"
            previous={previous?.speed.withinTarget}
            href={leadsHref("within-speed-target")}
          />
          <CountCard
            label="Not attempted yet"
            value={speed.notAttempted}
            note={`of ${pluralise(speed.leads, "lead")}: no person has made an outbound attempt`}
            previous={previous?.speed.notAttempted}
            href={leadsHref("not-attempted")}
          />
        </div>
      </Panel>

      <Panel
        title="Follow-up compliance by team"
        figure="followUpCompliance"
        description="Each lead belongs to the agent who made its first outbound attempt by a person, and to that agent's team. The last four columns count not-contacted leads by the part of the policy they missed; a lead can miss several."
        actions={<CsvLink href={csv("teams")} table="the team table" />}
      >
        <GroupTable
          rows={current.teams}
          previous={previous?.teams ?? null}
          by="team"
          leadsHref={(row) =>
            row.id === null
              ? undefined
              : leadsHref("all", {
                  ...page,
                  filter: { ...filter, teamIds: [row.id] },
                })
          }
        />
      </Panel>

      {showAgents ? (
        <Panel
          title="Follow-up compliance by agent"
          figure="followUpCompliance"
          description="Leads by the agent of their first outbound attempt by a person; leads no person has tried yet are listed apart."
          actions={<CsvLink href={csv("agents")} table="the agent table" />}
        >
          <GroupTable
            rows={current.agents}
            previous={previous?.agents ?? null}
            by="agent"
            leadsHref={(row) =>
              row.id === null
                ? undefined
                : leadsHref("all", {
                    ...page,
                    filter: { ...filter, agentIds: [row.id] },
                  })
            }
          />
        </Panel>
      ) : null}

      <Panel
        title="Compliance"
        description={`Outbound attempts made in the period, on the lead's local clock: calling hours ${String(settings.callingHoursStart).padStart(2, "0")}:00–${settings.callingHoursEnd}:00, at most ${settings.maxCallsPerDay} calls to a lead a day, messages only with consent for their channel.`}
      >
        <div className="grid gap-4 md:grid-cols-3">
          <RateCard
            label="Calls outside calling hours"
            figure="outsideCallingHours"
            rate={compliance.overall.outsideCallingHours}
            numeratorLabel="outside calling hours"
            denominatorLabel="outbound calls"
            previous={previous?.compliance.overall.outsideCallingHours}
          />
          <RateCard
            label="Calls beyond the daily maximum"
            figure="beyondDailyMax"
            rate={compliance.overall.beyondDailyMax}
            numeratorLabel={`beyond ${settings.maxCallsPerDay} a day`}
            denominatorLabel="outbound calls"
            previous={previous?.compliance.overall.beyondDailyMax}
          />
          <RateCard
            label="Messages without consent"
            figure="messagesWithoutConsent"
            rate={compliance.overall.withoutConsent}
            numeratorLabel="without consent"
            denominatorLabel="outbound messages"
            previous={previous?.compliance.overall.withoutConsent}
          />
        </div>
        <div className="mt-5 space-y-5">
          <div>
            <div className="mb-1 flex items-center justify-between gap-2">
              <h3 className="text-sm font-medium">By source</h3>
              <CsvLink
                href={csv("compliance-sources")}
                table="compliance by source"
              />
            </div>
            <ComplianceTable rows={compliance.bySource} by="source" />
          </div>
          {showAgents ? (
            <div>
              <div className="mb-1 flex items-center justify-between gap-2">
                <h3 className="text-sm font-medium">By agent</h3>
                <CsvLink
                  href={csv("compliance-agents")}
                  table="compliance by agent"
                />
              </div>
              <ComplianceTable rows={compliance.byAgent} by="agent" />
            </div>
          ) : null}
        </div>
      </Panel>

      <AttemptsPanel
        byAttempt={current.byAttempt}
        attemptsToContact={current.attemptsToContact}
        previousByAttempt={previous?.byAttempt ?? null}
        curveCsv={csv("contact-curve")}
        distributionCsv={csv("attempts-to-contact")}
        policyCalls={settings.policyCalls}
      />
    </div>
  );
}
