import type { TimelineEntry } from "@/lib/leads/timeline";

const outcomeLabels: Record<string, string> = {
  answered: "answered",
  voicemail: "voicemail",
  no_answer: "no answer",
  busy: "busy",
  rejected: "rejected",
  invalid_number: "invalid number",
  failed: "failed (network or dialer)",
};

function describeResult(entry: TimelineEntry): string {
  if (entry.channel === "call") {
    const outcome = entry.outcome ? outcomeLabels[entry.outcome] : null;
    const duration =
      entry.durationSeconds !== null ? `, ${entry.durationSeconds} s` : "";

    return `${outcome ?? "no outcome"}${duration}`;
  }
  if (entry.direction === "inbound") return "reply from the lead";

  return entry.messageStatus ?? "no status";
}

function describeActor(entry: TimelineEntry): string {
  if (entry.automated) return "automation";
  if (entry.agent)
    return entry.team ? `${entry.agent} (${entry.team})` : entry.agent;

  return entry.direction === "inbound" ? "the lead" : "—";
}

/** The attempts and messages of one lead, earliest first, on the lead's
 * clock and in the reporting zone. */
export function TimelineTable({
  entries,
  leadTimeZone,
  reportTimeZone,
}: {
  entries: TimelineEntry[];
  leadTimeZone: string;
  reportTimeZone: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[60rem] text-sm">
        <caption className="sr-only">
          Attempts and messages of the lead, earliest first
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-700">
            <th scope="col" className="py-2 pr-4 font-medium">
              #
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Lead&apos;s clock ({leadTimeZone})
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Reporting zone ({reportTimeZone})
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Attempt
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              By
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Outcome or status
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Status times (lead&apos;s clock)
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Template
            </th>
            <th scope="col" className="py-2 font-medium">
              What it counts as
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            <tr
              key={entry.id}
              className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
            >
              <th
                scope="row"
                className="py-2 pr-4 text-left font-normal tabular-nums"
              >
                {index + 1}
              </th>
              <td className="whitespace-nowrap py-2 pr-4 tabular-nums">
                <time dateTime={entry.at.iso}>{entry.at.lead.wall}</time>
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  {entry.at.lead.offset}
                </span>
              </td>
              <td className="whitespace-nowrap py-2 pr-4 tabular-nums">
                {entry.at.report.wall}
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  {entry.at.report.offset}
                </span>
              </td>
              <td className="py-2 pr-4">
                {entry.direction} {entry.channel}
                {entry.purpose === "relationship" ? (
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    relationship, no immediate commercial goal
                  </span>
                ) : null}
              </td>
              <td className="py-2 pr-4">{describeActor(entry)}</td>
              <td className="py-2 pr-4">
                {describeResult(entry)}
                {entry.dispositionCode ? (
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    code “{entry.dispositionCode}”
                    {entry.disposition ? ` → ${entry.disposition}` : ""}
                  </span>
                ) : null}
              </td>
              <td className="py-2 pr-4 text-xs tabular-nums">
                {entry.statusTimes.length > 0 ? (
                  <ul>
                    {entry.statusTimes.map((time) => (
                      <li key={time.status} className="whitespace-nowrap">
                        {time.status} {time.at.lead.wall}
                      </li>
                    ))}
                  </ul>
                ) : (
                  "—"
                )}
              </td>
              <td className="py-2 pr-4">{entry.template ?? "—"}</td>
              <td className="py-2">
                {[
                  entry.isContact ? "contact" : null,
                  entry.isRecoveryMessage ? "recovery message" : null,
                ]
                  .filter(Boolean)
                  .join(", ") || "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
