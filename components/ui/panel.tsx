import { useId } from "react";
import type { FigureId } from "@/lib/metrics/definitions";
import { Explain } from "./explain";

/** A titled section of a page; its heading names the region for assistive
 * technology and for tests. */
export function Panel({
  title,
  description,
  figure,
  actions,
  children,
}: {
  title: string;
  description?: React.ReactNode;
  figure?: FigureId;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  const headingId = useId();

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="font-medium">
            {title}
          </h2>
          {description ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {description}
            </p>
          ) : null}
        </div>
        <div className="flex items-center gap-3">
          {actions}
          {figure ? <Explain figure={figure} /> : null}
        </div>
      </div>
      {children}
    </section>
  );
}
