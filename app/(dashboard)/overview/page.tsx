import type { Metadata } from "next";
import { ContactRateChart } from "@/components/charts/contact-rate-chart";
import { FilterBar } from "@/components/filters/filter-bar";
import { CountCard, RateCard } from "@/components/ui/rate-card";
import { can } from "@/lib/auth/roles";
import { pluralise } from "@/lib/format";
import { loadPageContext } from "@/lib/filters/page-context";
import { toQueryString } from "@/lib/filters/url";
import type { LeadSetId } from "@/lib/leads/sets";
import { previousPeriod } from "@/lib/metrics/filter";
import {
  getDailyContactRate,
  getOverviewFigures,
  getSourceSummary,
} from "@/lib/metrics/overview";
import { SourcesTable } from "./_components/sources-table";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, db, settings, page, params, options, showAgents } =
    await loadPageContext(searchParams, "viewDashboards");
  const { filter } = page;
  // Executives see the figures but not the lists of leads behind them.
  const leadsHref = (set: LeadSetId) =>
    can(user.role, "viewLeads")
      ? `/leads?${toQueryString(page, { set })}`
      : undefined;

  const [figures, previous, daily, sources, previousSources] =
    await Promise.all([
      getOverviewFigures(db, filter),
      page.compare ? getOverviewFigures(db, previousPeriod(filter)) : null,
      getDailyContactRate(db, filter),
      getSourceSummary(db, filter),
      page.compare ? getSourceSummary(db, previousPeriod(filter)) : undefined,
    ]);
  const points = daily.days.map(({ day, rate }) => ({
    day,
    percent: rate.value === null ? null : rate.value * 100,
    contacted: rate.numerator,
    leads: rate.denominator,
  }));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Overview</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Leads created from {filter.from} to {filter.to} (
            {settings.reportTimezone})
          </p>
        </div>
        <FilterBar
          page={page}
          options={options}
          showAgents={showAgents}
          params={params}
        />
      </div>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <CountCard
          label="Leads"
          figure="leads"
          previous={previous?.leads}
          value={figures.leads}
          href={leadsHref("all")}
          note={
            figures.leftOut > 0
              ? `${pluralise(figures.leftOut, "lead")} without a creation instant ${figures.leftOut === 1 ? "is" : "are"} in no period`
              : undefined
          }
        />
        <RateCard
          label="Lead contact rate"
          figure="leadContactRate"
          previous={previous?.leadContactRate}
          rate={figures.leadContactRate}
          href={leadsHref("contacted")}
          numeratorLabel={`contacted within ${settings.contactWindowDays} days`}
          denominatorLabel="leads"
        />
        <RateCard
          label="Call answer rate"
          figure="callAnswerRate"
          previous={previous?.callAnswerRate}
          rate={figures.callAnswerRate}
          numeratorLabel="answered"
          denominatorLabel="outbound calls"
        />
        <RateCard
          label="Conversion of contacted leads"
          figure="contactedConversionRate"
          previous={previous?.contactedConversionRate}
          rate={figures.contactedConversionRate}
          href={leadsHref("converted")}
          numeratorLabel="converted"
          denominatorLabel="contacted leads"
        />
      </div>

      <section
        aria-labelledby="daily-heading"
        className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="daily-heading" className="font-medium">
          Lead contact rate per day
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          Leads contacted within {settings.contactWindowDays} days of creation,
          by creation day.
          {daily.leftOut > 0
            ? ` ${pluralise(daily.leftOut, "lead")} without a creation instant ${daily.leftOut === 1 ? "is" : "are"} left out.`
            : ""}
        </p>
        <ContactRateChart
          points={points}
          targetPercent={settings.contactRateTarget}
        />
      </section>

      <SourcesTable rows={sources} previousRows={previousSources} />
    </div>
  );
}
