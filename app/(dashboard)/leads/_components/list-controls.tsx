import { type LeadSetId, leadSetTitles } from "@/lib/leads/sets";

const groups: { label: string; sets: LeadSetId[] }[] = [
  {
    label: "Contact",
    sets: ["all", "contacted", "not-contacted", "worked", "converted"],
  },
  {
    label: "Speed and follow-up",
    sets: [
      "not-attempted",
      "within-speed-target",
      "fully-worked",
      "not-fully-worked",
    ],
  },
  { label: "Recovery", sets: ["call-failed", "messaged", "recovered"] },
  { label: "Lead data", sets: ["invalid-contact", "duplicate"] },
  {
    label: "Lost-lead split",
    sets: [
      "lost-do_not_contact",
      "lost-lead_data",
      "lost-not_contacted_unknown_effort",
      "lost-follow_up",
      "lost-unreachable",
      "lost-not_converted",
    ],
  },
];

const field =
  "rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";

/**
 * Which set, and a search within it, as a plain GET form to /leads (which
 * sends each set to its own path). The filter travels in hidden fields so
 * that changing the set keeps the period, sources and channels.
 */
export function ListControls({
  set,
  search,
  filterQuery,
  searchLabel,
}: {
  set: LeadSetId;
  search: string;
  /** The filter's query string, without set, sort, page or search. */
  filterQuery: string;
  searchLabel: string;
}) {
  const hidden = [...new URLSearchParams(filterQuery).entries()];

  return (
    <form
      method="get"
      action="/leads"
      role="search"
      aria-label="Choose leads"
      className="flex flex-wrap items-end gap-3 text-sm"
    >
      {hidden.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="grid gap-1">
        <span className="font-medium">Leads to show</span>
        <select name="set" defaultValue={set} className={field}>
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.sets.map((id) => (
                <option key={id} value={id}>
                  {leadSetTitles[id]}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="grid gap-1">
        <span className="font-medium">{searchLabel}</span>
        <input
          type="search"
          name="q"
          defaultValue={search}
          maxLength={100}
          className={`${field} w-56`}
        />
      </label>
      <button
        type="submit"
        className="rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800"
      >
        Show
      </button>
    </form>
  );
}
