import type { SlotZone } from "@/lib/metrics/time-slots";

/** Whose clock the grid reads; a link each, so the choice is in the URL. */
export function ZoneSwitch({
  zone,
  reportTimezone,
  leadHref,
  reportHref,
}: {
  zone: SlotZone;
  reportTimezone: string;
  leadHref: string;
  reportHref: string;
}) {
  const choices = [
    { id: "lead", label: "Lead's local time", href: leadHref },
    {
      id: "report",
      label: `Reporting zone (${reportTimezone})`,
      href: reportHref,
    },
  ] as const;

  return (
    <nav
      aria-label="Clock"
      className="flex flex-wrap items-center gap-2 text-sm"
    >
      <span className="font-medium">Clock:</span>
      {choices.map((choice) => (
        <a
          key={choice.id}
          href={choice.href}
          aria-current={zone === choice.id ? "true" : undefined}
          className={
            zone === choice.id
              ? "rounded-md border border-sky-700 bg-sky-700 px-3 py-1 font-medium text-white"
              : "rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          }
        >
          {choice.label}
        </a>
      ))}
    </nav>
  );
}
