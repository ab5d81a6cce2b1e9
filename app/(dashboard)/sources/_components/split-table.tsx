import { formatCount, formatInterval, formatShare } from "@/lib/format";
import type { LostLeadSplit } from "@/lib/metrics/lost-leads";
import { type Rate, toRate } from "@/lib/metrics/rate";
import {
  describeSplitFlag,
  lostLeadClassDescriptions,
  lostLeadClassLabels,
  splitDrawingOrder,
} from "@/lib/sources-narrative/lost-lead-labels";
import {
  bodyRowClass,
  headRowClass,
  linkClass,
  numTdClass,
  numThClass,
  ScrollTable,
  thClass,
} from "../../recovery/_components/table-parts";

type SplitClass = (typeof splitDrawingOrder)[number];

// A share of the source's leads with its count, the count linking to the
// leads in the class when the viewer may list leads.
function ShareCell({
  rate,
  href,
  label,
  flag,
}: {
  rate: Rate;
  href: string | undefined;
  label: string;
  flag: string | null;
}) {
  const interval = formatInterval(rate);
  const count = `${formatCount(rate.numerator)}/${formatCount(rate.denominator)}`;

  return (
    <td className={numTdClass} title={interval ?? "No data"}>
      <span className="block">
        {flag ? (
          <span className="mr-1 font-semibold" aria-hidden="true">
            !
          </span>
        ) : null}
        {formatShare(rate.value)}
      </span>
      <span className="block text-xs">
        {href && rate.numerator > 0 ? (
          <a href={href} className={linkClass}>
            {count}
            <span className="sr-only"> leads: {label}</span>
          </a>
        ) : (
          <span className="text-slate-500 dark:text-slate-400">{count}</span>
        )}
      </span>
      {interval ? <span className="sr-only">{interval}</span> : null}
    </td>
  );
}

/** The lost-lead split per source as a table: each class's share of the
 * source's leads, its leads, and the flags beyond the 95 % interval. */
export function SplitTable({
  split,
  leadsHref,
}: {
  split: LostLeadSplit;
  /** The leads of a class of a source; undefined without access. */
  leadsHref?: (leadClass: SplitClass, sourceId?: number) => string;
}) {
  const totalShare = (leadClass: SplitClass) =>
    leadClass === "converted"
      ? toRate(split.total.converted, split.total.leads)
      : split.total.classes[leadClass].share;

  return (
    <ScrollTable caption="Lost-lead split per source: the share of each source's leads in each class, with the classes flagged against all other sources">
      <thead>
        <tr className={headRowClass}>
          <th scope="col" className={thClass}>
            Source
          </th>
          <th scope="col" className={numThClass}>
            Leads
          </th>
          {splitDrawingOrder.map((leadClass) => (
            <th
              key={leadClass}
              scope="col"
              className={numThClass}
              title={lostLeadClassDescriptions[leadClass]}
            >
              <span className="inline-block max-w-28">
                {lostLeadClassLabels[leadClass]}
              </span>
            </th>
          ))}
          <th scope="col" className={thClass}>
            Flags
          </th>
        </tr>
      </thead>
      <tbody>
        {split.sources.map((source) => {
          const flags = split.classes
            .map((leadClass) =>
              describeSplitFlag(
                leadClass,
                source.classes[leadClass].versusOthers,
              ),
            )
            .filter((flag): flag is string => flag !== null);

          return (
            <tr key={source.sourceId} className={bodyRowClass}>
              <th scope="row" className="py-2 pr-4 text-left font-normal">
                {source.source}
              </th>
              <td className={numTdClass}>{formatCount(source.leads)}</td>
              {splitDrawingOrder.map((leadClass) => {
                const entry =
                  leadClass === "converted" ? null : source.classes[leadClass];

                return (
                  <ShareCell
                    key={leadClass}
                    rate={
                      entry?.share ?? toRate(source.converted, source.leads)
                    }
                    href={leadsHref?.(leadClass, source.sourceId)}
                    label={`${lostLeadClassLabels[leadClass]}, ${source.source}`}
                    flag={
                      entry && leadClass !== "converted"
                        ? describeSplitFlag(leadClass, entry.versusOthers)
                        : null
                    }
                  />
                );
              })}
              <td className="py-2 pr-4 text-sm">
                {flags.length === 0 ? (
                  <span className="text-slate-500 dark:text-slate-400">
                    none
                  </span>
                ) : (
                  <ul className="min-w-56 space-y-0.5">
                    {flags.map((flag) => (
                      <li key={flag}>
                        <span aria-hidden="true" className="font-semibold">
                          !{" "}
                        </span>
                        {flag}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
        <tr className={bodyRowClass}>
          <th scope="row" className="py-2 pr-4 text-left font-medium">
            All sources
          </th>
          <td className={numTdClass}>{formatCount(split.total.leads)}</td>
          {splitDrawingOrder.map((leadClass) => (
            <ShareCell
              key={leadClass}
              rate={totalShare(leadClass)}
              href={leadsHref?.(leadClass)}
              label={`${lostLeadClassLabels[leadClass]}, all sources`}
              flag={null}
            />
          ))}
          <td />
        </tr>
      </tbody>
    </ScrollTable>
  );
}
