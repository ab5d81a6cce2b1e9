import type { Period } from "@/lib/period";

/** A plain GET form: the period lives in the URL, so a link shows the same view. */
export function PeriodForm({ period }: { period: Period }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-2 text-sm">
      <label className="flex flex-col">
        <span className="font-medium">From</span>
        <input
          type="date"
          name="from"
          defaultValue={period.from}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <label className="flex flex-col">
        <span className="font-medium">To</span>
        <input
          type="date"
          name="to"
          defaultValue={period.to}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
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
