import Link from "next/link";
import { formatCount } from "@/lib/format";
import { getPageRange } from "@/lib/leads/pages";

const link =
  "rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";
const disabled =
  "rounded-md border border-slate-200 px-3 py-1 text-slate-400 dark:border-slate-800 dark:text-slate-600";

/** Where the page is in the list, with links to the pages either side. A
 * page past the last reads as the last, as the list shows it. */
export function Pagination({
  page: asked,
  pageSize,
  total,
  pageHref,
}: {
  page: number;
  pageSize: number;
  total: number;
  pageHref: (page: number) => string;
}) {
  const { page, pages, firstRow, lastRow } = getPageRange(
    asked,
    pageSize,
    total,
  );

  return (
    <nav
      aria-label="Pages"
      className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm"
    >
      <p className="tabular-nums text-slate-600 dark:text-slate-400">
        {firstRow > 0
          ? `Leads ${formatCount(firstRow)}–${formatCount(lastRow)} of ${formatCount(total)} · page ${formatCount(page)} of ${formatCount(pages)}`
          : `Page ${formatCount(page)} of ${formatCount(pages)}`}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={pageHref(page - 1)} className={link}>
            Previous page
          </Link>
        ) : (
          <span aria-disabled="true" className={disabled}>
            Previous page
          </span>
        )}
        {page < pages ? (
          <Link href={pageHref(page + 1)} className={link}>
            Next page
          </Link>
        ) : (
          <span aria-disabled="true" className={disabled}>
            Next page
          </span>
        )}
      </div>
    </nav>
  );
}
