import Link from "next/link";

export default function LeadSetNotFound() {
  return (
    <div className="max-w-lg space-y-2">
      <h1 className="text-2xl font-semibold">No such list of leads</h1>
      <p className="text-slate-600 dark:text-slate-400">
        This address names a set of leads that Reachboard does not have. The
        link may be out of date.
      </p>
      <Link
        href="/leads"
        className="inline-block text-sky-700 underline dark:text-sky-400"
      >
        See all leads
      </Link>
    </div>
  );
}
