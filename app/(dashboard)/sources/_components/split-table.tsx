import { formatPointsChange, getPointsChange } from "@/lib/compare/change";
import { formatCount, formatInterval, formatShare } from "@/lib/format";
import type { LostLeadShare, LostLeadSplit } from "@/lib/metrics/lost-leads";
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

/** A source's split, or all sources together. */
type SplitGroup = {
  leads: number;
  converted: number;
  classes: Record<Exclude<SplitClass, "converted">, LostLeadShare>;
};

function shareOf(group: SplitGroup, leadClass: SplitClass): Rate {
  return leadClass === "converted"
    ? toRate(group.converted, group.leads)
    : group.classes[leadClass].share;
}

/** The change of a class's share in points against the same group in the
 * previous period; a group absent there, or without leads, has no data. */
function describeChange(
  group: SplitGroup,
  previous: SplitGroup | undefined,
  leadClass: SplitClass,
): string {
  const points = getPointsChange(
    shareOf(group, leadClass).value,
    previous ? shareOf(previous, leadClass).value : null,
  );

  return points === null
    ? "no data in the previous period"
    : `${formatPointsChange(points)} vs previous`;
}

// A share of the source's leads with its count, the count linking to the
// leads in the class when the viewer may list leads.
function ShareCell({
  rate,
  href,
  label,
  flag,
  change,
}: {
  rate: Rate;
  href: string | undefined;
  label: string;
  flag: string | null;
  /** The change against the previous period, when the view compares. */
  change?: string;
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
      {change ? (
        <span className="block text-xs whitespace-nowrap text-slate-600 dark:text-slate-400">
          {change}
        </span>
      ) : null}
      {interval ? <span className="sr-only">{interval}</span> : null}
    </td>
  );
}

/** The lost-lead split per source as a table: each class's share of the
 * source's leads, its leads, and the flags beyond the 95 % interval; with
 * each share's change in points when the view compares. */
export function SplitTable({
  split,
  previous,
  leadsHref,
}: {
  split: LostLeadSplit;
  /** The split of the previous period, when the view compares. */
  previous?: LostLeadSplit;
  /** The leads of a class of a source; undefined without access. */
  leadsHref?: (leadClass: SplitClass, sourceId?: number) => string;
}) {
  const previousOf = (sourceId: number) =>
    previous?.sources.find((entry) => entry.sourceId === sourceId);

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
              {splitDrawingOrder.map((leadClass) => (
                <ShareCell
                  key={leadClass}
                  rate={shareOf(source, leadClass)}
                  href={leadsHref?.(leadClass, source.sourceId)}
                  label={`${lostLeadClassLabels[leadClass]}, ${source.source}`}
                  flag={
                    leadClass === "converted"
                      ? null
                      : describeSplitFlag(
                          leadClass,
                          source.classes[leadClass].versusOthers,
                        )
                  }
                  change={
                    previous
                      ? describeChange(
                          source,
                          previousOf(source.sourceId),
                          leadClass,
                        )
                      : undefined
                  }
                />
              ))}
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
              rate={shareOf(split.total, leadClass)}
              href={leadsHref?.(leadClass)}
              label={`${lostLeadClassLabels[leadClass]}, all sources`}
              flag={null}
              change={
                previous
                  ? describeChange(split.total, previous.total, leadClass)
                  : undefined
              }
            />
          ))}
          <td />
        </tr>
      </tbody>
    </ScrollTable>
  );
}
