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
const blues = [
  { background: "#eff3ff", text: "#0f172a" },
  { background: "#c6dbef", text: "#0f172a" },
  { background: "#9ecae1", text: "#0f172a" },
  { background: "#6baed6", text: "#0f172a" },
  { background: "#3182bd", text: "#ffffff" },
  { background: "#08519c", text: "#ffffff" },
] as const;

// Thin cells are hatched as well as coloured: shape, not colour alone.
export const thinHatch =
  "repeating-linear-gradient(135deg, rgba(15, 23, 42, 0.28) 0 2px, transparent 2px 6px)";
// The same hatch on the grey of message-only cells, lighter in dark mode.
const thinHatchClass =
  "bg-[repeating-linear-gradient(135deg,rgba(15,23,42,0.28)_0_2px,transparent_2px_6px)] dark:bg-[repeating-linear-gradient(135deg,rgba(226,232,240,0.4)_0_2px,transparent_2px_6px)]";

/** The answer rates the colours span: those of the cells that are not thin
 * (all tried cells when none is), so that the grid's own differences show
 * even when every rate is low. */
export type HeatScale = { low: number; high: number };

export function buildHeatScale(cells: TimeSlotCell[]): HeatScale {
  const rated = cells.filter((cell) => cell.answerRate.value !== null);
  const solid = rated.filter((cell) => !cell.thin);
  const values = (solid.length > 0 ? solid : rated).map(
    (cell) => cell.answerRate.value ?? 0,
  );
  if (values.length === 0) return { low: 0, high: 1 };

  return { low: Math.min(...values), high: Math.max(...values) };
}

function stepOf(value: number, scale: HeatScale) {
  const span = scale.high - scale.low;
  const index =
    span <= 0
      ? blues.length - 1
      : Math.floor(((value - scale.low) / span) * blues.length);

  return blues[Math.min(blues.length - 1, Math.max(0, index))] ?? blues[0];
}

function formatChange(change: number | null): string {
  if (change === null) return "";
  const points = Math.round(change);
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";

  return `${sign}${Math.abs(points)}`;
}

function Cell({
  cell,
  previous,
  minCellAttempts,
  compare,
  scale,
}: {
  cell: TimeSlotCell;
  previous: TimeSlotCell | undefined;
  minCellAttempts: number;
  compare: boolean;
  scale: HeatScale;
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
        className={`${base} bg-slate-200 text-[10px] text-slate-700 dark:bg-slate-700 dark:text-slate-200 ${cell.thin ? thinHatchClass : ""}`}
      >
        msg
        <span className="block">{cell.attempts}</span>
      </td>
    );
  }
  const step = stepOf(cell.answerRate.value, scale);

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
        {cell.answerRate.value === 1
          ? "100"
          : (cell.answerRate.value * 100).toFixed(1)}
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
  const scale = buildHeatScale(grid.cells);

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
            <td className="sticky left-0 z-10 bg-white dark:bg-slate-900" />
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
                className="sticky left-0 z-10 bg-white pr-2 text-left text-xs font-medium whitespace-nowrap dark:bg-slate-900"
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
                    scale={scale}
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
export function HeatmapLegend({ grid }: { grid: TimeSlotGrid }) {
  const scale = buildHeatScale(grid.cells);
  const width = (scale.high - scale.low) / blues.length;
  const percent = (value: number) => `${(value * 100).toFixed(1)}`;

  return (
    <div className="mt-3 flex flex-wrap items-center gap-x-5 gap-y-2 text-xs text-slate-700 dark:text-slate-300">
      <div className="flex flex-wrap items-center gap-1">
        <span>Answered, from this grid&apos;s lowest to its highest:</span>
        <ul className="flex flex-wrap" aria-label="Colour scale">
          {blues.map((step, index) => (
            <li
              key={step.background}
              className="px-1.5 py-0.5 whitespace-nowrap tabular-nums"
              style={{ backgroundColor: step.background, color: step.text }}
            >
              {width > 0
                ? `${percent(scale.low + index * width)}–${percent(scale.low + (index + 1) * width)} %`
                : index === blues.length - 1
                  ? `${percent(scale.high)} %`
                  : "·"}
            </li>
          ))}
        </ul>
      </div>
      <div className="flex items-center gap-1.5">
        <span
          aria-hidden="true"
          className="inline-block h-4 w-6 shrink-0 border border-slate-400 bg-[#c6dbef]"
          style={{ backgroundImage: thinHatch }}
        />
        <span>
          Thin (hatched, italic): fewer than {grid.minCellAttempts} attempts
        </span>
      </div>
      <div className="flex items-center gap-1.5">
        <span
          aria-hidden="true"
          className="inline-block h-4 w-6 shrink-0 rounded-sm border border-dotted border-slate-400 text-center leading-4 text-slate-400"
        >
          –
        </span>
        <span>Untried: no attempts, not zero</span>
      </div>
      <div className="flex items-center gap-1.5">
        <span
          aria-hidden="true"
          className="inline-block h-4 w-6 shrink-0 bg-slate-200 text-center text-[10px] leading-4 dark:bg-slate-700"
        >
          msg
        </span>
        <span>Messages only: no calls to answer</span>
      </div>
    </div>
  );
}
