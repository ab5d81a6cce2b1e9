import type { Metadata } from "next";
import {
  type DelaySeries,
  RecoveryRateByDelayChart,
} from "@/components/charts/recovery-rate-by-delay-chart";
import { FilterBar } from "@/components/filters/filter-bar";
import { Panel } from "@/components/ui/panel";
import { CountCard, RateCard } from "@/components/ui/rate-card";
import { can } from "@/lib/auth/roles";
import { loadPageContext } from "@/lib/filters/page-context";
import { toQueryString } from "@/lib/filters/url";
import { formatCount, pluralise } from "@/lib/format";
import {
  getRecoveryByChannel,
  getRecoveryByDelay,
  getRecoveryByTemplate,
} from "@/lib/metrics/recovery";
import {
  getIncrementalRecovery,
  getRecoveryFunnel,
} from "@/lib/metrics/recovery-funnel";
import { ChannelTable } from "./_components/channel-table";
import { loadCompared } from "./_components/compared";
import { DelayTable, listDelayChannels } from "./_components/delay-table";
import { FunnelTable } from "./_components/funnel-table";
import { IncrementalRecoveryFigures } from "./_components/incremental-recovery";
import { channelLabels } from "./_components/labels";
import { CsvLink } from "./_components/table-parts";
import { TemplateTable } from "./_components/template-table";

export const metadata: Metadata = { title: "Recovery" };

const seriesColours = [
  "var(--color-chart-blue)",
  "var(--color-chart-orange)",
  "var(--color-chart-green)",
  "var(--color-chart-purple)",
  "var(--color-chart-vermillion)",
];

