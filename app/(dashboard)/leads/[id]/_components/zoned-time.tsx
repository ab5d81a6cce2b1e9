import type { TimelineInstant } from "@/lib/leads/instants";

/** An instant on the lead's clock, with the reporting zone's time beneath
 * it when the two clocks differ. */
export function ZonedTimeText({
  at,
  showReport = true,
}: {
  at: TimelineInstant;
  showReport?: boolean;
}) {
  const sameClock = at.lead.wall === at.report.wall;

  return (
    <time dateTime={at.iso} className="tabular-nums">
      <span className="block whitespace-nowrap">
        {at.lead.wall}{" "}
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {at.lead.offset}
        </span>
      </span>
      {showReport && !sameClock ? (
        <span className="block whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">
          {at.report.wall} in {at.report.timeZone}
        </span>
      ) : null}
    </time>
  );
}
