import type { Channel, RecoveryByDelay } from "@/lib/metrics/recovery";
import { toRate } from "@/lib/metrics/rate";
import { channelLabels } from "./labels";
import {
  bodyRowClass,
  headRowClass,
  RateCells,
  RateHeaders,
  ScrollTable,
  thClass,
} from "./table-parts";

/** The channels that appear in any bucket, in a fixed order. */
export function listDelayChannels(byDelay: RecoveryByDelay): Channel[] {
  const seen = new Set(
    byDelay.buckets.flatMap((bucket) =>
      bucket.channels.map((entry) => entry.channel),
    ),
  );

  return (Object.keys(channelLabels) as Channel[]).filter((channel) =>
    seen.has(channel),
  );
}

/** Recovery rate by minutes from the last failed call to the message, for
 * every channel together and per channel. */
export function DelayTable({
  byDelay,
  previous,
  compare,
}: {
  byDelay: RecoveryByDelay;
  previous: RecoveryByDelay | undefined;
  compare: boolean;
}) {
  const channels = listDelayChannels(byDelay);
  const none = toRate(0, 0);
  const rateOf = (
    source: RecoveryByDelay | undefined,
    bucket: string,
    channel?: Channel,
  ) => {
    const entry = source?.buckets.find((item) => item.bucket === bucket);
    if (!entry) return undefined;
    if (channel === undefined) return entry.rate;

    return (
      entry.channels.find((item) => item.channel === channel)?.rate ?? none
    );
  };

  return (
    <ScrollTable caption="Recovery rate by delay from the last failed call to the first recovery message, all channels and per channel">
      <thead>
        <tr className={headRowClass}>
          <th scope="col" className={thClass}>
            Delay
          </th>
          <RateHeaders label="All channels" compare={compare} />
          {channels.map((channel) => (
            <RateHeaders
              key={channel}
              label={channelLabels[channel]}
              compare={compare}
            />
          ))}
        </tr>
      </thead>
      <tbody>
        {byDelay.buckets.map((bucket) => (
          <tr key={bucket.bucket} className={bodyRowClass}>
            <th
              scope="row"
              className="py-2 pr-4 text-left font-normal whitespace-nowrap"
            >
              {bucket.label}
            </th>
            <RateCells
              rate={bucket.rate}
              previous={rateOf(previous, bucket.bucket)}
              compare={compare}
            />
            {channels.map((channel) => (
              <RateCells
                key={channel}
                rate={rateOf(byDelay, bucket.bucket, channel) ?? none}
                previous={rateOf(previous, bucket.bucket, channel)}
                compare={compare}
              />
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