export default async function RecoveryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, db, settings, page, params, options, showAgents } =
    await loadPageContext(searchParams, "viewDashboards");
  const { filter, compare } = page;

  const [funnel, byChannel, byDelay, byTemplate, incremental] =
    await Promise.all([
      loadCompared(getRecoveryFunnel, db, filter, compare),
      loadCompared(getRecoveryByChannel, db, filter, compare),
      loadCompared(getRecoveryByDelay, db, filter, compare),
      loadCompared(getRecoveryByTemplate, db, filter, compare),
      loadCompared(getIncrementalRecovery, db, filter, compare),
    ]);

  const leadsHref = can(user.role, "viewLeads")
    ? (set: string, channel?: string) =>
        `/leads?${toQueryString(page, channel ? { set, channel } : { set })}`
    : undefined;
  const csvHref = (table: string) =>
    `/recovery/export?${toQueryString(page, { table })}`;
  const channels = byChannel.current;
  const leftOut = channels.leftOut;
  const noCallFailed = channels.callFailed === 0;

  const delayChannels = listDelayChannels(byDelay.current);
  const delaySeries: DelaySeries[] = [
    { key: "all", label: "All channels", colour: seriesColours[0] ?? "" },
    ...delayChannels.map((channel, index) => ({
      key: channel,
      label: channelLabels[channel],
      colour: seriesColours[index + 1] ?? "var(--color-chart-sky)",
    })),
  ];
  const delayPoints = byDelay.current.buckets.map((bucket) => {
    const entry = (rate: typeof bucket.rate) => ({
      percent: rate.value === null ? null : rate.value * 100,
      of: `${formatCount(rate.numerator)} of ${formatCount(rate.denominator)}`,
    });

    return {
      bucket: bucket.label,
      values: {
        all: entry(bucket.rate),
        ...Object.fromEntries(
          bucket.channels.map((item) => [item.channel, entry(item.rate)]),
        ),
      },
    };
  });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Recovery</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Call-failed leads created from {filter.from} to {filter.to} (
            {settings.reportTimezone}), recovered within{" "}
            {settings.recoveryWindowDays} days of a recovery message
            {leftOut > 0
              ? `. ${pluralise(leftOut, "lead")} without a creation instant ${leftOut === 1 ? "is" : "are"} in no period`
              : ""}
            .
          </p>
        </div>
        <FilterBar
          page={page}
          options={options}
          showAgents={showAgents}
          params={params}
        />
      </div>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <CountCard
          label="Call-failed leads"
          value={channels.callFailed}
          figure="callFailedLeads"
          note={
            funnel.current.leads === 0
              ? "No leads created in this period."
              : `of ${pluralise(funnel.current.leads, "lead")} created in the period`
          }
          previous={byChannel.previous?.callFailed}
          href={noCallFailed ? undefined : leadsHref?.("call-failed")}
        />
        <CountCard
          label="Sent a recovery message"
          value={channels.messaged}
          note={
            noCallFailed
              ? "No call-failed leads in this period."
              : `of ${pluralise(channels.callFailed, "call-failed lead")}`
          }
          previous={byChannel.previous?.messaged}
          href={channels.messaged === 0 ? undefined : leadsHref?.("messaged")}
        />
        <RateCard
          label="Recovery rate"
          rate={channels.total}
          numeratorLabel="recovered"
          denominatorLabel="call-failed leads sent a recovery message"
          figure="recoveryRate"
          previous={byChannel.previous?.total}
          href={
            channels.total.numerator === 0
              ? undefined
              : leadsHref?.("recovered")
          }
        />
      </div>

      <Panel
        title="Recovery funnel"
        description="From call-failed to converted; each step over the one before."
        figure="recoveryFunnel"
        actions={<CsvLink href={csvHref("funnel")} />}
      >
        {funnel.current.leads === 0 ? (
          <p className="text-sm">No leads created in this period.</p>
        ) : (
          <FunnelTable
            funnel={funnel.current}
            previous={funnel.previous}
            compare={compare}
            leadsHrefs={
              leadsHref
                ? {
                    call_failed: leadsHref("call-failed"),
                    messaged: leadsHref("messaged"),
                  }
                : {}
            }
          />
        )}
      </Panel>

      <Panel
        title="Recovery rate per channel"
        description="Recovered via the channel over call-failed leads sent a recovery message on it. A lead messaged on two channels counts under both."
        figure="recoveryRate"
        actions={<CsvLink href={csvHref("channels")} />}
      >
        {channels.messaged === 0 ? (
          <p className="text-sm">
            {noCallFailed
              ? "No call-failed leads in this period."
              : "No call-failed lead was sent a recovery message in this period."}
          </p>
        ) : (
          <ChannelTable
            byChannel={channels}
            previous={byChannel.previous}
            compare={compare}
            leadsHref={leadsHref}
          />
        )}
        {channels.recoveredOnOtherChannel > 0 ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
            {pluralise(channels.recoveredOnOtherChannel, "lead")} replied on a
            channel {channels.recoveredOnOtherChannel === 1 ? "it" : "they"} got
            no recovery message on: counted in all channels, in no
            channel&apos;s rate.
          </p>
        ) : null}
      </Panel>

      <Panel
        title="Recovery rate by delay"
        description="Minutes from the last failed call to the recovery message; a lead counts in the bucket of its first message."
        figure="recoveryRateByDelay"
        actions={<CsvLink href={csvHref("delays")} />}
      >
        {channels.messaged === 0 ? (
          <p className="text-sm">No recovery messages in this period.</p>
        ) : (
          <div className="space-y-4">
            <RecoveryRateByDelayChart
              points={delayPoints}
              series={delaySeries}
              label="Bar chart of the recovery rate by delay bucket; the table below gives the same figures."
            />
            <DelayTable
              byDelay={byDelay.current}
              previous={byDelay.previous}
              compare={compare}
            />
          </div>
        )}
      </Panel>

      <Panel
        title="Recovery rate by message template"
        description="Credited to the template of the last recovery message before the contact."
        figure="recoveryRateByTemplate"
        actions={<CsvLink href={csvHref("templates")} />}
      >
        {byTemplate.current.templates.length === 0 ? (
          <p className="text-sm">No recovery messages in this period.</p>
        ) : (
          <TemplateTable
            byTemplate={byTemplate.current}
            previous={byTemplate.previous}
            compare={compare}
          />
        )}
      </Panel>

      <Panel
        title="Incremental recovery"
        description="What recovery messages add over leaving call-failed leads alone."
        figure="incrementalRecovery"
        actions={<CsvLink href={csvHref("incremental")} />}
      >
        <IncrementalRecoveryFigures
          incremental={incremental.current}
          previous={incremental.previous}
          windowDays={settings.recoveryWindowDays}
        />
      </Panel>
    </div>
  );
}
