import Link from "next/link";

export default function LeadNotFound() {
  return (
    <div className="max-w-lg space-y-2">
      <h1 className="text-2xl font-semibold">No such lead</h1>
      <p className="text-slate-600 dark:text-slate-400">
        There is no lead with this id. The link may be out of date or mistyped.
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
