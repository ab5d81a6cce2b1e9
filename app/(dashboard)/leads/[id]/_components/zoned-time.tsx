import type { TimelineInstant } from "@/lib/leads/instants";

/** An instant on the lead's clock, with the reporting zone's time beneath
 * it when the two clocks differ. A date and time never break; on a narrow
 * screen the offset and the zone wrap below them. */
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
      <span className="block">
        <span className="whitespace-nowrap">{at.lead.wall}</span>{" "}
        <span className="whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">
          {at.lead.offset}
        </span>
      </span>
      {showReport && !sameClock ? (
        <span className="block text-xs text-slate-500 dark:text-slate-400">
          <span className="whitespace-nowrap">{at.report.wall}</span> in{" "}
          {at.report.timeZone}
        </span>
      ) : null}
    </time>
  );
}
