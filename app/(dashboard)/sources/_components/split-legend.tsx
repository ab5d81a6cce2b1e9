import {
  lostLeadClassDescriptions,
  lostLeadClassLabels,
  splitDrawingOrder,
} from "@/lib/sources-narrative/lost-lead-labels";
import { splitColours } from "./split-colours";

/** What each class of the split holds, with the colour of its segment. */
export function SplitLegend() {
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
      {splitDrawingOrder.map((leadClass) => (
        <div key={leadClass} className="flex items-start gap-2">
          <span
            aria-hidden="true"
            className="mt-1 inline-block h-3 w-3 shrink-0 rounded-sm"
            style={{ background: splitColours[leadClass] }}
          />
          <div>
            <dt className="inline font-medium">
              {lostLeadClassLabels[leadClass]}:
            </dt>{" "}
            <dd className="inline text-slate-600 dark:text-slate-400">
              {lostLeadClassDescriptions[leadClass]}
            </dd>
          </div>
        </div>
      ))}
    </dl>
  );
}
