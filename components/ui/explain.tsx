import {
  type FigureDefinition,
  type FigureId,
  figureDefinitions,
} from "@/lib/metrics/definitions";

// What the figure counts or measures, in words that read for every unit.
const unitText: Record<FigureDefinition["unit"], string> = {
  lead: "Counted per lead.",
  attempt: "Counted per attempt.",
  person: "Counted per person.",
  minutes: "In minutes.",
  money: "An amount in the reporting currency.",
  share: "A share of a total.",
};

/** "How is this computed": the figure's definition, numerator and
 * denominator, in a disclosure that works by keyboard and without script. */
export function Explain({ figure }: { figure: FigureId }) {
  const definition = figureDefinitions[figure];
  const parts = definition as { numerator?: string; denominator?: string };

  return (
    <details className="group relative inline-block text-left text-xs">
      <summary className="cursor-pointer list-none rounded text-sky-700 underline decoration-dotted underline-offset-2 dark:text-sky-400">
        How is this computed?
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-72 rounded-md border border-slate-300 bg-white p-3 text-sm font-normal text-slate-800 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
        <p className="font-medium">{definition.name}</p>
        <p className="mt-1">{definition.definition}</p>
        {parts.numerator ? (
          <p className="mt-2">
            <span className="font-medium">Numerator:</span> {parts.numerator}
          </p>
        ) : null}
        {parts.denominator ? (
          <p>
            <span className="font-medium">Denominator:</span>{" "}
            {parts.denominator}
          </p>
        ) : null}
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          {unitText[definition.unit]}
        </p>
      </div>
    </details>
  );
}
