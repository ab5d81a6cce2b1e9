import { noCreationInstant } from "@/lib/leads/present";
import type { TimelineLead } from "@/lib/leads/timeline";
import { ZonedTimeText } from "./zoned-time";

const consentText = (value: boolean | null) =>
  value === null ? "not stated" : value ? "given" : "refused";

/** The lead's own record: where it came from, when, how to reach it. */
export function LeadDetails({ lead }: { lead: TimelineLead }) {
  const consent = (["call", "whatsapp", "sms", "email"] as const)
    .map((channel) => `${channel} ${consentText(lead.consent[channel])}`)
    .join(", ");

  return (
    <dl className="grid grid-cols-[minmax(7rem,auto)_minmax(0,1fr)] gap-x-4 gap-y-2 break-words text-sm">
      <dt className="text-slate-600 dark:text-slate-400">Created</dt>
      <dd>
        {lead.createdAt ? (
          <ZonedTimeText at={lead.createdAt} />
        ) : (
          `${noCreationInstant}: the lead is in no period`
        )}
      </dd>
      <dt className="text-slate-600 dark:text-slate-400">Time zone</dt>
      <dd>{lead.timeZone}</dd>
      <dt className="text-slate-600 dark:text-slate-400">Phone</dt>
      <dd className="tabular-nums">{lead.phone ?? "—"}</dd>
      <dt className="text-slate-600 dark:text-slate-400">E-mail</dt>
      <dd className="break-all">{lead.email ?? "—"}</dd>
      <dt className="text-slate-600 dark:text-slate-400">Consent</dt>
      <dd>{consent}</dd>
      <dt className="text-slate-600 dark:text-slate-400">Preferred slot</dt>
      <dd>
        {lead.preferredSlot ? (
          <span className="flex flex-wrap gap-x-2">
            <ZonedTimeText at={lead.preferredSlot.start} /> to{" "}
            <ZonedTimeText at={lead.preferredSlot.end} />
          </span>
        ) : (
          "none asked for"
        )}
      </dd>
      <dt className="text-slate-600 dark:text-slate-400">Last outcome code</dt>
      <dd>{lead.dispositionCode ?? "—"}</dd>
      <dt className="text-slate-600 dark:text-slate-400">Converted at</dt>
      <dd>
        {lead.convertedAt ? <ZonedTimeText at={lead.convertedAt} /> : "—"}
      </dd>
    </dl>
  );
}
