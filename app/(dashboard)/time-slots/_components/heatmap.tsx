import { getRateChange } from "@/lib/metrics/compare";
import type { TimeSlotCell, TimeSlotGrid } from "@/lib/metrics/time-slots";
import {
  describeCell,
  nameCell,
  nameHour,
  weekdayNames,
} from "@/lib/time-slots/slot-words";

// A single-hue sequential blue scale (ColorBrewer Blues): it reads the same
// with every common colour-vision deficiency, and the number is in the cell.
export const heatSteps = [
  { from: 0, background: "#eff3ff", text: "#0f172a" },
  { from: 0.1, background: "#c6dbef", text: "#0f172a" },
  { from: 0.2, background: "#9ecae1", text: "#0f172a" },
  { from: 0.3, background: "#6baed6", text: "#0f172a" },
  { from: 0.4, background: "#3182bd", text: "#ffffff" },
  { from: 0.5, background: "#08519c", text: "#ffffff" },
] as const;

// Thin cells are hatched as well as coloured: shape, not colour alone.
export const thinHatch =
  "repeating-linear-gradient(135deg, rgba(15, 23, 42, 0.28) 0 2px, transparent 2px 6px)";

function stepOf(value: number) {
  return (
    [...heatSteps].reverse().find((step) => value >= step.from) ?? heatSteps[0]
  );
}

function formatChange(change: number | null): string {
  if (change === null) return "";
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";

  return `${sign}${Math.abs(change).toFixed(0)}`;
}

function Cell({
  cell,
  previous,
  minCellAttempts,
  compare,
}: {
  cell: TimeSlotCell;
  previous: TimeSlotCell | undefined;
  minCellAttempts: number;
  compare: boolean;
}) {
  const change =
    compare && previous
      ? getRateChange(cell.answerRate, previous.answerRate)
      : null;
  const comparison = compare
    ? change === null
      ? "; no comparison with the previous period (no data)"
      : `; ${formatChange(change)} points against the previous period (${describeCell(previous ?? cell, minCellAttempts)})`
    : "";
  const label = `${nameCell(cell)}: ${describeCell(cell, minCellAttempts)}${comparison}`;
  const base =
    "h-11 min-w-[2.6rem] border border-white p-0 text-center align-middle leading-tight tabular-nums dark:border-slate-900";

  if (cell.untried) {
    return (
      <td
        aria-label={label}
        title={label}
        data-state="untried"
        className={`${base} text-slate-400 dark:text-slate-500`}
      >
        <span className="block rounded-sm border border-dotted border-slate-300 py-2.5 text-xs dark:border-slate-700">
          –
        </span>
      </td>
    );
  }
  if (cell.answerRate.value === null) {
    return (
      <td
        aria-label={label}
        title={label}
        data-state={cell.thin ? "thin" : "no-calls"}
        className={`${base} bg-slate-200 text-[10px] text-slate-700 dark:bg-slate-700 dark:text-slate-200`}
        style={cell.thin ? { backgroundImage: thinHatch } : undefined}
      >
        msg
        <span className="block">{cell.attempts}</span>
      </td>
    );
  }
  const step = stepOf(cell.answerRate.value);

  return (
    <td
      aria-label={label}
      title={label}
      data-state={cell.thin ? "thin" : "tried"}
      className={`${base} ${cell.thin ? "italic" : "font-medium"}`}
      style={{
        backgroundColor: step.background,
        color: step.text,
        backgroundImage: cell.thin ? thinHatch : undefined,
      }}
    >
      <span className="block text-xs">
        {Math.round(cell.answerRate.value * 100)}
      </span>
      <span className="block text-[10px] opacity-80">{cell.calls}</span>
      {compare ? (
        <span className="block text-[10px]">{formatChange(change) || "·"}</span>
      ) : null}
    </td>
  );
}

/** The weekday × hour grid as a table: each cell the answer rate in
 * percent over its number of calls, with its words in its label. */
export function Heatmap({
  grid,
  previous,
}: {
  grid: TimeSlotGrid;
  previous: TimeSlotGrid | null;
}) {
  const before = new Map(
    previous?.cells.map((cell) => [`${cell.weekday}/${cell.hour}`, cell]) ?? [],
  );
  const hours = Array.from({ length: 24 }, (_, hour) => hour);

  return (
    <div className="-mx-1 overflow-x-auto px-1">
      <table className="w-full min-w-max border-collapse text-sm">
        <caption className="sr-only">
          Answer rate by weekday and hour: each cell gives the percent of calls
          answered, then the number of calls
          {previous ? ", then the change in points" : ""}.
        </caption>
        <thead>
          <tr>
            <td />
            {hours.map((hour) => (
              <th
                key={hour}
                scope="col"
                className="px-0.5 pb-1 text-center text-xs font-normal text-slate-600 dark:text-slate-400"
              >
                <span aria-hidden="true">{hour}</span>
                <span className="sr-only">{nameHour(hour)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weekdayNames.map((weekday, index) => (
            <tr key={weekday}>
              <th
                scope="row"
                className="pr-2 text-left text-xs font-medium whitespace-nowrap"
              >
                <span aria-hidden="true">{weekday.slice(0, 3)}</span>
                <span className="sr-only">{weekday}</span>
              </th>
              {grid.cells
                .filter((cell) => cell.weekday === index + 1)
                .map((cell) => (
                  <Cell
                    key={cell.hour}
                    cell={cell}
                    previous={before.get(`${cell.weekday}/${cell.hour}`)}
                    minCellAttempts={grid.minCellAttempts}
                    compare={previous !== null}
                  />
                ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the colours, hatching and dashes mean. */
export function HeatmapLegend({
  minCellAttempts,
}: {
  minCellAttempts: number;
}) {
  return (
    <div className="mt-3 flex flex-wrap items-center gap-x-5 gap-y-2 text-xs text-slate-700 dark:text-slate-300">
      <div className="flex items-center gap-1">
        <span>Answered:</span>
        <ul className="flex" aria-label="Colour scale">
          {heatSteps.map((step, index) => {
            const next = heatSteps[index + 1];
            const range = next
              ? `${step.from * 100}–${next.from * 100} %`
              : `${step.from * 100} % or more`;

            return (
              <li
                key={step.from}
                className="px-1.5 py-0.5"
                style={{ backgroundColor: step.background, color: step.text }}
              >
                {range}
              </li>
            );
          })}
        </ul>
      </div>
      <div className="flex items-center gap-1.5">
        <span
          aria-hidden="true"
          className="inline-block h-4 w-6 border border-slate-400 bg-[#c6dbef]"
          style={{ backgroundImage: thinHatch }}
        />
        <span>
          Thin (hatched, italic): fewer than {minCellAttempts} attempts
        </span>
      </div>
      <div className="flex items-center gap-1.5">
        <span
          aria-hidden="true"
          className="inline-block h-4 w-6 rounded-sm border border-dotted border-slate-400 text-center leading-4 text-slate-400"
        >
          –
        </span>
        <span>Untried: no attempts, not zero</span>
      </div>
      <div className="flex items-center gap-1.5">
        <span
          aria-hidden="true"
          className="inline-block h-4 w-6 bg-slate-200 text-center text-[10px] leading-4 dark:bg-slate-700"
        >
          msg
        </span>
        <span>Messages only: no calls to answer</span>
      </div>
    </div>
  );
}
