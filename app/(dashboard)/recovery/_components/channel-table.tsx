import type { RecoveryByChannel } from "@/lib/metrics/recovery";
import { channelLabels } from "./labels";
import {
  bodyRowClass,
  headRowClass,
  linkClass,
  RateCells,
  RateHeaders,
  ScrollTable,
  thClass,
} from "./table-parts";

/** Recovery rate per channel, with the total over every channel. */
export function ChannelTable({
  byChannel,
  previous,
  compare,
  leadsHref,
}: {
  byChannel: RecoveryByChannel;
  previous: RecoveryByChannel | undefined;
  compare: boolean;
  /** The leads list of a set on a channel; undefined without access. */
  leadsHref?: (set: "messaged" | "recovered", channel?: string) => string;
}) {
  return (
    <ScrollTable caption="Recovery rate per channel: recovered via the channel over call-failed leads sent a recovery message on it">
      <thead>
        <tr className={headRowClass}>
          <th scope="col" className={thClass}>
            Channel
          </th>
          <RateHeaders
            label="Recovery rate (recovered / messaged)"
            compare={compare}
          />
          {leadsHref ? (
            <th scope="col" className={thClass}>
              Leads behind
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {byChannel.channels.map(({ channel, rate }) => (
          <tr key={channel} className={bodyRowClass}>
            <th scope="row" className="py-2 pr-4 text-left font-normal">
              {channelLabels[channel]}
            </th>
            <RateCells
              rate={rate}
              previous={
                previous?.channels.find((entry) => entry.channel === channel)
                  ?.rate
              }
              compare={compare}
            />
            {leadsHref ? (
              <td className="space-x-3 py-2 text-xs whitespace-nowrap">
                <a href={leadsHref("messaged", channel)} className={linkClass}>
                  Messaged
                  <span className="sr-only"> on {channelLabels[channel]}</span>
                </a>
                <a href={leadsHref("recovered", channel)} className={linkClass}>
                  Recovered
                  <span className="sr-only"> via {channelLabels[channel]}</span>
                </a>
              </td>
            ) : null}
          </tr>
        ))}
        <tr className={`${bodyRowClass} font-medium`}>
          <th scope="row" className="py-2 pr-4 text-left font-medium">
            All channels
          </th>
          <RateCells
            rate={byChannel.total}
            previous={previous?.total}
            compare={compare}
          />
          {leadsHref ? (
            <td className="space-x-3 py-2 text-xs font-normal whitespace-nowrap">
              <a href={leadsHref("messaged")} className={linkClass}>
                Messaged<span className="sr-only"> on any channel</span>
              </a>
              <a href={leadsHref("recovered")} className={linkClass}>
                Recovered<span className="sr-only"> via any channel</span>
              </a>
            </td>
          ) : null}
        </tr>
      </tbody>
    </ScrollTable>
  );
}
